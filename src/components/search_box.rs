//! A filter text box that sends what was typed after a pause and follows the URL when it changes
//! elsewhere (back button, `Clear filters`). Its label is its accessible name.

use std::time::Duration;

use leptos::prelude::*;

/// How long typing pauses before the search is sent.
const DEBOUNCE: Duration = Duration::from_millis(300);

#[component]
pub fn SearchBox(
    /// Visible label and accessible name, e.g. `Search workflows`.
    label: &'static str,
    #[prop(optional)] placeholder: &'static str,
    /// The value in the URL.
    #[prop(into)]
    value: Signal<String>,
    on_search: Callback<String>,
) -> impl IntoView {
    let text = RwSignal::new(value.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let from_url = value.get();
        if text.get_untracked().trim() != from_url {
            text.set(from_url);
        }
    });
    let on_input = move |ev| {
        text.set(event_target_value(&ev));
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let typed = text.get_untracked().trim().to_string();
                if typed != value.get_untracked() {
                    on_search.run(typed);
                }
            },
            DEBOUNCE,
        )
        .ok();
        pending.set_value(handle);
    };
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
    view! {
        <label class="field field-grow">
            <span>{label}</span>
            <input
                type="text"
                enterkeyhint="search"
                placeholder=placeholder
                autocomplete="off"
                prop:value=move || text.get()
                on:input=on_input
            />
        </label>
    }
}
