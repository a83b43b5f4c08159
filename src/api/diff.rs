//! One workflow on two instances, compared: what "identical" ignores, and a readable diff of the rest
//! (nodes added, removed and changed, each changed field with its path and both values; connections,
//! settings and tags). Works on workflows as n8n's GET answers them (`serde_json::Value`), so nothing
//! a newer n8n adds is lost, and never panics on any JSON.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// What the comparison leaves out, in the words the Compare page shows. Each is a property of one
/// instance, not of the workflow an admin wrote: it differs between instances on identical workflows.
pub const IGNORED: [&str; 8] = [
    "ids (the workflow's and each node's)",
    "node positions on the canvas",
    "webhook ids",
    "versionId, createdAt, updatedAt and meta",
    "active and archived state",
    "credential ids (credentials are compared by type and name)",
    "static data and pinned test data",
    "the error workflow setting (an id on each instance)",
];

/// Top-level fields that are compared; every other field n8n answers (id, versionId, timestamps,
/// meta, shared, active, isArchived, staticData, pinData, ...) is left out (see [`IGNORED`]).
const COMPARED_FIELDS: [&str; 4] = ["nodes", "connections", "settings", "tags"];
/// Node fields left out: instance-local.
const IGNORED_NODE_FIELDS: [&str; 3] = ["id", "position", "webhookId"];
/// Settings left out: `errorWorkflow` holds a workflow id of the instance it lives on.
const IGNORED_SETTINGS: [&str; 1] = ["errorWorkflow"];

/// One value that differs, at a path inside its section (`parameters.url`, `options.headers[0]`).
/// `None` on one side: absent there.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub path: String,
    pub from: Option<Value>,
    pub to: Option<Value>,
}

/// A node present on both sides (matched by name, which n8n keeps unique in a workflow) that differs.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeChange {
    pub name: String,
    pub changes: Vec<Change>,
}

/// One connection: output `output` (of kind `kind`, usually `main`) of `from` to input `input` of `to`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: String,
    pub kind: String,
    pub output: u64,
    pub to: String,
    pub to_kind: String,
    pub input: u64,
}

impl Edge {
    /// `Webhook → Set` for the first main output to the first main input; the indexes otherwise.
    pub fn label(&self) -> String {
        let mut out = self.from.clone();
        if self.kind != "main" || self.output != 0 {
            out.push_str(&format!(" ({} {})", self.kind, self.output));
        }
        out.push_str(" → ");
        out.push_str(&self.to);
        if self.to_kind != "main" || self.input != 0 {
            out.push_str(&format!(" ({} {})", self.to_kind, self.input));
        }
        out
    }
}

/// Everything that differs between the `from` and the `to` side of one workflow.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkflowDiff {
    pub nodes_added: Vec<String>,
    pub nodes_removed: Vec<String>,
    pub nodes_changed: Vec<NodeChange>,
    pub connections_added: Vec<Edge>,
    pub connections_removed: Vec<Edge>,
    pub settings: Vec<Change>,
    pub tags_added: Vec<String>,
    pub tags_removed: Vec<String>,
}

impl WorkflowDiff {
    /// Identical, as far as the comparison looks (see [`IGNORED`]).
    pub fn is_empty(&self) -> bool {
        self.nodes_added.is_empty()
            && self.nodes_removed.is_empty()
            && self.nodes_changed.is_empty()
            && self.connections_added.is_empty()
            && self.connections_removed.is_empty()
            && self.settings.is_empty()
            && self.tags_added.is_empty()
            && self.tags_removed.is_empty()
    }
}

/// The diff that turns `from` into `to` ("added" is in `to` only).
pub fn diff(from: &Value, to: &Value) -> WorkflowDiff {
    let (from_nodes, to_nodes) = (nodes_by_name(from), nodes_by_name(to));
    let mut out = WorkflowDiff::default();
    for (name, node) in &to_nodes {
        match from_nodes.get(name) {
            None => out.nodes_added.push(name.clone()),
            Some(before) => {
                let mut changes = Vec::new();
                changes_between("", before, node, &mut changes);
                if !changes.is_empty() {
                    out.nodes_changed.push(NodeChange {
                        name: name.clone(),
                        changes,
                    });
                }
            }
        }
    }
    out.nodes_removed = from_nodes
        .keys()
        .filter(|name| !to_nodes.contains_key(*name))
        .cloned()
        .collect();

    let (from_edges, to_edges) = (edges(from), edges(to));
    out.connections_added = to_edges.difference(&from_edges).cloned().collect();
    out.connections_removed = from_edges.difference(&to_edges).cloned().collect();

    changes_between("", &settings(from), &settings(to), &mut out.settings);

    let tag_set =
        |w: &Value| -> BTreeSet<String> { tag_names(w).unwrap_or_default().into_iter().collect() };
    let (from_tags, to_tags) = (tag_set(from), tag_set(to));
    out.tags_added = to_tags.difference(&from_tags).cloned().collect();
    out.tags_removed = from_tags.difference(&to_tags).cloned().collect();
    out
}

/// Identical as far as the comparison looks (see [`IGNORED`]).
pub fn identical(from: &Value, to: &Value) -> bool {
    diff(from, to).is_empty()
}

/// The fields the comparison reads, for the page's "raw JSON" beside the diff: [`COMPARED_FIELDS`]
/// and the name, in n8n's own shape.
pub fn compared_part(workflow: &Value) -> Value {
    let mut out = Map::new();
    for key in std::iter::once("name").chain(COMPARED_FIELDS) {
        if let Some(value) = workflow.get(key) {
            out.insert(key.to_string(), value.clone());
        }
    }
    Value::Object(out)
}

/// Each node by its name, without its instance-local fields, credentials as `{type: name}`.
/// A node without a name cannot be connected or matched: it is keyed by its position in the list.
fn nodes_by_name(workflow: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let Some(nodes) = workflow.get("nodes").and_then(Value::as_array) else {
        return out;
    };
    for (index, node) in nodes.iter().enumerate() {
        let Some(fields) = node.as_object() else {
            continue;
        };
        let name = match fields.get("name").and_then(Value::as_str) {
            Some(name) => name.to_string(),
            None => format!("(node {})", index + 1),
        };
        let mut kept = Map::new();
        for (key, value) in fields {
            if key == "name" || IGNORED_NODE_FIELDS.contains(&key.as_str()) {
                continue;
            }
            let value = if key == "credentials" {
                credentials_by_name(value)
            } else {
                value.clone()
            };
            kept.insert(key.clone(), value);
        }
        out.insert(name, Value::Object(kept));
    }
    out
}

/// `{"httpBasicAuth": {"id": "7", "name": "Staging API"}}` becomes `{"httpBasicAuth": "Staging API"}`:
/// the id is the instance's own.
fn credentials_by_name(credentials: &Value) -> Value {
    let Some(by_type) = credentials.as_object() else {
        return credentials.clone();
    };
    let named = by_type
        .iter()
        .map(|(kind, credential)| {
            let name = credential
                .get("name")
                .cloned()
                .unwrap_or_else(|| credential.clone());
            (kind.clone(), name)
        })
        .collect();
    Value::Object(named)
}

/// n8n's `connections` (`{"Webhook": {"main": [[{"node": "Set", "type": "main", "index": 0}]]}}`)
/// as a set of edges, so the order n8n keeps them in does not count.
fn edges(workflow: &Value) -> BTreeSet<Edge> {
    let mut out = BTreeSet::new();
    let Some(by_node) = workflow.get("connections").and_then(Value::as_object) else {
        return out;
    };
    for (from, kinds) in by_node {
        let Some(kinds) = kinds.as_object() else {
            continue;
        };
        for (kind, outputs) in kinds {
            let Some(outputs) = outputs.as_array() else {
                continue;
            };
            for (output, targets) in outputs.iter().enumerate() {
                let Some(targets) = targets.as_array() else {
                    continue;
                };
                for target in targets {
                    let Some(to) = target.get("node").and_then(Value::as_str) else {
                        continue;
                    };
                    out.insert(Edge {
                        from: from.clone(),
                        kind: kind.clone(),
                        output: output as u64,
                        to: to.to_string(),
                        to_kind: target
                            .get("type")
                            .and_then(Value::as_str)
                            .unwrap_or(kind)
                            .to_string(),
                        input: target.get("index").and_then(Value::as_u64).unwrap_or(0),
                    });
                }
            }
        }
    }
    out
}

/// The workflow's settings without the instance-local ones; none (`null`) is the same as `{}`.
fn settings(workflow: &Value) -> Value {
    let mut kept = workflow
        .get("settings")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for key in IGNORED_SETTINGS {
        kept.remove(key);
    }
    Value::Object(kept)
}

/// A workflow's tag names (n8n answers `[{"id": "..", "name": "prod"}]`; a bare string is taken as
/// a name); `None` where it has no tag list at all. Compare, Promote and Import all read them so.
pub fn tag_names(workflow: &Value) -> Option<Vec<String>> {
    workflow.get("tags").and_then(Value::as_array).map(|tags| {
        tags.iter()
            .filter_map(|tag| tag.get("name").and_then(Value::as_str).or(tag.as_str()))
            .map(str::to_string)
            .collect()
    })
}

/// Every leaf that differs between `from` and `to`, with its path below `at`. Objects are compared
/// key by key, arrays index by index; anything else (or a change of kind) is one change.
fn changes_between(at: &str, from: &Value, to: &Value, out: &mut Vec<Change>) {
    match (from, to) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let path = join_key(at, key);
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => changes_between(&path, x, y, out),
                    (x, y) => out.push(Change {
                        path,
                        from: x.cloned(),
                        to: y.cloned(),
                    }),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for index in 0..a.len().max(b.len()) {
                let path = format!("{at}[{index}]");
                match (a.get(index), b.get(index)) {
                    (Some(x), Some(y)) => changes_between(&path, x, y, out),
                    (x, y) => out.push(Change {
                        path,
                        from: x.cloned(),
                        to: y.cloned(),
                    }),
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(Change {
            path: at.to_string(),
            from: Some(a.clone()),
            to: Some(b.clone()),
        }),
    }
}

/// `parameters` + `url` = `parameters.url`; a key that is not a plain word is quoted
/// (`headers["Content-Type"]`), so a path reads back as one path.
fn join_key(at: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    match (at.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{at}.{key}"),
        (_, false) => format!("{at}[{}]", Value::String(key.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn workflow(nodes: Value, connections: Value) -> Value {
        json!({
            "id": "1", "name": "Sync", "active": true, "versionId": "v1",
            "createdAt": "2026-01-01T00:00:00.000Z", "updatedAt": "2026-01-02T00:00:00.000Z",
            "nodes": nodes, "connections": connections,
            "settings": {"executionOrder": "v1"}, "tags": [{"id": "t1", "name": "prod"}],
        })
    }

    fn pair() -> Value {
        workflow(
            json!([
                {"id": "a", "name": "Webhook", "type": "n8n-nodes-base.webhook", "typeVersion": 2,
                 "position": [0, 0], "webhookId": "w-1", "parameters": {"path": "in"}},
                {"id": "b", "name": "HTTP Request", "type": "n8n-nodes-base.httpRequest",
                 "typeVersion": 4.2, "position": [200, 0],
                 "parameters": {"url": "https://staging.example", "options": {"timeout": 1000}},
                 "credentials": {"httpBasicAuth": {"id": "7", "name": "Partner API"}}}
            ]),
            json!({"Webhook": {"main": [[{"node": "HTTP Request", "type": "main", "index": 0}]]}}),
        )
    }

    #[test]
    fn instance_local_fields_do_not_count() {
        let from = pair();
        let mut to = pair();
        to["id"] = json!("99");
        to["versionId"] = json!("v7");
        to["updatedAt"] = json!("2026-06-01T00:00:00.000Z");
        to["active"] = json!(false);
        to["meta"] = json!({"instanceId": "other"});
        to["staticData"] = json!({"lastPoll": 5});
        to["settings"]["errorWorkflow"] = json!("42");
        to["nodes"][0]["id"] = json!("z");
        to["nodes"][0]["position"] = json!([500, 300]);
        to["nodes"][0]["webhookId"] = json!("w-2");
        to["nodes"][1]["credentials"]["httpBasicAuth"]["id"] = json!("31");
        to["tags"][0]["id"] = json!("t9");
        assert!(identical(&from, &to), "{:?}", diff(&from, &to));
    }

    #[test]
    fn changed_parameters_come_with_their_paths_and_both_values() {
        let from = pair();
        let mut to = pair();
        to["nodes"][1]["parameters"]["url"] = json!("https://prod.example");
        to["nodes"][1]["parameters"]["options"]["timeout"] = json!(5000);
        to["nodes"][1]["parameters"]["options"]["Retry-After"] = json!(true);
        to["nodes"][1]["credentials"]["httpBasicAuth"]["name"] = json!("Partner API prod");
        let d = diff(&from, &to);
        assert_eq!(d.nodes_changed.len(), 1);
        let node = &d.nodes_changed[0];
        assert_eq!(node.name, "HTTP Request");
        let seen: Vec<(&str, Option<&Value>, Option<&Value>)> = node
            .changes
            .iter()
            .map(|c| (c.path.as_str(), c.from.as_ref(), c.to.as_ref()))
            .collect();
        assert_eq!(
            seen,
            vec![
                (
                    "credentials.httpBasicAuth",
                    Some(&json!("Partner API")),
                    Some(&json!("Partner API prod"))
                ),
                (
                    "parameters.options[\"Retry-After\"]",
                    None,
                    Some(&json!(true))
                ),
                (
                    "parameters.options.timeout",
                    Some(&json!(1000)),
                    Some(&json!(5000))
                ),
                (
                    "parameters.url",
                    Some(&json!("https://staging.example")),
                    Some(&json!("https://prod.example"))
                ),
            ]
        );
        assert!(d.nodes_added.is_empty() && d.nodes_removed.is_empty());
        assert!(!d.is_empty());
    }

    #[test]
    fn nodes_and_connections_added_and_removed() {
        let from = pair();
        let to = workflow(
            json!([
                {"name": "Webhook", "type": "n8n-nodes-base.webhook", "typeVersion": 2,
                 "position": [0, 0], "parameters": {"path": "in"}},
                {"name": "Slack", "type": "n8n-nodes-base.slack", "typeVersion": 2,
                 "position": [200, 0], "parameters": {}}
            ]),
            json!({"Webhook": {"main": [[], [{"node": "Slack", "type": "main", "index": 0}]]}}),
        );
        let d = diff(&from, &to);
        assert_eq!(d.nodes_added, vec!["Slack"]);
        assert_eq!(d.nodes_removed, vec!["HTTP Request"]);
        assert!(d.nodes_changed.is_empty(), "{:?}", d.nodes_changed);
        assert_eq!(
            d.connections_added
                .iter()
                .map(Edge::label)
                .collect::<Vec<_>>(),
            vec!["Webhook (main 1) → Slack"]
        );
        assert_eq!(
            d.connections_removed
                .iter()
                .map(Edge::label)
                .collect::<Vec<_>>(),
            vec!["Webhook → HTTP Request"]
        );
    }

    #[test]
    fn connection_order_does_not_count_but_targets_do() {
        let nodes = pair()["nodes"].clone();
        let both =
            |targets: Value| workflow(nodes.clone(), json!({"Webhook": {"main": [targets]}}));
        let a = both(
            json!([{"node": "A", "type": "main", "index": 0}, {"node": "B", "type": "main", "index": 0}]),
        );
        let b = both(
            json!([{"node": "B", "type": "main", "index": 0}, {"node": "A", "type": "main", "index": 0}]),
        );
        let c = both(
            json!([{"node": "B", "type": "main", "index": 1}, {"node": "A", "type": "main", "index": 0}]),
        );
        assert!(identical(&a, &b));
        let d = diff(&a, &c);
        assert_eq!(d.connections_added.len(), 1);
        assert_eq!(d.connections_added[0].label(), "Webhook → B (main 1)");
        assert_eq!(d.connections_removed[0].label(), "Webhook → B");
    }

    #[test]
    fn settings_and_tags() {
        let from = pair();
        let mut to = pair();
        to["settings"] = json!({"executionOrder": "v1", "timezone": "Europe/Berlin"});
        to["tags"] = json!([{"id": "x", "name": "billing"}]);
        let d = diff(&from, &to);
        assert_eq!(
            d.settings,
            vec![Change {
                path: "timezone".into(),
                from: None,
                to: Some(json!("Europe/Berlin"))
            }]
        );
        assert_eq!(d.tags_added, vec!["billing"]);
        assert_eq!(d.tags_removed, vec!["prod"]);
        // No settings at all is the same as empty settings.
        let mut bare = pair();
        bare["settings"] = json!({});
        let mut null = pair();
        null["settings"] = Value::Null;
        assert!(identical(&bare, &null));
    }

    #[test]
    fn arrays_compare_by_index_and_kinds_that_change_are_one_change() {
        let mut out = Vec::new();
        changes_between(
            "p",
            &json!({"list": [1, 2, 3], "x": {"deep": 1}}),
            &json!({"list": [1, 5], "x": "flat"}),
            &mut out,
        );
        let paths: Vec<&str> = out.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, vec!["p.list[1]", "p.list[2]", "p.x"]);
        assert_eq!(out[1].to, None);
        assert_eq!(out[2].from, Some(json!({"deep": 1})));
    }

    #[test]
    fn nonsense_gives_a_diff_not_a_panic() {
        for (a, b) in [
            (json!(null), json!(null)),
            (
                json!(5),
                json!({"nodes": 3, "connections": [1], "tags": "x"}),
            ),
            (
                json!({"nodes": [1, null, {"name": 3}], "connections": {"A": {"main": [5, [7, {"node": 1}]]}}}),
                json!({"nodes": [{}], "connections": {"A": 1}, "settings": [], "tags": [1, {"name": 2}]}),
            ),
        ] {
            let _ = diff(&a, &b);
            let _ = diff(&b, &a);
        }
        // Two nameless nodes are kept apart by their place in the list.
        let d = diff(&json!({"nodes": [{}]}), &json!({"nodes": [{}, {}]}));
        assert_eq!(d.nodes_added, vec!["(node 2)"]);
        assert!(identical(
            &json!({}),
            &json!({"settings": null, "nodes": []})
        ));
    }

    #[test]
    fn compared_part_keeps_what_is_compared() {
        let part = compared_part(&pair());
        let keys: Vec<&String> = part
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            vec!["connections", "name", "nodes", "settings", "tags"]
        );
    }
}
