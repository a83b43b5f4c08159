//! "n8n is rate limiting; retrying in N s": while a safe request waits to be sent again (see
//! `api::retry`), the shell says why nothing has come yet, and counts down.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::retry::RetryReason;
use crate::browser::http;

#[component]
pub fn RetryNotice() -> impl IntoView {
    let waiting = http::waiting();
    let now = RwSignal::new(js_sys::Date::now());
    // A tick a second while a wait lasts, for the countdown.
    if let Ok(handle) = set_interval_with_handle(
        move || {
            now.try_set(js_sys::Date::now());
        },
        Duration::from_millis(500),
    ) {
        on_cleanup(move || handle.clear());
    }
    let text = move || {
        let wait = waiting.get()?;
        let seconds = ((wait.until_ms - now.get()) / 1000.0).ceil().max(1.0) as u32;
        Some(match wait.reason {
            RetryReason::RateLimited => {
                format!("n8n is rate limiting; retrying in {seconds} s")
            }
            RetryReason::Unavailable => {
                format!("n8n is not answering; retrying in {seconds} s")
            }
        })
    };
    view! {
        <div class="retry-notice" role="status" aria-live="polite">
            {move || text().map(|t| view! { <p class="notice notice-info">{t}</p> })}
        </div>
    }
}
