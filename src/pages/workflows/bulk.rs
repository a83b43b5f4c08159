//! Activating or deactivating several workflows at once: one request after the other through the
//! page's toggle mutation, a progress bar, and a result per workflow, so nothing half-done goes
//! unreported. Only selected rows still on screen are acted on (none while the page loads). The run
//! keeps its own record, so it goes on when the admin leaves the page, and its summary with every
//! failure goes to a toast, which outlives the page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::toggle::Toggle;
use crate::api::workflows::Workflow;
use crate::components::batch::{Batch, BatchLog, BatchProgress, Outcome};
use crate::components::{Mutation, Toasts};
use crate::session::Session;

/// The toolbar for the selected rows, and the last run's result.
#[component]
pub fn BulkBar(
    /// The selected workflows as (id, name), in list order.
    selection: RwSignal<Vec<(String, String)>>,
    /// The rows on screen now as (id, name), none while the page loads: only those can be acted on.
    #[prop(into)]
    on_screen: Signal<Vec<(String, String)>>,
    /// The page's toggle mutation: a workflow whose change is out is not sent again.
    toggle: Mutation<Toggle, Workflow>,
    /// Called when a run ends, so the list can show n8n's true state.
    on_finished: Callback<()>,
) -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    let run = RwSignal::new(None::<Batch>);
    let running = move || run.with(|r| r.as_ref().is_some_and(|r| !r.finished));
    // The selection that can be acted on: rows still on screen, in their order.
    let actionable = move || {
        let selected = selection.get();
        on_screen
            .get()
            .into_iter()
            .filter(|row| selected.contains(row))
            .collect::<Vec<_>>()
    };

    let start = move |activate: bool| {
        if running() || session.client(None).is_none() {
            return;
        }
        let targets = actionable();
        if targets.is_empty() {
            return;
        }
        // The run's own record: it goes on, and is reported, even if the admin leaves the page.
        let (done_verb, doing_verb) = if activate {
            ("Activated", "Activating…")
        } else {
            ("Deactivated", "Deactivating…")
        };
        let names = targets.iter().map(|(_, name)| name.clone()).collect();
        let mut record = Batch::new(done_verb, doing_verb, names);
        run.set(Some(record.clone()));
        // Its own handle on the toggle mutation: the page's may be gone before the run ends.
        let Some(toggle) = toggle.detached() else {
            return;
        };
        // The instance the run writes to (the toggle mutation remembers it too).
        let on = session.shown_name_untracked();
        spawn_local(async move {
            for (index, (id, name)) in targets.iter().enumerate() {
                let change = Toggle {
                    id: id.clone(),
                    name: name.clone(),
                    activate,
                    shown: None,
                };
                let outcome = match toggle.request(change) {
                    None => Outcome::Failed("a change to it was already out".into()),
                    Some(request) => match request.await {
                        Ok(_) => Outcome::Done("done".into()),
                        Err(error) => Outcome::of_error_on(session, on.as_deref(), &error),
                    },
                };
                if record.settle(index, outcome, run, session) {
                    break;
                }
            }
            record.finish(run, toasts);
            selection.try_set(Vec::new());
            on_finished.try_run(());
        });
    };

    view! {
        <Show when=move || selection.with(|s| !s.is_empty()) || run.with(Option::is_some)>
            <div class="bulk-bar" role="group" aria-label="Bulk actions">
                <span class="bulk-count">{move || format!("{} selected", selection.with(Vec::len))}</span>
                <button
                    type="button"
                    class="button"
                    disabled=move || running() || actionable().is_empty()
                    on:click=move |_| start(true)
                >
                    "Activate selected"
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || running() || actionable().is_empty()
                    on:click=move |_| start(false)
                >
                    "Deactivate selected"
                </button>
                <button
                    type="button"
                    class="button button-quiet"
                    disabled=move || running() || selection.with(Vec::is_empty)
                    on:click=move |_| selection.set(Vec::new())
                >
                    "Clear selection"
                </button>
                <BatchProgress label="Bulk progress" run />
            </div>
        </Show>
        <BatchLog label="Bulk result" run />
    }
}
