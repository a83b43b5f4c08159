//! Workflows: the model, the list filter and the list call.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::backup;
use super::capabilities::Capabilities;
use super::client::{Client, Method, Transport};
use super::de;
use super::error::ApiError;
use super::join::{join_limited, AT_ONCE};
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
    /// The published version (n8n 1.123+); where n8n sends it, it says whether the workflow is live.
    #[serde(default, deserialize_with = "de::presence")]
    pub active_version_id: Option<Option<String>>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub tags: Vec<Tag>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub nodes: Vec<Node>,
}

impl Workflow {
    /// Published (live): see [`is_live`].
    pub fn published(&self) -> bool {
        is_live(self.active, &self.active_version_id)
    }
}

/// Whether a workflow is live (published): n8n's `activeVersionId` where the answer has it (1.123+:
/// `null` is not live), else `active`.
pub fn is_live(active: bool, active_version_id: &Option<Option<String>>) -> bool {
    match active_version_id {
        Some(version) => version.is_some(),
        None => active,
    }
}

/// A workflow's id, name and state: what counting workflows and naming them needs.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowState {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "de::null_default")]
    active: bool,
    #[serde(default, deserialize_with = "de::presence")]
    active_version_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub is_archived: bool,
}

impl WorkflowState {
    pub fn live(&self) -> bool {
        is_live(self.active, &self.active_version_id)
    }
}

/// Every workflow's state (n8n sends each whole; only these fields are kept).
pub async fn states<T: Transport>(client: &Client<T>) -> Result<Vec<WorkflowState>, ApiError> {
    let query = Query::new().push("excludePinnedData", "true");
    read_all(client, "/workflows", &query)
        .await
        .map_err(|e| e.needs_scope("workflow:list"))
}

/// Live and all workflows, archived ones left out (the Overview's tile).
pub fn live_counts(states: &[WorkflowState]) -> (usize, usize) {
    let current = states.iter().filter(|w| !w.is_archived);
    let total = current.clone().count();
    (current.filter(|w| w.live()).count(), total)
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
    /// Its parameters hold `pollTimes`: a trigger that polls (in any package). Only that is read of
    /// the parameters.
    #[serde(rename = "parameters", default, deserialize_with = "polls")]
    pub polls: bool,
}

fn polls<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Default, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Parameters {
        #[serde(default)]
        poll_times: Option<serde::de::IgnoredAny>,
    }
    Ok(Option::<Parameters>::deserialize(d)?.is_some_and(|p| p.poll_times.is_some()))
}

/// What the Workflows list is narrowed to. It maps both to n8n's query and to the console's URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkflowFilter {
    /// Case-insensitive substring of the name (n8n's `name`); empty means any.
    pub name: String,
    pub active: Option<bool>,
    /// A tag name (n8n filters tags by name).
    pub tag: Option<String>,
    /// Archived workflows (n8n's soft delete, 2.15.1+) are listed too. n8n's `GET /workflows` returns
    /// them with `isArchived: true` and has no parameter to leave them out: the console does.
    pub show_archived: bool,
}

impl UrlFilter for WorkflowFilter {
    fn from_url_query(query: &Query) -> Self {
        WorkflowFilter::from_url_query(query)
    }
    fn to_url_query(&self, query: Query) -> Query {
        WorkflowFilter::to_url_query(self, query)
    }
    fn is_empty(&self) -> bool {
        self.name.trim().is_empty()
            && self.active.is_none()
            && self.tag.is_none()
            && !self.show_archived
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
            .push_opt("archived", self.show_archived.then_some("show"))
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
            show_archived: query.get("archived") == Some("show"),
        }
    }

    /// Whether a workflow of n8n's page is shown: archived ones only when asked for.
    pub fn shows(&self, workflow: &Workflow) -> bool {
        self.show_archived || !workflow.is_archived
    }
}

pub async fn list<T: Transport>(
    client: &Client<T>,
    filter: &WorkflowFilter,
    position: &Position,
) -> Result<Page<Workflow>, ApiError> {
    let mut page: Page<Workflow> = client
        .get("/workflows", &position.api_query(filter.api_query()))
        .await
        .map_err(|e| e.needs_scope("workflow:list"))?;
    page.data.retain(|w| filter.shows(w));
    Ok(page)
}

/// Archives (n8n's soft delete) or unarchives a workflow, where the instance has it
/// (`Capabilities::archive`); answers the workflow as n8n now has it. Both need `workflow:delete`.
pub async fn set_archived<T: Transport>(
    client: &Client<T>,
    id: &str,
    archived: bool,
) -> Result<Workflow, ApiError> {
    let action = if archived { "archive" } else { "unarchive" };
    let path = format!("/workflows/{}/{action}", super::query::encode_component(id));
    client
        .send::<(), _>(Method::Post, &path, None)
        .await
        .map_err(|e| e.needs_scope("workflow:delete"))
}

/// Creates a workflow from a body `POST /workflows` takes (see [`importable`]); answers it as n8n
/// has it (inactive, with its new id).
pub async fn create<T: Transport>(client: &Client<T>, body: &Value) -> Result<Workflow, ApiError> {
    client
        .send(Method::Post, "/workflows", Some(body))
        .await
        .map_err(|e| e.needs_scope("workflow:create"))
}

/// Writes a body over workflow `id`, keeping its id (so its executions and webhook URLs stay).
/// n8n 2.x re-publishes a published workflow itself; the answer says whether it is still live.
pub async fn update<T: Transport>(
    client: &Client<T>,
    id: &str,
    body: &Value,
) -> Result<Workflow, ApiError> {
    let path = format!("/workflows/{}", super::query::encode_component(id));
    client
        .send(Method::Put, &path, Some(body))
        .await
        .map_err(|e| e.needs_scope("workflow:update"))
}

/// Sets a workflow's tags to exactly `tag_ids` (n8n's tag ids on that instance).
pub async fn set_tags<T: Transport>(
    client: &Client<T>,
    id: &str,
    tag_ids: &[String],
) -> Result<Vec<Tag>, ApiError> {
    let path = format!("/workflows/{}/tags", super::query::encode_component(id));
    let body: Vec<Value> = tag_ids
        .iter()
        .map(|id| serde_json::json!({ "id": id }))
        .collect();
    client
        .send(Method::Put, &path, Some(&body))
        .await
        .map_err(|e| e.needs_scope("workflowTags:update"))
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

/// The names of the workflows with these ids, for a view that shows only a few (the Executions
/// page's Workflow column): one `GET /workflows/{id}` each, [`AT_ONCE`] at a time. n8n's list has no
/// way to leave out nodes and connections, so reading every workflow for a page that names a few
/// downloads all of them. An id n8n no longer has (404: deleted) is left out.
pub async fn names_of<T: Transport>(
    client: &Client<T>,
    ids: Vec<String>,
) -> Result<Vec<WorkflowName>, ApiError> {
    let query = Query::new().push("excludePinnedData", "true");
    let answers = join_limited(ids, AT_ONCE, |id| {
        let path = format!("/workflows/{}", super::query::encode_component(&id));
        let query = &query;
        async move { client.get::<WorkflowName>(&path, query).await }
    })
    .await;
    let mut names = Vec::new();
    for answer in answers {
        match answer {
            Ok(name) => names.push(name),
            Err(ApiError::NotFound(_)) => {}
            Err(e) => return Err(e.needs_scope("workflow:read")),
        }
    }
    Ok(names)
}

/// Every workflow's id and name, sorted by name: one request per 250 workflows, not one per row.
/// This reads every workflow whole (see [`names_of`]): for a picker the admin opened.
pub async fn names<T: Transport>(client: &Client<T>) -> Result<Vec<WorkflowName>, ApiError> {
    let query = Query::new().push("excludePinnedData", "true");
    let mut all: Vec<WorkflowName> = read_all(client, "/workflows", &query)
        .await
        .map_err(|e| e.needs_scope("workflow:list"))?;
    sort_by_name(&mut all);
    Ok(all)
}

/// Sorts workflows by name, case-insensitively, as every picker lists them.
pub fn sort_by_name(workflows: &mut [WorkflowName]) {
    workflows.sort_by_key(|w| w.name.to_lowercase());
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
/// Where the instance has `publish` / `unpublish` (2.33+) those are used (`activate` / `deactivate`
/// are deprecated there), else the older pair. n8n refuses to publish a workflow without a trigger
/// with a 400 whose message says so.
pub async fn set_active<T: Transport>(
    client: &Client<T>,
    capabilities: &Capabilities,
    id: &str,
    active: bool,
) -> Result<Workflow, ApiError> {
    let id = super::query::encode_component(id);
    let scope = if active {
        "workflow:activate"
    } else {
        "workflow:deactivate"
    };
    let result = match (capabilities.publish, active) {
        (true, true) => {
            let path = format!("/workflows/{id}/publish");
            client
                .send(Method::Post, &path, Some(&serde_json::json!({})))
                .await
        }
        (true, false) => {
            let path = format!("/workflows/{id}/unpublish");
            client.send::<(), _>(Method::Post, &path, None).await
        }
        (false, _) => {
            let action = if active { "activate" } else { "deactivate" };
            let path = format!("/workflows/{id}/{action}");
            client.send::<(), _>(Method::Post, &path, None).await
        }
    };
    result.map_err(|e| e.needs_scope(scope))
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

/// One workflow as a backup entry: importable, and saying which workflow it was ([`backup::entry`]).
pub async fn export<T: Transport>(client: &Client<T>, id: &str) -> Result<Value, ApiError> {
    let path = format!("/workflows/{}", super::query::encode_component(id));
    let raw: Value = client
        .get(&path, &Query::new())
        .await
        .map_err(|e| e.needs_scope("workflow:read"))?;
    Ok(backup::entry(&raw))
}

/// Every workflow that matches `filter`, over all pages, as backup entries. `progress` hears how
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
    // What the list shows is what the backup holds: archived workflows only when they are shown.
    let archived = |w: &Value| w.get("isArchived").and_then(Value::as_bool) == Some(true);
    Ok(raw
        .iter()
        .filter(|w| filter.show_archived || !archived(w))
        .map(backup::entry)
        .collect())
}

/// Every workflow whole (nodes, connections, settings, tags), as n8n answers it, over all pages;
/// only those carrying the tag `tag` when one is given. What Compare and Promote read of each side.
pub async fn all_whole<T: Transport>(
    client: &Client<T>,
    tag: Option<&str>,
) -> Result<Vec<Value>, ApiError> {
    let query = Query::new().push_opt("tags", tag.map(str::to_string));
    read_all(client, "/workflows", &query)
        .await
        .map_err(|e| e.needs_scope("workflow:list"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    #[test]
    fn states_count_live_workflows_without_archived_ones() {
        let canned = Canned::default().json(
            200,
            r#"{"data":[{"id":"1","name":"A","active":true,"nodes":[{"name":"x"}]},
                        {"id":"2","name":"B","active":true,"activeVersionId":null},
                        {"id":"3","name":"C","active":false,"activeVersionId":"v3"},
                        {"id":"4","name":"D","active":true,"isArchived":true},
                        {"id":5,"name":"E"}],"nextCursor":null}"#,
        );
        let states = run(states(&client(&canned))).unwrap();
        assert!(canned.urls()[0].contains("excludePinnedData=true"));
        let live: Vec<_> = states.iter().map(|s| s.live()).collect();
        assert_eq!(live, [true, false, true, true, false]);
        assert_eq!(live_counts(&states), (2, 4));
    }

    #[test]
    fn all_whole_reads_every_page_with_the_tag_by_name() {
        let canned = Canned::default()
            .json(
                200,
                r#"{"data":[{"id":"a","name":"A","nodes":[]}],"nextCursor":"n"}"#,
            )
            .json(200, r#"{"data":[{"id":"b","name":"B"}],"nextCursor":null}"#);
        let got = run(all_whole(&client(&canned), Some("prod env"))).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[1]["id"], "b");
        assert!(
            canned.urls()[0].contains("tags=prod%20env"),
            "{:?}",
            canned.urls()
        );
        assert!(canned.urls()[1].contains("cursor=n"), "{:?}", canned.urls());
    }

    #[test]
    fn names_of_asks_each_workflow_and_leaves_out_deleted_ones() {
        let canned = Canned::default()
            .json(
                200,
                r#"{"id":"a","name":"Alpha","nodes":[{"name":"Big"}],"connections":{}}"#,
            )
            .json(404, r#"{"message":"Not Found"}"#)
            .json(200, r#"{"id":"c/1","name":"Gamma"}"#);
        let ids = vec!["a".to_string(), "gone".to_string(), "c/1".to_string()];
        let names = run(names_of(&client(&canned), ids)).unwrap();
        let names: Vec<_> = names
            .iter()
            .map(|w| (w.id.as_str(), w.name.as_str()))
            .collect();
        assert_eq!(names, [("a", "Alpha"), ("c/1", "Gamma")]);
        assert_eq!(
            canned.urls(),
            [
                "/api/v1/workflows/a?excludePinnedData=true",
                "/api/v1/workflows/gone?excludePinnedData=true",
                "/api/v1/workflows/c%2F1?excludePinnedData=true",
            ]
        );
    }

    #[test]
    fn names_of_fails_on_a_missing_scope() {
        let canned = Canned::default().json(403, r#"{"message":"Forbidden"}"#);
        let error = run(names_of(&client(&canned), vec!["a".into()])).unwrap_err();
        assert!(error.to_string().contains("workflow:read"), "{error}");
    }

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
    fn archived_workflows_are_left_out_unless_asked_for() {
        let page = r#"{"data":[{"id":"a","name":"Live","isArchived":false},
            {"id":"b","name":"Old","isArchived":true},{"id":"c","name":"No field"}],"nextCursor":"n"}"#;
        let canned = Canned::default().json(200, page).json(200, page);
        let c = client(&canned);
        let hidden = run(list(&c, &WorkflowFilter::default(), &Position::first(10))).unwrap();
        let ids: Vec<&str> = hidden.data.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(
            hidden.next(),
            Some("n"),
            "the cursor is n8n's, whatever was left out"
        );
        let shown = WorkflowFilter {
            show_archived: true,
            ..WorkflowFilter::default()
        };
        assert_eq!(
            run(list(&c, &shown, &Position::first(10)))
                .unwrap()
                .data
                .len(),
            3
        );
        // n8n has no such parameter: it never reaches the request (an old n8n would answer 400).
        assert!(canned
            .sent
            .borrow()
            .iter()
            .all(|r| !r.url.contains("archiv")));
        assert!(!shown.is_empty());
        assert_eq!(shown.to_url_query(Query::new()).encode(), "archived=show");
        assert_eq!(
            WorkflowFilter::from_url_query(&Query::new().push("archived", "show")),
            shown
        );
    }

    #[test]
    fn archive_and_unarchive_post_to_their_routes_and_name_the_scope() {
        let canned = Canned::default()
            .json(200, r#"{"id":"a b","name":"W","isArchived":true}"#)
            .json(403, r#"{"message":"Forbidden"}"#);
        let c = client(&canned);
        assert!(run(set_archived(&c, "a b", true)).unwrap().is_archived);
        let error = run(set_archived(&c, "a b", false)).unwrap_err();
        assert!(error.to_string().contains("workflow:delete"), "{error}");
        let sent = canned.sent.borrow();
        assert_eq!(sent[0].url, "/api/v1/workflows/a%20b/archive");
        assert_eq!(sent[1].url, "/api/v1/workflows/a%20b/unarchive");
        assert!(sent.iter().all(|r| r.method == Method::Post));
    }

    #[test]
    fn where_n8n_has_publish_the_console_publishes() {
        let canned = Canned::default()
            .json(
                200,
                r#"{"id":"w1","name":"W","active":true,"activeVersionId":"v7"}"#,
            )
            .json(
                200,
                r#"{"id":"w1","name":"W","active":false,"activeVersionId":null}"#,
            )
            .json(403, r#"{"message":"Forbidden"}"#);
        let c = client(&canned);
        let new = Capabilities {
            publish: true,
            ..Capabilities::default()
        };
        assert!(run(set_active(&c, &new, "w1", true)).unwrap().published());
        assert!(!run(set_active(&c, &new, "w1", false)).unwrap().published());
        let refused = run(set_active(&c, &new, "w1", true)).unwrap_err();
        assert!(
            refused.to_string().contains("workflow:activate"),
            "{refused}"
        );
        let sent = canned.sent.borrow();
        assert_eq!(sent[0].url, "/api/v1/workflows/w1/publish");
        assert_eq!(sent[0].body.as_deref(), Some("{}"));
        assert_eq!(sent[1].url, "/api/v1/workflows/w1/unpublish");
    }

    #[test]
    fn published_follows_active_version_where_n8n_sends_it() {
        let w = |json: &str| serde_json::from_str::<Workflow>(json).unwrap().published();
        assert!(w(r#"{"id":"1","active":false,"activeVersionId":"v1"}"#));
        assert!(!w(r#"{"id":"1","active":true,"activeVersionId":null}"#));
        assert!(w(r#"{"id":"1","active":true}"#));
        assert!(!w(r#"{"id":"1"}"#));
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
            show_archived: true,
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
                show_archived: true,
            },
            WorkflowFilter {
                name: String::new(),
                active: Some(false),
                tag: None,
                show_archived: false,
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
        let old = Capabilities::default();
        assert!(run(set_active(&c, &old, "a/b", true)).unwrap().active);
        let refused = run(set_active(&c, &old, "m1", false)).unwrap_err();
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
    fn create_update_and_tags_send_their_bodies_and_name_their_scopes() {
        let canned = Canned::default()
            .json(200, r#"{"id":"n1","name":"W","active":false}"#)
            .json(200, r#"{"id":"a/b","name":"W","active":true}"#)
            .json(200, r#"[{"id":"t1","name":"prod"}]"#)
            .json(403, r#"{"message":"Forbidden"}"#);
        let c = client(&canned);
        let body = serde_json::json!({"name": "W", "nodes": [], "connections": {}, "settings": {}});
        assert_eq!(run(create(&c, &body)).unwrap().id, "n1");
        assert!(run(update(&c, "a/b", &body)).unwrap().active);
        let tags = run(set_tags(&c, "a/b", &["t1".to_string()])).unwrap();
        assert_eq!(tags[0].name, "prod");
        let refused = run(set_tags(&c, "x", &[])).unwrap_err();
        assert!(
            refused.to_string().contains("workflowTags:update"),
            "{refused}"
        );
        let sent = canned.sent.borrow();
        let seen: Vec<(Method, &str, Option<&str>)> = sent
            .iter()
            .map(|r| (r.method, r.url.as_str(), r.body.as_deref()))
            .collect();
        let json = body.to_string();
        assert_eq!(
            seen,
            vec![
                (Method::Post, "/api/v1/workflows", Some(json.as_str())),
                (Method::Put, "/api/v1/workflows/a%2Fb", Some(json.as_str())),
                (
                    Method::Put,
                    "/api/v1/workflows/a%2Fb/tags",
                    Some(r#"[{"id":"t1"}]"#)
                ),
                (Method::Put, "/api/v1/workflows/x/tags", Some("[]")),
            ]
        );
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
        // Each entry says which workflow it was: id and active state beside the importable fields.
        assert_eq!(
            (all[0]["id"].clone(), all[0]["active"].clone()),
            ("1".into(), true.into())
        );
        assert_eq!(all[1]["id"], "2");
        assert_eq!(seen, [1, 2]);
        let sent = canned.sent.borrow();
        assert_eq!(sent[0].url, "/api/v1/workflows?tags=billing&limit=250");
        assert_eq!(
            sent[1].url,
            "/api/v1/workflows?tags=billing&limit=250&cursor=c2"
        );
    }
}
