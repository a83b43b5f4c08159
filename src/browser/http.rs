//! The browser's fetch as an API [`Transport`]: a time limit on every request, and cancellation
//! through an `AbortSignal` (a view that goes away aborts what it started, see `crate::components::loader`).
//! Retries of safe requests are decided in `api::client::Client::fetch`; this module only waits, and
//! says that it waits ([`waiting`]) so the page can tell the admin why nothing has come yet.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Method as GlooMethod, RequestBuilder};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

use leptos::prelude::{ArcRwSignal, GetUntracked, Set};

use crate::api::client::{is_sendable_header_value, CANCELLED, NOT_BUILT};
use crate::api::retry::RetryReason;
use crate::api::{ApiError, Method, Request, Response, Transport};

/// A retry being waited for: why, and until when (`Date.now()` milliseconds).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Waiting {
    pub reason: RetryReason,
    pub until_ms: f64,
}

thread_local! {
    static WAITING: ArcRwSignal<Option<Waiting>> = ArcRwSignal::new(None);
}

/// The latest retry wait, while one lasts (for `components::RetryNotice`).
pub fn waiting() -> ArcRwSignal<Option<Waiting>> {
    WAITING.with(Clone::clone)
}

/// Seconds before an unanswered request is abandoned.
pub const TIMEOUT_SECONDS: u32 = 30;

/// Sends requests with `fetch`. Holds an optional signal that aborts them (a view's lifetime).
#[derive(Clone, Debug, Default)]
pub struct FetchTransport {
    pub cancel: Option<AbortSignal>,
    /// A read the admin did not ask for (a page fetched ahead): its retry waits go unannounced.
    pub background: bool,
}

impl Transport for FetchTransport {
    async fn send(&self, request: Request) -> Result<Response, ApiError> {
        send(&request, self.cancel.as_ref()).await
    }

    /// A timer; a cancelled view's next `send` then answers at once, so a retry never outlives it.
    async fn pause(&self, millis: u32, why: RetryReason) {
        let until_ms = js_sys::Date::now() + f64::from(millis);
        let shown = waiting();
        if millis >= 1000 && !self.background {
            shown.set(Some(Waiting {
                reason: why,
                until_ms,
            }));
        }
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let scheduled = web_sys::window().is_some_and(|window| {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        &resolve,
                        i32::try_from(millis).unwrap_or(i32::MAX),
                    )
                    .is_ok()
            });
            if !scheduled {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL); // no timer: retry at once
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        // Another wait may have begun meanwhile: only this one's notice goes.
        if !self.background
            && shown
                .get_untracked()
                .is_some_and(|w| w.until_ms <= until_ms)
        {
            shown.set(None);
        }
    }

    fn now_secs(&self) -> f64 {
        js_sys::Date::now() / 1000.0
    }

    fn jitter(&self) -> f64 {
        js_sys::Math::random()
    }
}

async fn send(request: &Request, cancel: Option<&AbortSignal>) -> Result<Response, ApiError> {
    if cancel.is_some_and(|s| s.aborted()) {
        return Err(ApiError::Network(CANCELLED.into()));
    }
    let controller =
        AbortController::new().map_err(|_| ApiError::Network("fetch is unavailable".into()))?;
    let guard = AbortOnDrop::new(controller.clone());
    let timed_out = Rc::new(Cell::new(false));
    let _timer = Timer::start(TIMEOUT_SECONDS * 1000, {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        move || {
            timed_out.set(true);
            controller.abort();
        }
    });
    // Forward the view's cancellation to this request's own controller.
    let _forward = cancel.map(|signal| Forward::new(signal, controller.clone()));

    // `Headers.set` throws on a value a browser cannot send: refuse it here instead.
    if !request
        .headers()
        .iter()
        .all(|(_, value)| is_sendable_header_value(value))
    {
        return Err(ApiError::Network(NOT_BUILT.into()));
    }
    let mut builder = RequestBuilder::new(&request.url)
        .method(gloo_method(request.method))
        .abort_signal(Some(&controller.signal()));
    for (name, value) in request.headers() {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Some(body) => builder.body(body.clone()),
        None => builder.build(),
    }
    .map_err(|_| ApiError::Network(NOT_BUILT.into()))?;

    let outcome = built.send().await;
    let response = match outcome {
        Ok(response) => response,
        Err(_) if timed_out.get() => {
            return Err(ApiError::Timeout {
                seconds: TIMEOUT_SECONDS,
            })
        }
        Err(_) if controller.signal().aborted() => return Err(ApiError::Network(CANCELLED.into())),
        // The browser does not say why a fetch failed (offline, refused, CORS): say it plainly.
        Err(_) => {
            return Err(ApiError::Network(
                "no connection, refused, or blocked by the browser".into(),
            ))
        }
    };
    let status = response.status();
    let content_type = response.headers().get("content-type").unwrap_or_default();
    let retry_after = response.headers().get("retry-after");
    let body = match response.text().await {
        Ok(body) => body,
        Err(_) if timed_out.get() => {
            return Err(ApiError::Timeout {
                seconds: TIMEOUT_SECONDS,
            })
        }
        Err(_) => return Err(ApiError::Network("the answer was cut off".into())),
    };
    guard.disarm();
    Ok(Response {
        status,
        content_type,
        retry_after,
        body,
    })
}

fn gloo_method(method: Method) -> GlooMethod {
    match method {
        Method::Get => GlooMethod::GET,
        Method::Post => GlooMethod::POST,
        Method::Put => GlooMethod::PUT,
        Method::Patch => GlooMethod::PATCH,
        Method::Delete => GlooMethod::DELETE,
    }
}

/// Aborts the request if its future is dropped before the answer is read (the caller went away).
struct AbortOnDrop {
    controller: AbortController,
    armed: Cell<bool>,
}

impl AbortOnDrop {
    fn new(controller: AbortController) -> Self {
        AbortOnDrop {
            controller,
            armed: Cell::new(true),
        }
    }

    fn disarm(&self) {
        self.armed.set(false);
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if self.armed.get() {
            self.controller.abort();
        }
    }
}

/// A `setTimeout` that is cleared when dropped.
struct Timer {
    handle: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(millis: u32, f: impl FnMut() + 'static) -> Option<Timer> {
        let callback = Closure::<dyn FnMut()>::new(f);
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                millis.min(i32::MAX as u32) as i32,
            )
            .ok()?;
        Some(Timer {
            handle,
            _callback: callback,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
        }
    }
}

/// Listens for `abort` on an outer signal and aborts an inner controller; unlistens when dropped.
struct Forward {
    signal: AbortSignal,
    callback: Closure<dyn FnMut()>,
}

impl Forward {
    fn new(signal: &AbortSignal, inner: AbortController) -> Self {
        let callback = Closure::<dyn FnMut()>::new(move || inner.abort());
        let _ = signal.add_event_listener_with_callback("abort", callback.as_ref().unchecked_ref());
        Forward {
            signal: signal.clone(),
            callback,
        }
    }
}

impl Drop for Forward {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.callback.as_ref().unchecked_ref());
    }
}
