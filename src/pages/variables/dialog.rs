//! `New variable` and `Edit`: key and value, checked against n8n's rules before sending.

use leptos::prelude::*;

use crate::api::variables::{self, Variable, MAX_VALUE};
use crate::api::ApiError;
use crate::components::{checked, use_form_mutation, Dialog, FormError, TextField};

#[component]
pub fn VariableDialog(
    variable: Option<Variable>,
    on_close: Callback<()>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let key = RwSignal::new(variable.as_ref().map(|v| v.key.clone()).unwrap_or_default());
    let value = RwSignal::new(
        variable
            .as_ref()
            .map(|v| v.value.clone())
            .unwrap_or_default(),
    );
    let key_error = RwSignal::new(None::<String>);
    let value_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let id = StoredValue::new(variable.as_ref().map(|v| v.id.clone()));
    // (the variable's id when editing, key, value)
    let save = use_form_mutation(
        |(id, key, _): &(Option<String>, String, String)| {
            let verb = if id.is_some() { "saving" } else { "creating" };
            format!("{verb} {key}")
        },
        |client, (id, key, value): (Option<String>, String, String)| async move {
            match &id {
                Some(id) => variables::update(&client, id, &key, &value)
                    .await
                    .map(|()| format!("Saved {key}")),
                None => variables::create(&client, &key, &value)
                    .await
                    .map(|()| format!("Created {key}")),
            }
        },
        ApiError::to_string,
        form_error,
        on_saved,
        on_close,
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Both fields are checked, so both errors show at once.
        let new_key = checked(key_error, variables::check_key(&key.get_untracked()));
        let value_ok = checked(value_error, variables::check_value(&value.get_untracked()));
        let (Some(new_key), Some(())) = (new_key, value_ok) else {
            return;
        };
        form_error.set(None);
        save.run((id.get_value(), new_key, value.get_untracked()));
    };
    let editing = variable.is_some();
    view! {
        <Dialog title=(if editing { "Edit variable" } else { "New variable" }).to_string() on_dismiss=on_close>
            <form class="key-form" on:submit=submit novalidate>
                <TextField label="Key" value=key error=key_error placeholder="e.g. API_BASE_URL" />
                <label class="field">
                    <span>"Value"</span>
                    <textarea
                        rows="4"
                        spellcheck="false"
                        aria-invalid=move || value_error.with(Option::is_some).then_some("true")
                        aria-describedby="variable-value-error"
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    ></textarea>
                </label>
                <p id="variable-value-error" class="field-error" role="alert">{move || value_error.get()}</p>
                <p class="muted small">{move || format!("{} of {MAX_VALUE} characters", value.with(|v| v.chars().count()))}</p>
                <FormError error=form_error />
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="button button-primary" disabled=move || save.busy.get()>
                        {if editing { "Save" } else { "Create" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
