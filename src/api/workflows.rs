//! Workflows: the model, the list filter and the list call.

use serde::Deserialize;

use super::client::{Client, Transport};
use super::de;
use super::error::ApiError;
use super::paging::{Page, Position};
use super::query::Query;
use super::tags::Tag;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Workflow {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub active: bool,
    #[serde(default, deserialize_with = "de::null_default")]
    pub is_archived: bool,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub tags: Vec<Tag>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub nodes: Vec<Node>,
}

/// A node of a workflow, as far as the console shows it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    #[serde(default, deserialize_with = "de::null_default")]
    pub name: String,
    #[serde(rename = "type", default, deserialize_with = "de::null_default")]
    pub node_type: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub disabled: bool,
}

/// What the Workflows list is narrowed to. It maps both to n8n's query and to the console's URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkflowFilter {
    /// Case-insensitive substring of the name (n8n's `name`); empty means any.
    pub name: String,
    pub active: Option<bool>,
    /// A tag name (n8n filters tags by name).
    pub tag: Option<String>,
}

impl WorkflowFilter {
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.active.is_none() && self.tag.is_none()
    }

    /// n8n's query: `name`, `active`, `tags`; pinned data is never needed in a list.
    pub fn api_query(&self) -> Query {
        let name = self.name.trim();
        Query::new()
            .push_opt("name", (!name.is_empty()).then(|| name.to_string()))
            .push_opt("active", self.active.map(|a| a.to_string()))
            .push_opt("tags", self.tag.clone())
            .push("excludePinnedData", "true")
    }

    /// The console's own query string: `q`, `status=active|inactive`, `tag`.
    pub fn to_url_query(&self, query: Query) -> Query {
        let name = self.name.trim();
        query
            .push_opt("q", (!name.is_empty()).then(|| name.to_string()))
            .push_opt(
                "status",
                self.active.map(|a| if a { "active" } else { "inactive" }),
            )
            .push_opt("tag", self.tag.clone())
    }

    pub fn from_url_query(query: &Query) -> Self {
        WorkflowFilter {
            name: query.get("q").unwrap_or("").trim().to_string(),
            active: match query.get("status") {
                Some("active") => Some(true),
                Some("inactive") => Some(false),
                _ => None,
            },
            tag: query
                .get("tag")
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        }
    }
}

pub async fn list<T: Transport>(
    client: &Client<T>,
    filter: &WorkflowFilter,
    position: &Position,
) -> Result<Page<Workflow>, ApiError> {
    client
        .get("/workflows", &position.api_query(filter.api_query()))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    /// Trimmed from a real n8n 2.20.0 answer, with a field the console does not know.
    const REAL_PAGE: &str = r#"{"data":[{"createdAt":"2026-11-22T10:01:02.345Z","updatedAt":"2026-11-22T10:05:00.000Z",
        "id":"Ab12Cd34Ef56Gh78","name":"Sync Stripe invoices","description":null,"active":true,"isArchived":false,
        "nodes":[{"parameters":{"path":"stripe"},"type":"n8n-nodes-base.webhook","typeVersion":2,"position":[0,0],"id":"x","name":"Webhook","webhookId":"w"}],
        "connections":{},"settings":{"executionOrder":"v1"},"staticData":null,"meta":null,"pinData":null,
        "versionId":"v","triggerCount":1,"shared":[],"tags":[{"createdAt":"2026-11-22T10:00:00.000Z","updatedAt":"2026-11-22T10:00:00.000Z","id":"t1","name":"billing"}],
        "activeVersion":{"versionId":"v"},"somethingNew":{"a":1}}],"nextCursor":"eyJsaW1pdCI6MSwib2Zmc2V0IjoxfQ=="}"#;

    #[test]
    fn decodes_a_real_page() {
        let canned = Canned::default().json(200, REAL_PAGE);
        let page = run(list(
            &client(&canned),
            &WorkflowFilter::default(),
            &Position::first(10),
        ))
        .unwrap();
        let w = &page.data[0];
        assert_eq!(
            (w.name.as_str(), w.active, w.tags[0].name.as_str()),
            ("Sync Stripe invoices", true, "billing")
        );
        assert_eq!(w.nodes[0].node_type, "n8n-nodes-base.webhook");
        assert_eq!(page.next(), Some("eyJsaW1pdCI6MSwib2Zmc2V0IjoxfQ=="));
        assert_eq!(
            canned.sent.borrow()[0].url,
            "/api/v1/workflows?excludePinnedData=true&limit=10"
        );
    }

    #[test]
    fn nulls_and_missing_fields_decode() {
        let w: Workflow = serde_json::from_str(
            r#"{"id":"1","name":null,"tags":null,"nodes":null,"active":null}"#,
        )
        .unwrap();
        assert_eq!(
            (w.name.as_str(), w.active, w.tags.len(), w.nodes.len()),
            ("", false, 0, 0)
        );
    }

    #[test]
    fn filter_builds_n8n_query() {
        let f = WorkflowFilter {
            name: "  crm backup ".into(),
            active: Some(false),
            tag: Some("prod ops".into()),
        };
        let q = f.api_query();
        assert_eq!(q.get("name"), Some("crm backup"));
        assert_eq!(q.get("active"), Some("false"));
        assert_eq!(q.get("tags"), Some("prod ops"));
        let request = Position::first(25).next("c").api_query(q).encode();
        assert_eq!(request, "name=crm%20backup&active=false&tags=prod%20ops&excludePinnedData=true&limit=25&cursor=c");
    }

    #[test]
    fn filter_url_round_trip() {
        let filters = [
            WorkflowFilter::default(),
            WorkflowFilter {
                name: "a&b".into(),
                active: Some(true),
                tag: Some("x,y".into()),
            },
            WorkflowFilter {
                name: String::new(),
                active: Some(false),
                tag: None,
            },
        ];
        for f in filters {
            let text = f.to_url_query(Query::new()).encode();
            assert_eq!(
                WorkflowFilter::from_url_query(&Query::parse(&text)),
                f,
                "{text}"
            );
        }
        assert_eq!(
            WorkflowFilter::default()
                .to_url_query(Query::new())
                .encode(),
            ""
        );
        assert_eq!(
            WorkflowFilter::from_url_query(&Query::parse("status=bogus&tag=")),
            WorkflowFilter::default()
        );
    }
}
