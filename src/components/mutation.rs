//! The one mechanism for every request that changes something: sent once per click, never twice.
//!
//! - While an item's request is out its key is pending, so its button stays disabled even when the
//!   list reloads and rebuilds the row: the pending set lives where the hook is called (the page),
//!   not in the row.
//! - A mutation is never cancelled when the page goes away: a stop or delete must still reach n8n,
//!   and its toast still reaches the admin (toasts belong to the app).
//! - While any mutation is out, auto-refresh waits ([`in_flight`]): a reload must not race the write.
//! - A timeout or a lost connection did not necessarily fail: [`use_mutation`] then says the result
//!   is unknown and reloads, instead of inviting a second try.
//!
//! [`use_action`] is the core (the page decides what happens with the answer); [`use_mutation`]
//! reports through toasts; [`use_form_mutation`] at a dialog's form; [`use_delete`] is the
//! confirmed deletion every page shares.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::toast::Toasts;
use crate::api::{ApiError, Client};
use crate::browser::http::FetchTransport;
use crate::session::Session;

type Sent<R> = Pin<Box<dyn Future<Output = Result<R, ApiError>>>>;
/// Makes the request for an item; `None` when it cannot be sent (signed out).
type SendFn<T, R> = Rc<dyn Fn(T) -> Option<Sent<R>>>;
type SettleFn<T, R> = Rc<dyn Fn(T, Result<R, ApiError>)>;
type KeyFn<T> = Rc<dyn Fn(&T) -> String>;

thread_local! {
    static IN_FLIGHT: ArcRwSignal<usize> = ArcRwSignal::new(0);
}

/// How many mutations are out right now, in the whole app.
pub fn in_flight() -> usize {
    IN_FLIGHT.with(|count| count.get_untracked())
}

fn count_in_flight(change: impl FnOnce(&mut usize)) {
    IN_FLIGHT.with(|count| count.update(change));
}

/// A mutation of a `T` answering an `R`, ready to run. Copy: hand it to rows and dialogs.
pub struct Mutation<T: 'static, R: 'static = String> {
    /// True while any of its requests is out.
    pub busy: Signal<bool>,
    pending: RwSignal<HashSet<String>>,
    key: StoredValue<KeyFn<T>, LocalStorage>,
    send: StoredValue<SendFn<T, R>, LocalStorage>,
    settle: StoredValue<SettleFn<T, R>, LocalStorage>,
}

impl<T: 'static, R: 'static> Clone for Mutation<T, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static, R: 'static> Copy for Mutation<T, R> {}

impl<T: Clone + 'static, R: 'static> Mutation<T, R> {
    /// Sends it for `item` and settles the answer; false (nothing sent) while the same item's
    /// request is out.
    pub fn run(&self, item: T) -> bool {
        let Some(settle) = self.settle.try_get_value() else {
            return false;
        };
        let Some(request) = self.request(item.clone()) else {
            return false;
        };
        spawn_local(async move {
            let result = request.await;
            settle(item, result);
        });
        true
    }

    /// Sends it for `item` and gives the answer to the caller instead (a bulk run awaits each in
    /// turn). `None` when the item's request is already out or the console is signed out. The
    /// future is not tied to the page: dropping it is the only way to give up waiting.
    pub fn request(&self, item: T) -> Option<impl Future<Output = Result<R, ApiError>>> {
        self.detached()?.request(item)
    }

    /// Whether the request for the item with this key is out (tracked).
    pub fn is_pending(&self, key: &str) -> bool {
        self.pending.with(|p| p.contains(key))
    }

    /// A handle that keeps working after the page that made the mutation is gone (a bulk run the
    /// admin left goes on): it holds the key and send functions itself.
    pub fn detached(&self) -> Option<Detached<T, R>> {
        Some(Detached {
            pending: self.pending,
            key: self.key.try_get_value()?,
            send: self.send.try_get_value()?,
        })
    }
}

/// A [`Mutation`]'s sending half, owned by a task rather than by the page (see `Mutation::detached`).
pub struct Detached<T: 'static, R: 'static> {
    pending: RwSignal<HashSet<String>>,
    key: KeyFn<T>,
    send: SendFn<T, R>,
}

impl<T: 'static, R: 'static> Detached<T, R> {
    /// As [`Mutation::request`]; while the page lives its buttons see the item as pending.
    pub fn request(&self, item: T) -> Option<impl Future<Output = Result<R, ApiError>>> {
        let key = (self.key)(&item);
        if self
            .pending
            .try_with_untracked(|p| p.contains(&key))
            .unwrap_or(false)
        {
            return None;
        }
        let sent = (self.send)(item)?;
        let pending = self.pending;
        pending.try_update(|p| {
            p.insert(key.clone());
        });
        count_in_flight(|n| *n += 1);
        Some(async move {
            let result = sent.await;
            pending.try_update(|p| p.remove(&key));
            count_in_flight(|n| *n = n.saturating_sub(1));
            result
        })
    }
}

/// The core. `key` names the item (a workflow id: one request per item at a time); `send` makes
/// the request; `settle` gets the item and the answer, whenever it comes, even after the page is
/// gone (so it must use `try_` on the page's signals).
pub fn use_action<T, R, Fut>(
    key: impl Fn(&T) -> String + 'static,
    send: impl Fn(Client<FetchTransport>, T) -> Fut + 'static,
    settle: impl Fn(T, Result<R, ApiError>) + 'static,
) -> Mutation<T, R>
where
    T: Clone + 'static,
    R: 'static,
    Fut: Future<Output = Result<R, ApiError>> + 'static,
{
    let session = Session::expect();
    // The instance the page is on: a write that is out when the admin switches (a bulk run goes
    // on) stays there, and is never sent to the instance shown next.
    let on = session.shown_name_untracked();
    use_submit(
        key,
        move |item| {
            let client = session.client_on(on.as_deref()?, None)?;
            Some(send(client, item))
        },
        settle,
    )
}

/// The core without a signed-in client, for the writes that make the session (connect, the n8n
/// sign-in): `send` answers `None` when there is nothing to send.
pub fn use_submit<T, R, Fut>(
    key: impl Fn(&T) -> String + 'static,
    send: impl Fn(T) -> Option<Fut> + 'static,
    settle: impl Fn(T, Result<R, ApiError>) + 'static,
) -> Mutation<T, R>
where
    T: Clone + 'static,
    R: 'static,
    Fut: Future<Output = Result<R, ApiError>> + 'static,
{
    let pending = RwSignal::new(HashSet::<String>::new());
    let send: SendFn<T, R> = Rc::new(move |item| send(item).map(|f| Box::pin(f) as Sent<R>));
    Mutation {
        busy: Signal::derive(move || pending.with(|p| !p.is_empty())),
        pending,
        key: StoredValue::new_local(Rc::new(key) as KeyFn<T>),
        send: StoredValue::new_local(send),
        settle: StoredValue::new_local(Rc::new(settle)),
    }
}

/// A mutation reported by toasts. `what` names what it does, for the words when the answer never
/// came (`activating “Billing sync”`); `send` answers the success toast's text; `failure` writes
/// the failure toast; `on_done` runs after every outcome (close a dialog, reload the list).
pub fn use_mutation<T, Fut>(
    key: impl Fn(&T) -> String + 'static,
    what: impl Fn(&T) -> String + 'static,
    send: impl Fn(Client<FetchTransport>, T) -> Fut + 'static,
    failure: impl Fn(&T, &ApiError) -> String + 'static,
    on_done: Callback<()>,
) -> Mutation<T>
where
    T: Clone + 'static,
    Fut: Future<Output = Result<String, ApiError>> + 'static,
{
    let session = Session::expect();
    let toasts = Toasts::expect();
    let on = session.shown_name_untracked();
    use_action(key, send, move |item, result| {
        match outcome(session, on.as_deref(), result, || what(&item)) {
            Outcome::Done(text) => toasts.success(text),
            Outcome::Unknown(text) => toasts.failure(text),
            Outcome::Refused(error) => toasts.failure(failure(&item, &error)),
        }
        on_done.try_run(());
    })
}

/// A dialog's form: one submit out at a time. On success the toast says `send`'s text and
/// `on_saved` runs (reload, close); a refusal is shown at the form in `refusal`'s words; when no
/// answer came the form says the result is unknown and `on_saved` still runs, so the list shows what
/// n8n says (the dialog stays, for the admin to read it).
pub fn use_form_mutation<T, Fut>(
    what: impl Fn(&T) -> String + 'static,
    send: impl Fn(Client<FetchTransport>, T) -> Fut + 'static,
    refusal: impl Fn(&ApiError) -> String + 'static,
    form_error: RwSignal<Option<String>>,
    on_saved: Callback<()>,
    on_close: Callback<()>,
) -> Mutation<T>
where
    T: Clone + 'static,
    Fut: Future<Output = Result<String, ApiError>> + 'static,
{
    let session = Session::expect();
    let toasts = Toasts::expect();
    let on = session.shown_name_untracked();
    use_action(
        |_: &T| "form".to_string(),
        send,
        move |item, result| match outcome(session, on.as_deref(), result, || what(&item)) {
            Outcome::Done(text) => {
                toasts.success(text);
                on_saved.try_run(());
                on_close.try_run(());
            }
            Outcome::Unknown(text) => {
                form_error.try_set(Some(text));
                on_saved.try_run(());
            }
            Outcome::Refused(error) => {
                form_error.try_set(Some(refusal(&error)));
            }
        },
    )
}

/// What became of a reported write: the one reading both reporters share.
enum Outcome {
    /// n8n did it; the success text.
    Done(String),
    /// No answer came (see [`ApiError::outcome_unknown`]); the words for it.
    Unknown(String),
    /// n8n answered no (or could not be asked); the caller words it.
    Refused(ApiError),
}

/// Reads a write's answer: an error first goes to the session for the instance `on` it was sent
/// to (an ended sign-in signs out).
fn outcome(
    session: Session,
    on: Option<&str>,
    result: Result<String, ApiError>,
    what: impl FnOnce() -> String,
) -> Outcome {
    match result {
        Ok(text) => Outcome::Done(text),
        Err(error) => {
            if let Some(name) = on {
                session.handle_error_on(name, &error);
            }
            if error.outcome_unknown() {
                Outcome::Unknown(unknown_result(&what(), &error))
            } else {
                Outcome::Refused(error)
            }
        }
    }
}

/// The words for a write whose answer never came.
pub fn unknown_result(what: &str, error: &ApiError) -> String {
    let why = match error {
        ApiError::Timeout { seconds } => format!("n8n did not answer within {seconds} s"),
        _ => "the connection was lost before n8n answered".to_string(),
    };
    format!(
        "The result of {what} is unknown: {why}. It may have happened anyway, so it is not retried; \
         the page shows what n8n says now."
    )
}

/// A confirmed deletion, the same on every page.
pub type DeleteAction<T> = Mutation<T>;

/// `delete` sends the request; `what` names the item for the toasts (`tag “ops”`); `on_done` runs
/// after success or failure alike (close the dialog, reload the list).
pub fn use_delete<T, Fut>(
    delete: impl Fn(Client<FetchTransport>, T) -> Fut + 'static,
    what: impl Fn(&T) -> String + 'static,
    on_done: Callback<()>,
) -> DeleteAction<T>
where
    T: Clone + 'static,
    Fut: Future<Output = Result<(), ApiError>> + 'static,
{
    let what = Rc::new(what);
    let (name_of, key_of, doing) = (what.clone(), what.clone(), what.clone());
    use_mutation(
        move |item| key_of(item),
        move |item| format!("deleting {}", doing(item)),
        move |client, item| {
            let name = name_of(&item);
            let request = delete(client, item);
            async move { request.await.map(|()| format!("Deleted {name}")) }
        },
        move |item, error| format!("Could not delete {}: {error}", what(item)),
        on_done,
    )
}
