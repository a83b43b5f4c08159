//! Backups that restore: what `Export all` writes for each workflow, and what `Import JSON` reads.
//!
//! An entry is the body `POST /workflows` takes (see [`workflows::importable`]) plus n8n's `id`,
//! `active` and `tags`, so a backup says which workflow each entry was; import strips them again.
//! Import also reads n8n's own export files (`n8n export:workflow`: one workflow or an array, every
//! field n8n has) and a saved list answer (`{"data": [...]}`).

use serde_json::{Map, Value};

use super::workflows::{self, WorkflowName};
use super::{compare, diff};

/// Fields an entry keeps beside the importable ones; never sent back to n8n.
const IDENTITY_FIELDS: [&str; 3] = ["id", "active", "tags"];

/// One workflow of a backup: the importable body plus which workflow it was.
pub fn entry(workflow: &Value) -> Value {
    let mut out = match workflows::importable(workflow) {
        Value::Object(body) => body,
        _ => Map::new(),
    };
    if let Value::Object(fields) = workflow {
        for key in IDENTITY_FIELDS {
            if let Some(value) = fields.get(key) {
                out.insert(key.to_string(), value.clone());
            }
        }
    }
    Value::Object(out)
}

/// A workflow read from a file: the body to send, and what the file says it was.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub name: String,
    /// Its id where the file has one (the console's exports, n8n's own export files).
    pub id: Option<String>,
    /// Tag names the file gives it; `None` where the file says nothing of tags (an entry with
    /// `"tags": []` has none, and an import makes it so).
    pub tags: Option<Vec<String>>,
    /// What `POST /workflows` or `PUT /workflows/{id}` takes.
    pub body: Value,
}

/// Every workflow in a file's text, or why the file is not one the console can import.
pub fn parse(text: &str) -> Result<Vec<Imported>, String> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("The file is not JSON ({e})."))?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut fields) => match fields.remove("data") {
            Some(Value::Array(items)) if !fields.contains_key("nodes") => items,
            Some(other) => {
                fields.insert("data".into(), other);
                vec![Value::Object(fields)]
            }
            None => vec![Value::Object(fields)],
        },
        _ => {
            return Err(
                "The file holds no workflows: expected a workflow or a list of them.".into(),
            )
        }
    };
    if items.is_empty() {
        return Err("The file holds an empty list: there is nothing to import.".into());
    }
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            imported(item).ok_or_else(|| {
                format!(
                    "Entry {} of the file is not a workflow: it needs a name and a list of nodes.",
                    index + 1
                )
            })
        })
        .collect()
}

fn imported(item: &Value) -> Option<Imported> {
    let fields = item.as_object()?;
    let name = fields.get("name")?.as_str()?.trim();
    if name.is_empty() || !fields.get("nodes")?.is_array() {
        return None;
    }
    let id = Some(compare::id_of(item)).filter(|id| !id.is_empty());
    let tags = diff::tag_names(item);
    let mut body = workflows::importable(item);
    if let Value::Object(body) = &mut body {
        body.insert("name".into(), Value::String(name.to_string()));
    }
    Some(Imported {
        name: name.to_string(),
        id,
        tags,
        body,
    })
}

/// Whether a workflow from the file already exists on the instance.
#[derive(Clone, Debug, PartialEq)]
pub enum Existing {
    /// Neither its id nor its name is there: it is created.
    New,
    /// A workflow with its id is there (a backup of this instance, restored).
    SameId { id: String, name: String },
    /// No workflow with its id, one with its name.
    SameName { id: String },
    /// No workflow with its id, several with its name: it can be skipped or imported as a copy.
    SeveralNamed,
}

impl Existing {
    /// The workflow an update in place would write over, where there is exactly one.
    pub fn target(&self) -> Option<&str> {
        match self {
            Existing::SameId { id, .. } | Existing::SameName { id } => Some(id),
            Existing::New | Existing::SeveralNamed => None,
        }
    }
}

/// Same id first, else same name, against the instance's workflows.
pub fn existing(workflow: &Imported, on_instance: &[WorkflowName]) -> Existing {
    if let Some(found) = workflow
        .id
        .as_deref()
        .and_then(|id| on_instance.iter().find(|w| w.id == id))
    {
        return Existing::SameId {
            id: found.id.clone(),
            name: found.name.clone(),
        };
    }
    let mut named = on_instance.iter().filter(|w| w.name == workflow.name);
    match (named.next(), named.next()) {
        (None, _) => Existing::New,
        (Some(one), None) => Existing::SameName { id: one.id.clone() },
        (Some(_), Some(_)) => Existing::SeveralNamed,
    }
}

/// What the admin chose for a workflow that exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Skip,
    Copy,
    Update,
}

/// The name a copy gets: `Sync (copy)`, `Sync (copy 2)`, ... whichever is free on the instance.
pub fn copy_name(name: &str, on_instance: &[WorkflowName]) -> String {
    let taken = |candidate: &str| on_instance.iter().any(|w| w.name == candidate);
    let first = format!("{name} (copy)");
    if !taken(&first) {
        return first;
    }
    (2..)
        .map(|n| format!("{name} (copy {n})"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn named(id: &str, name: &str) -> WorkflowName {
        WorkflowName {
            id: id.into(),
            name: name.into(),
        }
    }

    fn n8n_answer() -> Value {
        json!({"id": "Ab1", "name": "Sync", "active": true, "isArchived": false, "versionId": "v",
               "tags": [{"id": "t", "name": "prod"}], "shared": [], "meta": null,
               "nodes": [{"name": "Webhook", "type": "n8n-nodes-base.webhook"}],
               "connections": {}, "settings": {"executionOrder": "v1"}, "staticData": null})
    }

    #[test]
    fn an_entry_says_which_workflow_it_was_and_import_strips_that_again() {
        let e = entry(&n8n_answer());
        let keys: Vec<&String> = e
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            vec![
                "active",
                "connections",
                "id",
                "name",
                "nodes",
                "settings",
                "tags"
            ]
        );
        let back = parse(&serde_json::to_string(&vec![e]).unwrap()).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].id.as_deref(), Some("Ab1"));
        assert_eq!(back[0].tags, Some(vec!["prod".to_string()]));
        assert_eq!(back[0].body, workflows::importable(&n8n_answer()));
    }

    #[test]
    fn n8n_s_own_files_and_list_answers_are_read_too() {
        let one = parse(&n8n_answer().to_string()).unwrap();
        assert_eq!(one[0].name, "Sync");
        let list = json!({"data": [n8n_answer(), {"id": 7, "name": "  Other ", "nodes": []}], "nextCursor": null});
        let both = parse(&list.to_string()).unwrap();
        assert_eq!(
            both.iter()
                .map(|w| (w.name.as_str(), w.id.as_deref()))
                .collect::<Vec<_>>(),
            vec![("Sync", Some("Ab1")), ("Other", Some("7"))]
        );
        assert_eq!(both[1].body["name"], json!("Other"));
        assert_eq!(
            (both[1].tags.clone(), one[0].tags.clone()),
            (None, Some(vec!["prod".into()]))
        );
        // A workflow that has a field called `data` is still one workflow.
        let odd = json!({"name": "W", "nodes": [], "data": [1]});
        assert_eq!(parse(&odd.to_string()).unwrap().len(), 1);
    }

    #[test]
    fn what_is_not_a_workflow_gets_a_reason() {
        for (text, says) in [
            ("{nope", "not JSON"),
            ("42", "no workflows"),
            ("[]", "empty list"),
            (r#"[{"name":"A","nodes":[]},{"name":"B"}]"#, "Entry 2"),
            (r#"[{"name":"  ","nodes":[]}]"#, "Entry 1"),
            (r#"{"data":[5]}"#, "Entry 1"),
        ] {
            let why = parse(text).unwrap_err();
            assert!(why.contains(says), "{text}: {why}");
        }
    }

    #[test]
    fn an_existing_workflow_is_found_by_id_then_by_name() {
        let on = [
            named("1", "Sync"),
            named("2", "Other"),
            named("3", "Twice"),
            named("4", "Twice"),
        ];
        let file = |id: Option<&str>, name: &str| Imported {
            name: name.into(),
            id: id.map(str::to_string),
            tags: None,
            body: json!({}),
        };
        assert_eq!(
            existing(&file(Some("2"), "Renamed since"), &on),
            Existing::SameId {
                id: "2".into(),
                name: "Other".into()
            }
        );
        assert_eq!(
            existing(&file(Some("gone"), "Sync"), &on),
            Existing::SameName { id: "1".into() }
        );
        assert_eq!(existing(&file(None, "Twice"), &on), Existing::SeveralNamed);
        assert_eq!(existing(&file(None, "New one"), &on), Existing::New);
        assert_eq!(Existing::SameName { id: "1".into() }.target(), Some("1"));
        assert_eq!(Existing::SeveralNamed.target(), None);
    }

    #[test]
    fn a_copy_gets_a_free_name() {
        let on = [named("1", "Sync"), named("2", "Sync (copy)")];
        assert_eq!(copy_name("Sync", &on), "Sync (copy 2)");
        assert_eq!(copy_name("Other", &on), "Other (copy)");
    }
}
