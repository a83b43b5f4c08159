//! Variables: the `$vars` every workflow can read (licence-gated in n8n).

use serde::Deserialize;

use super::client::{Client, Transport};
use super::de;
use super::error::ApiError;
use super::paging::{Page, Position};
use super::query::Query;

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
}
