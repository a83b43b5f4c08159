//! A run over several items, one request after the other (bulk activation, Import JSON, Promote):
//! its record, with an outcome per item and a summary in words, and the log that shows it. A run
//! keeps its own record, so it goes on when the admin leaves the page; its report, with every
//! failure, is what the toast that outlives the page says. Nothing half-done goes unreported: items
//! never tried are counted too.

use leptos::prelude::*;

use super::toast::Toasts;
use crate::api::ApiError;
use crate::format::quoted;
use crate::session::Session;

/// The outcome for one item of a run.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Waiting,
    /// Done; the word for it (`done`, `created`, `updated`).
    Done(String),
    /// Done, but a step after it failed (its tags, say); the words for both.
    Partly(String),
    /// Left alone by choice.
    Skipped,
    Failed(String),
    /// No answer came: it may have happened (the list reloads to show what n8n says).
    Unknown(String),
}

impl Outcome {
    /// A request to the instance `instance` (`None`: the one shown) that ended in `error`: an ended
    /// sign-in of that instance ends first; no answer is `Unknown` (it may have happened), anything
    /// else `Failed`.
    pub fn of_error_on(session: Session, instance: Option<&str>, error: &ApiError) -> Outcome {
        match instance {
            Some(name) => session.handle_error_on(name, error),
            None => session.handle_error(error),
        }
        if error.outcome_unknown() {
            Outcome::Unknown(error.to_string())
        } else {
            Outcome::Failed(error.to_string())
        }
    }

    fn class(&self) -> &'static str {
        match self {
            Outcome::Waiting => "bulk-waiting",
            Outcome::Done(_) | Outcome::Skipped => "bulk-done",
            Outcome::Partly(_) | Outcome::Failed(_) | Outcome::Unknown(_) => "bulk-failed",
        }
    }

    fn text(&self) -> String {
        match self {
            Outcome::Waiting => "waiting".into(),
            Outcome::Done(what) | Outcome::Partly(what) => what.clone(),
            Outcome::Skipped => "skipped".into(),
            Outcome::Failed(why) => format!("failed: {why}"),
            Outcome::Unknown(why) => format!("unknown: {why}"),
        }
    }
}

/// A run's record: what it does (`Activated` / `Activating…`), and each item by name.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub done_verb: &'static str,
    pub doing_verb: &'static str,
    pub items: Vec<(String, Outcome)>,
    pub finished: bool,
}

impl Batch {
    pub fn new(done_verb: &'static str, doing_verb: &'static str, names: Vec<String>) -> Self {
        Batch {
            done_verb,
            doing_verb,
            items: names.into_iter().map(|n| (n, Outcome::Waiting)).collect(),
            finished: false,
        }
    }

    /// Records `outcome` for item `index` and shows the record in `shown`. True when the run must
    /// stop: it failed and the sign-in is gone, so every further request would fail the same way.
    pub fn settle(
        &mut self,
        index: usize,
        outcome: Outcome,
        shown: RwSignal<Option<Batch>>,
        session: Session,
    ) -> bool {
        let stop = matches!(&outcome, Outcome::Failed(_)) && !session.is_connected_untracked();
        if let Some(item) = self.items.get_mut(index) {
            item.1 = outcome;
        }
        shown.try_set(Some(self.clone()));
        stop
    }

    /// Ends the run: shown as finished, and told in a toast, which outlives the page (the report
    /// with every failure, or the summary).
    pub fn finish(&mut self, shown: RwSignal<Option<Batch>>, toasts: Toasts) {
        self.finished = true;
        shown.try_set(Some(self.clone()));
        if self.went_wrong() {
            toasts.failure(self.report());
        } else {
            toasts.success(self.summary());
        }
    }

    pub fn completed(&self) -> usize {
        self.count(|o| *o != Outcome::Waiting)
    }

    fn count(&self, which: impl Fn(&Outcome) -> bool) -> usize {
        self.items.iter().filter(|(_, o)| which(o)).count()
    }

    pub fn went_wrong(&self) -> bool {
        self.completed() < self.items.len()
            || self.count(|o| {
                matches!(
                    o,
                    Outcome::Partly(_) | Outcome::Failed(_) | Outcome::Unknown(_)
                )
            }) > 0
    }

    pub fn summary(&self) -> String {
        let done = self.count(|o| matches!(o, Outcome::Done(_) | Outcome::Partly(_)));
        let partly = self.count(|o| matches!(o, Outcome::Partly(_)));
        let skipped = self.count(|o| *o == Outcome::Skipped);
        let failed = self.count(|o| matches!(o, Outcome::Failed(_)));
        let unknown = self.count(|o| matches!(o, Outcome::Unknown(_)));
        let total = self.items.len();
        let mut text = if self.finished {
            format!("{} {done} of {total}", self.done_verb)
        } else {
            format!("{} {} of {total} done", self.doing_verb, self.completed())
        };
        if partly > 0 {
            text.push_str(&format!(", {partly} with problems"));
        }
        if skipped > 0 {
            text.push_str(&format!(", {skipped} skipped"));
        }
        if failed > 0 {
            text.push_str(&format!(", {failed} failed"));
        }
        if unknown > 0 {
            text.push_str(&format!(", {unknown} unknown (no answer)"));
        }
        let untried = total - self.completed();
        if self.finished && untried > 0 {
            text.push_str(&format!(", {untried} not tried"));
        }
        text
    }

    /// The summary and every failure, for the toast that outlives the page.
    pub fn report(&self) -> String {
        let mut text = self.summary();
        for (name, outcome) in &self.items {
            if let Outcome::Partly(why) | Outcome::Failed(why) | Outcome::Unknown(why) = outcome {
                text.push_str(&format!(
                    ". {}: {}",
                    quoted(name),
                    why.trim_end_matches('.')
                ));
            }
        }
        text
    }
}

/// The run's summary and its items, in a status region named `label` (`Bulk result`); `Dismiss`
/// once it is finished.
#[component]
pub fn BatchLog(label: &'static str, run: RwSignal<Option<Batch>>) -> impl IntoView {
    view! {
        <div role="status" aria-label=label class="bulk-result">
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
                                        view! {
                                            <li class=outcome.class()>
                                                <span class="bulk-name">{name}</span>
                                                " "
                                                <span>{outcome.text()}</span>
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

/// The run's progress while it is not finished, as a progress bar named `label`.
#[component]
pub fn BatchProgress(label: &'static str, run: RwSignal<Option<Batch>>) -> impl IntoView {
    let running = move || run.with(|r| r.as_ref().is_some_and(|r| !r.finished));
    view! {
        <Show when=running>
            <progress
                aria-label=label
                max=move || run.with(|r| r.as_ref().map_or(1, |r| r.items.len()))
                value=move || run.with(|r| r.as_ref().map_or(0, Batch::completed))
            ></progress>
        </Show>
    }
}
