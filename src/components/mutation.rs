//! One mutation mechanism for every page: a request that changes something, sent once per click.
//! While an item's request is out its key is pending, so its button stays disabled even when the
//! list reloads and rebuilds the row (the pending set lives with the page, not the row); a toast
//! says how it went; then `on_done` (close a dialog, reload the list). A mutation is never cancelled
//! when the page goes away: a stop or delete must still reach n8n. `use_delete` is the confirmed
//! deletion every page shares, built on it.

use std::collections::HashSet;
use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::toast::Toasts;
use crate::api::{ApiError, Client};
use crate::browser::http::FetchTransport;
use crate::session::Session;

/// Names the item a request is for.
type KeyFn<T> = Box<dyn Fn(&T) -> String>;

/// A mutation of a `T`, ready to run.
pub struct Mutation<T: 'static> {
    /// True while any of its requests is out.
    pub busy: Signal<bool>,
    pending: RwSignal<HashSet<String>>,
    key: StoredValue<KeyFn<T>, LocalStorage>,
    run: StoredValue<Box<dyn Fn(T, String)>, LocalStorage>,
}

impl<T: 'static> Clone for Mutation<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Mutation<T> {}

impl<T: 'static> Mutation<T> {
    /// Sends it for `item` (ignored while the same item's request is out).
    pub fn run(&self, item: T) {
        let Some(key) = self.key.try_with_value(|key| key(&item)) else {
            return;
        };
        if self.pending.with_untracked(|p| p.contains(&key)) {
            return;
        }
        self.run.with_value(|run| run(item, key));
    }

    /// Whether the request for the item with this key is out (tracked).
    pub fn is_pending(&self, key: &str) -> bool {
        self.pending.with(|p| p.contains(key))
    }
}

/// `key` names the item (an execution id: one request per item at a time); `send` makes the
/// request and answers the success toast's text; `failure` writes the failure toast from the item
/// and the error; `on_done` runs after success and failure alike.
pub fn use_mutation<T, Fut>(
    key: impl Fn(&T) -> String + 'static,
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
    let pending = RwSignal::new(HashSet::<String>::new());
    let failure = std::rc::Rc::new(failure);
    let run = move |item: T, key: String| {
        let Some(client) = session.client(None) else {
            return;
        };
        pending.update(|p| {
            p.insert(key.clone());
        });
        let request = send(client, item.clone());
        let failure = failure.clone();
        let failure_text = move |error: &ApiError| failure(&item, error);
        spawn_local(async move {
            let result = request.await;
            // The page may be gone by now: its signals and callbacks then no longer exist.
            pending.try_update(|p| p.remove(&key));
            match result {
                Ok(text) => toasts.success(text),
                Err(error) => {
                    session.handle_error(&error);
                    toasts.failure(failure_text(&error));
                }
            }
            on_done.try_run(());
        });
    };
    Mutation {
        busy: Signal::derive(move || pending.with(|p| !p.is_empty())),
        pending,
        key: StoredValue::new_local(Box::new(key)),
        run: StoredValue::new_local(Box::new(run)),
    }
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
    let what = std::rc::Rc::new(what);
    let (name_of, key_of) = (what.clone(), what.clone());
    use_mutation(
        move |item| key_of(item),
        move |client, item| {
            let name = name_of(&item);
            let request = delete(client, item);
            async move { request.await.map(|()| format!("Deleted {name}")) }
        },
        move |item, error| format!("Could not delete {}: {error}", what(item)),
        on_done,
    )
}
