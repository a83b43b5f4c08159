//! The credentials an instance holds, by type and name (`GET /credentials`, n8n 2.8.4 and later;
//! 1.x has only `POST`). n8n never answers a secret here: Promote reads them to say which
//! credentials To lacks, and to point a promoted node at To's credential of the same name.

use serde::Deserialize;

use super::de;
use super::paging::read_all;
use super::promote::ToCredential;
use super::{ApiError, Client, Query, Transport};

#[derive(Deserialize)]
struct Listed {
    #[serde(deserialize_with = "de::id")]
    id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    name: String,
    #[serde(rename = "type", default, deserialize_with = "de::null_default")]
    kind: String,
}

/// Every credential of the instance (its id, type and name), over all pages.
pub async fn list_all<T: Transport>(client: &Client<T>) -> Result<Vec<ToCredential>, ApiError> {
    let listed: Vec<Listed> = read_all(client, "/credentials", &Query::new())
        .await
        .map_err(|e| e.needs_scope("credential:list"))?;
    Ok(listed
        .into_iter()
        .map(|c| ToCredential {
            id: c.id,
            kind: c.kind,
            name: c.name,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    #[test]
    fn reads_every_page_and_keeps_type_and_name() {
        let canned = Canned::default()
            .json(
                200,
                r#"{"data":[{"id":"1","name":"Slack prod","type":"slackApi","data":{}}],"nextCursor":"c2"}"#,
            )
            .json(200, r#"{"data":[{"id":2,"name":"DB","type":"postgres"}],"nextCursor":null}"#);
        let got = run(list_all(&client(&canned))).unwrap();
        assert_eq!(
            got,
            [
                ToCredential {
                    id: "1".into(),
                    kind: "slackApi".into(),
                    name: "Slack prod".into()
                },
                ToCredential {
                    id: "2".into(),
                    kind: "postgres".into(),
                    name: "DB".into()
                },
            ]
        );
        assert_eq!(canned.urls().len(), 2);
        assert!(
            canned.urls()[1].contains("cursor=c2"),
            "{:?}",
            canned.urls()
        );
    }

    #[test]
    fn a_missing_scope_is_named() {
        let canned = Canned::default().json(403, r#"{"message":"Forbidden"}"#);
        let err = run(list_all(&client(&canned))).unwrap_err();
        assert!(err.to_string().contains("credential:list"), "{err}");
    }
}
