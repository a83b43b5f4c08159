//! What this n8n offers, learned once per connection (issue 9: 1.x, 2.20 and 2.41 differ).
//!
//! Every n8n validates its public API against its OpenAPI spec: an unknown path is a 404, an unknown
//! query parameter a 400. So a GET tells whether a path exists without changing anything and without
//! sending a parameter an older server would reject: a 2xx, a 400 (bad id), a 403 (scope or licence)
//! or a 405 (another method) all mean it is there. Routes under `/workflows/{id}/…` cannot be probed
//! that way on every version (2.41 matches `GET /workflows/x/archive` to `/workflows/{id}/{versionId}`:
//! 404 "Version not found"), so their presence is read from collection routes that came in a known
//! release: `/community-packages` (2.16.0) implies archive (2.15.1), `/roles` (2.36.8) implies publish
//! (2.33), `/source-control/status` (2.39.0) implies the executions date range (2.37.11). The version,
//! where n8n gives it (`versionCli` in `GET /rest/settings`, to a signed-in editor session), decides
//! first. Pages ask `Capabilities`; none checks a version itself.

use serde::Deserialize;

use super::client::{Client, Method, Transport};
use super::query::Query;

/// An n8n release number, `2.41.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    /// `2.41.1`, `1.123.81`, `2.20.0-rc.1` (the pre-release part is ignored); anything else is `None`.
    pub fn parse(text: &str) -> Option<Version> {
        let core = text.trim().trim_start_matches('v');
        let core = core.split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u32>().ok());
        let version = Version {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next().unwrap_or(Some(0))?,
        };
        parts.next().is_none().then_some(version)
    }

    pub const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// `startedAfter` / `startedBefore` on `GET /executions` (older versions answer 400).
const DATE_RANGE_SINCE: Version = Version::new(2, 37, 11);

/// What one n8n instance offers. `Default` is the least: what every supported version has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// n8n's version, when it says (`versionCli`).
    pub version: Option<Version>,
    /// `POST /workflows/{id}/archive` and `/unarchive` (2.15.1+); archived workflows come back from
    /// `GET /workflows` with `isArchived: true`.
    pub archive: bool,
    /// `POST /workflows/{id}/publish` and `/unpublish` (2.33+; `activate` is deprecated there).
    pub publish: bool,
    /// `POST /executions/{id}/stop` and the bulk `POST /executions/stop` (2.10+).
    pub stop_executions: bool,
    /// `startedAfter` / `startedBefore` on `GET /executions` (2.37.11+).
    pub execution_date_range: bool,
    /// `GET /credentials` (2.8.4+).
    pub list_credentials: bool,
    /// `status=crashed|new|unknown` on `GET /executions` (2.13+; 1.x answers 400). Without a version:
    /// archiving (2.15.1) came after them.
    pub more_statuses: bool,
    /// `POST /rest/api-keys/{id}/rotate` (2.28.6+): the secret is replaced in place and the old one
    /// stops at once. Known only from the version.
    pub rotate_keys: bool,
    /// Whether n8n enforces API key scopes: 1.x Community does not (its signed-in settings say
    /// `enterprise.apiKeyScopes: false`) and any key reads everything; 2.x does. `None` until a
    /// signed-in editor session's settings were read.
    pub scopes_enforced: Option<bool>,
    /// What the probes answered, kept so the editor's settings can be added later.
    pub probes: Probes,
}

/// What a GET answers about its path: there (in any method), not there, or nothing learned (401,
/// 5xx, no answer, an HTML page from a proxy).
pub fn path_exists(status: u16) -> Option<bool> {
    match status {
        200..=299 | 400 | 403 | 405 => Some(true),
        404 => Some(false),
        _ => None,
    }
}

/// Whether the GET itself exists: as [`path_exists`], but a 405 means only other methods do.
pub fn get_exists(status: u16) -> Option<bool> {
    match status {
        405 => Some(false),
        other => path_exists(other),
    }
}

/// When each capability came, for an instance that says its version.
const ARCHIVE_SINCE: Version = Version::new(2, 15, 1);
const PUBLISH_SINCE: Version = Version::new(2, 33, 0);
const STOP_SINCE: Version = Version::new(2, 10, 0);
const CREDENTIALS_LIST_SINCE: Version = Version::new(2, 8, 4);
const ROTATE_KEYS_SINCE: Version = Version::new(2, 28, 6);
const MORE_STATUSES_SINCE: Version = Version::new(2, 13, 0);

/// What the editor's settings tell a signed-in session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EditorSettings {
    pub version: Option<Version>,
    /// `enterprise.apiKeyScopes`: present (as `false`) on 1.x Community, absent on 2.x, which
    /// always enforces scopes.
    pub api_key_scopes: Option<bool>,
}

impl Capabilities {
    /// Combines the probes' answers (`None`: the probe told nothing) and the editor's settings, if
    /// read (the version, when known, decides).
    pub fn from_probes(settings: Option<&EditorSettings>, probes: &Probes) -> Capabilities {
        let version = settings.and_then(|s| s.version);
        let since = |v: Version| version.map(|have| have >= v);
        let yes = |probe: Option<bool>| probe == Some(true);
        let archive_probed = yes(probes.community_packages) || yes(probes.archive_route);
        Capabilities {
            version,
            archive: since(ARCHIVE_SINCE).unwrap_or(archive_probed),
            more_statuses: since(MORE_STATUSES_SINCE).unwrap_or(archive_probed),
            publish: since(PUBLISH_SINCE).unwrap_or(yes(probes.roles)),
            stop_executions: since(STOP_SINCE).unwrap_or(yes(probes.stop_route)),
            execution_date_range: since(DATE_RANGE_SINCE)
                .unwrap_or(yes(probes.source_control_status)),
            list_credentials: since(CREDENTIALS_LIST_SINCE).unwrap_or(yes(probes.list_credentials)),
            rotate_keys: since(ROTATE_KEYS_SINCE).unwrap_or(false),
            scopes_enforced: settings.map(|s| s.api_key_scopes != Some(false)),
            probes: probes.clone(),
        }
    }

    /// The same probes with what a signed-in editor session's settings add (version, scopes).
    pub fn with_editor_settings(&self, settings: &EditorSettings) -> Capabilities {
        Capabilities::from_probes(Some(settings), &self.probes)
    }

    /// The instance's version for the shell (`n8n 2.41.1`), when known.
    pub fn version_label(&self) -> Option<String> {
        self.version.map(|v| format!("n8n {v}"))
    }
}

/// The answers of the probes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Probes {
    /// `GET /workflows/x/archive` answered 405: the route exists (2.20 answers so; 2.41 cannot tell).
    pub archive_route: Option<bool>,
    /// `GET /community-packages` is there (2.16.0+).
    pub community_packages: Option<bool>,
    /// `GET /roles` is there (2.36.8+).
    pub roles: Option<bool>,
    /// `GET /executions/x/stop` shows the path (405).
    pub stop_route: Option<bool>,
    /// `GET /credentials` exists as a GET (1.x has only POST: 405).
    pub list_credentials: Option<bool>,
    /// `GET /source-control/status` is there (2.39.0+).
    pub source_control_status: Option<bool>,
}

/// A path no workflow or execution has: the probes never touch real data.
const PROBE_ID: &str = "n8n-console-probe";

/// Learns what the instance offers: six GETs that change nothing, and the version when the editor's
/// settings give it: only to a signed-in editor session, so `browser_id` is the editor's id on this
/// origin when there is one (the browser sends the session cookie itself). Without one it stays unknown.
pub async fn detect<T: Transport>(client: &Client<T>, browser_id: Option<String>) -> Capabilities {
    let status = |path: String| async move {
        let request = client.request(Method::Get, &path, &Query::new(), None);
        match client.fetch(request).await {
            // n8n answers JSON; anything else came from something in between and tells nothing.
            Ok(response) if response.content_type.contains("json") => Some(response.status),
            _ => None,
        }
    };
    let probes = Probes {
        archive_route: status(format!("/workflows/{PROBE_ID}/archive"))
            .await
            .map(|s| s == 405),
        community_packages: status("/community-packages".into())
            .await
            .and_then(path_exists),
        roles: status("/roles".into()).await.and_then(path_exists),
        stop_route: status(format!("/executions/{PROBE_ID}/stop"))
            .await
            .and_then(path_exists),
        list_credentials: status("/credentials".into()).await.and_then(get_exists),
        source_control_status: status("/source-control/status".into())
            .await
            .and_then(path_exists),
    };
    let settings = match browser_id {
        Some(browser_id) => editor_settings(client, &browser_id).await,
        // The public settings carry no version on any release: not worth a request.
        None => None,
    };
    Capabilities::from_probes(settings.as_ref(), &probes)
}

/// `GET /rest/settings` as the signed-in editor session named by `browser_id` (the browser sends
/// its cookie): the version and whether key scopes are enforced. `None` when it tells nothing (not
/// signed in, no JSON).
pub async fn editor_settings<T: Transport>(
    client: &Client<T>,
    browser_id: &str,
) -> Option<EditorSettings> {
    #[derive(Deserialize)]
    struct Settings {
        data: Data,
    }
    #[derive(Deserialize)]
    struct Data {
        #[serde(rename = "versionCli", default)]
        version_cli: Option<String>,
        #[serde(default)]
        enterprise: Option<Enterprise>,
    }
    #[derive(Deserialize)]
    struct Enterprise {
        #[serde(rename = "apiKeyScopes", default)]
        api_key_scopes: Option<bool>,
    }
    let request = client.editor_request(Method::Get, "/settings", &Query::new(), browser_id, None);
    let response = client.fetch(request).await.ok()?;
    let settings: Settings = super::client::decode(&response).ok()?;
    // Public settings (no session) have neither field: nothing learned.
    let version = settings
        .data
        .version_cli
        .as_deref()
        .and_then(Version::parse);
    version.map(|version| EditorSettings {
        version: Some(version),
        api_key_scopes: settings.data.enterprise.and_then(|e| e.api_key_scopes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;
    use crate::api::client::Auth;

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(Version::parse("2.41.1"), Some(Version::new(2, 41, 1)));
        assert_eq!(Version::parse("1.123.81"), Some(Version::new(1, 123, 81)));
        assert_eq!(Version::parse("2.20.0-rc.1"), Some(Version::new(2, 20, 0)));
        assert_eq!(Version::parse("2.20"), Some(Version::new(2, 20, 0)));
        for bad in ["", "2", "x.y.z", "2.20.0.1", "-1.0.0", "99999999999.0.0"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
        assert!(Version::new(2, 37, 11) > Version::new(2, 37, 9));
        assert!(Version::new(2, 100, 0) > Version::new(2, 41, 1));
        assert_eq!(Version::new(1, 123, 81).to_string(), "1.123.81");
    }

    #[test]
    fn a_path_exists_unless_404_and_a_get_exists_unless_405_too() {
        for status in [200, 400, 403, 405] {
            assert_eq!(path_exists(status), Some(true), "{status}");
        }
        assert_eq!(path_exists(404), Some(false));
        assert_eq!(path_exists(401), None);
        assert_eq!(path_exists(503), None);
        assert_eq!(get_exists(405), Some(false));
        assert_eq!(get_exists(403), Some(true));
    }

    const NOT_ALLOWED: &str = r#"{"message":"GET method not allowed"}"#;
    const NOT_FOUND: &str = r#"{"message":"not found"}"#;

    /// Answers as n8n 2.20.0 gave them (measured 2026-12-01); the session-less settings carry no version.
    #[test]
    fn detects_n8n_2_20_from_its_answers() {
        let canned = Canned::default()
            .json(405, NOT_ALLOWED) // /workflows/x/archive
            .json(200, r#"{"data":[]}"#) // /community-packages
            .json(404, NOT_FOUND) // /roles
            .json(405, NOT_ALLOWED) // /executions/x/stop
            .json(200, r#"{"data":[],"nextCursor":null}"#) // /credentials
            .json(404, NOT_FOUND); // /source-control/status
        let found = run(detect(&client(&canned), None));
        assert_eq!(
            (
                found.version,
                found.archive,
                found.publish,
                found.stop_executions
            ),
            (None, true, false, true)
        );
        assert!(found.list_credentials && !found.execution_date_range && !found.rotate_keys);
        assert_eq!(
            found.scopes_enforced, None,
            "unknown without an editor session"
        );
        let urls: Vec<String> = canned.sent.borrow().iter().map(|r| r.url.clone()).collect();
        assert_eq!(
            urls,
            [
                "/api/v1/workflows/n8n-console-probe/archive",
                "/api/v1/community-packages",
                "/api/v1/roles",
                "/api/v1/executions/n8n-console-probe/stop",
                "/api/v1/credentials",
                "/api/v1/source-control/status",
            ]
        );
        assert!(canned.sent.borrow().iter().all(|r| r.method == Method::Get));
    }

    /// Answers as n8n 2.41.1 gave them without an editor session (measured 2026-12-01): the workflow
    /// sub-route falls to `/workflows/{id}/{versionId}`, source control is licence-gated (403).
    #[test]
    fn detects_n8n_2_41_without_its_version() {
        let canned = Canned::default()
            .json(404, r#"{"message":"Version not found"}"#)
            .json(200, r#"{"data":[]}"#)
            .json(200, r#"{"data":[]}"#)
            .json(405, NOT_ALLOWED)
            .json(200, r#"{"data":[],"nextCursor":null}"#)
            .json(
                403,
                r#"{"message":"Your license does not allow for feat:sourceControl."}"#,
            );
        let found = run(detect(&client(&canned), None));
        assert!(found.archive && found.publish && found.stop_executions);
        assert!(found.execution_date_range && found.list_credentials);
        assert_eq!(found.version, None);
    }

    #[test]
    fn a_signed_in_editor_gives_the_version_and_the_version_decides() {
        let canned = Canned::default()
            .json(404, NOT_FOUND)
            .json(404, NOT_FOUND)
            .json(404, NOT_FOUND)
            .json(404, NOT_FOUND)
            .json(405, NOT_ALLOWED)
            .json(404, NOT_FOUND)
            .json(
                200,
                r#"{"data":{"versionCli":"2.38.0","settingsMode":"authenticated","enterprise":{"sharing":false}}}"#,
            );
        let found = run(detect(&client(&canned), Some("browser-1".into())));
        assert_eq!(found.version, Some(Version::new(2, 38, 0)));
        assert_eq!(found.version_label().as_deref(), Some("n8n 2.38.0"));
        assert!(found.archive && found.publish && found.stop_executions && found.list_credentials);
        assert!(found.rotate_keys);
        assert_eq!(
            found.scopes_enforced,
            Some(true),
            "2.x has no apiKeyScopes flag and enforces"
        );
        assert!(
            found.execution_date_range,
            "2.38 has the date range, source control or not"
        );
        let settings = canned.sent.borrow().last().cloned().unwrap();
        assert_eq!(
            settings.auth,
            Auth::EditorSession {
                browser_id: "browser-1".into()
            }
        );
    }

    /// Answers as n8n 1.123.81 gave them (measured 2026-12-01): none of the newer routes, and
    /// `/credentials` takes only POST.
    #[test]
    fn detects_n8n_1_123_from_its_answers() {
        let canned = Canned::default()
            .json(404, r#"{"message":"Version not found"}"#)
            .json(404, NOT_FOUND)
            .json(404, NOT_FOUND)
            .json(404, NOT_FOUND)
            .json(405, NOT_ALLOWED)
            .json(404, NOT_FOUND);
        let found = run(detect(&client(&canned), None));
        assert_eq!(
            found,
            Capabilities {
                probes: found.probes.clone(),
                ..Capabilities::default()
            }
        );
        // Signed in, 1.123.81 says its version and that scopes are not enforced.
        let settings = Canned::default().json(
            200,
            r#"{"data":{"versionCli":"1.123.81","enterprise":{"apiKeyScopes":false,"sharing":false}}}"#,
        );
        let learned = run(editor_settings(&client(&settings), "b")).unwrap();
        let old = found.with_editor_settings(&learned);
        assert_eq!(old.version_label().as_deref(), Some("n8n 1.123.81"));
        assert_eq!(old.scopes_enforced, Some(false));
        assert!(!(old.archive || old.publish || old.stop_executions || old.execution_date_range));
        assert!(!old.rotate_keys && !old.list_credentials);
    }

    #[test]
    fn settings_without_a_version_tell_nothing() {
        let public = Canned::default().json(200, r#"{"data":{"settingsMode":"public"}}"#);
        assert_eq!(run(editor_settings(&client(&public), "b")), None);
        let html = Canned::default().html(200, "<!doctype html><p>proxy</p>");
        assert_eq!(run(editor_settings(&client(&html), "b")), None);
        let odd = Canned::default().json(200, r#"{"data":{"versionCli":"x","enterprise":7}}"#);
        assert_eq!(run(editor_settings(&client(&odd), "b")), None);
    }

    #[test]
    fn probes_that_tell_nothing_offer_nothing() {
        let canned = Canned::default(); // every request fails: no answer at all
        assert_eq!(run(detect(&client(&canned), None)), Capabilities::default());
    }
}
