//! The `Auto-refresh` checkbox: while on, calls `on_tick` every `every`, skipping ticks while the tab
//! is hidden (nobody is looking, and n8n need not answer for nobody) and while a change is out (see
//! `mutation::in_flight`: a reload must not race a write). Off by default.

use std::time::Duration;

use leptos::prelude::*;

use super::mutation::in_flight;
use crate::browser::visibility::page_hidden;

#[component]
pub fn AutoRefresh(every: Duration, on_tick: Callback<()>) -> impl IntoView {
    let on = RwSignal::new(false);
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(Some(handle)) = timer.try_update_value(Option::take) {
            handle.clear();
        }
    };
    Effect::new(move |_| {
        stop();
        if on.get() {
            let handle = set_interval_with_handle(
                move || {
                    if !page_hidden() && in_flight() == 0 {
                        on_tick.run(());
                    }
                },
                every,
            )
            .ok();
            timer.set_value(handle);
        }
    });
    on_cleanup(stop);
    view! {
        <label class="field-check" title=format!("Reload every {} s while this tab is visible", every.as_secs())>
            <input type="checkbox" prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev)) />
            <span>"Auto-refresh"</span>
        </label>
    }
}
