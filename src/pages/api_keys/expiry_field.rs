//! `Expiration`: 7, 30, 60 or 90 days (90 preselected, as the seeds advise), a custom date, or none.

use leptos::prelude::*;

use crate::api::api_keys::{Expiry, DEFAULT_EXPIRY_DAYS, EXPIRY_DAYS};
use crate::browser::time;

#[component]
pub fn ExpiryField(expiry: RwSignal<Expiry>) -> impl IntoView {
    let custom = move || matches!(expiry.get(), Expiry::OnDate(_));
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        expiry.set(match value.as_str() {
            "never" => Expiry::Never,
            "custom" => Expiry::OnDate(time::date_in_days(DEFAULT_EXPIRY_DAYS)),
            days => Expiry::Days(days.parse().unwrap_or(DEFAULT_EXPIRY_DAYS)),
        });
    };
    view! {
        <div class="expiry-field">
            <label class="field">
                <span>"Expiration"</span>
                <select on:change=on_change>
                    {EXPIRY_DAYS
                        .iter()
                        .map(|days| {
                            let days = *days;
                            view! {
                                <option value=days.to_string() selected=move || expiry.get() == Expiry::Days(days)>
                                    {format!("{days} days")}
                                </option>
                            }
                        })
                        .collect_view()}
                    <option value="custom" selected=custom>
                        "Custom date"
                    </option>
                    <option value="never" selected=move || expiry.get() == Expiry::Never>
                        "No expiration"
                    </option>
                </select>
            </label>
            <Show when=custom>
                <label class="field">
                    <span>"Expiry date"</span>
                    <input
                        type="date"
                        min=time::date_in_days(1)
                        prop:value=move || match expiry.get() {
                            Expiry::OnDate(date) => date,
                            _ => String::new(),
                        }
                        on:input=move |ev| expiry.set(Expiry::OnDate(event_target_value(&ev)))
                    />
                </label>
            </Show>
            <Show when=move || expiry.get() == Expiry::Never>
                <p class="field-warning">"A key without expiry works until someone revokes it. Prefer an expiry and rotate."</p>
            </Show>
        </div>
    }
}
