//! `Rotate`, two ways. In place, where n8n can (2.28.6+): n8n replaces the secret, keeps label, scopes
//! and expiry, and the old secret stops at once; the new one is revealed once (and the console moves
//! to it when it was its own key). Replace, everywhere (and for a new expiry): the documented rotation
//! procedure as one flow: create a replacement with the same scopes and a new expiry, reveal it once,
//! and revoke the old key only after the admin confirms that every integration uses the new one.
//! `Keep both for now` leaves the old key working. Either way the new secret goes to the app's holder
//! the moment n8n answers (see `components::one_time_key`): it is shown even if this dialog is gone.
//! While a request is out the dialog cannot be dismissed.

use leptos::prelude::*;

use super::expiry_field::ExpiryField;
use super::Keys;
use crate::api::api_keys::{self, ApiKeyInfo, Expiry, NewKey, DEFAULT_EXPIRY_DAYS};
use crate::api::{ApiError, ApiKey};
use crate::browser::{download, time};
use crate::components::{checked, Dialog, FormError, KeyClaim, OneTimeKeys, RevealKey, Toasts};
use crate::format::quoted;

/// How a rotation goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotateWay {
    /// n8n's own rotate: the same key with a new secret.
    InPlace,
    /// A new key (new expiry), then revoke the old one.
    Replace,
}

/// Where the dialog is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    AskInPlace,
    AskReplace,
    /// The in-place rotation's new secret is shown.
    Rotated,
    /// The replacement's secret is shown, with the revoke step.
    Replaced,
}

#[component]
pub fn RotateDialog(key: ApiKeyInfo, way: RotateWay, on_close: Callback<()>) -> impl IntoView {
    let keys = Keys::expect();
    let way = RwSignal::new(way);
    let can_rotate_in_place = keys.rotates_in_place();
    let one_time = OneTimeKeys::expect();
    // The in-place rotation's new secret, once n8n answered.
    let rotated = RwSignal::new(None::<KeyClaim>);
    let own = keys.is_console_key(&key);
    let toasts = Toasts::expect();
    let expiry = RwSignal::new(Expiry::Days(DEFAULT_EXPIRY_DAYS));
    let error = RwSignal::new(None::<String>);
    let replacement = RwSignal::new(None::<KeyClaim>);
    let replacement_label = RwSignal::new(String::new());
    let copied = RwSignal::new(false);
    let confirmed = RwSignal::new(false);
    let old = StoredValue::new(key.clone());

    let replace = keys.write(
        |new: &NewKey| format!("creating the replacement {}", quoted(&new.label)),
        |client, store, new: NewKey| async move { api_keys::create(&client, &store, &new).await },
        (error, ApiError::to_string),
        move |new, created| {
            let claim = one_time.hold(new.label.clone(), created.raw_api_key);
            replacement_label.try_set(new.label);
            let _unclaimed = replacement.try_set(Some(claim));
            keys.reload.try_run(());
        },
    );
    let create = move |_| {
        let old_key = old.get_value();
        let rotated = api_keys::rotated_label(&old_key.label, &download::today());
        let Some(label) = checked(error, keys.check_label(&rotated, None)) else {
            return;
        };
        let Some(expires_at) = checked(error, expiry.get_untracked().expires_at(time::now_secs()))
        else {
            return;
        };
        replace.run(NewKey {
            label,
            scopes: old_key.scopes,
            expires_at,
        });
    };

    let in_place =
        keys.write(
            |old: &ApiKeyInfo| format!("rotating {}", quoted(&old.label)),
            |client, store, old: ApiKeyInfo| async move {
                api_keys::rotate(&client, &store, &old.id).await
            },
            (error, ApiError::to_string),
            move |old, new| {
                if own {
                    // The console's own key: its old secret no longer works.
                    if let Some(key) = ApiKey::new(new.raw_api_key.expose()) {
                        keys.session.replace_api_key(key);
                    }
                }
                let claim = one_time.hold(old.label.clone(), new.raw_api_key);
                let _unclaimed = rotated.try_set(Some(claim));
                keys.reload.try_run(());
            },
        );
    let rotate_in_place = move |_| {
        error.set(None);
        in_place.run(old.get_value());
    };
    let done = move |_| {
        toasts.success(format!(
            "Rotated {}: only the new secret works now",
            old.with_value(|k| quoted(&k.label))
        ));
        seen(rotated);
        on_close.run(());
    };

    let revoke_old =
        keys.write(
            |old: &ApiKeyInfo| format!("revoking {}", quoted(&old.label)),
            |client, store, old: ApiKeyInfo| async move {
                api_keys::delete(&client, &store, &old.id).await
            },
            (error, |e| {
                format!("The new key works, but the old one was not revoked: {e}")
            }),
            move |old, ()| {
                toasts.success(format!(
                    "Rotated {}: the old key is revoked",
                    quoted(&old.label)
                ));
                seen(replacement);
                keys.reload.try_run(());
                on_close.try_run(());
            },
        );
    let revoke = move |_| {
        if confirmed.get_untracked() {
            revoke_old.run(old.get_value());
        }
    };
    let keep_both = move |_| {
        toasts.success(format!(
            "Created the replacement; {} still works until you revoke it",
            old.with_value(|k| quoted(&k.label))
        ));
        seen(replacement);
        on_close.run(());
    };
    let sending =
        Signal::derive(move || replace.busy.get() || in_place.busy.get() || revoke_old.busy.get());
    let stage = Memo::new(move |_| {
        if rotated.with(Option::is_some) {
            Stage::Rotated
        } else if replacement.with(Option::is_some) {
            Stage::Replaced
        } else if way.get() == RotateWay::InPlace && can_rotate_in_place {
            Stage::AskInPlace
        } else {
            Stage::AskReplace
        }
    });
    let shown =
        move |claim: RwSignal<Option<KeyClaim>>| claim.with(|c| c.as_ref().and_then(KeyClaim::raw));
    let cancel = move |_| {
        if !sending.get_untracked() {
            on_close.run(());
        }
    };

    view! {
        <Dialog title="Rotate API key".to_string() on_dismiss=Callback::new(move |()| {
            if !sending.get_untracked() && matches!(stage.get_untracked(), Stage::AskInPlace | Stage::AskReplace) {
                on_close.run(());
            }
        })>
            {move || match stage.get() {
                Stage::Rotated => {
                    let raw = shown(rotated);
                    view! {
                        <p>"“" <bdi>{old.with_value(|k| k.label.clone())}</bdi> "” has a new secret. The old one no longer works."</p>
                        {own.then(|| view! { <p class="muted">"The console was signed in with this key and now uses the new one."</p> })}
                        {raw.map(|raw| view! { <RevealKey raw copied /> })}
                        <div class="dialog-actions">
                            <button type="button" class="button button-primary" on:click=done>
                                "Done"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Stage::AskInPlace => {
                    view! {
                        <p>
                            "n8n gives “" <bdi>{old.with_value(|k| k.label.clone())}</bdi>
                            "” a new secret and keeps its label, scopes and expiry. "
                            <strong>"The old secret stops working at once:"</strong>
                            " every integration that uses it fails until it has the new one."
                        </p>
                        {own.then(|| view! { <p class="muted">"The console is signed in with this key: it moves to the new secret by itself."</p> })}
                        <p class="muted">
                            "To give integrations time to switch, or to get a new expiry, replace the key instead."
                        </p>
                        <div class="dialog-actions">
                            <button type="button" class="button" disabled=move || sending.get() on:click=cancel>
                                "Cancel"
                            </button>
                            <button type="button" class="button" on:click=move |_| {
                                error.set(None);
                                way.set(RotateWay::Replace);
                            }>
                                "Replace with a new key instead"
                            </button>
                            <button type="button" class="button button-danger" disabled=move || sending.get() on:click=rotate_in_place>
                                "Rotate now"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Stage::AskReplace => {
                    view! {
                        <ol class="steps">
                            <li>"Create a replacement with the same scopes and a new expiry."</li>
                            <li>"Put it into every integration that uses “" <bdi>{old.with_value(|k| k.label.clone())}</bdi> "”."</li>
                            <li>"Revoke the old key."</li>
                        </ol>
                        <p class="muted">
                            {format!("Scopes: {}", old.with_value(|k| k.scopes.join(", ")))}
                        </p>
                        <ExpiryField expiry />
                        <div class="dialog-actions">
                            <button type="button" class="button" disabled=move || sending.get() on:click=cancel>
                                "Cancel"
                            </button>
                            <button type="button" class="button button-primary" disabled=move || sending.get() on:click=create>
                                "Create replacement"
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Stage::Replaced => {
                    let raw = shown(replacement);
                    view! {
                        <p>"Replacement “" <bdi>{move || replacement_label.get()}</bdi> "” created."</p>
                        {raw.map(|raw| view! { <RevealKey raw copied /> })}
                        <label class="field-check">
                            <input
                                type="checkbox"
                                prop:checked=move || confirmed.get()
                                on:change=move |ev| confirmed.set(event_target_checked(&ev))
                            />
                            <span>"I have updated every integration that used the old key"</span>
                        </label>
                        <div class="dialog-actions">
                            <button type="button" class="button" on:click=keep_both>
                                "Keep both for now"
                            </button>
                            <button
                                type="button"
                                class="button button-danger"
                                disabled=move || sending.get() || !confirmed.get()
                                on:click=revoke
                            >
                                "Revoke old key"
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
            <FormError error />
        </Dialog>
    }
}

/// The admin is done with the secret a stage showed: nothing holds it any more.
fn seen(claim: RwSignal<Option<KeyClaim>>) {
    if let Some(claim) = claim.try_update(Option::take).flatten() {
        claim.seen();
    }
}
