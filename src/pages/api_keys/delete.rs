//! `Delete`: revoking a key, confirmed by typing its label; a loud warning when it is the key this
//! console is signed in with (deleting it signs the console out).

use leptos::prelude::*;

use super::Keys;
use crate::api::api_keys::{self, ApiKeyInfo, KeyStore};
use crate::api::ApiError;
use crate::components::{Dialog, FormError, Toasts};
use crate::format::quoted;
use crate::session::Session;

#[component]
pub fn DeleteDialog(key: ApiKeyInfo, on_close: Callback<()>) -> impl IntoView {
    let keys = Keys::expect();
    let toasts = Toasts::expect();
    let session = Session::expect();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let own = keys.is_console_key(&key);
    let label = StoredValue::new(key.label.clone());
    let id = StoredValue::new(key.id.clone());
    let matches = move || label.with_value(|l| typed.get().trim() == l.trim());
    // (id, label)
    let revoke = keys.write(
        |(_, label): &(String, String)| format!("deleting API key {}", quoted(label)),
        |client, store, (id, _): (String, String)| async move {
            api_keys::delete(&client, &store, &id).await
        },
        (error, ApiError::to_string),
        move |(_, label), ()| {
            toasts.success(format!("Deleted API key {}", quoted(&label)));
            on_close.try_run(());
            if own && keys.store() == KeyStore::PublicApi {
                session.sign_out(Some(
                    "You deleted the API key this console was signed in with. Connect with another key.".into(),
                ));
            } else {
                keys.reload.try_run(());
            }
        },
    );
    let sending = revoke.busy;
    let confirm = move |_| {
        if matches() {
            revoke.run((id.get_value(), label.get_value()));
        }
    };
    view! {
        <Dialog title=format!("Delete API key {}?", quoted(&key.label)) on_dismiss=on_close>
            {own
                .then(|| {
                    view! {
                        <div class="notice notice-error" role="alert">
                            <p>
                                <strong>"This is the key this console is signed in with."</strong>
                                " Deleting it ends this console's session at once; you will need another key to connect again."
                            </p>
                        </div>
                    }
                })}
            <p>"Every integration that uses this key gets 401 from n8n immediately. This cannot be undone."</p>
            <label class="field">
                <span>"Type the label to confirm"</span>
                <input
                    type="text"
                    autocomplete="off"
                    placeholder=key.label.clone()
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
            </label>
            <FormError error />
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| on_close.run(())>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="button button-danger"
                    disabled=move || sending.get() || !matches()
                    on:click=confirm
                >
                    "Delete"
                </button>
            </div>
        </Dialog>
    }
}
