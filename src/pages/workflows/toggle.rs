//! `Activate` / `Deactivate` for one workflow: the change shows at once, and if n8n refuses (no
//! trigger node, say) the state goes back and n8n's own reason is shown.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::workflows;
use crate::components::Toasts;
use crate::format::quoted;
use crate::session::Session;

#[component]
pub fn ActiveToggle(
    id: String,
    name: String,
    /// The workflow's state as the page shows it; updated at once, then to what n8n answers.
    active: RwSignal<bool>,
    /// Smaller, for table rows.
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    let sending = RwSignal::new(false);
    let toggle = move |_| {
        if sending.get_untracked() {
            return; // one click, one request
        }
        let Some(client) = session.client(None) else {
            return;
        };
        let was = active.get_untracked();
        active.set(!was);
        sending.set(true);
        let (id, name) = (id.clone(), name.clone());
        spawn_local(async move {
            let capabilities = session.capabilities().unwrap_or_default();
            match workflows::set_active(&client, &capabilities, &id, !was).await {
                Ok(workflow) => {
                    active.try_set(workflow.published());
                }
                Err(error) => {
                    active.try_set(was);
                    session.handle_error(&error);
                    let verb = if was { "deactivate" } else { "activate" };
                    toasts.failure(format!("Could not {verb} {}: {error}", quoted(&name)));
                }
            }
            sending.try_set(false);
        });
    };
    view! {
        <button
            type="button"
            class=if compact { "button button-small" } else { "button" }
            aria-disabled=move || sending.get().then_some("true")
            on:click=toggle
        >
            {move || if active.get() { "Deactivate" } else { "Activate" }}
        </button>
    }
}
