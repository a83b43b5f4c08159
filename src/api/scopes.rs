//! The scope picker's model: n8n's scopes (`workflow:read`) grouped by resource, a selection with
//! per-group tri-state, the presets n8n's own editor offers, and a text filter. Plain Rust.

use std::collections::BTreeSet;

/// The actions the `Read only` preset grants (n8n's editor: read, list and export).
const READ_ACTIONS: [&str; 3] = ["read", "list", "export"];

/// One resource's scopes, in the order n8n listed them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeGroup {
    /// The part before `:` (`workflow`, `execution`, `dataTableRow`, ...).
    pub resource: String,
    pub scopes: Vec<String>,
}

/// Groups scopes by resource, keeping n8n's order of first appearance.
pub fn group(scopes: &[String]) -> Vec<ScopeGroup> {
    let mut groups: Vec<ScopeGroup> = Vec::new();
    for scope in scopes {
        let resource = scope.split(':').next().unwrap_or(scope).to_string();
        match groups.iter_mut().find(|g| g.resource == resource) {
            Some(g) if !g.scopes.contains(scope) => g.scopes.push(scope.clone()),
            Some(_) => {}
            None => groups.push(ScopeGroup {
                resource,
                scopes: vec![scope.clone()],
            }),
        }
    }
    groups
}

/// Whether a group is all, partly or not selected (the `Select all` checkbox's three states).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupState {
    None,
    Some,
    All,
}

/// The chosen scopes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection(BTreeSet<String>);

impl Selection {
    pub fn from_scopes<'a>(scopes: impl IntoIterator<Item = &'a String>) -> Self {
        Selection(scopes.into_iter().cloned().collect())
    }

    pub fn contains(&self, scope: &str) -> bool {
        self.0.contains(scope)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn set(&mut self, scope: &str, on: bool) {
        if on {
            self.0.insert(scope.to_string());
        } else {
            self.0.remove(scope);
        }
    }

    pub fn group_state(&self, group: &ScopeGroup) -> GroupState {
        let chosen = group.scopes.iter().filter(|s| self.contains(s)).count();
        match chosen {
            0 => GroupState::None,
            n if n == group.scopes.len() => GroupState::All,
            _ => GroupState::Some,
        }
    }

    /// The group's `Select all`: a partly or un-selected group becomes all selected; a full one empty.
    pub fn toggle_group(&mut self, group: &ScopeGroup) {
        let on = self.group_state(group) != GroupState::All;
        for scope in &group.scopes {
            self.set(scope, on);
        }
    }

    /// `Full access`: every available scope.
    pub fn full_access(available: &[String]) -> Self {
        Selection::from_scopes(available)
    }

    /// `Read only`: the read, list and export scopes of every resource.
    pub fn read_only(available: &[String]) -> Self {
        Selection::from_scopes(available.iter().filter(|s| is_read_scope(s)))
    }

    /// The scopes to send, in n8n's order (unknown ones, e.g. from an older key, last).
    pub fn to_vec(&self, available: &[String]) -> Vec<String> {
        let mut out: Vec<String> = available
            .iter()
            .filter(|s| self.contains(s))
            .cloned()
            .collect();
        out.extend(self.0.iter().filter(|s| !available.contains(s)).cloned());
        out
    }
}

/// True for a scope whose action only reads (`workflow:read`, `tag:list`, `workflow:export`).
pub fn is_read_scope(scope: &str) -> bool {
    scope
        .rsplit_once(':')
        .is_some_and(|(_, action)| READ_ACTIONS.contains(&action))
}

/// The groups with only the scopes that contain `text` (case-insensitive); a group whose resource
/// matches keeps all of its scopes. Empty text keeps everything.
pub fn filter(groups: &[ScopeGroup], text: &str) -> Vec<ScopeGroup> {
    let needle = text.trim().to_lowercase();
    if needle.is_empty() {
        return groups.to_vec();
    }
    groups
        .iter()
        .filter_map(|g| {
            if g.resource.to_lowercase().contains(&needle) {
                return Some(g.clone());
            }
            let scopes: Vec<String> = g
                .scopes
                .iter()
                .filter(|s| s.to_lowercase().contains(&needle))
                .cloned()
                .collect();
            (!scopes.is_empty()).then(|| ScopeGroup {
                resource: g.resource.clone(),
                scopes,
            })
        })
        .collect()
}

/// A short summary for a table cell: `All 68 scopes`, `Read only (22)`, or the scopes themselves.
pub fn summary(scopes: &[String], available: &[String]) -> String {
    let n = scopes.len();
    if n == 0 {
        return "No scopes".into();
    }
    if !available.is_empty() && available.iter().all(|s| scopes.contains(s)) {
        return format!("All {n} scopes");
    }
    if scopes.iter().all(|s| is_read_scope(s)) && n > 3 {
        return format!("Read only ({n} scopes)");
    }
    if n <= 3 {
        return scopes.join(", ");
    }
    format!("{}, {} and {} more", scopes[0], scopes[1], n - 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn available() -> Vec<String> {
        scopes(&[
            "workflow:create",
            "workflow:read",
            "workflow:list",
            "workflow:export",
            "workflow:delete",
            "tag:create",
            "tag:list",
            "execution:read",
            "execution:retry",
            "securityAudit:generate",
        ])
    }

    #[test]
    fn groups_keep_n8n_order() {
        let groups = group(&available());
        let names: Vec<_> = groups.iter().map(|g| g.resource.as_str()).collect();
        assert_eq!(names, ["workflow", "tag", "execution", "securityAudit"]);
        assert_eq!(groups[0].scopes.len(), 5);
    }

    #[test]
    fn group_checkbox_is_tri_state() {
        let groups = group(&available());
        let mut chosen = Selection::default();
        assert_eq!(chosen.group_state(&groups[1]), GroupState::None);
        chosen.set("tag:list", true);
        assert_eq!(chosen.group_state(&groups[1]), GroupState::Some);
        chosen.toggle_group(&groups[1]);
        assert_eq!(chosen.group_state(&groups[1]), GroupState::All);
        chosen.toggle_group(&groups[1]);
        assert_eq!(chosen.group_state(&groups[1]), GroupState::None);
        assert!(chosen.is_empty());
    }

    #[test]
    fn presets() {
        let all = available();
        let read = Selection::read_only(&all);
        assert_eq!(
            read.to_vec(&all),
            [
                "workflow:read",
                "workflow:list",
                "workflow:export",
                "tag:list",
                "execution:read"
            ]
        );
        assert_eq!(Selection::full_access(&all).len(), all.len());
        assert_eq!(summary(&all, &all), "All 10 scopes");
        assert_eq!(summary(&read.to_vec(&all), &all), "Read only (5 scopes)");
        assert_eq!(summary(&scopes(&["tag:list"]), &all), "tag:list");
        assert_eq!(
            summary(
                &scopes(&["tag:list", "tag:create", "workflow:delete", "x:y"]),
                &all
            ),
            "tag:list, tag:create and 2 more"
        );
    }

    #[test]
    fn filter_matches_scopes_and_resources() {
        let groups = group(&available());
        let read = filter(&groups, " READ ");
        let shown: Vec<_> = read.iter().flat_map(|g| g.scopes.clone()).collect();
        assert_eq!(shown, ["workflow:read", "execution:read"]);
        let tag = filter(&groups, "tag");
        assert_eq!(tag.len(), 1);
        assert_eq!(tag[0].scopes.len(), 2);
        assert_eq!(filter(&groups, "").len(), 4);
        assert!(filter(&groups, "nothing").is_empty());
    }

    #[test]
    fn unknown_scopes_of_an_old_key_are_kept() {
        let all = available();
        let chosen = Selection::from_scopes(&scopes(&["tag:list", "legacy:thing"]));
        assert_eq!(chosen.to_vec(&all), ["tag:list", "legacy:thing"]);
    }
}
