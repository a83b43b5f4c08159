//! The frame of every signed-in page: navigation, the instance bar, sign out, the retry notice and
//! the toast region. It reads which instance the URL shows (`?instance=`), tells the session, and
//! renders the page again when that changes, so no page holds state of another instance.

mod add_instance;
mod instance_bar;

use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::use_location;

use crate::api::query::encode_component;
use crate::base_path::route_path;
use crate::browser::page_base;
use crate::components::{NavLink, RetryNotice, ToastRegion};
use crate::instances;
use crate::session::Session;
use instance_bar::InstanceBar;

/// Without a session it sends the admin to `/connect`, remembering where they were going (as a
/// route, without the prefix: the router adds it back).
#[component]
pub fn Shell() -> impl IntoView {
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
    let location = use_location();
    // The instance the URL shows: `Err` names one this tab does not hold.
    let shown = Memo::new(move |_| {
        let requested = instances::requested(&location.search.get());
        let names: Vec<String> = session.instances().into_iter().map(|i| i.name).collect();
        instances::shown(names.iter().map(String::as_str), requested.as_deref())
    });
    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <header class="shell-header">
            <span class="brand">"n8n Console"</span>
            <nav aria-label="Main" class="shell-nav">
                <NavLink href="/overview">"Overview"</NavLink>
                <NavLink href="/workflows">"Workflows"</NavLink>
                <NavLink href="/executions">"Executions"</NavLink>
                <NavLink href="/compare">"Compare"</NavLink>
                <NavLink href="/audit">"Audit"</NavLink>
                <NavLink href="/api-keys">"API keys"</NavLink>
                <NavLink href="/tags">"Tags"</NavLink>
                <NavLink href="/variables">"Variables"</NavLink>
            </nav>
            <button type="button" class="button" on:click=move |_| session.sign_out(None)>
                "Sign out"
            </button>
        </header>
        <InstanceBar />
        <main id="main" class="shell-main">
            <Show when=move || session.memory_only()>
                <div class="notice notice-info" role="status">
                    <p>
                        "This frame may not use browser storage: the API keys are kept in memory only, until you reload the page."
                    </p>
                </div>
            </Show>
            <RetryNotice />
            {move || match shown.get() {
                Ok(Some(name)) => {
                    session.show(&name);
                    view! { <Outlet /> }.into_any()
                }
                Ok(None) => ().into_any(),
                Err(missing) => view! { <UnknownInstance name=missing /> }.into_any(),
            }}
        </main>
        <ToastRegion />
    }
}

/// A link names an instance this tab does not hold (it came from another tab, or the instance was
/// removed): say so instead of showing another instance's data under its name.
#[component]
fn UnknownInstance(name: String) -> impl IntoView {
    let location = use_location();
    let base = page_base::router_base();
    let first = move || {
        let route = route_path(&location.pathname.get_untracked(), &base).to_string();
        instances::route_on(&instances::section(&route), None)
    };
    view! {
        <div class="notice notice-warn" role="alert">
            <p>
                {format!(
                    "This tab has no instance named {name}: the link comes from another tab, or the instance was removed. Add it with Add instance, or ",
                )}
                <a href=page_base::route_href(&first())>"go to the first instance"</a>
                "."
            </p>
        </div>
    }
}
