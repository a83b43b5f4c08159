//! `Create API key`: label, scopes, expiry; one click makes one key; then the one-time reveal.
//! While the create is out the dialog cannot be dismissed (Cancel is disabled, Escape ignored); the
//! answer's secret goes to the app's holder at once, so it is shown even if this dialog is gone.

use leptos::prelude::*;

use super::expiry_field::ExpiryField;
use super::Keys;
use crate::api::api_keys::{self, Expiry, NewKey, DEFAULT_EXPIRY_DAYS, MAX_LABEL};
use crate::api::scopes::Selection;
use crate::api::ApiError;
use crate::browser::time;
use crate::components::{
    checked, Dialog, FormError, KeyClaim, OneTimeKeys, RevealDialog, ScopePicker, TextField, Toasts,
};
use crate::format::quoted;

#[component]
pub fn CreateDialog(on_close: Callback<()>) -> impl IntoView {
    let keys = Keys::expect();
    let toasts = Toasts::expect();
    let one_time = OneTimeKeys::expect();
    let label = RwSignal::new(String::new());
    let selection = RwSignal::new(Selection::default());
    let expiry = RwSignal::new(Expiry::Days(DEFAULT_EXPIRY_DAYS));
    let label_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    // After a successful create: this dialog's claim on the raw key, shown once by the reveal.
    let revealed = RwSignal::new(None::<KeyClaim>);
    let create = keys.write(
        |new: &NewKey| format!("creating API key {}", quoted(&new.label)),
        |client, store, new: NewKey| async move { api_keys::create(&client, &store, &new).await },
        (form_error, ApiError::to_string),
        move |new, created| {
            // Held first: if this dialog is gone, the claim comes back and, dropped, passes the key
            // to the app's own reveal.
            let claim = one_time.hold(new.label.clone(), created.raw_api_key);
            let _unclaimed = revealed.try_set(Some(claim));
            toasts.success(format!("Created API key {}", quoted(&new.label)));
            keys.reload.try_run(());
        },
    );
    let sending = create.busy;
    let dismiss = Callback::new(move |()| {
        if !sending.get_untracked() {
            on_close.run(());
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        let Some(name) = checked(label_error, keys.check_label(&label.get_untracked(), None))
        else {
            return;
        };
        let scopes = selection.with_untracked(|s| s.to_vec(&keys.scopes.get_untracked()));
        if scopes.is_empty() {
            form_error.set(Some(
                "Choose at least one scope: a key without scopes can do nothing.".into(),
            ));
            return;
        }
        let Some(expires_at) = checked(
            form_error,
            expiry.get_untracked().expires_at(time::now_secs()),
        ) else {
            return;
        };
        create.run(NewKey {
            label: name,
            scopes,
            expires_at,
        });
    };
    let seen = Callback::new(move |()| {
        if let Some(claim) = revealed.try_update(Option::take).flatten() {
            claim.seen();
        }
        on_close.run(());
    });

    view! {
        <Show
            when=move || revealed.with(Option::is_some)
            fallback=move || {
                view! {
                    <Dialog title="Create API key".to_string() on_dismiss=dismiss class="dialog-wide".to_string()>
                        <form class="key-form" on:submit=submit novalidate aria-busy=move || sending.get().to_string()>
                            <TextField label="Label" value=label error=label_error placeholder="e.g. CI deploy, Zapier" max_length=MAX_LABEL />
                            <ScopePicker available=keys.scopes selection unenforced=keys.scopes_unenforced() />
                            <ExpiryField expiry />
                            <FormError error=form_error />
                            <div class="dialog-actions">
                                <button type="button" class="button" disabled=move || sending.get() on:click=move |_| dismiss.run(())>
                                    "Cancel"
                                </button>
                                <button type="submit" class="button button-primary" disabled=move || sending.get()>
                                    "Create"
                                </button>
                            </div>
                        </form>
                    </Dialog>
                }
            }
        >
            {move || {
                revealed
                    .with(|claim| claim.as_ref().and_then(KeyClaim::raw))
                    .map(|raw| view! { <RevealDialog raw on_close=seen /> })
            }}
        </Show>
    }
}
