//! A value fetched ahead for the key a view is likely to ask next (a list's next page, while the
//! admin reads this one), handed over if the view does ask for it soon enough: at once when it has
//! come, or as soon as it comes when it is still on its way (no second request). Only for reads. A
//! failure ahead is silent: the view then asks as usual.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Function, Promise};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use crate::api::ApiError;

/// How long a value fetched ahead stays good to show instead of asking n8n again. A list with
/// Auto-refresh reloads (and so fetches ahead again) more often than this.
pub const AHEAD_FRESH_MS: f64 = 30_000.0;

/// What [`AheadSlot::take`] hands over: the value, now or once it has come.
pub type Handover<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// One request sent ahead, and its answer once it came.
struct Flight<K, T> {
    key: K,
    controller: Option<AbortController>,
    answer: Rc<Answer<T>>,
}

struct Answer<T> {
    result: RefCell<Option<Result<T, ApiError>>>,
    /// When it came (`Date.now()`), 0 until then.
    at_ms: Cell<f64>,
    /// Resolves when it came.
    came: Promise,
    resolve: RefCell<Option<Function>>,
}

impl<K, T> Flight<K, T> {
    fn abort(self) {
        if let Some(controller) = self.controller {
            controller.abort();
        }
    }
}

/// One slot: the request sent ahead for one key, and its answer.
pub struct AheadSlot<K: 'static, T: 'static> {
    flight: StoredValue<Option<Flight<K, T>>, LocalStorage>,
}

impl<K: 'static, T: 'static> Clone for AheadSlot<K, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: 'static, T: 'static> Copy for AheadSlot<K, T> {}

impl<K: PartialEq + 'static, T: 'static> AheadSlot<K, T> {
    /// An empty slot owned by the view being built: what is in flight is aborted when it goes.
    pub fn in_view() -> Self {
        let slot = AheadSlot {
            flight: StoredValue::new_local(None),
        };
        on_cleanup(move || {
            if let Some(Some(flight)) = slot.flight.try_update_value(Option::take) {
                flight.abort();
            }
        });
        slot
    }

    /// The value fetched ahead for `key`: now if it came within [`AHEAD_FRESH_MS`], or once it
    /// comes if it is on its way. Whatever the view asks, the slot is emptied (a value serves once;
    /// a reload or another key makes it stale, and what is in flight for another key is aborted).
    pub fn take(&self, key: &K) -> Option<Handover<T>> {
        let flight = self.flight.try_update_value(Option::take).flatten()?;
        if flight.key != *key {
            flight.abort();
            return None;
        }
        let answer = flight.answer;
        if answer.at_ms.get() == 0.0 {
            return Some(Box::pin(async move {
                let _ = JsFuture::from(answer.came.clone()).await;
                answer
                    .result
                    .take()
                    .unwrap_or_else(|| Err(ApiError::Network("no answer".into())))
            }));
        }
        let fresh = js_sys::Date::now() - answer.at_ms.get() < AHEAD_FRESH_MS;
        let value = answer.result.take().filter(|_| fresh)?.ok()?;
        Some(Box::pin(async move { Ok(value) }))
    }

    /// Sends `request` for `key` (with a client that `controller` aborts), replacing what the
    /// slot held or was waiting for.
    pub fn fetch(
        &self,
        key: K,
        controller: Option<AbortController>,
        request: impl Future<Output = Result<T, ApiError>> + 'static,
    ) {
        let mut resolve = None;
        let came = Promise::new(&mut |done, _| resolve = Some(done));
        let answer = Rc::new(Answer {
            result: RefCell::new(None),
            at_ms: Cell::new(0.0),
            came,
            resolve: RefCell::new(resolve),
        });
        let flight = Flight {
            key,
            controller,
            answer: answer.clone(),
        };
        if let Some(Some(old)) = self.flight.try_update_value(|f| f.replace(flight)) {
            old.abort();
        }
        spawn_local(async move {
            let result = request.await;
            answer.result.replace(Some(result));
            answer.at_ms.set(js_sys::Date::now());
            if let Some(done) = answer.resolve.take() {
                let _ = done.call0(&JsValue::NULL);
            }
        });
    }
}
