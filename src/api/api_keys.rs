//! API keys on both back ends: the documented `/api/v1/api-keys` contract (the API key header; served
//! by `tests/fake-n8n`) and real n8n's internal `/rest/api-keys` (the editor's cookie session plus a
//! `browser-id` header), bare or inside `{"data": ...}`. Real n8n lists keys in two shapes: a plain
//! array of the caller's own keys up to 2.24, and from 2.27.5 a page `{items, counts, ...}` in which
//! owners and admins see every user's key (`ownership=mine|all`, each item with its `owner`); the
//! shape of the first answer tells which. From 2.28.6 `POST /rest/api-keys/{id}/rotate` replaces a
//! key's secret in place (`Capabilities::rotate_keys`). Also the rules the page applies before
//! sending: label checks, expiry choices and how close a key is to expiring.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::client::{Client, Method, Request, Transport};
use super::de;
use super::error::ApiError;
use super::query::{encode_component, Query};
use crate::format::quoted;

/// n8n's limit on a key's label.
pub const MAX_LABEL: usize = 50;
/// Expiry choices offered when creating a key, in days; 90 is preselected, as the seeds advise.
pub const EXPIRY_DAYS: [u32; 4] = [7, 30, 60, 90];
pub const DEFAULT_EXPIRY_DAYS: u32 = 90;
/// Below this many days left, a key's expiry is a warning.
pub const WARN_DAYS: i64 = 7;
const DAY: i64 = 86_400;

/// Where this n8n manages API keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyStore {
    /// The seeds' contract: `/api/v1/api-keys` with the API key.
    PublicApi,
    /// Real n8n: `/rest/api-keys` with the editor's session (cookie) and its browser id.
    EditorApi { browser_id: String },
}

impl KeyStore {
    /// Says which back end is in use, for the page.
    pub fn describe(&self) -> &'static str {
        match self {
            KeyStore::PublicApi => {
                "n8n's public API (/api/v1/api-keys), with the console's API key"
            }
            KeyStore::EditorApi { .. } => {
                "n8n's editor API (/rest/api-keys), with your n8n sign-in in this browser"
            }
        }
    }

    fn request<T: Transport>(
        &self,
        client: &Client<T>,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Request {
        self.request_with(client, method, path, &Query::new(), body)
    }

    fn request_with<T: Transport>(
        &self,
        client: &Client<T>,
        method: Method,
        path: &str,
        query: &Query,
        body: Option<String>,
    ) -> Request {
        let path = format!("/api-keys{path}");
        match self {
            KeyStore::PublicApi => client.request(method, &path, query, body),
            KeyStore::EditorApi { browser_id } => {
                client.editor_request(method, &path, query, browser_id, body)
            }
        }
    }
}

/// What the page learnt about the public API's key endpoint.
#[derive(Clone, Debug, PartialEq)]
pub enum Detected {
    /// `/api/v1/api-keys` answered: the seeds' contract, with its keys.
    PublicApi(Vec<ApiKeyInfo>),
    /// 404 there (real n8n 2.20): keys live behind the editor's `/rest/api-keys`.
    EditorApiNeeded,
}

/// Finds the back end: the public API first, then (on its 404) the editor API.
pub async fn detect<T: Transport>(client: &Client<T>) -> Result<Detected, ApiError> {
    match list(client, &KeyStore::PublicApi, None).await {
        Ok(keys) => Ok(Detected::PublicApi(keys.keys)),
        Err(ApiError::NotFound(_)) => Ok(Detected::EditorApiNeeded),
        Err(error) => Err(error),
    }
}

/// Signs in to n8n's editor API (`POST /rest/login`); the answer sets the session cookie. The
/// password goes into this one request and nowhere else.
pub async fn sign_in<T: Transport>(
    client: &Client<T>,
    browser_id: &str,
    email: &str,
    password: &str,
) -> Result<(), ApiError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Login<'a> {
        email_or_ldap_login_id: &'a str,
        password: &'a str,
    }
    let body = serde_json::to_string(&Login {
        email_or_ldap_login_id: email.trim(),
        password,
    })
    .map_err(|e| ApiError::Decode(e.to_string()))?;
    let request = client.editor_request(
        Method::Post,
        "/login",
        &Query::new(),
        browser_id,
        Some(body),
    );
    client
        .execute::<serde::de::IgnoredAny>(request)
        .await
        .map(|_| ())
}

/// Whose keys a paged listing shows (n8n 2.27.5+).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Ownership {
    #[default]
    Mine,
    All,
}

impl Ownership {
    pub fn as_str(self) -> &'static str {
        match self {
            Ownership::Mine => "mine",
            Ownership::All => "all",
        }
    }
}

/// A listing, and what its shape told about the instance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyList {
    pub keys: Vec<ApiKeyInfo>,
    /// The answer was n8n's page (2.27.5+): `ownership` may be asked for and each key names its owner.
    pub paged: bool,
    /// How many keys every user has together, when n8n says (`counts.all`).
    pub count_all: Option<u64>,
}

/// Keys read per request from a paged listing.
const PAGE_TAKE: usize = 100;
/// A bound on the pages read, so a server that ignores `skip` cannot loop the console.
const MAX_PAGES: usize = 100;

/// Lists keys. `ownership` is sent only when the caller knows the instance pages (`KeyList::paged`
/// from an earlier answer): an instance that answered a plain array gets no parameters. A first,
/// parameter-less answer in the page shape is read again, page by page, as `Mine`.
pub async fn list<T: Transport>(
    client: &Client<T>,
    store: &KeyStore,
    ownership: Option<Ownership>,
) -> Result<KeyList, ApiError> {
    let read = |query: Query| async move {
        let request = store.request_with(client, Method::Get, "", &query, None);
        client
            .execute::<Wrapped<ListAnswer>>(request)
            .await
            .map(|Wrapped(answer)| answer)
    };
    let ownership = match ownership {
        Some(ownership) => ownership,
        None => match read(Query::new()).await? {
            ListAnswer::Plain(keys) => {
                return Ok(KeyList {
                    keys,
                    paged: false,
                    count_all: None,
                })
            }
            ListAnswer::Paged(_) => Ownership::Mine,
        },
    };
    let mut list = KeyList {
        paged: true,
        ..KeyList::default()
    };
    for _ in 0..MAX_PAGES {
        let query = Query::new()
            .push("ownership", ownership.as_str())
            .push("take", PAGE_TAKE.to_string())
            .push("skip", list.keys.len().to_string());
        let answer = read(query).await?;
        let page = match answer {
            ListAnswer::Paged(page) => page,
            // Asked for a page, given an array: that is everything.
            ListAnswer::Plain(keys) => KeyPage {
                items: keys,
                counts: None,
            },
        };
        list.count_all = page.counts.map(|c| c.all);
        let got = page.items.len();
        // A server that ignores `skip` answers the same keys again: keep each once.
        let fresh: Vec<_> = page
            .items
            .into_iter()
            .filter(|k| !list.keys.iter().any(|have| have.id == k.id))
            .collect();
        let new = fresh.len();
        list.keys.extend(fresh);
        if got < PAGE_TAKE || new == 0 {
            break;
        }
    }
    Ok(list)
}

/// `GET /rest/api-keys` in either of n8n's shapes.
#[derive(Deserialize)]
#[serde(untagged)]
enum ListAnswer {
    Plain(Vec<ApiKeyInfo>),
    Paged(KeyPage),
}

#[derive(Deserialize)]
struct KeyPage {
    #[serde(deserialize_with = "de::null_default")]
    items: Vec<ApiKeyInfo>,
    #[serde(default)]
    counts: Option<Counts>,
}

#[derive(Deserialize)]
struct Counts {
    #[serde(default, deserialize_with = "de::null_default")]
    all: u64,
}

/// The signed-in editor user's id (`GET /rest/login` answers the current user), to tell their own
/// keys from other users' in an `All` listing.
pub async fn current_user_id<T: Transport>(
    client: &Client<T>,
    browser_id: &str,
) -> Result<String, ApiError> {
    #[derive(Deserialize)]
    struct User {
        #[serde(deserialize_with = "de::id")]
        id: String,
    }
    let Wrapped(user): Wrapped<User> = client
        .execute(client.editor_request(Method::Get, "/login", &Query::new(), browser_id, None))
        .await?;
    Ok(user.id)
}

/// Replaces a key's secret in place (n8n 2.28.6+, own keys only): the old secret stops working at
/// once; label, scopes and expiry stay. Answers the key with its new raw secret, shown once.
pub async fn rotate<T: Transport>(
    client: &Client<T>,
    store: &KeyStore,
    id: &str,
) -> Result<CreatedApiKey, ApiError> {
    let path = format!("/{}/rotate", encode_component(id));
    let Wrapped(rotated) = client
        .execute(store.request(client, Method::Post, &path, None))
        .await?;
    Ok(rotated)
}

/// The scopes this user may give a key.
pub async fn scopes<T: Transport>(
    client: &Client<T>,
    store: &KeyStore,
) -> Result<Vec<String>, ApiError> {
    let Wrapped(scopes) = client
        .execute(store.request(client, Method::Get, "/scopes", None))
        .await?;
    Ok(scopes)
}

/// A key to create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewKey {
    pub label: String,
    pub scopes: Vec<String>,
    /// Unix seconds; `null` for a key that never expires.
    pub expires_at: Option<i64>,
}

pub async fn create<T: Transport>(
    client: &Client<T>,
    store: &KeyStore,
    key: &NewKey,
) -> Result<CreatedApiKey, ApiError> {
    let body = serde_json::to_string(key).map_err(|e| ApiError::Decode(e.to_string()))?;
    let Wrapped(created) = client
        .execute(store.request(client, Method::Post, "", Some(body)))
        .await?;
    Ok(created)
}

/// Changes a key's label and scopes (n8n wants both; it cannot change an expiry).
pub async fn update<T: Transport>(
    client: &Client<T>,
    store: &KeyStore,
    id: &str,
    label: &str,
    scopes: &[String],
) -> Result<(), ApiError> {
    let body = serde_json::json!({ "label": label, "scopes": scopes }).to_string();
    let path = format!("/{}", encode_component(id));
    client
        .execute::<serde::de::IgnoredAny>(store.request(client, Method::Patch, &path, Some(body)))
        .await
        .map(|_| ())
}

/// Revokes a key: integrations using it get 401 from then on.
pub async fn delete<T: Transport>(
    client: &Client<T>,
    store: &KeyStore,
    id: &str,
) -> Result<(), ApiError> {
    let path = format!("/{}", encode_component(id));
    client
        .execute::<serde::de::IgnoredAny>(store.request(client, Method::Delete, &path, None))
        .await
        .map(|_| ())
}

/// Checks a label as n8n would, before sending: trimmed, 1 to 50 characters, and not one the user's
/// keys already have (n8n answers a duplicate with a 500). `except` is the key being edited.
pub fn check_label(
    label: &str,
    keys: &[ApiKeyInfo],
    except: Option<&str>,
) -> Result<String, String> {
    let label = label.trim();
    if label.is_empty() {
        return Err("Give the key a label, e.g. the integration that will use it.".into());
    }
    let length = label.chars().count();
    if length > MAX_LABEL {
        return Err(format!(
            "The label is {length} characters long; n8n allows at most {MAX_LABEL}."
        ));
    }
    if keys
        .iter()
        .any(|k| Some(k.id.as_str()) != except && k.label.trim().eq_ignore_ascii_case(label))
    {
        return Err(format!(
            "You already have a key labelled {}: pick another label.",
            quoted(label)
        ));
    }
    Ok(label.to_string())
}

/// The replacement's label in a rotation: `<label> (rotated YYYY-MM-DD)`, the old label cut so the
/// whole stays within n8n's 50 characters.
pub fn rotated_label(label: &str, today: &str) -> String {
    let suffix = format!(" (rotated {today})");
    // An earlier rotation's suffix is replaced, not stacked.
    let base = match label.trim().rfind(" (rotated ") {
        Some(at) if label.trim().ends_with(')') => &label.trim()[..at],
        _ => label.trim(),
    };
    let room = MAX_LABEL.saturating_sub(suffix.chars().count());
    let base: String = base.chars().take(room).collect();
    format!("{}{suffix}", base.trim_end())
}

/// When a new key should expire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expiry {
    Days(u32),
    /// A calendar date (`YYYY-MM-DD`), valid until the end of that day (UTC).
    OnDate(String),
    Never,
}

impl Expiry {
    /// `expiresAt` for n8n, from `now` in unix seconds; an unreadable or past date is an error.
    pub fn expires_at(&self, now: i64) -> Result<Option<i64>, String> {
        match self {
            Expiry::Days(days) => Ok(Some(now.saturating_add(i64::from(*days) * DAY))),
            Expiry::Never => Ok(None),
            Expiry::OnDate(date) => {
                let start = crate::format::parse_iso_millis(&format!("{date}T00:00:00Z"))
                    .ok_or_else(|| "Pick a valid expiry date.".to_string())?
                    / 1000;
                let end = start + DAY - 1;
                if end <= now {
                    return Err("The expiry date must be in the future.".into());
                }
                Ok(Some(end))
            }
        }
    }
}

/// How close a key is to its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpiryState {
    Never,
    Expired,
    /// Whole days left (0: expires within a day).
    Soon(i64),
    Later(i64),
}

impl ExpiryState {
    pub fn of(expires_at: Option<i64>, now: i64) -> Self {
        match expires_at {
            None => ExpiryState::Never,
            Some(at) if at <= now => ExpiryState::Expired,
            Some(at) => {
                // Both are any number (the server's `expiresAt`, the clock): no overflow.
                let days = at.saturating_sub(now) / DAY;
                if days < WARN_DAYS {
                    ExpiryState::Soon(days)
                } else {
                    ExpiryState::Later(days)
                }
            }
        }
    }

    /// The badge text: `Expired`, `Expires in 3 days`, `Never expires`.
    pub fn label(&self) -> String {
        match self {
            ExpiryState::Never => "Never expires".into(),
            ExpiryState::Expired => "Expired".into(),
            ExpiryState::Soon(0) => "Expires today".into(),
            ExpiryState::Soon(1) | ExpiryState::Later(1) => "Expires in 1 day".into(),
            ExpiryState::Soon(d) | ExpiryState::Later(d) => format!("Expires in {d} days"),
        }
    }
}

/// How many keys have expired, and how many expire within [`WARN_DAYS`] (the Overview's tile).
pub fn expiry_counts(keys: &[ApiKeyInfo], now: i64) -> (usize, usize) {
    keys.iter().fold((0, 0), |(expired, soon), key| {
        match ExpiryState::of(key.expires_at, now) {
            ExpiryState::Expired => (expired + 1, soon),
            ExpiryState::Soon(_) => (expired, soon + 1),
            _ => (expired, soon),
        }
    })
}

/// Soonest expiry first (expired keys at the top), keys that never expire last, then by label.
pub fn sort_by_expiry(keys: &mut [ApiKeyInfo]) {
    keys.sort_by(|a, b| {
        let at = |k: &ApiKeyInfo| k.expires_at.unwrap_or(i64::MAX);
        at(a)
            .cmp(&at(b))
            .then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
    });
}

/// True when the listed (redacted) key is `key`: n8n shows `******` + its last 4 characters.
pub fn is_same_key(listed: &ApiKeyInfo, key: &super::client::ApiKey) -> bool {
    let tail = |s: &str| s.chars().rev().take(4).collect::<String>();
    listed.api_key.len() >= 4 && tail(&listed.api_key) == tail(key.expose())
}

/// A listed key: the key itself is redacted (`******nx78`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyInfo {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub label: String,
    /// The redacted key as n8n lists it.
    #[serde(default, deserialize_with = "de::null_default")]
    pub api_key: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Unix seconds, or none for a key that never expires.
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// When the key was last used: absent before n8n 2.28.6 (`None`), `Some(None)` for never.
    #[serde(default, deserialize_with = "de::presence")]
    pub last_used_at: Option<Option<String>>,
    /// The user the key belongs to (real n8n).
    #[serde(default, deserialize_with = "de::opt_id")]
    pub user_id: Option<String>,
    /// Who owns it, in n8n's paged listing (2.27.5+).
    #[serde(default)]
    pub owner: Option<KeyOwner>,
}

/// A key's owner as n8n's paged listing names them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeyOwner {
    #[serde(default, deserialize_with = "de::opt_id")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub first_name: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub last_name: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub email: String,
}

impl KeyOwner {
    /// `Mia Member`, or the e-mail address when n8n has no name (a pending invitation).
    pub fn name(&self) -> String {
        let name = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let name = name.trim();
        if name.is_empty() {
            self.email.clone()
        } else {
            name.to_string()
        }
    }
}

/// The answer to a create: the listed fields plus the raw key, shown once.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub info: ApiKeyInfo,
    pub raw_api_key: RawKey,
}

/// A freshly created key. `Debug` hides it; only the reveal dialog reads it, through `expose`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct RawKey(String);

impl RawKey {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RawKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RawKey(hidden)")
    }
}

impl fmt::Debug for CreatedApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreatedApiKey")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

/// Real n8n wraps answers in `{"data": ...}`; the seeds' contract sends them bare. Both decode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wrapped<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Wrapped<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either<T> {
            Data { data: T },
            Bare(T),
        }
        Ok(Wrapped(match Either::deserialize(d)? {
            Either::Data { data } => data,
            Either::Bare(t) => t,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;
    use crate::api::client::ApiKey;

    #[test]
    fn both_back_ends_decode() {
        let seeds = r#"[{"id":"key_123","label":"Production API Key","apiKey":"n8n_api_••••cdef","createdAt":"2024-01-15T10:30:00.000Z","expiresAt":null,"scopes":["workflow:read"]}]"#;
        let real = r#"{"data":[{"id":"k1","label":"ci","apiKey":"******nx78","scopes":["tag:list"],"expiresAt":1790000000,"audience":"public-api","userId":"u"}]}"#;
        let Wrapped(a): Wrapped<Vec<ApiKeyInfo>> = serde_json::from_str(seeds).unwrap();
        let Wrapped(b): Wrapped<Vec<ApiKeyInfo>> = serde_json::from_str(real).unwrap();
        assert_eq!(
            (a[0].label.as_str(), a[0].expires_at),
            ("Production API Key", None)
        );
        assert_eq!(
            (b[0].api_key.as_str(), b[0].expires_at),
            ("******nx78", Some(1790000000))
        );
    }

    #[test]
    fn raw_key_never_debug_prints() {
        let created: Wrapped<CreatedApiKey> = serde_json::from_str(
            r#"{"data":{"id":"k2","label":"new","apiKey":"******abcd","rawApiKey":"eyJhbGciOiJIUzI1NiJ9.topsecret.abcd","scopes":[]}}"#,
        )
        .unwrap();
        assert_eq!(
            created.0.raw_api_key.expose(),
            "eyJhbGciOiJIUzI1NiJ9.topsecret.abcd"
        );
        let shown = format!("{:?}", created);
        assert!(!shown.contains("topsecret"), "{shown}");
    }

    #[test]
    fn detect_prefers_the_public_api_and_falls_back_on_404() {
        let seeds = Canned::default().json(
            200,
            r#"[{"id":"k","label":"a","apiKey":"n8n_api_••cdef","scopes":[]}]"#,
        );
        let found = run(detect(&client(&seeds))).unwrap();
        assert!(matches!(found, Detected::PublicApi(keys) if keys.len() == 1));
        assert_eq!(seeds.sent.borrow()[0].url, "/api/v1/api-keys");

        let real = Canned::default().json(404, r#"{"message":"not found"}"#);
        assert_eq!(
            run(detect(&client(&real))).unwrap(),
            Detected::EditorApiNeeded
        );
        let broken = Canned::default().json(401, r#"{"message":"unauthorized"}"#);
        assert!(run(detect(&client(&broken))).unwrap_err().is_unauthorized());
    }

    #[test]
    fn editor_api_calls_carry_the_browser_id_not_the_api_key() {
        let canned = Canned::default()
            .json(200, r#"{"data":{"id":"u1","email":"owner@example.com"}}"#)
            .json(200, r#"{"data":["workflow:read","tag:list"]}"#)
            .json(200, r#"{"data":{"id":"k9","label":"ci","apiKey":"******wxyz","rawApiKey":"eyJ.secret.wxyz","scopes":["tag:list"],"expiresAt":1800000000}}"#)
            .json(200, r#"{"data":true}"#)
            .json(200, r#"{"data":{"success":true}}"#);
        let c = client(&canned);
        let store = KeyStore::EditorApi {
            browser_id: "b-123".into(),
        };
        run(sign_in(&c, "b-123", " owner@example.com ", "pw")).unwrap();
        assert_eq!(
            run(scopes(&c, &store)).unwrap(),
            ["workflow:read", "tag:list"]
        );
        let created = run(create(
            &c,
            &store,
            &NewKey {
                label: "ci".into(),
                scopes: vec!["tag:list".into()],
                expires_at: Some(1_800_000_000),
            },
        ))
        .unwrap();
        assert_eq!(created.raw_api_key.expose(), "eyJ.secret.wxyz");
        run(update(&c, &store, "k9", "ci2", &["tag:list".to_string()])).unwrap();
        run(delete(&c, &store, "k9")).unwrap();

        let sent = canned.sent.borrow();
        let calls: Vec<_> = sent.iter().map(|r| (r.method, r.url.as_str())).collect();
        assert_eq!(
            calls,
            [
                (Method::Post, "/rest/login"),
                (Method::Get, "/rest/api-keys/scopes"),
                (Method::Post, "/rest/api-keys"),
                (Method::Patch, "/rest/api-keys/k9"),
                (Method::Delete, "/rest/api-keys/k9"),
            ]
        );
        for request in sent.iter() {
            let headers = request.headers();
            assert!(headers.contains(&("browser-id", "b-123")));
            assert!(!headers.iter().any(|(name, _)| *name == "X-N8N-API-KEY"));
        }
        assert_eq!(
            sent[0].body.as_deref(),
            Some(r#"{"emailOrLdapLoginId":"owner@example.com","password":"pw"}"#)
        );
        assert_eq!(
            sent[2].body.as_deref(),
            Some(r#"{"label":"ci","scopes":["tag:list"],"expiresAt":1800000000}"#)
        );
        assert_eq!(
            sent[3].body.as_deref(),
            Some(r#"{"label":"ci2","scopes":["tag:list"]}"#)
        );
        assert!(!format!("{created:?}").contains("secret"));
    }

    fn key(id: &str, label: &str, expires_at: Option<i64>) -> ApiKeyInfo {
        ApiKeyInfo {
            id: id.into(),
            label: label.into(),
            api_key: "******abcd".into(),
            scopes: vec![],
            created_at: None,
            updated_at: None,
            expires_at,
            last_used_at: None,
            user_id: None,
            owner: None,
        }
    }

    #[test]
    fn labels_are_checked_like_n8n_does() {
        let keys = [key("1", "CI deploy", None)];
        assert_eq!(check_label("  Zapier ", &keys, None).unwrap(), "Zapier");
        assert!(check_label("   ", &keys, None).is_err());
        assert!(check_label(&"x".repeat(51), &keys, None)
            .unwrap_err()
            .contains("51"));
        assert!(check_label(&"é".repeat(50), &keys, None).is_ok());
        assert!(check_label("ci DEPLOY", &keys, None)
            .unwrap_err()
            .contains("already"));
        assert!(
            check_label("CI deploy", &keys, Some("1")).is_ok(),
            "its own label when editing"
        );
    }

    #[test]
    fn expiry_choices_and_states() {
        let now = 1_800_000_000;
        assert_eq!(Expiry::Days(90).expires_at(now), Ok(Some(now + 90 * DAY)));
        assert_eq!(Expiry::Never.expires_at(now), Ok(None));
        let end = Expiry::OnDate("2027-01-15".into())
            .expires_at(now)
            .unwrap()
            .unwrap();
        assert_eq!(
            end,
            crate::format::parse_iso_millis("2027-01-15T23:59:59Z").unwrap() / 1000
        );
        assert!(Expiry::OnDate("2020-01-01".into()).expires_at(now).is_err());
        assert!(Expiry::OnDate("soon".into()).expires_at(now).is_err());

        assert_eq!(ExpiryState::of(None, now).label(), "Never expires");
        assert_eq!(ExpiryState::of(Some(now), now), ExpiryState::Expired);
        assert_eq!(
            ExpiryState::of(Some(now + 3 * DAY + 5), now),
            ExpiryState::Soon(3)
        );
        assert_eq!(
            ExpiryState::of(Some(now + 3 * DAY + 5), now).label(),
            "Expires in 3 days"
        );
        assert_eq!(
            ExpiryState::of(Some(now + 100), now).label(),
            "Expires today"
        );
        assert_eq!(
            ExpiryState::of(Some(now + 30 * DAY), now),
            ExpiryState::Later(30)
        );
    }

    #[test]
    fn expiry_arithmetic_takes_any_number() {
        // `at - now` and `now + days` overflowed (a panic in a debug build) at the ends of i64.
        assert_eq!(
            ExpiryState::of(Some(i64::MAX), -1),
            ExpiryState::Later(i64::MAX / DAY)
        );
        assert_eq!(
            ExpiryState::of(Some(i64::MAX), i64::MIN).label(),
            format!("Expires in {} days", i64::MAX / DAY)
        );
        assert_eq!(Expiry::Days(90).expires_at(i64::MAX), Ok(Some(i64::MAX)));
    }

    #[test]
    fn soonest_expiry_first_and_own_key_recognised() {
        let mut keys = vec![
            key("a", "never", None),
            key("b", "later", Some(2_000)),
            key("c", "expired", Some(10)),
            key("d", "Also later", Some(2_000)),
        ];
        sort_by_expiry(&mut keys);
        let order: Vec<_> = keys.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(order, ["expired", "Also later", "later", "never"]);
        let mine = ApiKey::new("eyJhbGci.something.abcd").unwrap();
        assert!(is_same_key(&keys[0], &mine));
        assert!(!is_same_key(&keys[0], &ApiKey::new("zzzz-wxyz").unwrap()));
    }

    #[test]
    fn expiry_counts_tell_expired_from_expiring_within_a_week() {
        let day = 86_400;
        let keys = vec![
            key("a", "never", None),
            key("b", "expired", Some(10)),
            key("c", "in 2 days", Some(100 + 2 * day)),
            key("d", "in 6 days", Some(100 + 6 * day + 10)),
            key("e", "in 8 days", Some(100 + 8 * day)),
        ];
        assert_eq!(expiry_counts(&keys, 100), (1, 2));
        assert_eq!(expiry_counts(&[], 100), (0, 0));
    }

    #[test]
    fn rotated_labels_fit_and_do_not_stack() {
        assert_eq!(
            rotated_label("CI deploy", "2026-11-23"),
            "CI deploy (rotated 2026-11-23)"
        );
        assert_eq!(
            rotated_label("CI deploy (rotated 2026-01-02)", "2026-11-23"),
            "CI deploy (rotated 2026-11-23)"
        );
        let long = rotated_label(&"x".repeat(50), "2026-11-23");
        assert_eq!(long.chars().count(), 50);
        assert!(check_label(&long, &[], None).is_ok());
    }

    /// `GET /rest/api-keys` as n8n 2.41.1 answered it (measured 2026-12-01), scopes cut short.
    const PAGED_2_41: &str = r#"{"data":{"items":[{"updatedAt":"2026-12-01T13:19:02.509Z","createdAt":"2026-12-01T13:19:02.509Z","id":"i8lh","userId":"u-mia","label":"member key","scopes":["tag:list"],"apiKey":"******ddiw","audience":"public-api","lastUsedAt":null,"expiresAt":null,"owner":{"id":"u-mia","firstName":"Mia","lastName":"Member","email":"member@example.com"}}],"counts":{"mine":1,"all":2},"totals":{"mine":1,"all":2},"owners":[]}}"#;

    fn editor() -> KeyStore {
        KeyStore::EditorApi {
            browser_id: "b".into(),
        }
    }

    #[test]
    fn a_plain_array_is_the_whole_list_and_gets_no_parameters() {
        let canned = Canned::default().json(
            200,
            r#"{"data":[{"id":"k1","label":"ci","apiKey":"******nx78","scopes":[],"userId":"u1"}]}"#,
        );
        let got = run(list(&client(&canned), &editor(), None)).unwrap();
        assert!(!got.paged);
        assert_eq!(got.keys.len(), 1);
        assert_eq!(got.keys[0].last_used_at, None, "2.20 does not say");
        assert_eq!(got.keys[0].user_id.as_deref(), Some("u1"));
        assert_eq!(canned.sent.borrow()[0].url, "/rest/api-keys");
    }

    #[test]
    fn a_page_is_read_again_as_mine_then_all_on_request() {
        let canned = Canned::default()
            .json(200, PAGED_2_41)
            .json(200, PAGED_2_41)
            .json(200, PAGED_2_41);
        let c = client(&canned);
        let mine = run(list(&c, &editor(), None)).unwrap();
        assert!(mine.paged);
        assert_eq!(mine.count_all, Some(2));
        let key = &mine.keys[0];
        assert_eq!(key.last_used_at, Some(None), "2.41 says: never used");
        assert_eq!(
            key.owner.as_ref().map(KeyOwner::name).as_deref(),
            Some("Mia Member")
        );
        run(list(&c, &editor(), Some(Ownership::All))).unwrap();
        let urls: Vec<String> = canned.sent.borrow().iter().map(|r| r.url.clone()).collect();
        assert_eq!(
            urls,
            [
                "/rest/api-keys",
                "/rest/api-keys?ownership=mine&take=100&skip=0",
                "/rest/api-keys?ownership=all&take=100&skip=0",
            ]
        );
    }

    #[test]
    fn pages_are_followed_and_a_server_ignoring_skip_cannot_loop() {
        let many = |from: usize, n: usize| {
            let items: Vec<String> = (from..from + n)
                .map(|i| {
                    format!(r#"{{"id":"k{i}","label":"l{i}","apiKey":"******{i:04}","scopes":[]}}"#)
                })
                .collect();
            format!(
                r#"{{"data":{{"items":[{}],"counts":{{"mine":150,"all":150}}}}}}"#,
                items.join(",")
            )
        };
        let canned = Canned::default()
            .json(200, &many(0, 100))
            .json(200, &many(100, 50));
        let got = run(list(&client(&canned), &editor(), Some(Ownership::Mine))).unwrap();
        assert_eq!(got.keys.len(), 150);
        assert!(canned.sent.borrow()[1].url.ends_with("skip=100"));

        let same = Canned::default()
            .json(200, &many(0, 100))
            .json(200, &many(0, 100));
        let got = run(list(&client(&same), &editor(), Some(Ownership::All))).unwrap();
        assert_eq!((got.keys.len(), same.sent.borrow().len()), (100, 2));
    }

    #[test]
    fn an_object_that_is_no_list_is_an_error() {
        let canned = Canned::default().json(200, r#"{"data":{"message":"surprise"}}"#);
        assert!(run(list(&client(&canned), &editor(), None)).is_err());
    }

    #[test]
    fn rotate_posts_to_the_key_and_reveals_the_new_secret_once() {
        let canned = Canned::default()
            .json(200, r#"{"data":{"id":"k/1","label":"ci","apiKey":"******PEhc","rawApiKey":"eyJ.new-secret.PEhc","scopes":["tag:list"],"lastUsedAt":null,"expiresAt":null}}"#)
            .json(200, r#"{"data":{"id":"u-owner","email":"owner@example.com"}}"#);
        let c = client(&canned);
        let rotated = run(rotate(&c, &editor(), "k/1")).unwrap();
        assert_eq!(rotated.raw_api_key.expose(), "eyJ.new-secret.PEhc");
        assert!(!format!("{rotated:?}").contains("new-secret"));
        assert_eq!(run(current_user_id(&c, "b")).unwrap(), "u-owner");
        let sent = canned.sent.borrow();
        assert_eq!(
            (sent[0].method, sent[0].url.as_str()),
            (Method::Post, "/rest/api-keys/k%2F1/rotate")
        );
        assert_eq!(
            (sent[1].method, sent[1].url.as_str()),
            (Method::Get, "/rest/login")
        );
    }

    #[test]
    fn owners_without_a_name_show_their_address() {
        let owner: KeyOwner = serde_json::from_str(
            r#"{"id":"u","firstName":null,"lastName":" ","email":"new@example.com"}"#,
        )
        .unwrap();
        assert_eq!(owner.name(), "new@example.com");
    }
}
