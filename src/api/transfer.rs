//! Writing one workflow onto an instance, the one way Promote and Import JSON both do it: create it
//! or update it in place, then give it its tags (creating the ones the instance lacks), then publish
//! it again where it was live and n8n did not keep it so. Each step that fails after the workflow
//! was written is reported beside it, so nothing half-done goes unreported.

use super::capabilities::Capabilities;
use super::client::{Client, Transport};
use super::error::ApiError;
use super::tags::{self, Tag};
use super::workflows;
use serde_json::Value;

/// One workflow to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Transfer {
    /// `Some(id)`: update that workflow in place; `None`: create a new one.
    pub target: Option<String>,
    /// What `POST` / `PUT /workflows` takes.
    pub body: Value,
    /// Tag names it should carry on the instance (`None`: leave its tags as they are).
    pub tags: Option<Vec<String>>,
    /// It was live on the instance before the update: publish it again if n8n did not keep it live.
    pub keep_live: bool,
}

/// What writing one workflow did.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub id: String,
    pub created: bool,
    /// Live after the write.
    pub live: bool,
    /// Steps after the write that failed (tags, publishing), in the admin's words.
    pub problems: Vec<String>,
}

/// Writes `transfer`; `known_tags` is the instance's tag list, kept up to date as tags are created
/// (so a run over many workflows creates each tag once). An error means nothing was written.
pub async fn write<T: Transport>(
    client: &Client<T>,
    capabilities: &Capabilities,
    transfer: &Transfer,
    known_tags: &mut Vec<Tag>,
) -> Result<Written, ApiError> {
    let saved = match &transfer.target {
        Some(id) => workflows::update(client, id, &transfer.body).await?,
        None => workflows::create(client, &transfer.body).await?,
    };
    let mut written = Written {
        id: saved.id.clone(),
        created: transfer.target.is_none(),
        live: saved.published(),
        problems: Vec::new(),
    };
    // A new workflow has no tags yet: nothing to clear.
    let tags = transfer
        .tags
        .as_ref()
        .filter(|names| !(names.is_empty() && transfer.target.is_none()));
    if let Some(names) = tags {
        match tag_ids(client, names, known_tags).await {
            Ok(ids) => {
                if let Err(e) = workflows::set_tags(client, &saved.id, &ids).await {
                    written.problems.push(format!("its tags were not set: {e}"));
                }
            }
            Err(e) => written
                .problems
                .push(format!("its tags could not be created: {e}")),
        }
    }
    if transfer.keep_live && !written.live {
        match workflows::set_active(client, capabilities, &saved.id, true).await {
            Ok(now) => written.live = now.published(),
            Err(e) => written.problems.push(format!(
                "it was active and n8n did not activate it again: {e}"
            )),
        }
    }
    Ok(written)
}

/// The ids of tags `names` on the instance, creating the ones it lacks. A tag that another admin
/// created meanwhile (n8n's 409) is found by listing the tags again.
pub async fn tag_ids<T: Transport>(
    client: &Client<T>,
    names: &[String],
    known: &mut Vec<Tag>,
) -> Result<Vec<String>, ApiError> {
    let mut ids = Vec::new();
    for name in names {
        if let Some(tag) = known.iter().find(|t| &t.name == name) {
            ids.push(tag.id.clone());
            continue;
        }
        match tags::create(client, name).await {
            Ok(tag) => {
                ids.push(tag.id.clone());
                known.push(tag);
            }
            Err(ApiError::Conflict(_)) => {
                *known = tags::list_all(client).await?;
                match known.iter().find(|t| &t.name == name) {
                    Some(tag) => ids.push(tag.id.clone()),
                    None => {
                        return Err(ApiError::Conflict(format!(
                            "n8n refused the tag {}",
                            crate::format::quoted(name)
                        )))
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;
    use crate::api::Method;
    use serde_json::json;

    fn tag(id: &str, name: &str) -> Tag {
        Tag {
            id: id.into(),
            name: name.into(),
            created_at: None,
            updated_at: None,
        }
    }

    #[test]
    fn a_new_workflow_is_created_then_tagged_creating_the_tag_once() {
        let canned = Canned::default()
            .json(200, r#"{"id":"w1","name":"A","active":false}"#)
            .json(200, r#"{"id":"t2","name":"billing"}"#)
            .json(200, r#"[]"#)
            .json(200, r#"{"id":"w2","name":"B","active":false}"#)
            .json(200, r#"[]"#);
        let c = client(&canned);
        let mut known = vec![tag("t1", "prod")];
        let transfer = |tags: &[&str]| Transfer {
            target: None,
            body: json!({"name": "A"}),
            tags: Some(tags.iter().map(|t| t.to_string()).collect()),
            keep_live: false,
        };
        let caps = Capabilities::default();
        let one = run(write(
            &c,
            &caps,
            &transfer(&["prod", "billing"]),
            &mut known,
        ))
        .unwrap();
        assert_eq!(
            (one.id.as_str(), one.created, one.live),
            ("w1", true, false)
        );
        assert!(one.problems.is_empty());
        let two = run(write(&c, &caps, &transfer(&["billing"]), &mut known)).unwrap();
        assert_eq!(two.id, "w2");
        let urls = canned.urls();
        assert_eq!(
            urls,
            vec![
                "/api/v1/workflows",
                "/api/v1/tags",
                "/api/v1/workflows/w1/tags",
                "/api/v1/workflows",
                "/api/v1/workflows/w2/tags",
            ]
        );
        let sent = canned.sent.borrow();
        assert_eq!(
            sent[2].body.as_deref(),
            Some(r#"[{"id":"t1"},{"id":"t2"}]"#)
        );
        assert_eq!(sent[4].body.as_deref(), Some(r#"[{"id":"t2"}]"#));
    }

    #[test]
    fn an_update_that_n8n_left_inactive_is_activated_again_and_a_refusal_is_reported() {
        let canned = Canned::default()
            .json(200, r#"{"id":"w9","name":"A","active":false}"#)
            .json(200, r#"{"id":"w9","name":"A","active":true}"#)
            .json(200, r#"{"id":"w9","name":"A","active":false}"#)
            .json(
                400,
                r#"{"message":"Workflow cannot be activated because it has no trigger node."}"#,
            );
        let c = client(&canned);
        let caps = Capabilities::default();
        let transfer = Transfer {
            target: Some("w9".into()),
            body: json!({"name": "A"}),
            tags: None,
            keep_live: true,
        };
        let mut known = Vec::new();
        let again = run(write(&c, &caps, &transfer, &mut known)).unwrap();
        assert_eq!((again.created, again.live), (false, true));
        let refused = run(write(&c, &caps, &transfer, &mut known)).unwrap();
        assert!(!refused.live);
        assert_eq!(refused.problems.len(), 1);
        assert!(
            refused.problems[0].contains("no trigger node"),
            "{:?}",
            refused.problems
        );
        let sent = canned.sent.borrow();
        assert_eq!(
            (sent[0].method, sent[0].url.as_str()),
            (Method::Put, "/api/v1/workflows/w9")
        );
        assert_eq!(sent[1].url, "/api/v1/workflows/w9/activate");
    }

    #[test]
    fn a_failed_write_is_an_error_and_a_tag_created_meanwhile_is_found() {
        let canned = Canned::default()
            .json(
                400,
                r#"{"message":"request/body must have required property 'settings'"}"#,
            )
            .json(409, r#"{"message":"Tag already exists"}"#)
            .json(
                200,
                r#"{"data":[{"id":"t5","name":"prod"}],"nextCursor":null}"#,
            );
        let c = client(&canned);
        let transfer = Transfer {
            target: None,
            body: json!({}),
            tags: Some(vec!["prod".into()]),
            keep_live: false,
        };
        let mut known = Vec::new();
        let failed = run(write(&c, &Capabilities::default(), &transfer, &mut known));
        assert!(matches!(failed, Err(ApiError::BadRequest(_))), "{failed:?}");
        let ids = run(tag_ids(&c, &["prod".to_string()], &mut known)).unwrap();
        assert_eq!(ids, vec!["t5"]);
        assert_eq!(known, vec![tag("t5", "prod")]);
    }
}
