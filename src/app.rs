//! The app: routes, the session context, the shell (`crate::shell`) around signed-in pages.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::browser::{page_base, theme};
use crate::components::{OneTimeKeys, Toasts, UnseenKeys};
use crate::pages::api_keys::ApiKeysPage;
use crate::pages::audit::AuditPage;
use crate::pages::compare::ComparePage;
use crate::pages::connect::ConnectPage;
use crate::pages::executions::{ExecutionDetailPage, ExecutionsPage};
use crate::pages::not_found::NotFoundPage;
use crate::pages::overview::OverviewPage;
use crate::pages::tags::TagsPage;
use crate::pages::variables::VariablesPage;
use crate::pages::workflows::{WorkflowDetailPage, WorkflowsPage};
use crate::portal_bridge;
use crate::session::Session;
use crate::shell::Shell;

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

/// `/` opens the Overview, on the instance the URL names.
#[component]
fn RootRedirect() -> impl IntoView {
    let session = Session::expect();
    view! { <Redirect path=session.route("/overview") /> }
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
                    <Route path=path!("") view=RootRedirect />
                    <Route path=path!("/overview") view=OverviewPage />
                    <Route path=path!("/workflows") view=WorkflowsPage />
                    <Route path=path!("/workflows/:id") view=WorkflowDetailPage />
                    <Route path=path!("/executions") view=ExecutionsPage />
                    <Route path=path!("/executions/:id") view=ExecutionDetailPage />
                    <Route path=path!("/compare") view=ComparePage />
                    <Route path=path!("/audit") view=AuditPage />
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
