//! The document's base (`<base href>`, which the web server sets to the console's prefix) and URLs
//! under it. What the base means for routes is `crate::base_path`.

/// The path of the document's base URL: `/console/` under the nginx recipe, `/` at a root. A page
/// without a `<base>` (the console's index.html always has one; a test page does not) is at a root.
pub fn document_base_path() -> String {
    let document = web_sys::window().and_then(|w| w.document());
    let has_base = document
        .as_ref()
        .and_then(|d| d.query_selector("base[href]").ok().flatten())
        .is_some();
    if !has_base {
        return "/".to_string();
    }
    document
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".to_string())
}

thread_local! {
    /// The base never changes during the page's life: read it once.
    static ROUTER_BASE: String = crate::base_path::router_base(&document_base_path());
}

/// The router's base (`/console`, or empty at a root), as `<Router base>` takes it.
pub fn router_base() -> String {
    ROUTER_BASE.with(String::clone)
}

/// A console route as the href of a link: `/workflows` -> `/console/workflows`.
pub fn route_href(route: &str) -> String {
    ROUTER_BASE.with(|base| format!("{base}{route}"))
}

/// The absolute URL of a file or route under the base: `portal.json` -> `http://h/console/portal.json`.
pub fn url_under_base(relative: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!(
        "{origin}{}",
        route_href(&format!("/{}", relative.trim_start_matches('/')))
    )
}
