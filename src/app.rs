//! The app: routes, the session context, and the shell (navigation, sign out) around signed-in pages.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::query::encode_component;
use crate::base_path::route_path;
use crate::browser::{page_base, theme};
use crate::components::NavLink;
use crate::components::{OneTimeKeys, RetryNotice, ToastRegion, Toasts, UnseenKeys};
use crate::pages::api_keys::ApiKeysPage;
use crate::pages::connect::ConnectPage;
use crate::pages::executions::{ExecutionDetailPage, ExecutionsPage};
use crate::pages::not_found::NotFoundPage;
use crate::pages::tags::TagsPage;
use crate::pages::variables::VariablesPage;
use crate::pages::workflows::{WorkflowDetailPage, WorkflowsPage};
use crate::portal_bridge;
use crate::session::Session;

/// Mounts the console on `<body>`, with a panic hook that reports a crash instead of dying silently.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("n8n Console crashed: {info}").into());
        show_crash_banner();
    }));
    theme::apply_requested();
    leptos::mount::mount_to_body(App);
}

/// A crash leaves the app unusable: say so on the page, in plain DOM (the reactive system may be gone).
fn show_crash_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_class_name("crash-banner");
    let _ = banner.set_attribute("role", "alert");
    banner.set_text_content(Some(
        "The console hit an internal error. Reload the page to continue.",
    ));
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    Toasts::provide();
    OneTimeKeys::provide();
    portal_bridge::start(session);
    // The prefix the web server put in <base href> (`/console/`): every route and link hangs off it.
    let base = page_base::router_base();
    view! {
        <Router base>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/connect") view=ConnectPage />
                <ParentRoute path=path!("") view=Shell>
                    <Route path=path!("") view=|| view! { <Redirect path="/workflows" /> } />
                    <Route path=path!("/workflows") view=WorkflowsPage />
                    <Route path=path!("/workflows/:id") view=WorkflowDetailPage />
                    <Route path=path!("/executions") view=ExecutionsPage />
                    <Route path=path!("/executions/:id") view=ExecutionDetailPage />
                    <Route path=path!("/api-keys") view=ApiKeysPage />
                    <Route path=path!("/tags") view=TagsPage />
                    <Route path=path!("/variables") view=VariablesPage />
                </ParentRoute>
            </Routes>
        </Router>
        // Outside every route: a one-time key whose dialog went away is still shown.
        <UnseenKeys />
    }
}

/// The frame of every signed-in page. Without a session it sends the admin to `/connect`,
/// remembering where they were going (as a route, without the prefix: the router adds it back).
#[component]
fn Shell() -> impl IntoView {
    let session = Session::expect();
    let location = use_location();
    let base = page_base::router_base();
    move || {
        if session.is_connected() {
            view! { <SignedIn /> }.into_any()
        } else {
            // leptos_router's `search` comes without its `?`.
            let search = location.search.get_untracked();
            let search = search.trim_start_matches('?');
            let pathname = location.pathname.get_untracked();
            let route = route_path(&pathname, &base);
            let here = if search.is_empty() {
                route.to_string()
            } else {
                format!("{route}?{search}")
            };
            let target = if here == "/" || here.is_empty() {
                "/connect".to_string()
            } else {
                format!("/connect?next={}", encode_component(&here))
            };
            view! { <Redirect path=target /> }.into_any()
        }
    }
}

#[component]
fn SignedIn() -> impl IntoView {
    let session = Session::expect();
    let instance = session
        .connection()
        .map(|c| {
            if c.base_url.is_empty() {
                "this site".to_string()
            } else {
                c.base_url
            }
        })
        .unwrap_or_default();
    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <header class="shell-header">
            <span class="brand">"n8n Console"</span>
            <nav aria-label="Main" class="shell-nav">
                <NavLink href="/workflows">"Workflows"</NavLink>
                <NavLink href="/executions">"Executions"</NavLink>
                <NavLink href="/api-keys">"API keys"</NavLink>
                <NavLink href="/tags">"Tags"</NavLink>
                <NavLink href="/variables">"Variables"</NavLink>
            </nav>
            // `data-capabilities`: whether the instance's offer is learned yet (pages offer only what
            // every version has until then); tests wait on it before asserting that something is absent.
            <span
                class="shell-instance"
                title="The n8n instance this console is connected to"
                data-capabilities=move || if session.capabilities().is_some() { "known" } else { "learning" }
            >
                {instance}
                {move || {
                    session
                        .capabilities()
                        .and_then(|c| c.version_label())
                        .map(|label| view! { <span class="shell-version">" · " {label}</span> })
                }}
            </span>
            <button type="button" class="button" on:click=move |_| session.sign_out(None)>
                "Sign out"
            </button>
        </header>
        <main id="main" class="shell-main">
            <Show when=move || session.memory_only()>
                <div class="notice notice-info" role="status">
                    <p>
                        "This frame may not use browser storage: the API key is kept in memory only, until you reload the page."
                    </p>
                </div>
            </Show>
            <RetryNotice />
            <Outlet />
        </main>
        <ToastRegion />
    }
}
