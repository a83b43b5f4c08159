//! Tags: the labels that organise workflows.

use serde::Deserialize;

use super::client::{Client, Transport};
use super::de;
use super::error::ApiError;
use super::paging::{collect_all, Page, Position};
use super::query::Query;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub name: String,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// n8n refuses tag names outside 1 to 24 characters (with a misleading 409): check before sending.
pub const MAX_TAG_NAME: usize = 24;

pub async fn list<T: Transport>(
    client: &Client<T>,
    position: &Position,
) -> Result<Page<Tag>, ApiError> {
    client.get("/tags", &position.api_query(Query::new())).await
}

/// Every tag of the instance, sorted by name (for pickers and filters).
pub async fn list_all<T: Transport>(client: &Client<T>) -> Result<Vec<Tag>, ApiError> {
    let mut tags = collect_all(|cursor| async move {
        let query = Query::new().push("limit", "250").push_opt("cursor", cursor);
        client.get::<Page<Tag>>("/tags", &query).await
    })
    .await?;
    tags.sort_by_key(|t| t.name.to_lowercase());
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    #[test]
    fn list_all_follows_cursors_and_sorts() {
        let canned = Canned::default()
            .json(200, r#"{"data":[{"id":"1","name":"staging"}],"nextCursor":"c2"}"#)
            .json(200, r#"{"data":[{"id":"2","name":"Billing","createdAt":"2026-11-01T10:00:00.000Z"}],"nextCursor":null}"#);
        let tags = run(list_all(&client(&canned))).unwrap();
        assert_eq!(
            tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["Billing", "staging"]
        );
        let sent = canned.sent.borrow();
        assert_eq!(sent[0].url, "/api/v1/tags?limit=250");
        assert_eq!(sent[1].url, "/api/v1/tags?limit=250&cursor=c2");
    }
}
