//! Tags: the labels that organise workflows.

use std::collections::HashMap;

use serde::Deserialize;

use super::client::{Client, Method, Transport};
use super::de;
use super::error::ApiError;
use super::join::{join_limited, AT_ONCE};
use super::paging::{read_all, Page, Position};
use super::query::{encode_component, Query};
use crate::format::quoted;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub name: String,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// n8n refuses tag names outside 1 to 24 characters (with a misleading 409): check before sending.
pub const MAX_TAG_NAME: usize = 24;

pub async fn list<T: Transport>(
    client: &Client<T>,
    position: &Position,
) -> Result<Page<Tag>, ApiError> {
    client
        .get("/tags", &position.api_query(Query::new()))
        .await
        .map_err(|e| e.needs_scope("tag:list"))
}

/// Checks a tag name before sending: n8n answers 409 "Tag already exists" for *any* refusal (empty,
/// too long, duplicate), so the console says which it is itself. Like n8n, names differing only in
/// case are different tags. `except`: the tag being renamed.
pub fn check_name(name: &str, tags: &[Tag], except: Option<&str>) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the tag a name.".into());
    }
    let length = name.chars().count();
    if length > MAX_TAG_NAME {
        return Err(format!(
            "The name is {length} characters long; n8n allows at most {MAX_TAG_NAME}."
        ));
    }
    if tags
        .iter()
        .any(|t| Some(t.id.as_str()) != except && t.name == name)
    {
        return Err(format!("A tag named {} already exists.", quoted(name)));
    }
    Ok(name.to_string())
}

/// n8n's 409 on a tag write, in the words that fit what was checked before sending.
fn explain_conflict(error: ApiError, name: &str) -> ApiError {
    match error {
        ApiError::Conflict(_) => {
            ApiError::Conflict(format!("a tag named {} already exists", quoted(name)))
        }
        other => other,
    }
}

pub async fn create<T: Transport>(client: &Client<T>, name: &str) -> Result<Tag, ApiError> {
    client
        .send(
            Method::Post,
            "/tags",
            Some(&serde_json::json!({ "name": name })),
        )
        .await
        .map_err(|e| explain_conflict(e.needs_scope("tag:create"), name))
}

pub async fn rename<T: Transport>(
    client: &Client<T>,
    id: &str,
    name: &str,
) -> Result<Tag, ApiError> {
    let path = format!("/tags/{}", encode_component(id));
    client
        .send(
            Method::Put,
            &path,
            Some(&serde_json::json!({ "name": name })),
        )
        .await
        .map_err(|e| explain_conflict(e.needs_scope("tag:update"), name))
}

/// Deletes a tag; n8n removes it from the workflows that carried it.
pub async fn delete<T: Transport>(client: &Client<T>, id: &str) -> Result<(), ApiError> {
    let path = format!("/tags/{}", encode_component(id));
    client
        .send::<(), serde::de::IgnoredAny>(Method::Delete, &path, None)
        .await
        .map(|_| ())
        .map_err(|e| e.needs_scope("tag:delete"))
}

/// How many workflows carry each of `tags` (by tag id): one paged `GET /workflows?tags=<name>` per
/// tag, [`AT_ONCE`] tags at a time, so only the workflows that carry them are downloaded (n8n's list
/// has no way to leave out nodes and connections, and no count). n8n splits `tags` at commas and
/// trims each name, so a tag whose name has a comma or spaces at either end cannot be asked for: it is
/// left out of the answer (its count is unknown).
pub async fn usage_of<T: Transport>(
    client: &Client<T>,
    tags: Vec<Tag>,
) -> Result<HashMap<String, usize>, ApiError> {
    let askable: Vec<Tag> = tags
        .into_iter()
        .filter(|t| can_filter_by(&t.name))
        .collect();
    let counts = join_limited(askable, AT_ONCE, |tag| async move {
        let query = Query::new()
            .push("tags", tag.name.clone())
            .push("excludePinnedData", "true");
        let carried: Vec<serde::de::IgnoredAny> = read_all(client, "/workflows", &query).await?;
        Ok::<_, ApiError>((tag.id, carried.len()))
    })
    .await;
    counts
        .into_iter()
        .collect::<Result<HashMap<_, _>, _>>()
        .map_err(|e| e.needs_scope("workflow:list"))
}

/// Whether n8n's `tags` filter can name this tag (see [`usage_of`]).
pub fn can_filter_by(name: &str) -> bool {
    !name.is_empty() && !name.contains(',') && name.trim() == name
}

/// Every tag of the instance, sorted by name (for pickers and filters).
pub async fn list_all<T: Transport>(client: &Client<T>) -> Result<Vec<Tag>, ApiError> {
    let mut tags: Vec<Tag> = read_all(client, "/tags", &Query::new())
        .await
        .map_err(|e| e.needs_scope("tag:list"))?;
    tags.sort_by_key(|t| t.name.to_lowercase());
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    #[test]
    fn list_all_follows_cursors_and_sorts() {
        let canned = Canned::default()
            .json(200, r#"{"data":[{"id":"1","name":"staging"}],"nextCursor":"c2"}"#)
            .json(200, r#"{"data":[{"id":"2","name":"Billing","createdAt":"2026-11-01T10:00:00.000Z"}],"nextCursor":null}"#);
        let tags = run(list_all(&client(&canned))).unwrap();
        assert_eq!(
            tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["Billing", "staging"]
        );
        let sent = canned.sent.borrow();
        assert_eq!(sent[0].url, "/api/v1/tags?limit=250");
        assert_eq!(sent[1].url, "/api/v1/tags?limit=250&cursor=c2");
    }

    fn tag(id: &str, name: &str) -> Tag {
        Tag {
            id: id.into(),
            name: name.into(),
            created_at: None,
            updated_at: None,
        }
    }

    #[test]
    fn names_are_checked_before_n8n_says_409() {
        let tags = [tag("1", "billing")];
        assert_eq!(check_name(" ops ", &tags, None).unwrap(), "ops");
        assert!(check_name("", &tags, None).is_err());
        assert!(check_name(&"x".repeat(25), &tags, None)
            .unwrap_err()
            .contains("24"));
        assert!(check_name("billing", &tags, None)
            .unwrap_err()
            .contains("already"));
        assert!(
            check_name("Billing", &tags, None).is_ok(),
            "n8n compares names exactly"
        );
        assert!(check_name("billing", &tags, Some("1")).is_ok());
    }

    #[test]
    fn writes_and_their_409() {
        let canned = Canned::default()
            .json(201, r#"{"id":"9","name":"ops"}"#)
            .json(409, r#"{"message":"Tag already exists"}"#)
            .json(200, r#"{"id":"9","name":"ops"}"#)
            .json(403, r#"{"message":"Forbidden"}"#);
        let c = client(&canned);
        assert_eq!(run(create(&c, "ops")).unwrap().id, "9");
        let refused = run(rename(&c, "9", "billing")).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("“\u{2068}billing\u{2069}” already exists"),
            "{refused}"
        );
        run(delete(&c, "9")).unwrap();
        let forbidden = run(create(&c, "x")).unwrap_err();
        assert!(forbidden.to_string().contains("tag:create"));
        let sent = canned.sent.borrow();
        assert_eq!(
            (sent[1].method, sent[1].url.as_str()),
            (Method::Put, "/api/v1/tags/9")
        );
        assert_eq!(sent[1].body.as_deref(), Some(r#"{"name":"billing"}"#));
        assert_eq!(
            (sent[2].method, sent[2].url.as_str()),
            (Method::Delete, "/api/v1/tags/9")
        );
    }

    #[test]
    fn usage_of_reads_only_the_workflows_each_tag_carries() {
        let canned = Canned::default()
            .json(
                200,
                r#"{"data":[{"id":"w1","nodes":[]},{"id":"w2"}],"nextCursor":"c"}"#,
            )
            .json(200, r#"{"data":[{"id":"w3"}],"nextCursor":null}"#)
            .json(200, r#"{"data":[],"nextCursor":null}"#);
        let tags = vec![
            tag("t1", "billing & ops"),
            tag("t2", "a,b"),
            tag("t3", "unused"),
        ];
        let counts = run(usage_of(&client(&canned), tags)).unwrap();
        // "a,b" cannot be asked for: n8n would read it as two tags.
        assert_eq!((counts["t1"], counts.get("t2"), counts["t3"]), (3, None, 0));
        assert_eq!(
            canned.urls(),
            [
                "/api/v1/workflows?tags=billing%20%26%20ops&excludePinnedData=true&limit=250",
                "/api/v1/workflows?tags=billing%20%26%20ops&excludePinnedData=true&limit=250&cursor=c",
                "/api/v1/workflows?tags=unused&excludePinnedData=true&limit=250",
            ]
        );
    }

    #[test]
    fn usage_of_names_the_scope_it_lacks() {
        let canned = Canned::default().json(403, r#"{"message":"Forbidden"}"#);
        let error = run(usage_of(&client(&canned), vec![tag("t1", "a")])).unwrap_err();
        assert!(error.to_string().contains("workflow:list"), "{error}");
    }

    #[test]
    fn only_plain_names_can_be_filtered_by() {
        assert!(can_filter_by("prod"));
        assert!(can_filter_by("two words"));
        for name in ["", "a,b", " lead", "trail ", ","] {
            assert!(!can_filter_by(name), "{name:?}");
        }
    }
}
