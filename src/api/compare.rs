//! Two instances' workflows side by side, matched by name: only in From, only in To, identical,
//! different, or a name that more than one workflow carries on a side (which cannot be matched, so it
//! cannot be promoted until it is renamed).

use std::collections::BTreeMap;

use serde_json::Value;

use super::diff;

/// Where one workflow name stands between From and To.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    OnlyInFrom,
    OnlyInTo,
    Different,
    Identical,
    /// More than one workflow carries the name on a side.
    SameName,
}

impl Class {
    pub const ALL: [Class; 5] = [
        Class::OnlyInFrom,
        Class::OnlyInTo,
        Class::Different,
        Class::Identical,
        Class::SameName,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Class::OnlyInFrom => "Only in From",
            Class::OnlyInTo => "Only in To",
            Class::Different => "Different",
            Class::Identical => "Identical",
            Class::SameName => "Name not unique",
        }
    }

    /// A workflow in this class can be chosen for promotion from From to To: one workflow of the
    /// name on From, at most one on To (an identical one is in the plan as unchanged, so promoting
    /// every workflow with a tag says what it leaves alone).
    pub fn promotable(self) -> bool {
        matches!(
            self,
            Class::OnlyInFrom | Class::Different | Class::Identical
        )
    }
}

/// One workflow name, with the ids it has on each side (none, one, or several for [`Class::SameName`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub name: String,
    pub class: Class,
    pub from_ids: Vec<String>,
    pub to_ids: Vec<String>,
}

/// Every workflow name on either side, sorted by name (case-insensitively), with its class.
/// Workflows are as n8n's GET answers them, nodes and connections included; archived ones are left
/// out (they do not run, and n8n's editor hides them too).
pub fn classify(from: &[Value], to: &[Value]) -> Vec<Row> {
    let (from, to) = (by_name(from), by_name(to));
    let mut names: Vec<&String> = from.keys().chain(to.keys()).collect();
    names.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then(a.cmp(b)));
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let a = from.get(name).map(Vec::as_slice).unwrap_or_default();
            let b = to.get(name).map(Vec::as_slice).unwrap_or_default();
            let class = match (a, b) {
                ([_, _, ..], _) | (_, [_, _, ..]) => Class::SameName,
                ([_], []) => Class::OnlyInFrom,
                ([], [_]) => Class::OnlyInTo,
                ([x], [y]) if diff::identical(x, y) => Class::Identical,
                _ => Class::Different,
            };
            Row {
                name: name.clone(),
                class,
                from_ids: a.iter().map(|w| id_of(w)).collect(),
                to_ids: b.iter().map(|w| id_of(w)).collect(),
            }
        })
        .collect()
}

/// How many rows each class holds, in [`Class::ALL`]'s order.
pub fn counts(rows: &[Row]) -> [(Class, usize); 5] {
    Class::ALL.map(|class| (class, rows.iter().filter(|r| r.class == class).count()))
}

/// A workflow's id as a string (n8n answers strings; older versions numbers).
pub fn id_of(workflow: &Value) -> String {
    match workflow.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(id)) => id.to_string(),
        _ => String::new(),
    }
}

/// Workflows by name, archived ones left out: how both sides are matched here and in Promote.
pub(super) fn by_name(workflows: &[Value]) -> BTreeMap<String, Vec<&Value>> {
    let mut out: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for workflow in workflows {
        if workflow.get("isArchived").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let Some(name) = workflow.get("name").and_then(Value::as_str) else {
            continue;
        };
        out.entry(name.to_string()).or_default().push(workflow);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn wf(id: &str, name: &str, url: &str) -> Value {
        json!({
            "id": id, "name": name,
            "nodes": [{"id": id, "name": "HTTP", "type": "n8n-nodes-base.httpRequest",
                       "position": [0, 0], "parameters": {"url": url}}],
            "connections": {}, "settings": {}
        })
    }

    #[test]
    fn each_name_gets_its_class_in_name_order() {
        let from = [
            wf("1", "beta", "a"),
            wf("2", "Alpha", "a"),
            wf("3", "gamma", "a"),
            wf("4", "twice", "a"),
            wf("5", "twice", "a"),
            json!({"id": 6, "name": "Only here"}),
        ];
        let to = [
            wf("10", "beta", "a"),
            wf("20", "Alpha", "changed"),
            wf("40", "twice", "a"),
            wf("50", "delta", "a"),
        ];
        let rows = classify(&from, &to);
        let seen: Vec<(&str, Class, Vec<String>, Vec<String>)> = rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.class,
                    r.from_ids.clone(),
                    r.to_ids.clone(),
                )
            })
            .collect();
        let ids = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            seen,
            vec![
                ("Alpha", Class::Different, ids(&["2"]), ids(&["20"])),
                ("beta", Class::Identical, ids(&["1"]), ids(&["10"])),
                ("delta", Class::OnlyInTo, ids(&[]), ids(&["50"])),
                ("gamma", Class::OnlyInFrom, ids(&["3"]), ids(&[])),
                ("Only here", Class::OnlyInFrom, ids(&["6"]), ids(&[])),
                ("twice", Class::SameName, ids(&["4", "5"]), ids(&["40"])),
            ]
        );
        let counts = counts(&rows);
        assert_eq!(
            counts,
            [
                (Class::OnlyInFrom, 2),
                (Class::OnlyInTo, 1),
                (Class::Different, 1),
                (Class::Identical, 1),
                (Class::SameName, 1)
            ]
        );
        assert!(Class::Different.promotable() && Class::OnlyInFrom.promotable());
        assert!(Class::Identical.promotable(), "in the plan as unchanged");
        assert!(!Class::SameName.promotable() && !Class::OnlyInTo.promotable());
    }

    #[test]
    fn archived_and_nameless_workflows_are_left_out() {
        let mut archived = wf("1", "old", "a");
        archived["isArchived"] = json!(true);
        let rows = classify(&[archived, json!({"id": "2"}), json!(7)], &[]);
        assert!(rows.is_empty(), "{rows:?}");
    }
}
