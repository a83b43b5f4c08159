//! Variables: the `$vars` every workflow can read (licence-gated in n8n).

use serde::{Deserialize, Serialize};

use super::client::{Client, Method, Transport};
use super::de;
use super::error::ApiError;
use super::paging::{Page, Position};
use super::query::{encode_component, Query};

/// n8n's limits: keys up to 50 characters, values up to 1000.
pub const MAX_KEY: usize = 50;
pub const MAX_VALUE: usize = 1000;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Variable {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub key: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub value: String,
    #[serde(rename = "type", default, deserialize_with = "de::null_default")]
    pub value_type: String,
}

pub async fn list<T: Transport>(
    client: &Client<T>,
    position: &Position,
) -> Result<Page<Variable>, ApiError> {
    client
        .get("/variables", &position.api_query(Query::new()))
        .await
        .map_err(|e| e.needs_scope("variable:list"))
}

/// Every variable, for the filter box (n8n's list has no key filter).
pub async fn list_all<T: Transport>(client: &Client<T>) -> Result<Vec<Variable>, ApiError> {
    super::paging::read_all(client, "/variables", &Query::new())
        .await
        .map_err(|e| e.needs_scope("variable:list"))
}

/// Checks a key as n8n does, before sending: letters, digits and underscores, not starting with a
/// digit, at most 50 characters.
pub fn check_key(key: &str) -> Result<String, String> {
    let key = key.trim();
    if key.is_empty() {
        return Err("Give the variable a key.".into());
    }
    let mut chars = key.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !first_ok || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(
            "A key may hold only letters, digits and underscores, and cannot start with a digit (n8n's rule)."
                .into(),
        );
    }
    if key.chars().count() > MAX_KEY {
        return Err(format!("A key has at most {MAX_KEY} characters."));
    }
    Ok(key.to_string())
}

pub fn check_value(value: &str) -> Result<(), String> {
    let length = value.chars().count();
    if length > MAX_VALUE {
        return Err(format!(
            "The value is {length} characters long; n8n allows at most {MAX_VALUE}."
        ));
    }
    Ok(())
}

#[derive(Serialize)]
struct Body<'a> {
    key: &'a str,
    value: &'a str,
}

/// Creates a variable (n8n answers 201 with no body).
pub async fn create<T: Transport>(
    client: &Client<T>,
    key: &str,
    value: &str,
) -> Result<(), ApiError> {
    client
        .send::<_, serde::de::IgnoredAny>(Method::Post, "/variables", Some(&Body { key, value }))
        .await
        .map(|_| ())
        .map_err(|e| e.needs_scope("variable:create"))
}

/// Changes a variable's key and value (n8n answers 204).
pub async fn update<T: Transport>(
    client: &Client<T>,
    id: &str,
    key: &str,
    value: &str,
) -> Result<(), ApiError> {
    let path = format!("/variables/{}", encode_component(id));
    client
        .send::<_, serde::de::IgnoredAny>(Method::Put, &path, Some(&Body { key, value }))
        .await
        .map(|_| ())
        .map_err(|e| e.needs_scope("variable:update"))
}

pub async fn delete<T: Transport>(client: &Client<T>, id: &str) -> Result<(), ApiError> {
    let path = format!("/variables/{}", encode_component(id));
    client
        .send::<(), serde::de::IgnoredAny>(Method::Delete, &path, None)
        .await
        .map(|_| ())
        .map_err(|e| e.needs_scope("variable:delete"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    #[test]
    fn licence_gate_is_classified() {
        let canned = Canned::default().json(
            403,
            r#"{"message":"Your license does not allow for feat:variables. To enable feat:variables, please upgrade to a license that supports this feature."}"#,
        );
        let err = run(list(&client(&canned), &Position::default())).unwrap_err();
        assert!(matches!(err, ApiError::LicenceRequired { .. }), "{err:?}");
    }

    #[test]
    fn decodes_a_variable() {
        let v: Variable = serde_json::from_str(
            r#"{"id":"v1","key":"API_BASE","value":"https://x","type":"string","project":null}"#,
        )
        .unwrap();
        assert_eq!(
            (v.key.as_str(), v.value_type.as_str()),
            ("API_BASE", "string")
        );
    }

    #[test]
    fn keys_follow_n8ns_rule() {
        assert_eq!(check_key(" API_BASE_url2 ").unwrap(), "API_BASE_url2");
        assert_eq!(check_key("_private").unwrap(), "_private");
        for bad in ["", "my-var", "1abc", "with space", "ünïcode"] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
        assert!(check_key("my-var").unwrap_err().contains("letters, digits"));
        assert!(check_key(&"k".repeat(51)).is_err());
        assert!(check_value(&"v".repeat(1000)).is_ok());
        assert!(check_value(&"v".repeat(1001)).is_err());
    }

    #[test]
    fn writes_accept_empty_and_204_answers() {
        let canned = Canned::default()
            .json(201, "")
            .json(204, "")
            .json(204, "")
            .json(
                400,
                r#"{"message":"A global variable with key \"A\" already exists"}"#,
            );
        let c = client(&canned);
        run(create(&c, "A", "1")).unwrap();
        run(update(&c, "v1", "A", "2")).unwrap();
        run(delete(&c, "v1")).unwrap();
        let dup = run(create(&c, "A", "1")).unwrap_err();
        assert!(dup.to_string().contains("already exists"), "{dup}");
        let sent = canned.sent.borrow();
        assert_eq!(sent[0].body.as_deref(), Some(r#"{"key":"A","value":"1"}"#));
        assert_eq!(
            (sent[1].method, sent[1].url.as_str()),
            (Method::Put, "/api/v1/variables/v1")
        );
        assert_eq!(
            (sent[2].method, sent[2].url.as_str()),
            (Method::Delete, "/api/v1/variables/v1")
        );
    }
}
