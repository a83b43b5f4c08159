//! Activating or deactivating several workflows at once: one request after the other, a progress bar,
//! and a result per workflow, so nothing half-done goes unreported. The summary also goes to a toast,
//! which outlives the page if the admin navigates away during the run.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::workflows;
use crate::components::Toasts;
use crate::session::Session;

/// The outcome for one workflow of a run.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Waiting,
    Done,
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
struct BulkRun {
    activate: bool,
    items: Vec<(String, Outcome)>,
    finished: bool,
}

impl BulkRun {
    fn completed(&self) -> usize {
        self.items
            .iter()
            .filter(|(_, o)| *o != Outcome::Waiting)
            .count()
    }

    fn summary(&self) -> String {
        let done = self
            .items
            .iter()
            .filter(|(_, o)| *o == Outcome::Done)
            .count();
        let failed = self
            .items
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Failed(_)))
            .count();
        let verb = match (self.activate, self.finished) {
            (true, true) => "Activated",
            (false, true) => "Deactivated",
            (true, false) => "Activating…",
            (false, false) => "Deactivating…",
        };
        let total = self.items.len();
        let mut text = if self.finished {
            format!("{verb} {done} of {total}")
        } else {
            format!("{verb} {} of {total} done", self.completed())
        };
        if failed > 0 {
            text.push_str(&format!(", {failed} failed"));
        }
        let skipped = total - self.completed();
        if self.finished && skipped > 0 {
            text.push_str(&format!(", {skipped} not tried"));
        }
        text
    }
}

/// The toolbar for the selected rows, and the last run's result.
#[component]
pub fn BulkBar(
    /// The selected workflows as (id, name), in list order.
    selection: RwSignal<Vec<(String, String)>>,
    /// Called when a run ends, so the list can show n8n's true state.
    on_finished: Callback<()>,
) -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    let run = RwSignal::new(None::<BulkRun>);
    let running = move || run.with(|r| r.as_ref().is_some_and(|r| !r.finished));

    let start = move |activate: bool| {
        if running() {
            return;
        }
        let Some(client) = session.client(None) else {
            return;
        };
        let targets = selection.get_untracked();
        if targets.is_empty() {
            return;
        }
        run.set(Some(BulkRun {
            activate,
            items: targets
                .iter()
                .map(|(_, name)| (name.clone(), Outcome::Waiting))
                .collect(),
            finished: false,
        }));
        let capabilities = session.capabilities().unwrap_or_default();
        spawn_local(async move {
            for (index, (id, _)) in targets.iter().enumerate() {
                let outcome =
                    match workflows::set_active(&client, &capabilities, id, activate).await {
                        Ok(_) => Outcome::Done,
                        Err(error) => {
                            session.handle_error(&error);
                            let stop = error.is_unauthorized();
                            let outcome = Outcome::Failed(error.to_string());
                            run.try_update(|r| {
                                if let Some(r) = r {
                                    r.items[index].1 = outcome.clone();
                                }
                            });
                            if stop {
                                break; // the key is gone: every further request would fail the same way
                            }
                            continue;
                        }
                    };
                run.try_update(|r| {
                    if let Some(r) = r {
                        r.items[index].1 = outcome;
                    }
                });
            }
            let summary = run
                .try_update(|r| {
                    r.as_mut().map(|r| {
                        r.finished = true;
                        r.summary()
                    })
                })
                .flatten();
            if let Some(summary) = summary {
                let failed = summary.contains("failed") || summary.contains("not tried");
                if failed {
                    toasts.failure(summary);
                } else {
                    toasts.success(summary);
                }
                selection.try_set(Vec::new());
                on_finished.try_run(());
            }
        });
    };

    view! {
        <Show when=move || selection.with(|s| !s.is_empty()) || run.with(Option::is_some)>
            <div class="bulk-bar" role="group" aria-label="Bulk actions">
                <span class="bulk-count">{move || format!("{} selected", selection.with(Vec::len))}</span>
                <button
                    type="button"
                    class="button"
                    disabled=move || running() || selection.with(Vec::is_empty)
                    on:click=move |_| start(true)
                >
                    "Activate selected"
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || running() || selection.with(Vec::is_empty)
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
                <Show when=running>
                    <progress
                        aria-label="Bulk progress"
                        max=move || run.with(|r| r.as_ref().map_or(1, |r| r.items.len()))
                        value=move || run.with(|r| r.as_ref().map_or(0, BulkRun::completed))
                    ></progress>
                </Show>
            </div>
        </Show>
        <div role="status" aria-label="Bulk result" class="bulk-result">
            {move || {
                run.get()
                    .map(|r| {
                        view! {
                            <p class="bulk-summary">
                                {r.summary()}
                                <Show when=move || run.with(|r| r.as_ref().is_some_and(|r| r.finished))>
                                    <button type="button" class="button button-quiet button-small" on:click=move |_| run.set(None)>
                                        "Dismiss"
                                    </button>
                                </Show>
                            </p>
                            <ul class="bulk-items">
                                {r.items
                                    .into_iter()
                                    .map(|(name, outcome)| {
                                        let (class, text) = match outcome {
                                            Outcome::Waiting => ("bulk-waiting", "waiting".to_string()),
                                            Outcome::Done => ("bulk-done", "done".to_string()),
                                            Outcome::Failed(why) => ("bulk-failed", format!("failed: {why}")),
                                        };
                                        view! {
                                            <li class=class>
                                                <span class="bulk-name">{name}</span>
                                                " "
                                                <span>{text}</span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
    }
}
