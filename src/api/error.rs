//! What can go wrong when the console talks to n8n, classified so every page can say it plainly.
//!
//! Messages are written for an n8n admin. They never carry the API key, and never a raw server body:
//! only n8n's own short JSON `message`, when it sent one (a 500 may carry a SQL stack trace).

use std::fmt;

/// Longest server message shown as-is; anything longer is a dump, not a message.
const MAX_SERVER_MESSAGE: usize = 300;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an HTTP answer: offline, refused, DNS, or blocked by CORS.
    Network(String),
    /// No answer within the time limit.
    Timeout { seconds: u32 },
    /// 400: n8n refused the request as malformed; its message says why.
    BadRequest(String),
    /// 401: the API key is missing, wrong, expired or revoked.
    Unauthorized(String),
    /// 403 whose message names a licence feature: the instance's licence lacks it.
    LicenceRequired {
        feature: Option<String>,
        message: String,
    },
    /// 403 without a licence message: the key lacks the scope for this call.
    Forbidden(String),
    /// A 403 of a call whose scope is known (see [`ApiError::needs_scope`]).
    MissingScope { scope: String },
    /// 404: the resource (or the endpoint) does not exist.
    NotFound(String),
    /// 409: n8n reports a conflict (for tags it says so for any failure, see real-n8n.md).
    Conflict(String),
    /// 429: too many requests; `retry_after` in seconds when the server said.
    RateLimited { retry_after: Option<u32> },
    /// 5xx: n8n (or the proxy in front of it) failed.
    Server {
        status: u16,
        message: Option<String>,
    },
    /// Another status the console does not expect.
    UnexpectedStatus {
        status: u16,
        message: Option<String>,
    },
    /// An HTML page (or other non-JSON) where n8n's JSON API was expected: usually a wrong URL.
    NotJson { status: u16, content_type: String },
    /// JSON that does not have the shape the API promises.
    Decode(String),
}

impl ApiError {
    /// Classifies a completed HTTP answer that was not a success.
    /// `body` is only read for n8n's JSON `{"message": ...}`; it is never shown whole.
    pub fn from_status(status: u16, content_type: &str, body: &str) -> ApiError {
        if looks_like_html(content_type, body) {
            return ApiError::NotJson {
                status,
                content_type: content_type.to_string(),
            };
        }
        let message = server_message(body);
        let text = || message.clone().unwrap_or_default();
        match status {
            400 => ApiError::BadRequest(text()),
            401 => ApiError::Unauthorized(text()),
            403 => match message.as_deref().and_then(licence_feature) {
                Some(feature) => ApiError::LicenceRequired {
                    feature: Some(feature),
                    message: text(),
                },
                None if is_licence_message(&text()) => ApiError::LicenceRequired {
                    feature: None,
                    message: text(),
                },
                None => ApiError::Forbidden(text()),
            },
            404 => ApiError::NotFound(text()),
            409 => ApiError::Conflict(text()),
            429 => ApiError::RateLimited { retry_after: None },
            500..=599 => ApiError::Server { status, message },
            _ => ApiError::UnexpectedStatus { status, message },
        }
    }

    /// Names the scope a call needs, so a 403 without a licence message can say which one the key
    /// lacks. Other errors pass through unchanged.
    pub fn needs_scope(self, scope: &str) -> ApiError {
        match self {
            ApiError::Forbidden(_) => ApiError::MissingScope {
                scope: scope.to_string(),
            },
            other => other,
        }
    }

    /// True when the instance's licence, not the key or the request, stands in the way.
    pub fn is_licence_gate(&self) -> bool {
        matches!(self, ApiError::LicenceRequired { .. })
    }

    /// True when signing in again is the way out (the key no longer works).
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Unauthorized(_))
    }

    /// True when a write's answer never came, so it may have happened anyway: the time ran out,
    /// the connection broke after the request left, or a proxy gave up waiting for n8n (504). Such a
    /// write is not offered again; the page reloads and shows what n8n says.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Timeout { .. } | ApiError::Server { status: 504, .. } => true,
            ApiError::Network(detail) => {
                detail != super::client::CANCELLED && detail != super::client::NOT_BUILT
            }
            _ => false,
        }
    }

    /// True for failures where the same safe request may succeed if sent again later.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network(_)
                | ApiError::Timeout { .. }
                | ApiError::RateLimited { .. }
                | ApiError::Server { .. }
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(detail) => {
                write!(f, "Could not reach n8n: the request got no answer")?;
                if !detail.is_empty() {
                    write!(f, " ({detail})")?;
                }
                write!(
                    f,
                    ". Check the network and the n8n URL; n8n on another origin must be reached \
                     through the same origin as the console (a reverse proxy)."
                )
            }
            ApiError::Timeout { seconds } => {
                write!(f, "n8n did not answer within {seconds} seconds. Try again.")
            }
            ApiError::BadRequest(m) => with_reason(f, "n8n refused the request", m),
            ApiError::Unauthorized(_) => write!(
                f,
                "n8n rejected the API key (401): it is wrong, expired or revoked."
            ),
            ApiError::LicenceRequired { feature, .. } => match feature {
                Some(feature) => write!(
                    f,
                    "This needs an n8n licence that includes {}; this instance's licence does not.",
                    feature_name(feature)
                ),
                None => write!(f, "This instance's n8n licence does not include this feature."),
            },
            ApiError::Forbidden(_) => write!(
                f,
                "The API key is valid but lacks the scope this action needs (403 Forbidden)."
            ),
            ApiError::MissingScope { scope } => write!(
                f,
                "The API key lacks the scope {scope} that this needs (403). Connect with a key that has it, \
                 or add it to this key on the API keys page."
            ),
            ApiError::NotFound(m) => with_reason(f, "Not found in n8n (404)", m),
            ApiError::Conflict(m) => with_reason(f, "n8n reported a conflict (409)", m),
            ApiError::RateLimited { retry_after } => match retry_after {
                Some(s) => write!(f, "n8n is rate limiting requests; try again in {s} seconds."),
                None => write!(f, "n8n is rate limiting requests (429); try again shortly."),
            },
            ApiError::Server { status, message } => {
                match status {
                    502 | 504 => write!(
                        f,
                        "The proxy in front of n8n got no good answer from it ({status})"
                    )?,
                    503 => write!(f, "n8n is unavailable for the moment (503)")?,
                    _ => write!(f, "n8n had an internal error ({status})")?,
                }
                match message {
                    Some(m) => write!(f, ": {m}"),
                    None => write!(f, ". Try again; if it persists, check n8n's logs."),
                }
            }
            ApiError::UnexpectedStatus { status, message } => {
                with_reason(f, &format!("Unexpected answer from n8n ({status})"), message.as_deref().unwrap_or(""))
            }
            ApiError::NotJson { status, .. } => write!(
                f,
                "The server answered with a web page ({status}), not n8n's API. \
                 Check the n8n URL: it should be the address of the n8n instance itself."
            ),
            ApiError::Decode(detail) => write!(
                f,
                "n8n's answer could not be read ({detail}). The instance may run a version the console does not support."
            ),
        }
    }
}

impl std::error::Error for ApiError {}

fn with_reason(f: &mut fmt::Formatter<'_>, what: &str, reason: &str) -> fmt::Result {
    if reason.is_empty() {
        write!(f, "{what}.")
    } else {
        write!(f, "{what}: {reason}")
    }
}

fn looks_like_html(content_type: &str, body: &str) -> bool {
    let ct = content_type.to_ascii_lowercase();
    if ct.contains("json") {
        return false;
    }
    if ct.contains("html") {
        return true;
    }
    let start = body.trim_start();
    start.starts_with('<')
}

/// n8n's errors are `{"message": "..."}`. Returns that message when it is short and single-line,
/// so a stack trace or an HTML dump never reaches the screen.
fn server_message(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let message = value.get("message")?.as_str()?.trim();
    let first_line = message.lines().next().unwrap_or("").trim();
    if first_line.is_empty()
        || first_line.len() > MAX_SERVER_MESSAGE
        || first_line.contains("SQLITE")
        || first_line.contains("    at ")
    {
        return None;
    }
    Some(first_line.to_string())
}

fn is_licence_message(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("license") || m.contains("licence")
}

/// "Your license does not allow for feat:variables. ..." -> "feat:variables".
fn licence_feature(message: &str) -> Option<String> {
    if !is_licence_message(message) {
        return None;
    }
    let start = message.find("feat:")?;
    let feature: String = message[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-'))
        .collect();
    let feature = feature.trim_end_matches([':', '-', '_']).to_string();
    (feature.len() > "feat:".len()).then_some(feature)
}

/// "feat:variables" -> "variables"; "feat:projectRole:admin" -> "project roles (admin)".
fn feature_name(feature: &str) -> String {
    let bare = feature.strip_prefix("feat:").unwrap_or(feature);
    match bare.split_once(':') {
        Some(("projectRole", role)) => format!("project roles ({role})"),
        Some((a, b)) => format!("{a} ({b})"),
        None => bare.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = "application/json; charset=utf-8";

    #[test]
    fn wrong_key_is_unauthorized() {
        let e = ApiError::from_status(401, JSON, r#"{"message":"unauthorized"}"#);
        assert_eq!(e, ApiError::Unauthorized("unauthorized".into()));
        assert!(e.is_unauthorized());
        assert!(e.to_string().contains("rejected the API key"));
    }

    #[test]
    fn licence_403_names_the_feature() {
        let body = r#"{"message":"Your license does not allow for feat:variables. To enable feat:variables, please upgrade to a license that supports this feature."}"#;
        let e = ApiError::from_status(403, JSON, body);
        assert!(
            matches!(&e, ApiError::LicenceRequired { feature: Some(f), .. } if f == "feat:variables")
        );
        assert!(e.to_string().contains("licence that includes variables"));
    }

    #[test]
    fn project_role_licence_is_readable() {
        let body = r#"{"message":"Your license does not allow for feat:projectRole:admin."}"#;
        let e = ApiError::from_status(403, JSON, body);
        assert!(e.to_string().contains("project roles (admin)"), "{e}");
    }

    #[test]
    fn plain_403_is_a_missing_scope() {
        let e = ApiError::from_status(403, JSON, r#"{"message":"Forbidden"}"#);
        assert_eq!(e, ApiError::Forbidden("Forbidden".into()));
        assert!(e.to_string().contains("scope"));
    }

    #[test]
    fn html_is_not_json_whatever_the_status() {
        let page = "<!DOCTYPE html><html><body>console</body></html>";
        for status in [200, 404, 502] {
            let e = ApiError::from_status(status, "text/html", page);
            assert!(matches!(e, ApiError::NotJson { .. }), "{status}: {e:?}");
        }
        // No content type at all, but clearly markup.
        assert!(matches!(
            ApiError::from_status(404, "", page),
            ApiError::NotJson { .. }
        ));
        assert!(!ApiError::from_status(404, "", page)
            .to_string()
            .contains("<html"));
    }

    #[test]
    fn server_error_never_shows_a_stack_trace() {
        let body = r#"{"message":"SQLITE_CONSTRAINT: UNIQUE constraint failed: user_api_keys.userId, user_api_keys.label\n    at Database.<anonymous>"}"#;
        let e = ApiError::from_status(500, JSON, body);
        assert_eq!(
            e,
            ApiError::Server {
                status: 500,
                message: None
            }
        );
        let text = e.to_string();
        assert!(!text.contains("SQLITE") && !text.contains(" at "), "{text}");
    }

    #[test]
    fn short_server_message_is_kept() {
        let e = ApiError::from_status(503, JSON, r#"{"message":"Database is not ready!"}"#);
        assert!(e.to_string().contains("Database is not ready!"));
        assert!(e.is_transient());
    }

    #[test]
    fn other_statuses() {
        assert!(matches!(
            ApiError::from_status(404, JSON, r#"{"message":"not found"}"#),
            ApiError::NotFound(_)
        ));
        assert!(matches!(
            ApiError::from_status(409, JSON, r#"{"message":"Tag already exists"}"#),
            ApiError::Conflict(_)
        ));
        assert!(matches!(
            ApiError::from_status(429, JSON, ""),
            ApiError::RateLimited { .. }
        ));
        assert!(matches!(
            ApiError::from_status(400, JSON, r#"{"message":"request/query/limit must be <= 250"}"#),
            ApiError::BadRequest(m) if m.contains("250")
        ));
        assert!(matches!(
            ApiError::from_status(418, JSON, "{}"),
            ApiError::UnexpectedStatus {
                status: 418,
                message: None
            }
        ));
        assert!(!ApiError::from_status(400, JSON, "").is_transient());
    }

    #[test]
    fn a_long_message_is_a_dump_not_a_message() {
        let body = format!(r#"{{"message":"{}"}}"#, "x".repeat(1000));
        assert_eq!(
            ApiError::from_status(500, JSON, &body),
            ApiError::Server {
                status: 500,
                message: None
            }
        );
    }

    #[test]
    fn a_403_names_the_missing_scope_but_a_licence_gate_stays_a_licence_gate() {
        let scope = ApiError::from_status(403, "application/json", r#"{"message":"Forbidden"}"#)
            .needs_scope("variable:list");
        assert_eq!(
            scope,
            ApiError::MissingScope {
                scope: "variable:list".into()
            }
        );
        assert!(scope.to_string().contains("variable:list"));
        let licence = ApiError::from_status(
            403,
            "application/json",
            r#"{"message":"Your license does not allow for feat:variables. To enable feat:variables, please upgrade to a license that supports this feature."}"#,
        )
        .needs_scope("variable:list");
        assert!(matches!(licence, ApiError::LicenceRequired { .. }));
        assert!(!licence.to_string().contains("feat:"));
        let other = ApiError::NotFound("x".into()).needs_scope("tag:read");
        assert_eq!(other, ApiError::NotFound("x".into()));
    }

    #[test]
    fn a_write_without_an_answer_has_an_unknown_outcome() {
        assert!(ApiError::Timeout { seconds: 30 }.outcome_unknown());
        assert!(ApiError::Network("no connection".into()).outcome_unknown());
        assert!(ApiError::Server {
            status: 504,
            message: None
        }
        .outcome_unknown());
        assert!(!ApiError::Network(crate::api::client::CANCELLED.into()).outcome_unknown());
        assert!(!ApiError::Network(crate::api::client::NOT_BUILT.into()).outcome_unknown());
        assert!(!ApiError::Server {
            status: 500,
            message: None
        }
        .outcome_unknown());
        assert!(!ApiError::Conflict(String::new()).outcome_unknown());
    }

    #[test]
    fn server_failures_say_who_failed() {
        let text = |status| {
            ApiError::Server {
                status,
                message: None,
            }
            .to_string()
        };
        assert!(text(500).starts_with("n8n had an internal error (500)"));
        assert!(text(502).starts_with("The proxy in front of n8n got no good answer from it (502)"));
        assert!(text(504).contains("(504)"));
        assert!(text(503).starts_with("n8n is unavailable for the moment (503)"));
        assert!(text(503).ends_with("check n8n's logs."));
    }
}
