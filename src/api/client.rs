//! Request building and answer decoding for n8n's public API, independent of how bytes travel.
//!
//! A [`Transport`] sends one [`Request`] and returns the raw [`Response`]; the browser's fetch is one
//! transport (src/browser/http.rs), a canned one drives the unit tests. Everything else, which URL,
//! which headers, what a status means, how JSON decodes, lives here and is tested natively.

use std::fmt;
use std::future::Future;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::ApiError;
use super::query::Query;
use super::retry::{self, RetryReason};

/// The public API's path under the n8n origin (n8n's default `N8N_PUBLIC_API_ENDPOINT` is `api`).
pub const PUBLIC_API_PATH: &str = "/api/v1";
/// The detail of `ApiError::Network` for a request the console itself cancelled (the view went away).
pub const CANCELLED: &str = "cancelled";
/// The detail of `ApiError::Network` for a request the browser refused to build: it never left.
pub const NOT_BUILT: &str = "the request could not be built";
/// n8n's internal API, the one its editor uses (cookie session + `browser-id` header).
pub const EDITOR_API_PATH: &str = "/rest";

/// An n8n API key. Its `Debug` never prints it, so it cannot leak through logs or error text.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// A trimmed key, or `None` when nothing usable was typed (see [`ApiKey::parse`] for why).
    pub fn new(raw: &str) -> Option<Self> {
        Self::parse(raw).ok()
    }

    /// A trimmed key, or what is wrong with it, in words for the admin. n8n's keys are printable
    /// ASCII (a JWT, or `n8n_api_…`); anything else was changed on its way here (a chat app's curly
    /// quote, a zero-width space from a web page) and could not even be sent as a header.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let key = raw.trim();
        if key.is_empty() {
            return Err("Enter an API key. Create one in n8n under Settings → n8n API.".into());
        }
        if let Some((position, c)) = key.chars().enumerate().find(|(_, c)| !c.is_ascii_graphic()) {
            let what = if c.is_whitespace() {
                "a space"
            } else if c.is_control() || is_invisible(c) {
                "an invisible character"
            } else {
                "a character"
            };
            let shown = if c.is_control() || is_invisible(c) || c.is_whitespace() {
                String::new()
            } else {
                format!(" “{c}”")
            };
            return Err(format!(
                "The API key has {what}{shown} (U+{:04X}) at position {}, which n8n keys never have: \
                 it was probably changed when it was copied. Copy it again from where n8n showed it, \
                 as plain text.",
                u32::from(c),
                position + 1
            ));
        }
        Ok(ApiKey(key.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// n8n lists keys redacted as `******` + their last 4 characters: this is that form.
    pub fn redacted(&self) -> String {
        let tail: String = self
            .0
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("******{tail}")
    }
}

/// Characters that print as nothing: zero-width spaces and joiners, direction marks, the BOM.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Whether a browser can send `value` as a header value (`Headers.set` throws otherwise): a
/// ByteString (no character above U+00FF) without NUL, CR or LF.
pub fn is_sendable_header_value(value: &str) -> bool {
    value
        .chars()
        .all(|c| u32::from(c) <= 0xFF && !matches!(c, '\0' | '\r' | '\n'))
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.redacted())
    }
}

/// Where n8n is and how to authenticate to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The n8n origin (plus any path prefix), without a trailing slash. Empty: the console's own origin.
    pub base_url: String,
    pub api_key: ApiKey,
}

impl Connection {
    pub fn new(base_url: &str, api_key: ApiKey) -> Result<Self, String> {
        Ok(Connection {
            base_url: normalize_base_url(base_url)?,
            api_key,
        })
    }

    /// The full URL of a public-API path such as `/workflows`.
    pub fn url(&self, path: &str, query: &Query) -> String {
        self.url_under(PUBLIC_API_PATH, path, query)
    }

    /// The full URL of a path of n8n's internal (editor) API, such as `/api-keys`.
    pub fn editor_url(&self, path: &str, query: &Query) -> String {
        self.url_under(EDITOR_API_PATH, path, query)
    }

    fn url_under(&self, prefix: &str, path: &str, query: &Query) -> String {
        let mut url = format!("{}{}{}", self.base_url, prefix, path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.encode());
        }
        url
    }
}

/// Accepts what an admin might paste: `https://n8n.example.com/`, `http://host:5678/api/v1`, or nothing.
pub fn normalize_base_url(input: &str) -> Result<String, String> {
    let mut url = input.trim().trim_end_matches('/').to_string();
    if url.is_empty() {
        return Ok(url);
    }
    // A path on this site (`/n8n/staging`): the proxy routes it to another instance.
    let on_this_site = url.starts_with('/') && !url.starts_with("//");
    if !(on_this_site || url.starts_with("http://") || url.starts_with("https://")) {
        return Err(
            "The n8n URL must start with http:// or https://, or be a path on this site such as /n8n/staging (or be left empty to use this site)."
                .into(),
        );
    }
    if url.contains(['?', '#', ' ']) {
        return Err("The n8n URL must be a plain address, without spaces, ? or #.".into());
    }
    for suffix in [PUBLIC_API_PATH, "/api"] {
        if let Some(stripped) = url.strip_suffix(suffix) {
            url = stripped.trim_end_matches('/').to_string();
            break;
        }
    }
    if on_this_site {
        return Ok(url);
    }
    let host = url.split("://").nth(1).unwrap_or("");
    if host.is_empty() || host.starts_with('/') {
        return Err("The n8n URL has no host name.".into());
    }
    Ok(url)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Safe methods may be retried after a transient failure; mutating ones never are.
    pub fn is_safe(self) -> bool {
        matches!(self, Method::Get)
    }
}

/// How a request proves who sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// The public API: the `X-N8N-API-KEY` header.
    ApiKey(ApiKey),
    /// n8n's editor API: the browser sends the `n8n-auth` cookie itself (same origin); n8n also wants
    /// the `browser-id` header that the login carried.
    EditorSession { browser_id: String },
}

/// One HTTP request, fully built. `Debug` shows the key redacted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub auth: Auth,
    /// A JSON body, sent with `Content-Type: application/json`.
    pub body: Option<String>,
}

impl Request {
    /// The headers to send, the credentials among them.
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut headers = vec![("Accept", "application/json")];
        match &self.auth {
            Auth::ApiKey(key) => headers.push(("X-N8N-API-KEY", key.expose())),
            Auth::EditorSession { browser_id } => headers.push(("browser-id", browser_id)),
        }
        if self.body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        headers
    }
}

/// A completed HTTP answer, whatever its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: String,
    /// The `Retry-After` header, as sent (a 429's or a 503's).
    pub retry_after: Option<String>,
    pub body: String,
}

impl Response {
    /// An answer without the headers only retries read.
    pub fn new(status: u16, content_type: impl Into<String>, body: impl Into<String>) -> Self {
        Response {
            status,
            content_type: content_type.into(),
            retry_after: None,
            body: body.into(),
        }
    }
}

/// Sends one request. Fails only when no HTTP answer came (network, timeout); any status is a `Response`.
pub trait Transport {
    fn send(&self, request: Request) -> impl Future<Output = Result<Response, ApiError>>;
    /// Waits before a retry (a timer in the browser, nothing in tests); `why` lets the page say so.
    fn pause(&self, millis: u32, why: RetryReason) -> impl Future<Output = ()>;
    /// Seconds since the Unix epoch, to read a `Retry-After` date.
    fn now_secs(&self) -> f64;
    /// A number in [0, 1), to spread retries out.
    fn jitter(&self) -> f64;
}

/// Why the same safe request may well succeed a moment later, if it may.
fn retry_reason(outcome: &Result<Response, ApiError>) -> Option<RetryReason> {
    match outcome {
        Ok(response) if response.status == 429 => Some(RetryReason::RateLimited),
        Ok(response) if (500..=599).contains(&response.status) => Some(RetryReason::Unavailable),
        Ok(_) => None,
        Err(ApiError::Network(detail)) if detail != CANCELLED && detail != NOT_BUILT => {
            Some(RetryReason::Unavailable)
        }
        Err(_) => None,
    }
}

/// Typed calls to one n8n through one transport.
#[derive(Clone, Debug)]
pub struct Client<T> {
    pub transport: T,
    pub connection: Connection,
}

impl<T: Transport> Client<T> {
    pub fn new(transport: T, connection: Connection) -> Self {
        Client {
            transport,
            connection,
        }
    }

    pub fn request(
        &self,
        method: Method,
        path: &str,
        query: &Query,
        body: Option<String>,
    ) -> Request {
        Request {
            method,
            url: self.connection.url(path, query),
            auth: Auth::ApiKey(self.connection.api_key.clone()),
            body,
        }
    }

    /// A request to n8n's editor API (`/rest/...`), on the session the `browser_id` belongs to (the
    /// browser sends the cookie itself).
    pub fn editor_request(
        &self,
        method: Method,
        path: &str,
        query: &Query,
        browser_id: &str,
        body: Option<String>,
    ) -> Request {
        Request {
            method,
            url: self.connection.editor_url(path, query),
            auth: Auth::EditorSession {
                browser_id: browser_id.to_string(),
            },
            body,
        }
    }

    /// Sends a built request (any API, any credentials) and decodes its JSON answer.
    pub async fn execute<R: DeserializeOwned>(&self, request: Request) -> Result<R, ApiError> {
        let response = self.fetch(request).await?;
        decode(&response)
    }

    /// Sends a request; a safe one (GET) is sent again after a 429, a 5xx or a lost connection,
    /// after the wait `retry::delay_ms` says. A mutating one is sent exactly once: one click, one
    /// change. A cancelled request (the view went away) and a timeout (already 30 s of waiting) are
    /// not retried.
    pub async fn fetch(&self, request: Request) -> Result<Response, ApiError> {
        let mut attempt = 0;
        loop {
            let outcome = self.transport.send(request.clone()).await;
            let reason = retry_reason(&outcome).filter(|_| request.method.is_safe());
            let Some(reason) = reason.filter(|_| attempt < retry::MAX_RETRIES) else {
                return outcome;
            };
            let retry_after = outcome.as_ref().ok().and_then(|r| r.retry_after.as_deref());
            let wait = retry::delay_ms(
                attempt,
                retry_after,
                self.transport.now_secs(),
                self.transport.jitter(),
            );
            self.transport.pause(wait, reason).await;
            attempt += 1;
        }
    }

    pub async fn get<R: DeserializeOwned>(&self, path: &str, query: &Query) -> Result<R, ApiError> {
        let response = self
            .fetch(self.request(Method::Get, path, query, None))
            .await?;
        decode(&response)
    }

    /// A GET whose JSON answer is wanted as text (checked to be a JSON success, not decoded).
    pub async fn get_text(&self, path: &str, query: &Query) -> Result<String, ApiError> {
        let response = self
            .fetch(self.request(Method::Get, path, query, None))
            .await?;
        check(&response)?;
        Ok(response.body)
    }

    /// A mutating call with an optional JSON body; decodes the answer's JSON.
    pub async fn send<B: Serialize, R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<R, ApiError> {
        let body = body
            .map(|b| serde_json::to_string(b).map_err(|e| ApiError::Decode(e.to_string())))
            .transpose()?;
        let response = self
            .fetch(self.request(method, path, &Query::new(), body))
            .await?;
        decode(&response)
    }
}

/// Turns an answer into `R`, or classifies why it cannot.
pub fn decode<R: DeserializeOwned>(response: &Response) -> Result<R, ApiError> {
    check(response)?;
    decode_text(&response.body)
}

/// Decodes a JSON text already known to be a success answer; an empty body decodes as `null`, so
/// endpoints that answer 204 or an empty 201 work with `R = ()` or `Option<_>`.
pub fn decode_text<R: DeserializeOwned>(body: &str) -> Result<R, ApiError> {
    let body = body.trim_start();
    let body = if body.is_empty() { "null" } else { body };
    serde_json::from_str(body).map_err(|e| ApiError::Decode(describe_decode_error(&e)))
}

/// A success status with a body that is not an HTML page, or the classified failure.
fn check(response: &Response) -> Result<(), ApiError> {
    if !(200..300).contains(&response.status) {
        return Err(
            match ApiError::from_status(response.status, &response.content_type, &response.body) {
                // The wait n8n asked for, in whole seconds (a date is read as "from now" at 0).
                ApiError::RateLimited { .. } => ApiError::RateLimited {
                    retry_after: response
                        .retry_after
                        .as_deref()
                        .and_then(|v| v.trim().parse::<u32>().ok()),
                },
                other => other,
            },
        );
    }
    let ct = response.content_type.to_ascii_lowercase();
    let body = response.body.trim_start();
    if !ct.contains("json") && (ct.contains("html") || body.starts_with('<')) {
        return Err(ApiError::NotJson {
            status: response.status,
            content_type: response.content_type.clone(),
        });
    }
    Ok(())
}

fn describe_decode_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "the JSON ends early".to_string(),
        Category::Syntax => format!("malformed JSON at line {}, column {}", e.line(), e.column()),
        // serde's data messages name the field and expected type, never the value.
        Category::Data | Category::Io => e.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A transport that answers from a script and records what it was asked.
    use super::*;
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::task::{Context, Poll, Waker};

    #[derive(Default)]
    pub struct Canned {
        pub answers: RefCell<VecDeque<Result<Response, ApiError>>>,
        pub sent: RefCell<Vec<Request>>,
        pub pauses: RefCell<Vec<u32>>,
        pub reasons: RefCell<Vec<RetryReason>>,
    }

    impl Canned {
        pub fn json(self, status: u16, body: &str) -> Self {
            self.answers.borrow_mut().push_back(Ok(Response::new(
                status,
                "application/json; charset=utf-8",
                body,
            )));
            self
        }

        /// A 429 with a `Retry-After` header.
        pub fn rate_limited(self, retry_after: &str) -> Self {
            let mut response = Response::new(429, "application/json", r#"{"message":"slow"}"#);
            response.retry_after = Some(retry_after.into());
            self.answers.borrow_mut().push_back(Ok(response));
            self
        }

        /// The URLs of the requests sent so far, in order.
        pub fn urls(&self) -> Vec<String> {
            self.sent.borrow().iter().map(|r| r.url.clone()).collect()
        }

        pub fn html(self, status: u16, body: &str) -> Self {
            self.answers.borrow_mut().push_back(Ok(Response::new(
                status,
                "text/html; charset=utf-8",
                body,
            )));
            self
        }
    }

    impl Transport for &Canned {
        async fn pause(&self, millis: u32, why: RetryReason) {
            self.pauses.borrow_mut().push(millis);
            self.reasons.borrow_mut().push(why);
        }

        fn now_secs(&self) -> f64 {
            1_700_000_000.0
        }

        fn jitter(&self) -> f64 {
            0.5
        }

        async fn send(&self, request: Request) -> Result<Response, ApiError> {
            self.sent.borrow_mut().push(request);
            self.answers
                .borrow_mut()
                .pop_front()
                .unwrap_or_else(|| Err(ApiError::Network("no canned answer".into())))
        }
    }

    pub fn client(canned: &Canned) -> Client<&Canned> {
        let key = ApiKey::new("secret-key-1234").unwrap();
        Client::new(canned, Connection::new("", key).unwrap())
    }

    /// Runs a future that never waits (the canned transport answers at once).
    pub fn run<F: Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        match future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("a canned future should not wait"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn key_never_shows_in_debug() {
        let key = ApiKey::new("  eyJhbGciOi.secret.tail9x78 ").unwrap();
        assert_eq!(key.expose(), "eyJhbGciOi.secret.tail9x78");
        let shown = format!("{:?}", Connection::new("", key.clone()).unwrap());
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("******9x78"));
        assert!(ApiKey::new("   ").is_none());
    }

    #[test]
    fn a_pasted_key_with_invisible_or_typographic_characters_is_refused_with_the_reason() {
        let zero_width = ApiKey::parse("eyJhbGci\u{200B}OiJ.x").unwrap_err();
        assert!(
            zero_width.contains("an invisible character (U+200B) at position 9"),
            "{zero_width}"
        );
        let curly = ApiKey::parse("n8n_api_’abc").unwrap_err();
        assert!(
            curly.contains("a character “’” (U+2019) at position 9"),
            "{curly}"
        );
        let inner_space = ApiKey::parse("abc def").unwrap_err();
        assert!(inner_space.contains("a space (U+0020)"), "{inner_space}");
        let nbsp = ApiKey::parse("abc\u{00A0}def").unwrap_err();
        assert!(nbsp.contains("a space (U+00A0)"), "{nbsp}");
        assert!(ApiKey::parse("")
            .unwrap_err()
            .starts_with("Enter an API key"));
        // The secret itself is never quoted back.
        assert!(!curly.contains("abc"));
        assert_eq!(
            ApiKey::parse("  eyJ.a-b_c.d~  ").unwrap().expose(),
            "eyJ.a-b_c.d~"
        );
    }

    #[test]
    fn header_values_a_browser_cannot_send_are_recognised() {
        assert!(is_sendable_header_value("eyJhbGciOiJIUzI1NiJ9.e30.x"));
        assert!(is_sendable_header_value("caf\u{E9}"));
        assert!(!is_sendable_header_value("\u{2019}"));
        assert!(!is_sendable_header_value("a\r\nX-Evil: 1"));
    }

    #[test]
    fn base_url_normalization() {
        assert_eq!(normalize_base_url("").unwrap(), "");
        assert_eq!(
            normalize_base_url(" https://n8n.example.com/ ").unwrap(),
            "https://n8n.example.com"
        );
        assert_eq!(
            normalize_base_url("http://127.0.0.1:5678/api/v1/").unwrap(),
            "http://127.0.0.1:5678"
        );
        assert_eq!(
            normalize_base_url("https://h/prefix/n8n").unwrap(),
            "https://h/prefix/n8n"
        );
        assert_eq!(normalize_base_url("/n8n/staging/").unwrap(), "/n8n/staging");
        assert_eq!(
            normalize_base_url("/n8n/staging/api/v1").unwrap(),
            "/n8n/staging"
        );
        assert!(normalize_base_url("//evil.example/n8n").is_err());
        assert!(normalize_base_url("/n8n?x").is_err());
        assert!(normalize_base_url("n8n.example.com").is_err());
        assert!(normalize_base_url("https://").is_err());
        assert!(normalize_base_url("https://h/?x=1").is_err());
    }

    #[test]
    fn urls_for_same_origin_and_other_origin() {
        let key = ApiKey::new("k").unwrap();
        let q = Query::new().push("limit", "10").push("name", "a b");
        let same = Connection::new("", key.clone()).unwrap();
        assert_eq!(
            same.url("/workflows", &q),
            "/api/v1/workflows?limit=10&name=a%20b"
        );
        let other = Connection::new("https://n8n.example.com", key).unwrap();
        assert_eq!(
            other.url("/tags", &Query::new()),
            "https://n8n.example.com/api/v1/tags"
        );
    }

    #[test]
    fn requests_carry_the_key_header_and_json_type() {
        let canned = Canned::default().json(200, "{}");
        let c = client(&canned);
        let _: serde_json::Value = run(c.send(
            Method::Post,
            "/tags",
            Some(&serde_json::json!({"name": "x"})),
        ))
        .unwrap();
        let sent = &canned.sent.borrow()[0];
        assert_eq!(sent.method, Method::Post);
        assert_eq!(sent.body.as_deref(), Some(r#"{"name":"x"}"#));
        let headers = sent.headers();
        assert!(headers.contains(&("X-N8N-API-KEY", "secret-key-1234")));
        assert!(headers.contains(&("Content-Type", "application/json")));
        assert!(!format!("{sent:?}").contains("secret-key"));
    }

    fn response(status: u16, ct: &str, body: &str) -> Response {
        Response::new(status, ct, body)
    }

    #[test]
    fn decode_classifies_every_kind_of_answer() {
        let ok: Result<serde_json::Value, _> =
            decode(&response(200, "application/json", r#"{"a":1}"#));
        assert!(ok.is_ok());
        let html: Result<serde_json::Value, _> =
            decode(&response(200, "text/html", "<!doctype html><html>"));
        assert!(matches!(html, Err(ApiError::NotJson { status: 200, .. })));
        let broken: Result<serde_json::Value, _> =
            decode(&response(200, "application/json", r#"{"data": ["#));
        assert!(
            matches!(&broken, Err(ApiError::Decode(m)) if m.contains("ends early")),
            "{broken:?}"
        );
        let garbage: Result<serde_json::Value, _> =
            decode(&response(200, "application/json", "{nope"));
        assert!(matches!(garbage, Err(ApiError::Decode(_))));
        let empty: Result<(), _> = decode(&response(204, "", ""));
        assert!(empty.is_ok());
        let unauthorized: Result<(), _> = decode(&response(
            401,
            "application/json",
            r#"{"message":"unauthorized"}"#,
        ));
        assert!(matches!(unauthorized, Err(ApiError::Unauthorized(_))));
    }

    #[test]
    fn wrong_shape_is_a_decode_error_not_a_panic() {
        #[derive(serde::Deserialize, Debug)]
        struct Needs {
            #[allow(dead_code)]
            id: String,
        }
        let r: Result<Needs, _> = decode(&response(
            200,
            "application/json",
            r#"{"id": {"nested": true}}"#,
        ));
        assert!(matches!(r, Err(ApiError::Decode(_))));
        let r: Result<Needs, _> = decode(&response(200, "application/json", "[1,2]"));
        assert!(matches!(r, Err(ApiError::Decode(_))));
    }

    #[test]
    fn network_failure_passes_through() {
        let canned = Canned::default();
        let c = client(&canned);
        let r: Result<serde_json::Value, _> = run(c.get("/workflows", &Query::new()));
        assert!(matches!(r, Err(ApiError::Network(_))));
    }

    #[test]
    fn safe_requests_retry_transient_failures_with_backoff() {
        let canned = Canned::default()
            .json(503, r#"{"message":"busy"}"#)
            .json(429, r#"{"message":"slow down"}"#)
            .json(200, r#"{"ok":true}"#);
        let got: serde_json::Value = run(client(&canned).get("/tags", &Query::new())).unwrap();
        assert_eq!(got["ok"], true);
        assert_eq!(canned.sent.borrow().len(), 3);
        // Backoff with jitter 0.5: 375 ms, then 750 ms.
        assert_eq!(*canned.pauses.borrow(), [375, 750]);
        assert_eq!(
            *canned.reasons.borrow(),
            [RetryReason::Unavailable, RetryReason::RateLimited]
        );

        // Four transient failures: the last one is the answer.
        let failing = Canned::default()
            .json(502, "{}")
            .json(502, "{}")
            .json(503, "{}")
            .json(500, r#"{"message":"still broken"}"#);
        let error =
            run(client(&failing).get::<serde_json::Value>("/tags", &Query::new())).unwrap_err();
        assert!(matches!(error, ApiError::Server { status: 500, .. }));
        assert_eq!(failing.sent.borrow().len(), 1 + retry::MAX_RETRIES);

        let offline = Canned::default();
        offline
            .answers
            .borrow_mut()
            .push_back(Err(ApiError::Network("offline".into())));
        offline
            .answers
            .borrow_mut()
            .push_back(Ok(Response::new(200, "application/json", "[]")));
        let _: Vec<u8> = run(client(&offline).get("/tags", &Query::new())).unwrap();
    }

    #[test]
    fn a_429_waits_what_retry_after_says_and_its_last_answer_says_how_long() {
        // Seconds, then a date 4 s after the canned clock (1_700_000_000 = Tue, 14 Nov 2023 22:13:20 GMT).
        let canned = Canned::default()
            .rate_limited("2")
            .rate_limited("Tue, 14 Nov 2023 22:13:24 GMT")
            .json(200, "[]");
        let _: Vec<u8> = run(client(&canned).get("/tags", &Query::new())).unwrap();
        assert_eq!(*canned.pauses.borrow(), [2000, 4000]);

        // Capped, and still rate limited after every retry: the error says how long n8n asked for.
        let limited = Canned::default()
            .rate_limited("120")
            .rate_limited("120")
            .rate_limited("120")
            .rate_limited("120");
        let error =
            run(client(&limited).get::<serde_json::Value>("/tags", &Query::new())).unwrap_err();
        assert_eq!(
            error,
            ApiError::RateLimited {
                retry_after: Some(120)
            }
        );
        assert_eq!(*limited.pauses.borrow(), [30_000, 30_000, 30_000]);

        // A mutation is never sent again, even after a 429.
        let post = Canned::default().rate_limited("1").json(200, "{}");
        let result: Result<serde_json::Value, _> =
            run(client(&post).send::<(), _>(Method::Post, "/workflows/1/activate", None));
        assert_eq!(
            result,
            Err(ApiError::RateLimited {
                retry_after: Some(1)
            })
        );
        assert_eq!(post.sent.borrow().len(), 1);
    }

    #[test]
    fn mutations_cancellations_and_client_errors_are_sent_once() {
        let post = Canned::default().json(503, "{}").json(200, "{}");
        let result: Result<serde_json::Value, _> =
            run(client(&post).send::<(), _>(Method::Post, "/workflows/1/activate", None));
        assert!(matches!(result, Err(ApiError::Server { status: 503, .. })));
        assert_eq!(post.sent.borrow().len(), 1, "one click, one change");

        let cancelled = Canned::default();
        cancelled
            .answers
            .borrow_mut()
            .push_back(Err(ApiError::Network(CANCELLED.into())));
        assert!(run(client(&cancelled).get::<serde_json::Value>("/tags", &Query::new())).is_err());
        assert_eq!(cancelled.sent.borrow().len(), 1);

        let unauthorized = Canned::default().json(401, r#"{"message":"unauthorized"}"#);
        assert!(
            run(client(&unauthorized).get::<serde_json::Value>("/tags", &Query::new())).is_err()
        );
        assert_eq!(unauthorized.sent.borrow().len(), 1);
        assert!(unauthorized.pauses.borrow().is_empty());
    }
}
