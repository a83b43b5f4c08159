//! A labelled text input with its error right under it: the label is the accessible name, the error
//! is announced (`role=alert`) and tied to the input (`aria-describedby`, `aria-invalid`). Also the
//! error notice a form shows above its buttons.

use leptos::prelude::*;

use super::unique_id::unique_id;

#[component]
pub fn TextField(
    label: &'static str,
    value: RwSignal<String>,
    /// Why the value was refused, shown under the field.
    error: RwSignal<Option<String>>,
    #[prop(optional)] placeholder: &'static str,
    /// Characters the field takes (0: no limit).
    #[prop(optional)]
    max_length: usize,
) -> impl IntoView {
    let error_id = unique_id("field-error");
    let described_by = error_id.clone();
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                autocomplete="off"
                spellcheck="false"
                required
                placeholder=placeholder
                maxlength=(max_length > 0).then(|| max_length.to_string())
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
        <p id=error_id class="field-error" role="alert">
            {move || error.get()}
        </p>
    }
}

/// The labelled `API key` field of Connect and Add instance. Text masked by CSS, not
/// `type=password`: password managers offer to save every password field whatever `autocomplete`
/// says, and the key must stay in this tab; the `data-*` attributes turn the common ones off too.
#[component]
pub fn ApiKeyField(
    value: RwSignal<String>,
    /// The id of the help text under the field, if any.
    #[prop(optional)]
    described_by: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>"API key"</span>
            <input
                type="text"
                class="secret-input"
                name="n8n-console-api-key"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                data-1p-ignore="true"
                data-lpignore="true"
                data-bwignore="true"
                data-form-type="other"
                required
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// The value of a check, with its field's error cleared; or `None` with the error shown at the field.
pub fn checked<T>(error: RwSignal<Option<String>>, result: Result<T, String>) -> Option<T> {
    match result {
        Ok(value) => {
            error.set(None);
            Some(value)
        }
        Err(why) => {
            error.set(Some(why));
            None
        }
    }
}

/// What went wrong with a form as a whole (n8n's refusal), above its buttons.
#[component]
pub fn FormError(error: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|text| {
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{text}</p>
                </div>
            }
        })
    }
}
