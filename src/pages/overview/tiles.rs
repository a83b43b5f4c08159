//! The Overview's tiles: workflows live / all, executions in the window, error rate, API keys
//! that have expired or expire within a week, and n8n's version. Each says when it cannot tell.

use leptos::prelude::*;

use crate::api::activity::{Activity, Window};
use crate::api::api_keys::{self, Detected, KeyStore, WARN_DAYS};
use crate::api::workflows::{self, WorkflowState};
use crate::api::ApiError;
use crate::browser::{editor_session, time};
use crate::components::{use_loader, Link, Loader};
use crate::session::Session;

/// What the API keys tile can say.
#[derive(Clone, Debug, PartialEq)]
enum KeyCount {
    /// Expired, expiring within [`WARN_DAYS`] days.
    Counted(usize, usize),
    /// Keys live behind n8n's editor API and this browser is not signed in to n8n.
    SignInNeeded,
}

async fn count_keys(
    client: crate::api::Client<crate::browser::http::FetchTransport>,
) -> Result<KeyCount, ApiError> {
    let now = time::now_secs();
    let keys = match api_keys::detect(&client).await? {
        Detected::PublicApi(keys) => keys,
        Detected::EditorApiNeeded => {
            let Some(browser_id) = editor_session::existing_browser_id() else {
                return Ok(KeyCount::SignInNeeded);
            };
            match api_keys::list(&client, &KeyStore::EditorApi { browser_id }, None).await {
                Ok(list) => list.keys,
                // The editor's sign-in ended: that is not the console's key (no sign out).
                Err(ApiError::Unauthorized(_)) => return Ok(KeyCount::SignInNeeded),
                Err(error) => return Err(error),
            }
        }
    };
    let (expired, soon) = api_keys::expiry_counts(&keys, now);
    Ok(KeyCount::Counted(expired, soon))
}

/// One tile: a label over a value, and what the value means when it is not a number.
#[component]
fn Tile(
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="tile" data-tile=name>
            <dt>{move || label.get()}</dt>
            {children()}
        </div>
    }
}

#[component]
pub fn Tiles(
    activity: Loader<Option<Activity>>,
    states: Loader<Vec<WorkflowState>>,
    window: Memo<Window>,
) -> impl IntoView {
    let session = Session::expect();
    let keys = use_loader(|| (), |client, ()| count_keys(client));
    let counted = move || activity.data.get().flatten();
    let dash = || view! { <dd class="muted">"—"</dd> }.into_any();
    view! {
        <dl class="tiles" aria-busy=move || activity.busy.get().to_string()>
            <Tile name="workflows" label="Workflows".to_string()>
                {move || match states.data.get() {
                    Some(states) => {
                        let (live, total) = workflows::live_counts(&states);
                        view! {
                            <dd data-active=live data-total=total>
                                <Link href="/workflows?status=active" attr:class="tile-number">
                                    {live}
                                </Link>
                                <span class="tile-detail">{format!("active of {total}")}</span>
                            </dd>
                        }
                            .into_any()
                    }
                    None => dash(),
                }}
            </Tile>
            <Tile
                name="executions"
                label=Signal::derive(move || {
                    format!("Executions, {}", window.get().label().to_lowercase())
                })
            >
                {move || match counted() {
                    Some(a) => {
                        let t = a.total;
                        view! {
                            <dd
                                data-total=t.total()
                                data-success=t.success
                                data-error=t.error
                                data-running=t.running
                            >
                                <span class="tile-number">{t.total()}</span>
                                <span class="tile-detail">
                                    {format!("{} success, ", t.success)}
                                    <Link href="/executions?status=error">{format!("{} error", t.error)}</Link>
                                    {format!(", {} running", t.running)}
                                </span>
                            </dd>
                        }
                            .into_any()
                    }
                    None => dash(),
                }}
            </Tile>
            <Tile name="error-rate" label="Error rate".to_string()>
                {move || match counted() {
                    Some(a) => {
                        view! {
                            <dd data-permille=a.total.error_permille().map(|p| p.to_string())>
                                <span class="tile-number">{a.total.error_rate()}</span>
                                <span class="tile-detail">"of finished executions"</span>
                            </dd>
                        }
                            .into_any()
                    }
                    None => dash(),
                }}
            </Tile>
            <Tile name="api-keys" label=format!("API keys expiring within {WARN_DAYS} days")>
                {move || match (keys.data.get(), keys.error.get()) {
                    (Some(KeyCount::Counted(expired, soon)), _) => {
                        view! {
                            <dd data-expired=expired data-soon=soon>
                                <Link href="/api-keys">
                                    <span class="tile-number">{soon}</span>
                                </Link>
                                <span class="tile-detail">
                                    {match expired {
                                        0 => "none expired".to_string(),
                                        1 => "1 expired".to_string(),
                                        n => format!("{n} expired"),
                                    }}
                                </span>
                            </dd>
                        }
                            .into_any()
                    }
                    (Some(KeyCount::SignInNeeded), _) => {
                        view! {
                            <dd class="tile-detail">
                                <Link href="/api-keys">"Sign in to n8n on API keys to count them"</Link>
                            </dd>
                        }
                            .into_any()
                    }
                    (None, Some(error)) => {
                        view! { <dd class="tile-detail">{error.to_string()}</dd> }.into_any()
                    }
                    (None, None) => dash(),
                }}
            </Tile>
            <Tile name="version" label="n8n version".to_string()>
                {move || match session.capabilities().and_then(|c| c.version) {
                    Some(version) => {
                        view! {
                            <dd>
                                <span class="tile-number">{version.to_string()}</span>
                            </dd>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <dd class="tile-detail">
                                "Not known: n8n tells it to a signed-in editor. "
                                <Link href="/api-keys">"Sign in to n8n"</Link>
                            </dd>
                        }
                            .into_any()
                    }
                }}
            </Tile>
        </dl>
    }
}
