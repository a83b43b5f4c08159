//! Loads data for a view from a reactive key (filters + page), the way every list needs it:
//! - the last good value stays on screen while the next one loads (`busy` says so);
//! - a newer key aborts the older request, and a late answer for an old key is ignored;
//! - leaving the view aborts what is in flight;
//! - a 401 ends the session (through `Session::handle_error`).

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use crate::api::{ApiError, Client};
use crate::browser::http::FetchTransport;
use crate::session::Session;

/// What a view shows of one keyed request.
pub struct Loader<T: Send + Sync + 'static> {
    /// The last successful value (kept while the next one loads).
    pub data: RwSignal<Option<T>>,
    /// The error of the latest request, if it failed.
    pub error: RwSignal<Option<ApiError>>,
    /// True from the start of a request to its answer.
    pub busy: RwSignal<bool>,
    /// How many times a value or an error has been put on screen (tests wait on it: a page
    /// fetched ahead is shown without a request to wait for).
    pub loads: RwSignal<u32>,
    reloads: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Send + Sync + 'static> Loader<T> {
    /// Sends the current key's request again.
    pub fn reload(&self) {
        self.reloads.update(|n| *n = n.wrapping_add(1));
    }
}

pub fn use_loader<K, T, F, Fut>(key: impl Fn() -> K + Send + Sync + 'static, fetch: F) -> Loader<T>
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Send + Sync + 'static,
    F: Fn(Client<FetchTransport>, K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let session = Session::expect();
    let loader = Loader {
        data: RwSignal::new(None),
        error: RwSignal::new(None),
        busy: RwSignal::new(true),
        loads: RwSignal::new(0),
        reloads: RwSignal::new(0),
    };
    let key = Memo::new(move |_| key());
    let in_flight = StoredValue::new_local(None::<AbortController>);
    let generation = StoredValue::new(0u64);
    let abort_in_flight = move || {
        in_flight.try_update_value(|c| {
            if let Some(controller) = c.take() {
                controller.abort();
            }
        });
    };

    Effect::new(move |_| {
        let key = key.get();
        loader.reloads.track();
        abort_in_flight();
        let controller = AbortController::new().ok();
        let client = session.client(controller.as_ref().map(AbortController::signal));
        in_flight.set_value(controller);
        let this = generation.get_value().wrapping_add(1);
        generation.set_value(this);
        let Some(client) = client else { return };
        loader.busy.set(true);
        let request = fetch(client, key);
        spawn_local(async move {
            let result = request.await;
            if generation.try_get_value() != Some(this) {
                return; // superseded by a newer key, or the view is gone
            }
            match result {
                Ok(value) => {
                    loader.data.try_set(Some(value));
                    loader.error.try_set(None);
                }
                Err(error) => {
                    session.handle_error(&error);
                    loader.error.try_set(Some(error));
                }
            }
            in_flight.try_set_value(None);
            loader.busy.try_set(false);
            loader.loads.try_update(|n| *n = n.wrapping_add(1));
        });
    });
    on_cleanup(move || {
        abort_in_flight();
        generation.try_set_value(u64::MAX);
    });
    loader
}
