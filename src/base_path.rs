//! The path prefix the console is served under (`/`, `/console/`, `/tools/n8n-console/`).
//!
//! One bundle serves every prefix: its `index.html` says `<base href="/">` and the web server writes
//! the prefix there (the nginx recipe's `sub_filter`). Assets resolve against that base; the router
//! takes it as its base, so routes, links and redirects stay under the prefix. Plain Rust, tested natively.

/// The router's base for the document's base path: `/console/` -> `/console`, `/` -> `` (none).
/// Like the browser resolving `./x.js`, only the folder counts: `/index.html` -> ``.
pub fn router_base(base_path: &str) -> String {
    if !base_path.starts_with('/') {
        return String::new();
    }
    let folder = &base_path[..base_path.rfind('/').unwrap_or(0)];
    folder.trim_end_matches('/').to_string()
}

/// A location's path inside the console: `/console/executions` under `/console` is `/executions`.
/// A path outside the base comes back unchanged.
pub fn route_path<'a>(pathname: &'a str, router_base: &str) -> &'a str {
    if router_base.is_empty() {
        return pathname;
    }
    match pathname.strip_prefix(router_base) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => pathname,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn router_base_drops_the_trailing_slash_and_is_empty_at_the_root() {
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base(""), "");
        assert_eq!(router_base("/console/"), "/console");
        assert_eq!(router_base("/tools/n8n-console/"), "/tools/n8n-console");
        assert_eq!(router_base("/console//"), "/console");
        // A file, not a folder (no <base>, a test page): its folder, as the browser resolves `./x`.
        assert_eq!(router_base("/index.html"), "");
        assert_eq!(router_base("/console"), "");
        assert_eq!(router_base("/tools/console/index.html"), "/tools/console");
        // Not a path (a server wrote something odd): no base rather than a broken one.
        assert_eq!(router_base("console/"), "");
    }

    #[test]
    fn route_path_strips_only_a_whole_leading_segment() {
        assert_eq!(route_path("/console/executions", "/console"), "/executions");
        assert_eq!(route_path("/console/", "/console"), "/");
        assert_eq!(route_path("/console", "/console"), "/");
        assert_eq!(route_path("/consoles/x", "/console"), "/consoles/x");
        assert_eq!(route_path("/workflows", ""), "/workflows");
        assert_eq!(
            route_path("/tools/n8n-console/workflows/a1", "/tools/n8n-console"),
            "/workflows/a1"
        );
    }
}
