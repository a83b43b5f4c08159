//! Workflows: the model, the list filter and the list call.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::client::{Client, Method, Transport};
use super::de;
use super::error::ApiError;
use super::list_view::UrlFilter;
use super::paging::{read_all, read_all_reporting, Page, Position};
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

impl UrlFilter for WorkflowFilter {
    fn from_url_query(query: &Query) -> Self {
        WorkflowFilter::from_url_query(query)
    }
    fn to_url_query(&self, query: Query) -> Query {
        WorkflowFilter::to_url_query(self, query)
    }
    fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.active.is_none() && self.tag.is_none()
    }
}

impl WorkflowFilter {
    /// n8n's query: `name`, `active`, `tags`; pinned data is never needed in a list.
    pub fn api_query(&self) -> Query {
        self.api_query_for_export()
            .push("excludePinnedData", "true")
    }

    /// n8n's query for a backup: the same filter, with pinned data (it is part of the workflow).
    pub fn api_query_for_export(&self) -> Query {
        let name = self.name.trim();
        Query::new()
            .push_opt("name", (!name.is_empty()).then(|| name.to_string()))
            .push_opt("active", self.active.map(|a| a.to_string()))
            .push_opt("tags", self.tag.clone())
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
        .map_err(|e| e.needs_scope("workflow:list"))
}

/// Checks a key with the cheapest call there is (one workflow). A 403 still proves the key: n8n knows
/// it, it only lacks `workflow:list`. Everything else (401, HTML instead of JSON, no answer) is an error.
pub async fn check_key<T: Transport>(client: &Client<T>) -> Result<(), ApiError> {
    let one = Query::new()
        .push("limit", "1")
        .push("excludePinnedData", "true");
    match client.get::<Page<Workflow>>("/workflows", &one).await {
        Ok(_) | Err(ApiError::Forbidden(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A workflow's id and name: enough to name executions and fill a picker.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct WorkflowName {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub name: String,
}

/// Every workflow's id and name, sorted by name: one request per 250 workflows, not one per row.
pub async fn names<T: Transport>(client: &Client<T>) -> Result<Vec<WorkflowName>, ApiError> {
    let query = Query::new().push("excludePinnedData", "true");
    let mut all: Vec<WorkflowName> = read_all(client, "/workflows", &query)
        .await
        .map_err(|e| e.needs_scope("workflow:list"))?;
    all.sort_by_key(|w| w.name.to_lowercase());
    Ok(all)
}

/// One workflow with its nodes, for the detail view (pinned data left out).
pub async fn get<T: Transport>(client: &Client<T>, id: &str) -> Result<Workflow, ApiError> {
    client
        .get(
            &format!("/workflows/{}", super::query::encode_component(id)),
            &Query::new().push("excludePinnedData", "true"),
        )
        .await
        .map_err(|e| e.needs_scope("workflow:read"))
}

/// Publishes (`active = true`) or unpublishes a workflow; answers the workflow as n8n now has it.
/// n8n refuses to activate a workflow without a trigger with a 400 whose message says so.
pub async fn set_active<T: Transport>(
    client: &Client<T>,
    id: &str,
    active: bool,
) -> Result<Workflow, ApiError> {
    let action = if active { "activate" } else { "deactivate" };
    let path = format!("/workflows/{}/{action}", super::query::encode_component(id));
    client
        .send::<(), _>(Method::Post, &path, None)
        .await
        .map_err(|e| e.needs_scope(&format!("workflow:{action}")))
}

/// The fields `POST /workflows` accepts; everything else n8n's GET adds (id, active, tags, versionId,
/// shared, ...) makes that POST fail with 400, so an export meant for re-import holds only these.
const IMPORTABLE_FIELDS: [&str; 4] = ["name", "nodes", "connections", "settings"];
/// Kept too, but only when set: n8n answers `null` for them on most workflows.
const OPTIONAL_IMPORTABLE_FIELDS: [&str; 2] = ["staticData", "pinData"];

/// A workflow as n8n's GET answers it, reduced to the body `POST /workflows` takes again.
pub fn importable(workflow: &Value) -> Value {
    let mut out = Map::new();
    if let Value::Object(fields) = workflow {
        for key in IMPORTABLE_FIELDS {
            let value = fields.get(key).cloned().unwrap_or(Value::Null);
            let value = match (key, value) {
                ("settings", Value::Null) => Value::Object(Map::new()),
                ("connections", Value::Null) => Value::Object(Map::new()),
                ("nodes", Value::Null) => Value::Array(Vec::new()),
                (_, value) => value,
            };
            out.insert(key.to_string(), value);
        }
        for key in OPTIONAL_IMPORTABLE_FIELDS {
            match fields.get(key) {
                None | Some(Value::Null) => {}
                Some(Value::Object(map)) if map.is_empty() => {}
                Some(value) => {
                    out.insert(key.to_string(), value.clone());
                }
            }
        }
    }
    Value::Object(out)
}

/// One workflow, ready to download and import again (see [`importable`]).
pub async fn export<T: Transport>(client: &Client<T>, id: &str) -> Result<Value, ApiError> {
    let path = format!("/workflows/{}", super::query::encode_component(id));
    let raw: Value = client
        .get(&path, &Query::new())
        .await
        .map_err(|e| e.needs_scope("workflow:read"))?;
    Ok(importable(&raw))
}

/// Every workflow that matches `filter`, over all pages, reduced for re-import. `progress` hears how
/// many workflows have arrived after each page, so a long backup can show that it is moving.
pub async fn export_all<T: Transport>(
    client: &Client<T>,
    filter: &WorkflowFilter,
    progress: impl FnMut(usize),
) -> Result<Vec<Value>, ApiError> {
    let raw: Vec<Value> = read_all_reporting(
        client,
        "/workflows",
        &filter.api_query_for_export(),
        progress,
    )
    .await
    .map_err(|e| e.needs_scope("workflow:list"))?;
    Ok(raw.iter().map(importable).collect())
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
    fn check_key_accepts_a_key_without_workflow_list_and_refuses_a_wrong_one() {
        let canned = Canned::default()
            .json(200, r#"{"data":[],"nextCursor":null}"#)
            .json(403, r#"{"message":"Forbidden"}"#)
            .json(401, r#"{"message":"unauthorized"}"#);
        let c = client(&canned);
        assert_eq!(run(check_key(&c)), Ok(()));
        assert_eq!(run(check_key(&c)), Ok(()));
        assert!(run(check_key(&c)).unwrap_err().is_unauthorized());
        assert_eq!(
            canned.sent.borrow()[0].url,
            "/api/v1/workflows?limit=1&excludePinnedData=true"
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

    #[test]
    fn importable_keeps_only_what_post_accepts() {
        let got: Value = serde_json::from_str(
            r#"{"id":"Ab","name":"Sync","active":true,"isArchived":false,"versionId":"v","tags":[{"id":"t","name":"x"}],
                "nodes":[{"name":"Webhook","type":"n8n-nodes-base.webhook","parameters":{"path":"p"}}],
                "connections":{"Webhook":{"main":[[]]}},"settings":{"executionOrder":"v1"},
                "staticData":null,"pinData":{},"shared":[],"meta":{"x":1}}"#,
        )
        .unwrap();
        let out = importable(&got);
        let keys: Vec<&str> = out
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["connections", "name", "nodes", "settings"]);
        assert_eq!(out["nodes"][0]["parameters"]["path"], "p");

        let with_data: Value = serde_json::from_str(
            r#"{"name":"W","nodes":null,"staticData":{"lastId":3},"pinData":{"Webhook":[{"json":{}}]}}"#,
        )
        .unwrap();
        let out = importable(&with_data);
        assert_eq!(out["staticData"]["lastId"], 3);
        assert!(out["pinData"]["Webhook"].is_array());
        assert_eq!(
            (out["nodes"].clone(), out["settings"].clone()),
            (Value::Array(vec![]), Value::Object(Map::new()))
        );
        assert_eq!(importable(&Value::Null), Value::Object(Map::new()));
    }

    #[test]
    fn activate_and_deactivate_post_to_their_paths_and_report_refusals() {
        let canned = Canned::default()
            .json(200, r#"{"id":"a/b","name":"W","active":true}"#)
            .json(
                400,
                r#"{"message":"Workflow cannot be activated because it has no trigger node. At least one trigger, webhook, or polling node is required."}"#,
            );
        let c = client(&canned);
        assert!(run(set_active(&c, "a/b", true)).unwrap().active);
        let refused = run(set_active(&c, "m1", false)).unwrap_err();
        assert!(
            matches!(&refused, ApiError::BadRequest(m) if m.contains("no trigger node")),
            "{refused:?}"
        );
        let sent = canned.sent.borrow();
        assert_eq!(
            (sent[0].method, sent[0].url.as_str()),
            (Method::Post, "/api/v1/workflows/a%2Fb/activate")
        );
        assert_eq!(sent[1].url, "/api/v1/workflows/m1/deactivate");
        assert_eq!(sent[1].body, None);
    }

    #[test]
    fn export_all_reads_every_page_with_the_filter_and_reports_progress() {
        let canned = Canned::default()
            .json(200, r#"{"data":[{"id":"1","name":"A","nodes":[],"connections":{},"settings":{},"active":true}],"nextCursor":"c2"}"#)
            .json(200, r#"{"data":[{"id":"2","name":"B","nodes":[],"connections":{},"settings":{}}],"nextCursor":null}"#);
        let mut seen = Vec::new();
        let filter = WorkflowFilter {
            tag: Some("billing".into()),
            ..Default::default()
        };
        let all = run(export_all(&client(&canned), &filter, |n| seen.push(n))).unwrap();
        assert_eq!(
            all.iter()
                .map(|w| w["name"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert!(all
            .iter()
            .all(|w| w.get("id").is_none() && w.get("active").is_none()));
        assert_eq!(seen, [1, 2]);
        let sent = canned.sent.borrow();
        assert_eq!(sent[0].url, "/api/v1/workflows?tags=billing&limit=250");
        assert_eq!(
            sent[1].url,
            "/api/v1/workflows?tags=billing&limit=250&cursor=c2"
        );
    }
}
