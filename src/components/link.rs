//! Links to console routes (`/workflows?tag=x`), with the prefix the console is served under in
//! front, so they point under `/console/`. They are plain `<a>` elements: the router's own click
//! handler (on the window) navigates in the app for any same-origin link. leptos_router's `<A>` is
//! not used: each one keeps a resolved-path memo that is never freed, which grew wasm memory by
//! about 6 KB for every visit of the Workflows page (measured by the soak test). [`NavLink`], for
//! the shell's few links, also says `aria-current="page"` for the section on screen. Both stay on
//! the instance the page shows (`?instance=`, see [`Session::route`]).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::base_path::route_path;
use crate::browser::page_base;
use crate::session::Session;

#[component]
pub fn Link(
    /// The route, from the console's root: `/executions?status=error`.
    #[prop(into)]
    href: String,
    children: Children,
) -> impl IntoView {
    // A page is rendered again when the shown instance changes: read once.
    let href = page_base::route_href(&Session::expect().route(&href));
    view! { <a href=href>{children()}</a> }
}

/// A link of the main navigation: current while the route on screen is `href` or under it.
#[component]
pub fn NavLink(
    /// The section's route: `/workflows`.
    href: &'static str,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    let base = page_base::router_base();
    let current = move || {
        let pathname = location.pathname.get();
        let route = route_path(&pathname, &base);
        let here = route == href
            || route
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/'));
        here.then_some("page")
    };
    let session = Session::expect();
    // The shell stays while the shown instance changes: follow it.
    let link = move || {
        session.shown();
        page_base::route_href(&session.route(href))
    };
    view! {
        <a href=link aria-current=current>
            {children()}
        </a>
    }
}
