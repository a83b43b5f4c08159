//! A confirmed deletion, the same on every page: the confirm button waits while the request is out
//! (one click, one request), a toast says how it went, then the page closes its dialog and reloads.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::toast::Toasts;
use crate::api::{ApiError, Client};
use crate::browser::http::FetchTransport;
use crate::session::Session;

/// The deletion of one `T`, ready to run once confirmed.
pub struct DeleteAction<T: 'static> {
    /// True while the request is out.
    pub busy: RwSignal<bool>,
    run: StoredValue<Box<dyn Fn(T)>, LocalStorage>,
}

impl<T: 'static> Clone for DeleteAction<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for DeleteAction<T> {}

impl<T: 'static> DeleteAction<T> {
    /// Deletes `item` (ignored while a deletion is already out).
    pub fn run(&self, item: T) {
        if self.busy.get_untracked() {
            return;
        }
        self.run.with_value(|run| run(item));
    }
}

/// `delete` sends the request; `what` names the item for the toasts (`tag “ops”`); `on_done` runs
/// after success or failure alike (close the dialog, reload the list).
pub fn use_delete<T, Fut>(
    delete: impl Fn(Client<FetchTransport>, T) -> Fut + 'static,
    what: impl Fn(&T) -> String + 'static,
    on_done: Callback<()>,
) -> DeleteAction<T>
where
    T: 'static,
    Fut: Future<Output = Result<(), ApiError>> + 'static,
{
    let session = Session::expect();
    let toasts = Toasts::expect();
    let busy = RwSignal::new(false);
    let run = move |item: T| {
        let Some(client) = session.client(None) else {
            return;
        };
        busy.set(true);
        let name = what(&item);
        let request = delete(client, item);
        spawn_local(async move {
            let result = request.await;
            busy.try_set(false);
            match result {
                Ok(()) => toasts.success(format!("Deleted {name}")),
                Err(error) => {
                    session.handle_error(&error);
                    toasts.failure(format!("Could not delete {name}: {error}"));
                }
            }
            // The page may be gone by now: its callback then no longer exists (`run` would panic).
            on_done.try_run(());
        });
    };
    DeleteAction {
        busy,
        run: StoredValue::new_local(Box::new(run)),
    }
}
