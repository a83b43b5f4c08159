//! `Edit`: a key's label and scopes (n8n applies a scope change at once). n8n cannot change an expiry.

use leptos::prelude::*;

use super::Keys;
use crate::api::api_keys::{self, ApiKeyInfo, MAX_LABEL};
use crate::api::scopes::Selection;
use crate::api::ApiError;
use crate::components::{checked, Dialog, FormError, ScopePicker, TextField, Toasts};
use crate::format::quoted;

#[component]
pub fn EditDialog(
    key: ApiKeyInfo,
    on_close: Callback<()>,
    /// `Rotate` in the expiry note: replace this key with one that has a new expiry.
    on_rotate: Callback<ApiKeyInfo>,
) -> impl IntoView {
    let keys = Keys::expect();
    let toasts = Toasts::expect();
    let label = RwSignal::new(key.label.clone());
    let selection = RwSignal::new(Selection::from_scopes(&key.scopes));
    let label_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let id = StoredValue::new(key.id.clone());
    let original = StoredValue::new(key.clone());
    // (id, label, scopes)
    let save = keys.write(
        |(_, name, _): &(String, String, Vec<String>)| format!("saving API key {}", quoted(name)),
        |client, store, (id, name, scopes): (String, String, Vec<String>)| async move {
            api_keys::update(&client, &store, &id, &name, &scopes).await
        },
        (form_error, ApiError::to_string),
        move |(_, name, _), ()| {
            toasts.success(format!("Saved API key {}", quoted(&name)));
            keys.reload.try_run(());
            on_close.try_run(());
        },
    );
    let sending = save.busy;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = id.get_value();
        let Some(name) = checked(
            label_error,
            keys.check_label(&label.get_untracked(), Some(&id)),
        ) else {
            return;
        };
        let scopes = selection.with_untracked(|s| s.to_vec(&keys.scopes.get_untracked()));
        if scopes.is_empty() {
            form_error.set(Some(
                "Keep at least one scope, or delete the key instead.".into(),
            ));
            return;
        }
        save.run((id, name, scopes));
    };
    view! {
        <Dialog title="Edit API key".to_string() on_dismiss=on_close class="dialog-wide".to_string()>
            <form class="key-form" on:submit=submit novalidate>
                <TextField label="Label" value=label error=label_error max_length=MAX_LABEL />
                <ScopePicker available=keys.scopes selection unenforced=keys.scopes_unenforced() />
                <div class="note-with-action">
                    <p class="muted">
                        "n8n cannot change an expiry. To give this key a new one, rotate it: the console creates a replacement with the same scopes and the expiry you pick, and revokes this key once your integrations use the new one."
                    </p>
                    <button type="button" class="button button-small" on:click=move |_| on_rotate.run(original.get_value())>
                        "Rotate"
                    </button>
                </div>
                <FormError error=form_error />
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" disabled=move || sending.get()>
                        "Save"
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
