//! What changed on an instance since a date, for the audit after a leaked key (seed 004, step 6):
//! workflows created or updated since then with the nodes in each that can send data out, and the
//! active workflows that start on their own (schedule or polling).

use super::client::{Client, Transport};
use super::error::ApiError;
use super::outbound::{self, Outbound, Trigger};
use super::paging::read_all;
use super::query::Query;
use super::workflows::Workflow;
use crate::format;

/// A workflow created or updated since the chosen date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    pub id: String,
    pub name: String,
    /// Created since the date (not only updated).
    pub created: bool,
    pub live: bool,
    /// When it last changed (`updatedAt`, else `createdAt`).
    pub changed_at: String,
    /// The enabled nodes that can send data out, by name, in the workflow's order.
    pub outbound: Vec<(String, Outbound)>,
}

/// The workflows created or updated at or after `since` (milliseconds), most recent first.
pub fn changed_since(workflows: &[Workflow], since: i64) -> Vec<Changed> {
    let at = |iso: &Option<String>| iso.as_deref().and_then(format::parse_iso_millis);
    let mut changed: Vec<(i64, Changed)> = workflows
        .iter()
        .filter_map(|w| {
            let updated = at(&w.updated_at).or(at(&w.created_at))?;
            if updated < since {
                return None;
            }
            let outbound = w
                .nodes
                .iter()
                .filter(|n| !n.disabled)
                .filter_map(|n| outbound::outbound(&n.node_type).map(|o| (n.name.clone(), o)))
                .collect();
            Some((
                updated,
                Changed {
                    id: w.id.clone(),
                    name: w.name.clone(),
                    created: at(&w.created_at).is_some_and(|c| c >= since),
                    live: w.published(),
                    changed_at: w
                        .updated_at
                        .clone()
                        .or_else(|| w.created_at.clone())
                        .unwrap_or_default(),
                    outbound,
                },
            ))
        })
        .collect();
    changed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    changed.into_iter().map(|(_, c)| c).collect()
}

/// A live workflow that starts on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheduled {
    pub id: String,
    pub name: String,
    pub updated_at: Option<String>,
    /// Its enabled timer and polling triggers, by node name.
    pub triggers: Vec<(String, Trigger)>,
}

/// The live, unarchived workflows with an enabled schedule or polling trigger, by name.
pub fn scheduled(workflows: &[Workflow]) -> Vec<Scheduled> {
    let mut scheduled: Vec<Scheduled> = workflows
        .iter()
        .filter(|w| w.published() && !w.is_archived)
        .filter_map(|w| {
            let triggers: Vec<_> = w
                .nodes
                .iter()
                .filter(|n| !n.disabled)
                .filter_map(|n| {
                    outbound::trigger(&n.node_type, n.polls).map(|t| (n.name.clone(), t))
                })
                .collect();
            (!triggers.is_empty()).then(|| Scheduled {
                id: w.id.clone(),
                name: w.name.clone(),
                updated_at: w.updated_at.clone(),
                triggers,
            })
        })
        .collect();
    scheduled.sort_by_key(|s| s.name.to_lowercase());
    scheduled
}

/// Every workflow with its nodes (pinned data left out).
pub async fn workflows<T: Transport>(client: &Client<T>) -> Result<Vec<Workflow>, ApiError> {
    read_all(
        client,
        "/workflows",
        &Query::new().push("excludePinnedData", "true"),
    )
    .await
    .map_err(|e| e.needs_scope("workflow:list"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    const ANSWER: &str = r#"{"data":[
      {"id":"1","name":"Old HTTP","active":false,"createdAt":"2026-11-01T10:00:00.000Z","updatedAt":"2026-11-20T10:00:00.000Z",
       "nodes":[{"name":"Call out","type":"n8n-nodes-base.httpRequest","parameters":{"url":"https://x"}}]},
      {"id":"2","name":"New exfil","active":true,"activeVersionId":"v2","createdAt":"2026-11-01T10:00:00.000Z","updatedAt":"2026-11-28T09:00:00.000Z",
       "nodes":[{"name":"Every hour","type":"n8n-nodes-base.scheduleTrigger","parameters":{"rule":{}}},
                {"name":"Send home","type":"n8n-nodes-base.httpRequest","parameters":{}},
                {"name":"Off","type":"n8n-nodes-base.code","disabled":true},
                {"name":"Tell","type":"n8n-nodes-base.slack","parameters":null},
                {"name":"Tidy","type":"n8n-nodes-base.set"}]},
      {"id":"3","name":"Created now","active":true,"activeVersionId":null,"createdAt":"2026-11-29T09:00:00.000Z","updatedAt":"2026-11-29T09:00:00.000Z",
       "nodes":[{"name":"Inbox","type":"n8n-nodes-base.gmailTrigger","parameters":{"pollTimes":{"item":[{"mode":"everyMinute"}]}}}]},
      {"id":"4","name":"Polls","active":true,"createdAt":"2026-01-01T00:00:00.000Z",
       "nodes":[{"name":"Feed","type":"n8n-nodes-base.rssFeedReadTrigger","parameters":{"pollTimes":{}}},
                {"name":"Hook","type":"n8n-nodes-base.webhook"}]},
      {"id":5,"name":"Archived","active":true,"isArchived":true,"updatedAt":"bad date",
       "nodes":[{"name":"Tick","type":"n8n-nodes-base.cron"}]}
    ],"nextCursor":null}"#;

    fn since() -> i64 {
        format::parse_iso_millis("2026-11-25T00:00:00.000Z").unwrap()
    }

    #[test]
    fn changed_since_lists_newer_workflows_with_their_outbound_nodes() {
        let canned = Canned::default().json(200, ANSWER);
        let all = run(workflows(&client(&canned))).unwrap();
        assert!(canned.urls()[0].contains("excludePinnedData=true"));
        let changed = changed_since(&all, since());
        let rows: Vec<_> = changed
            .iter()
            .map(|c| (c.name.as_str(), c.created, c.live, c.outbound.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Created now", true, false, vec![]),
                (
                    "New exfil",
                    false,
                    true,
                    vec![
                        ("Send home".to_string(), Outbound::Http),
                        ("Tell".to_string(), Outbound::Messaging)
                    ]
                ),
            ],
            "Old HTTP changed before the date; the disabled Code node sends nothing"
        );
        assert_eq!(changed[1].changed_at, "2026-11-28T09:00:00.000Z");
        // A date after everything: nothing; before everything: all with a readable date.
        assert!(changed_since(&all, i64::MAX).is_empty());
        assert_eq!(changed_since(&all, i64::MIN).len(), 4);
    }

    #[test]
    fn scheduled_lists_live_workflows_with_timer_or_polling_triggers() {
        let canned = Canned::default().json(200, ANSWER);
        let all = run(workflows(&client(&canned))).unwrap();
        let rows: Vec<_> = scheduled(&all)
            .into_iter()
            .map(|s| (s.name, s.triggers))
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "New exfil".to_string(),
                    vec![("Every hour".to_string(), Trigger::Schedule)]
                ),
                (
                    "Polls".to_string(),
                    vec![("Feed".to_string(), Trigger::Polling)]
                ),
            ],
            "Created now is not live (activeVersionId null); Archived is archived"
        );
    }
}
