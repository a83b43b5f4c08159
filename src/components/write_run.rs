//! Writing workflows onto one instance, one after the other, the one way Import JSON and Promote do
//! it: each step is a [`Transfer`] (or nothing: skipped), sent through `transfer::write` on the
//! instance's own client, with its outcome in a [`Batch`] that the dialog shows and a toast ends.
//! The run's tag list is read once and kept up to date, so a tag many workflows carry is created
//! once.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::batch::{Batch, Outcome};
use super::mutation::use_submit;
use super::toast::Toasts;
use crate::api::capabilities::Capabilities;
use crate::api::tags::{self, Tag};
use crate::api::transfer::{self, Transfer, Written};
use crate::session::Session;

/// One write of a run, and the run's shared tag list.
#[derive(Clone)]
struct Write {
    name: String,
    transfer: Transfer,
    capabilities: Rc<Capabilities>,
    known_tags: Rc<RefCell<Option<Vec<Tag>>>>,
}

/// A run of writes onto one instance. Copy: hand it to buttons.
#[derive(Clone, Copy)]
pub struct WriteRun {
    /// The run's record while and after it runs (`None` before the first).
    pub run: RwSignal<Option<Batch>>,
    instance: StoredValue<Option<String>>,
    verbs: (&'static str, &'static str),
    write: super::mutation::Mutation<Write, Written>,
}

/// A run onto `instance` (`None`: the instance the pages show now); `done_verb` and `doing_verb` say
/// what it does (`Imported`, `Importing…`).
pub fn use_write_run(
    instance: Option<String>,
    done_verb: &'static str,
    doing_verb: &'static str,
) -> WriteRun {
    let session = Session::expect();
    // `None` is the instance shown now, remembered: a run goes on when the admin switches, and
    // must not write to the instance shown next.
    let instance = instance.or_else(|| session.shown_name_untracked());
    let on = instance.clone();
    let write = use_submit(
        |w: &Write| w.name.clone(),
        move |w: Write| {
            let client = session.client_on(on.as_deref()?, None)?;
            Some(async move {
                // The run is sequential: the tag list is taken for this write and put back after it.
                let kept = w.known_tags.borrow_mut().take();
                let mut known = match kept {
                    Some(tags) => tags,
                    None => tags::list_all(&client).await.unwrap_or_default(),
                };
                let written =
                    transfer::write(&client, &w.capabilities, &w.transfer, &mut known).await;
                w.known_tags.borrow_mut().replace(known);
                written
            })
        },
        |_, _: Result<Written, _>| {},
    );
    WriteRun {
        run: RwSignal::new(None),
        instance: StoredValue::new(instance),
        verbs: (done_verb, doing_verb),
        write,
    }
}

impl WriteRun {
    /// True while a run is going (tracked).
    pub fn running(&self) -> bool {
        self.run.with(|r| r.as_ref().is_some_and(|r| !r.finished))
    }

    /// True once a run has ended (tracked): one click, one run.
    pub fn finished(&self) -> bool {
        self.run.with(|r| r.as_ref().is_some_and(|r| r.finished))
    }

    /// Runs `steps` (by name; `None`: skipped) in order; `on_finished` runs when it ends, even after
    /// the dialog is gone.
    pub fn start(
        &self,
        steps: Vec<(String, Option<Transfer>)>,
        capabilities: Capabilities,
        on_finished: Callback<()>,
    ) {
        if self
            .run
            .with_untracked(|r| r.as_ref().is_some_and(|r| !r.finished))
        {
            return;
        }
        let Some(write) = self.write.detached() else {
            return;
        };
        let session = Session::expect();
        let toasts = Toasts::expect();
        let run = self.run;
        let instance = self.instance.get_value();
        let capabilities = Rc::new(capabilities);
        let known_tags = Rc::new(RefCell::new(None));
        let names = steps.iter().map(|(name, _)| name.clone()).collect();
        let mut record = Batch::new(self.verbs.0, self.verbs.1, names);
        run.set(Some(record.clone()));
        spawn_local(async move {
            for (index, (name, transfer)) in steps.into_iter().enumerate() {
                let Some(transfer) = transfer else {
                    record.settle(index, Outcome::Skipped, run, session);
                    continue;
                };
                let item = Write {
                    name,
                    transfer,
                    capabilities: capabilities.clone(),
                    known_tags: known_tags.clone(),
                };
                let Some(request) = write.request(item) else {
                    // No client: the instance (or the whole sign-in) is gone; nothing more can be sent.
                    let why = "the instance is no longer signed in in this tab".to_string();
                    record.settle(index, Outcome::Failed(why), run, session);
                    break;
                };
                let outcome = match request.await {
                    Ok(written) => written_outcome(&written),
                    Err(error) => Outcome::of_error_on(session, instance.as_deref(), &error),
                };
                if record.settle(index, outcome, run, session) {
                    break;
                }
            }
            record.finish(run, toasts);
            on_finished.try_run(());
        });
    }
}

/// What a write did, in the words of the run's log.
fn written_outcome(written: &Written) -> Outcome {
    let what = if written.created {
        format!("created as {}", written.id)
    } else if written.live {
        "updated in place, active".to_string()
    } else {
        "updated in place".to_string()
    };
    if written.problems.is_empty() {
        Outcome::Done(what)
    } else {
        Outcome::Partly(format!("{what}, but {}", written.problems.join("; ")))
    }
}
