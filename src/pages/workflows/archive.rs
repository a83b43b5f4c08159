//! `Archive` / `Unarchive` for one workflow, where the instance has them (n8n 2.15.1+: archiving is
//! n8n's soft delete; 1.x can only delete). The list reloads after a change: an archived workflow
//! leaves it unless archived ones are shown.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::workflows;
use crate::components::Toasts;
use crate::format::quoted;
use crate::session::Session;

#[component]
pub fn ArchiveToggle(
    id: String,
    name: String,
    archived: bool,
    /// Runs after n8n accepted the change.
    on_changed: Callback<()>,
) -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    let sending = RwSignal::new(false);
    let label = if archived { "Unarchive" } else { "Archive" };
    let click = move |_| {
        if sending.get_untracked() {
            return; // one click, one request
        }
        let Some(client) = session.client(None) else {
            return;
        };
        sending.set(true);
        let (id, name) = (id.clone(), name.clone());
        spawn_local(async move {
            match workflows::set_archived(&client, &id, !archived).await {
                Ok(_) => {
                    let done = if archived { "unarchived" } else { "archived" };
                    toasts.success(format!("{} {done}.", quoted(&name)));
                    on_changed.try_run(());
                }
                Err(error) => {
                    session.handle_error(&error);
                    toasts.failure(format!(
                        "Could not {} {}: {error}",
                        label.to_lowercase(),
                        quoted(&name)
                    ));
                }
            }
            sending.try_set(false);
        });
    };
    view! {
        <button
            type="button"
            class="button button-small"
            aria-disabled=move || sending.get().then_some("true")
            on:click=click
        >
            {label}
        </button>
    }
}
