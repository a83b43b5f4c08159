//! Promote: make chosen workflows on To what they are on From. First a plan (create N, update M,
//! unchanged K, tags To lacks, credentials To lacks), then each workflow's body for To: From's
//! nodes, connections and settings, with To's own ids kept where the workflow exists there (its id,
//! its nodes' webhook ids, its error workflow) and credential references pointed at To's credential
//! of the same type and name.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::compare::{self, id_of};
use super::diff;

/// What promoting one workflow does on To.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The name is new on To: `POST /workflows`.
    Create,
    /// The name exists on To once: `PUT /workflows/{to_id}`, keeping its id (executions, webhook
    /// URLs). `reactivate`: it is active on To, so it is published again after the update.
    Update { to_id: String, reactivate: bool },
    /// Already identical on To: nothing is sent.
    Unchanged { to_id: String },
    /// More than one workflow carries the name on To: which one to update is not known.
    Ambiguous,
}

/// One workflow of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub name: String,
    pub from_id: String,
    pub action: Action,
}

/// A credential as a node names it, and as To must hold it before the workflow can run there.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CredentialRef {
    pub kind: String,
    pub name: String,
}

/// A credential To holds (`GET /credentials`, n8n 2.8.4 and later; secrets never come with it).
#[derive(Clone, Debug, PartialEq)]
pub struct ToCredential {
    pub id: String,
    pub kind: String,
    pub name: String,
}

/// Everything promoting the chosen workflows will do, before anything is sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub steps: Vec<Step>,
    /// Tag names the workflows carry that To has no tag for: created first.
    pub tags_to_create: Vec<String>,
    /// Credentials the workflows reference that To lacks, with the workflows that use each.
    /// Empty when To's credentials could not be read (see `credentials_checked`).
    pub missing_credentials: Vec<(CredentialRef, Vec<String>)>,
    /// Whether To's credentials were read; n8n before 2.8.4 cannot list them.
    pub credentials_checked: bool,
}

impl Plan {
    /// How many steps create, update, leave unchanged, and cannot be done.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let count = |f: fn(&Action) -> bool| self.steps.iter().filter(|s| f(&s.action)).count();
        (
            count(|a| matches!(a, Action::Create)),
            count(|a| matches!(a, Action::Update { .. })),
            count(|a| matches!(a, Action::Unchanged { .. })),
            count(|a| matches!(a, Action::Ambiguous)),
        )
    }
}

/// The plan for promoting `chosen` (From's workflows, whole) onto To, given To's workflows (whole:
/// they are compared), To's tag names, and To's credentials where they could be read.
pub fn plan(
    chosen: &[Value],
    to_workflows: &[Value],
    to_tags: &[String],
    to_credentials: Option<&[ToCredential]>,
) -> Plan {
    let on_to = compare::by_name(to_workflows);
    let steps = chosen
        .iter()
        .map(|from| {
            let name = from
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let action = match on_to.get(name.as_str()).map(Vec::as_slice) {
                None | Some([]) => Action::Create,
                Some([to]) if diff::identical(from, to) => Action::Unchanged { to_id: id_of(to) },
                Some([to]) => Action::Update {
                    to_id: id_of(to),
                    reactivate: is_active(to),
                },
                Some(_) => Action::Ambiguous,
            };
            Step {
                name,
                from_id: id_of(from),
                action,
            }
        })
        .collect::<Vec<_>>();

    let sending: Vec<&Value> = chosen
        .iter()
        .zip(&steps)
        .filter(|(_, step)| matches!(step.action, Action::Create | Action::Update { .. }))
        .map(|(workflow, _)| workflow)
        .collect();
    let known: BTreeSet<&str> = to_tags.iter().map(String::as_str).collect();
    let tags_to_create = sending
        .iter()
        .flat_map(|w| diff::tag_names(w).unwrap_or_default())
        .filter(|name| !known.contains(name.as_str()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();

    let mut missing: BTreeMap<CredentialRef, BTreeSet<String>> = BTreeMap::new();
    if let Some(held) = to_credentials {
        for workflow in &sending {
            let name = workflow
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            for wanted in credentials_used(workflow) {
                let there = held
                    .iter()
                    .any(|c| c.kind == wanted.kind && c.name == wanted.name);
                if !there {
                    missing.entry(wanted).or_default().insert(name.to_string());
                }
            }
        }
    }
    Plan {
        steps,
        tags_to_create,
        missing_credentials: missing
            .into_iter()
            .map(|(credential, users)| (credential, users.into_iter().collect()))
            .collect(),
        credentials_checked: to_credentials.is_some(),
    }
}

/// The body `POST /workflows` (no `existing`) or `PUT /workflows/{id}` (`existing`: To's workflow of
/// that name) takes: From's name, nodes, connections and settings. Kept from To: each same-named
/// node's `webhookId` (so its webhook URL stays) and the `errorWorkflow` setting (an id on To);
/// From's own `errorWorkflow` is dropped, since its id means nothing on To. Credential references
/// are pointed at To's credential of the same type and name where To has one.
pub fn body_for_to(
    from: &Value,
    existing: Option<&Value>,
    to_credentials: Option<&[ToCredential]>,
) -> Value {
    let mut body = Map::new();
    body.insert(
        "name".into(),
        from.get("name")
            .cloned()
            .unwrap_or(Value::String(String::new())),
    );
    let webhook_ids: BTreeMap<&str, &Value> = existing
        .and_then(|w| w.get("nodes"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|node| Some((node.get("name")?.as_str()?, node.get("webhookId")?)))
        .collect();
    let nodes = from
        .get("nodes")
        .and_then(Value::as_array)
        .map(|nodes| {
            nodes
                .iter()
                .map(|node| node_for_to(node, &webhook_ids, to_credentials))
                .collect()
        })
        .unwrap_or_default();
    body.insert("nodes".into(), Value::Array(nodes));
    let connections = match from.get("connections") {
        Some(Value::Object(c)) => Value::Object(c.clone()),
        _ => Value::Object(Map::new()),
    };
    body.insert("connections".into(), connections);
    let mut settings = from
        .get("settings")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    settings.remove("errorWorkflow");
    if let Some(kept) = existing
        .and_then(|w| w.get("settings"))
        .and_then(|s| s.get("errorWorkflow"))
    {
        settings.insert("errorWorkflow".into(), kept.clone());
    }
    body.insert("settings".into(), Value::Object(settings));
    Value::Object(body)
}

fn node_for_to(
    node: &Value,
    webhook_ids: &BTreeMap<&str, &Value>,
    to_credentials: Option<&[ToCredential]>,
) -> Value {
    let Some(fields) = node.as_object() else {
        return node.clone();
    };
    let mut out = fields.clone();
    if let Some(id) = fields
        .get("name")
        .and_then(Value::as_str)
        .and_then(|name| webhook_ids.get(name))
    {
        out.insert("webhookId".into(), (*id).clone());
    }
    if let (Some(Value::Object(by_type)), Some(held)) = (fields.get("credentials"), to_credentials)
    {
        let pointed = by_type
            .iter()
            .map(|(kind, credential)| {
                let name = credential.get("name").and_then(Value::as_str);
                let on_to = held
                    .iter()
                    .find(|c| &c.kind == kind && Some(c.name.as_str()) == name);
                let credential = match on_to {
                    Some(c) => serde_json::json!({"id": c.id, "name": c.name}),
                    None => credential.clone(),
                };
                (kind.clone(), credential)
            })
            .collect();
        out.insert("credentials".into(), Value::Object(pointed));
    }
    Value::Object(out)
}

/// Every credential a workflow's nodes reference, by type and name.
pub fn credentials_used(workflow: &Value) -> BTreeSet<CredentialRef> {
    workflow
        .get("nodes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|node| node.get("credentials")?.as_object())
        .flatten()
        .filter_map(|(kind, credential)| {
            Some(CredentialRef {
                kind: kind.clone(),
                name: credential.get("name")?.as_str()?.to_string(),
            })
        })
        .collect()
}

/// Live on its instance: `activeVersionId` set where n8n sends it (1.123+), else `active`.
fn is_active(workflow: &Value) -> bool {
    match workflow.get("activeVersionId") {
        Some(version) => !version.is_null(),
        None => workflow.get("active").and_then(Value::as_bool) == Some(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wf(id: &str, name: &str, url: &str, active: bool) -> Value {
        json!({
            "id": id, "name": name, "active": active,
            "nodes": [
                {"id": "n1", "name": "Hook", "type": "n8n-nodes-base.webhook", "webhookId": format!("hook-{id}"),
                 "position": [0, 0], "parameters": {"path": name}},
                {"id": "n2", "name": "HTTP", "type": "n8n-nodes-base.httpRequest", "position": [200, 0],
                 "parameters": {"url": url},
                 "credentials": {"httpHeaderAuth": {"id": format!("cred-{id}"), "name": "Partner"}}}
            ],
            "connections": {"Hook": {"main": [[{"node": "HTTP", "type": "main", "index": 0}]]}},
            "settings": {"executionOrder": "v1", "errorWorkflow": format!("err-{id}")},
            "tags": [{"id": format!("t-{id}"), "name": "prod"}, {"id": "x", "name": "billing"}],
        })
    }

    fn held(id: &str, kind: &str, name: &str) -> ToCredential {
        ToCredential {
            id: id.into(),
            kind: kind.into(),
            name: name.into(),
        }
    }

    #[test]
    fn the_plan_creates_updates_and_leaves_alone() {
        let chosen = [
            wf("1", "New", "a", false),
            wf("2", "Changed", "a", false),
            wf("3", "Same", "a", true),
            wf("4", "Twice", "a", false),
        ];
        let mut archived = wf("90", "New", "a", false);
        archived["isArchived"] = json!(true);
        let to = [
            archived,
            wf("20", "Changed", "b", true),
            wf("30", "Same", "a", false),
            wf("40", "Twice", "a", false),
            wf("41", "Twice", "a", false),
        ];
        let p = plan(&chosen, &to, &["prod".to_string()], None);
        let actions: Vec<(&str, &str, &Action)> = p
            .steps
            .iter()
            .map(|s| (s.name.as_str(), s.from_id.as_str(), &s.action))
            .collect();
        assert_eq!(
            actions,
            vec![
                ("New", "1", &Action::Create),
                (
                    "Changed",
                    "2",
                    &Action::Update {
                        to_id: "20".into(),
                        reactivate: true
                    }
                ),
                ("Same", "3", &Action::Unchanged { to_id: "30".into() }),
                ("Twice", "4", &Action::Ambiguous),
            ]
        );
        assert_eq!(p.counts(), (1, 1, 1, 1));
        assert_eq!(p.tags_to_create, vec!["billing"]);
        assert!(!p.credentials_checked && p.missing_credentials.is_empty());
    }

    #[test]
    fn missing_credentials_are_named_with_the_workflows_that_use_them() {
        let mut slack = wf("2", "Notify", "a", false);
        slack["nodes"][1]["credentials"] = json!({"slackApi": {"id": "9", "name": "Ops Slack"}});
        let chosen = [
            wf("1", "Sync", "a", false),
            slack,
            wf("3", "Also", "a", false),
        ];
        let to_creds = [
            held("c1", "httpHeaderAuth", "Other"),
            held("c2", "slackApi", "Ops Slack"),
        ];
        let p = plan(&chosen, &[], &[], Some(&to_creds));
        assert!(p.credentials_checked);
        assert_eq!(
            p.missing_credentials,
            vec![(
                CredentialRef {
                    kind: "httpHeaderAuth".into(),
                    name: "Partner".into()
                },
                vec!["Also".to_string(), "Sync".to_string()]
            )]
        );
        // An unchanged workflow sends nothing, so it needs nothing either.
        let same = wf("7", "Sync", "a", false);
        let p = plan(
            std::slice::from_ref(&same),
            std::slice::from_ref(&same),
            &[],
            Some(&[]),
        );
        assert!(p.missing_credentials.is_empty() && p.tags_to_create.is_empty());
    }

    #[test]
    fn the_body_keeps_to_s_own_ids_and_points_credentials_at_to() {
        let from = wf("1", "Sync", "https://prod", false);
        let existing = wf("20", "Sync", "https://old", true);
        let creds = [held("to-7", "httpHeaderAuth", "Partner")];
        let body = body_for_to(&from, Some(&existing), Some(&creds));
        let keys: Vec<&String> = body
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys, vec!["connections", "name", "nodes", "settings"]);
        assert_eq!(body["nodes"][0]["webhookId"], json!("hook-20"));
        assert_eq!(body["nodes"][1]["parameters"]["url"], json!("https://prod"));
        assert_eq!(
            body["nodes"][1]["credentials"]["httpHeaderAuth"],
            json!({"id": "to-7", "name": "Partner"})
        );
        assert_eq!(body["settings"]["errorWorkflow"], json!("err-20"));
        assert_eq!(body["connections"], from["connections"]);

        // Created: From's error workflow is dropped, an unknown credential is left as it was.
        let created = body_for_to(&from, None, Some(&[]));
        assert_eq!(created["settings"], json!({"executionOrder": "v1"}));
        assert_eq!(created["nodes"][0]["webhookId"], json!("hook-1"));
        assert_eq!(
            created["nodes"][1]["credentials"],
            from["nodes"][1]["credentials"]
        );
        // What the body holds is what Compare calls identical.
        let mut promoted = created.clone();
        promoted["tags"] = from["tags"].clone();
        assert!(
            diff::identical(&from, &promoted),
            "{:?}",
            diff::diff(&from, &promoted)
        );
    }

    #[test]
    fn nonsense_makes_a_plan_and_a_body_not_a_panic() {
        let odd = [
            json!(null),
            json!({"nodes": 5, "tags": [1]}),
            json!({"name": 3, "nodes": [7, {"credentials": 2}]}),
        ];
        let p = plan(&odd, &odd, &[], Some(&[]));
        assert_eq!(p.steps.len(), 3);
        for w in &odd {
            let _ = body_for_to(w, Some(w), Some(&[]));
            let _ = credentials_used(w);
        }
    }
}
