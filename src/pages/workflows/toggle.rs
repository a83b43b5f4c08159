//! `Activate` / `Deactivate`: one mutation per page ([`use_toggle`]), keyed by workflow id, that
//! rows, the detail page and bulk runs all send through, so a workflow has at most one change out
//! and its button stays disabled while it is, even when the list reloads. The change shows at
//! once; if n8n refuses (no trigger node, say) the state goes back and n8n's reason is shown; if no
//! answer comes, nothing is reverted: the page reloads and shows what n8n says.

use leptos::prelude::*;

use crate::api::workflows::{self, Workflow};
use crate::components::mutation::unknown_result;
use crate::components::{use_action, Mutation, Toasts};
use crate::format::quoted;
use crate::session::Session;

/// One workflow's activation change.
#[derive(Clone, Debug)]
pub struct Toggle {
    pub id: String,
    pub name: String,
    pub activate: bool,
    /// The state on screen, set to what n8n answers (gone when the row was rebuilt meanwhile).
    pub shown: Option<RwSignal<bool>>,
}

/// The page's toggle mutation. `on_settled` runs when the screen may no longer say what n8n says
/// (no answer, or the row was rebuilt while the request was out): the page reloads.
pub fn use_toggle(on_settled: Callback<()>) -> Mutation<Toggle, Workflow> {
    let session = Session::expect();
    let toasts = Toasts::expect();
    use_action(
        |t: &Toggle| t.id.clone(),
        move |client, t: Toggle| {
            let capabilities = session.capabilities_untracked().unwrap_or_default();
            async move { workflows::set_active(&client, &capabilities, &t.id, t.activate).await }
        },
        move |t, result| match result {
            Ok(workflow) => {
                let on_screen = t
                    .shown
                    .is_some_and(|s| s.try_set(workflow.published()).is_none());
                if !on_screen {
                    on_settled.try_run(());
                }
            }
            Err(error) => {
                session.handle_error(&error);
                let (verb, doing) = if t.activate {
                    ("activate", "activating")
                } else {
                    ("deactivate", "deactivating")
                };
                if error.outcome_unknown() {
                    toasts.failure(unknown_result(
                        &format!("{doing} {}", quoted(&t.name)),
                        &error,
                    ));
                    on_settled.try_run(());
                } else {
                    if let Some(shown) = t.shown {
                        shown.try_set(!t.activate);
                    }
                    toasts.failure(format!("Could not {verb} {}: {error}", quoted(&t.name)));
                }
            }
        },
    )
}

#[component]
pub fn ActiveToggle(
    id: String,
    name: String,
    /// The workflow's state as the page shows it; updated at once, then to what n8n answers.
    active: RwSignal<bool>,
    /// The page's toggle mutation.
    toggle: Mutation<Toggle, Workflow>,
    /// Smaller, for table rows.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let pending_id = id.clone();
    let sending = Signal::derive(move || toggle.is_pending(&pending_id));
    let click = move |_| {
        let activate = !active.get_untracked();
        let change = Toggle {
            id: id.clone(),
            name: name.clone(),
            activate,
            shown: Some(active),
        };
        if toggle.run(change) {
            active.set(activate);
        }
    };
    view! {
        <button
            type="button"
            class=if compact { "button button-small" } else { "button" }
            aria-disabled=move || sending.get().then_some("true")
            on:click=click
        >
            {move || if active.get() { "Deactivate" } else { "Activate" }}
        </button>
    }
}
