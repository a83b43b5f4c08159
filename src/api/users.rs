//! The instance's users (`GET /users`, owner and admins; some n8n licences gate it), for the audit's
//! "remove any you don't recognise".

use serde::Deserialize;

use super::client::{Client, Transport};
use super::de;
use super::error::ApiError;
use super::paging::read_all;
use super::query::Query;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub email: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    /// Invited, not yet signed up.
    #[serde(default, deserialize_with = "de::null_default")]
    pub is_pending: bool,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    /// `global:owner`, `global:admin`, `global:member` (asked for with `includeRole`).
    #[serde(default)]
    pub role: Option<String>,
}

impl User {
    /// First and last name, or the email when n8n has no name (a pending invite).
    pub fn display_name(&self) -> String {
        let name = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            self.email.clone()
        } else {
            name
        }
    }

    /// `Owner`, `Admin`, `Member`, or n8n's own word for a role the console does not know.
    pub fn role_label(&self) -> String {
        let role = self.role.as_deref().unwrap_or_default();
        let word = role.strip_prefix("global:").unwrap_or(role);
        let mut chars = word.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => "—".to_string(),
        }
    }
}

/// Every user, with their role.
pub async fn list<T: Transport>(client: &Client<T>) -> Result<Vec<User>, ApiError> {
    read_all(client, "/users", &Query::new().push("includeRole", "true"))
        .await
        .map_err(|e| e.needs_scope("user:list"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    #[test]
    fn users_are_read_with_their_roles_and_named() {
        let canned = Canned::default().json(
            200,
            r#"{"data":[{"id":"u1","email":"owner@example.com","firstName":"Ada","lastName":"Admin","isPending":false,"role":"global:owner","createdAt":"2026-11-01T00:00:00.000Z"},
                        {"id":2,"email":"new@example.com","firstName":null,"isPending":true,"role":"global:member"},
                        {"id":"u3","email":"x@example.com","role":"project:custom"}],"nextCursor":null}"#,
        );
        let users = run(list(&client(&canned))).unwrap();
        assert!(canned.urls()[0].starts_with("/api/v1/users?includeRole=true"));
        let rows: Vec<_> = users
            .iter()
            .map(|u| (u.display_name(), u.role_label(), u.is_pending))
            .collect();
        assert_eq!(
            rows,
            [
                ("Ada Admin".to_string(), "Owner".to_string(), false),
                ("new@example.com".to_string(), "Member".to_string(), true),
                (
                    "x@example.com".to_string(),
                    "Project:custom".to_string(),
                    false
                ),
            ]
        );
    }
}
