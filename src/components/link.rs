//! A link to a console route (`/workflows?tag=x`): leptos_router's `<A>` with the prefix the console
//! is served under in front (its `<A>` leaves absolute paths as they are), so the link points under
//! `/console/`, `aria-current` works, and the router handles the click.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::page_base;

#[component]
pub fn Link(
    /// The route, from the console's root: `/executions?status=error`.
    #[prop(into)]
    href: String,
    children: Children,
) -> impl IntoView {
    view! { <A href=page_base::route_href(&href)>{children()}</A> }
}
