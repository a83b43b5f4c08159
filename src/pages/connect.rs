//! `/connect`: the n8n URL and API key. The key is checked with one cheap call before it is kept,
//! and is kept in this tab's sessionStorage only.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{ApiKey, Connection};
use crate::components::{use_submit, ApiKeyField, PageTitle};
use crate::session::Session;

/// Only same-site paths are followed after connecting (no open redirect).
fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/connect"))
        .unwrap_or_else(|| "/workflows".to_string())
}

#[component]
pub fn ConnectPage() -> impl IntoView {
    let session = Session::expect();
    let navigate = use_navigate();
    let query = use_query_map();
    let url = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    // Already connected (e.g. the back button): go to the console.
    Effect::new({
        let navigate = navigate.clone();
        move |_| {
            if session.is_connected() {
                navigate(
                    &safe_next(query.with_untracked(|q| q.get("next"))),
                    Default::default(),
                );
            }
        }
    });

    let connect = use_submit(
        |_: &Connection| "connect".to_string(),
        move |connection: Connection| Some(async move { session.connect(connection).await }),
        move |_, result| match result {
            Ok(()) => {
                key.try_set(String::new());
            }
            Err(e) => {
                error.try_set(Some(e.to_string()));
            }
        },
    );
    let checking = connect.busy;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let api_key = match ApiKey::parse(&key.get_untracked()) {
            Ok(api_key) => api_key,
            Err(message) => {
                error.set(Some(message));
                return;
            }
        };
        match Connection::new(&url.get_untracked(), api_key) {
            Ok(connection) => {
                error.set(None);
                connect.run(connection);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <main id="main" class="connect">
            <div class="connect-card">
                <p class="brand">"n8n Console"</p>
                <PageTitle text="Connect to n8n" />
                {move || {
                    session
                        .notice()
                        .map(|n| {
                            view! {
                                <div class="notice notice-warn" role="alert">
                                    <p>{n}</p>
                                </div>
                            }
                        })
                }}
                <form on:submit=submit novalidate>
                    <label class="field">
                        <span>"n8n URL"</span>
                        <input
                            type="text"
                            inputmode="url"
                            name="n8n-url"
                            autocomplete="url"
                            placeholder="Leave empty for this site"
                            aria-describedby="url-help"
                            prop:value=move || url.get()
                            on:input=move |ev| url.set(event_target_value(&ev))
                        />
                    </label>
                    <p id="url-help" class="help">
                        "Optional. n8n must be on the same origin as the console (behind the same reverse proxy): "
                        "n8n does not let other origins send API keys. A path on this site that the proxy routes to n8n, such as /n8n/staging, works too."
                    </p>
                    <ApiKeyField value=key described_by="key-help" />
                    <p id="key-help" class="help">
                        "Create one in n8n under Settings → n8n API. "
                        {move || {
                            if session.memory_only() {
                                "This frame may not use browser storage, so the key is kept in memory only: until you reload, sign out or close the tab."
                            } else {
                                "It stays in this browser tab only and is forgotten when you sign out or close the tab."
                            }
                        }}
                    </p>
                    {move || {
                        error
                            .get()
                            .map(|message| {
                                view! {
                                    <div class="notice notice-error" role="alert">
                                        <p>{message}</p>
                                    </div>
                                }
                            })
                    }}
                    <button type="submit" class="button button-primary" aria-busy=move || checking.get().to_string()>
                        {move || if checking.get() { "Checking…" } else { "Connect" }}
                    </button>
                </form>
            </div>
        </main>
    }
}
