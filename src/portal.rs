//! The hand-off between a portal that frames the console and the console, over `postMessage`, in plain
//! Rust: which origins may talk to it (the operator's list), what they may say, what the console
//! answers, and whether the frame is cross-site. `crate::portal_bridge` wires it to the browser.
//!
//! - console -> parent: `{"type":"n8n-console:ready"}` once it listens; after a connect request
//!   `{"type":"n8n-console:connected"}` or `{"type":"n8n-console:error","message":"…"}`. Never a key.
//! - parent -> console: `{"type":"n8n-console:connect","apiKey":"…","baseUrl":"…"}` (baseUrl optional),
//!   `{"type":"n8n-console:sign-out"}`. Anything else is ignored.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::ApiKey;

/// Where the operator's list of portal origins is served, beside `index.html`.
pub const CONFIG_FILE: &str = "portal.json";

/// The origins allowed to frame the console and hand it a key, normalized (`scheme://host[:port]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PortalOrigins(Vec<String>);

impl PortalOrigins {
    /// From the config file `{"portalOrigins": "https://a.example https://b.example"}` (a space-separated
    /// string, as the operator writes it, or a list). Anything unreadable allows no portal.
    pub fn from_config(json: &str) -> PortalOrigins {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Listed {
            Spaced(String),
            List(Vec<String>),
        }
        #[derive(Deserialize)]
        struct Config {
            #[serde(rename = "portalOrigins")]
            portal_origins: Option<Listed>,
        }
        let listed = match serde_json::from_str::<Config>(json).map(|c| c.portal_origins) {
            Ok(Some(Listed::Spaced(s))) => s.split_whitespace().map(str::to_string).collect(),
            Ok(Some(Listed::List(list))) => list,
            _ => Vec::new(),
        };
        let mut origins: Vec<String> = listed.iter().filter_map(|o| normalize_origin(o)).collect();
        origins.dedup();
        PortalOrigins(origins)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when `origin` (a message's `event.origin`) is on the list. `null` (opaque) never is.
    pub fn allows(&self, origin: &str) -> bool {
        normalize_origin(origin).is_some_and(|o| self.0.contains(&o))
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

/// `HTTPS://Portal.Example.com:443/` -> `https://portal.example.com`; not an http(s) origin -> `None`.
pub fn normalize_origin(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_end_matches('/');
    let (scheme, rest) = raw.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let host = rest.to_ascii_lowercase();
    if host.is_empty() || host.contains(['/', '?', '#', '@', ' ', '*']) {
        return None;
    }
    let host = host.strip_suffix(default_port).unwrap_or(&host);
    Some(format!("{scheme}://{host}"))
}

/// What a portal may ask.
#[derive(Debug, PartialEq, Eq)]
pub enum Inbound {
    /// Check this key like the connect form does, then keep it. `api_key` is `None` when it was empty.
    Connect {
        api_key: Option<ApiKey>,
        base_url: String,
    },
    SignOut,
}

impl Inbound {
    /// A message's data, as JSON text. Anything that is not one of the two messages is `None`.
    pub fn parse(json: &str) -> Option<Inbound> {
        let value: Value = serde_json::from_str(json).ok()?;
        match value.get("type")?.as_str()? {
            "n8n-console:connect" => {
                let api_key = value.get("apiKey")?.as_str()?;
                let base_url = match value.get("baseUrl") {
                    None | Some(Value::Null) => "",
                    Some(v) => v.as_str()?,
                };
                Some(Inbound::Connect {
                    api_key: ApiKey::new(api_key),
                    base_url: base_url.to_string(),
                })
            }
            "n8n-console:sign-out" => Some(Inbound::SignOut),
            _ => None,
        }
    }
}

/// What the console tells its portal. None of these can hold a key: they carry no field for one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outbound {
    Ready,
    Connected,
    /// The same words the connect form would show (an `ApiError`'s text never quotes the key).
    Error(String),
}

impl Outbound {
    pub fn to_json(&self) -> String {
        match self {
            Outbound::Ready => json!({ "type": "n8n-console:ready" }),
            Outbound::Connected => json!({ "type": "n8n-console:connected" }),
            Outbound::Error(message) => json!({ "type": "n8n-console:error", "message": message }),
        }
        .to_string()
    }
}

/// True when two origins are the same site (scheme and registrable domain), the test `SameSite`
/// cookies use. Without the public suffix list the registrable domain is taken as the last two labels
/// (`portal.example.com` and `n8n.example.com` are one site); an IP address or a one-label host
/// (`localhost`) is a site of its own.
pub fn same_site(a: &str, b: &str) -> bool {
    fn site(origin: &str) -> Option<(String, String)> {
        let origin = normalize_origin(origin)?;
        let (scheme, rest) = origin.split_once("://")?;
        let host = if rest.starts_with('[') {
            rest.split(']').next().unwrap_or(rest).to_string() // IPv6 literal, port dropped
        } else {
            rest.split(':').next().unwrap_or(rest).to_string()
        };
        let is_ip = host.starts_with('[') || host.chars().all(|c| c.is_ascii_digit() || c == '.');
        let labels: Vec<&str> = host.split('.').collect();
        let registrable = if is_ip || labels.len() <= 2 {
            host.clone()
        } else {
            labels[labels.len() - 2..].join(".")
        };
        Some((scheme.to_string(), registrable))
    }
    matches!((site(a), site(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_come_from_the_operators_space_separated_list() {
        let origins = PortalOrigins::from_config(
            r#"{"portalOrigins":"https://portal.example.com  HTTP://Intranet.Example:8080/ http://x:80"}"#,
        );
        assert_eq!(
            origins.iter().collect::<Vec<_>>(),
            [
                "https://portal.example.com",
                "http://intranet.example:8080",
                "http://x"
            ]
        );
        assert!(origins.allows("https://portal.example.com"));
        assert!(origins.allows("https://portal.example.com:443"));
        assert!(origins.allows("http://intranet.example:8080"));
        assert!(!origins.allows("http://portal.example.com"));
        assert!(!origins.allows("https://evil.example.com"));
        assert!(!origins.allows("null"));
        assert!(
            PortalOrigins::from_config(r#"{"portalOrigins":["https://a.example"]}"#)
                .allows("https://a.example")
        );
    }

    #[test]
    fn an_empty_missing_or_broken_config_allows_no_portal() {
        for config in [
            r#"{"portalOrigins":""}"#,
            r#"{}"#,
            "",
            "<!DOCTYPE html><html>",
            r#"{"portalOrigins":"* https://*.example.com javascript:alert(1) file:///etc"}"#,
            r#"{"portalOrigins":42}"#,
        ] {
            let origins = PortalOrigins::from_config(config);
            assert!(origins.is_empty(), "{config}");
            assert!(!origins.allows("https://portal.example.com"));
        }
    }

    #[test]
    fn inbound_messages_parse_and_everything_else_is_ignored() {
        assert_eq!(
            Inbound::parse(
                r#"{"type":"n8n-console:connect","apiKey":" k-1 ","baseUrl":"https://n"}"#
            ),
            Some(Inbound::Connect {
                api_key: ApiKey::new("k-1"),
                base_url: "https://n".into()
            })
        );
        assert_eq!(
            Inbound::parse(r#"{"type":"n8n-console:connect","apiKey":"k","baseUrl":null}"#),
            Some(Inbound::Connect {
                api_key: ApiKey::new("k"),
                base_url: String::new()
            })
        );
        assert_eq!(
            Inbound::parse(r#"{"type":"n8n-console:connect","apiKey":""}"#),
            Some(Inbound::Connect {
                api_key: None,
                base_url: String::new()
            })
        );
        assert_eq!(
            Inbound::parse(r#"{"type":"n8n-console:sign-out"}"#),
            Some(Inbound::SignOut)
        );
        for other in [
            r#"{"type":"n8n-console:connect"}"#,
            r#"{"type":"n8n-console:connect","apiKey":7}"#,
            r#"{"type":"n8n-console:connect","apiKey":"k","baseUrl":{}}"#,
            r#"{"type":"n8n-console:ready"}"#,
            r#"{"type":"something-else"}"#,
            r#""n8n-console:sign-out""#,
            "null",
            "[1,2]",
            "{",
            &format!("{}1{}", "[".repeat(5000), "]".repeat(5000)),
        ] {
            assert_eq!(Inbound::parse(other), None, "{other:.60}");
        }
    }

    #[test]
    fn a_connect_message_does_not_print_its_key() {
        let message =
            Inbound::parse(r#"{"type":"n8n-console:connect","apiKey":"secret-key-9876"}"#);
        assert!(!format!("{message:?}").contains("secret-key"));
    }

    #[test]
    fn outbound_messages_have_the_documented_shape() {
        assert_eq!(Outbound::Ready.to_json(), r#"{"type":"n8n-console:ready"}"#);
        assert_eq!(
            Outbound::Connected.to_json(),
            r#"{"type":"n8n-console:connected"}"#
        );
        let error: Value =
            serde_json::from_str(&Outbound::Error("n8n rejected \"it\"".into()).to_json()).unwrap();
        assert_eq!(
            error,
            json!({"type": "n8n-console:error", "message": "n8n rejected \"it\""})
        );
    }

    #[test]
    fn same_site_compares_scheme_and_registrable_domain() {
        assert!(same_site(
            "https://portal.example.com",
            "https://n8n.example.com"
        ));
        assert!(same_site(
            "https://example.com",
            "https://n8n.example.com:8443"
        ));
        assert!(!same_site(
            "http://portal.example.com",
            "https://n8n.example.com"
        ));
        assert!(!same_site(
            "https://portal.other.com",
            "https://n8n.example.com"
        ));
        assert!(!same_site("http://localhost:3000", "http://127.0.0.1:8080"));
        assert!(same_site("http://localhost:3000", "http://localhost:8080"));
        assert!(!same_site("http://10.0.0.1", "http://10.0.0.2"));
        assert!(!same_site("http://[::1]:80", "http://localhost"));
        assert!(!same_site("null", "null"));
    }
}
