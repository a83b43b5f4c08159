//! Showing a new key once: a read-only field with the raw key, `Copy`, and the warning that it won't be
//! shown again. `RevealDialog` asks before closing if the key was never copied. The raw key lives in
//! the app's holder (`one_time_key`) and in this field only; both are gone when the dialog closes.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Dialog;
use crate::api::api_keys::RawKey;
use crate::browser::clipboard;

/// The key, its `Copy` button and the warning. `copied` turns true once the key was copied.
#[component]
pub fn RevealKey(raw: RawKey, copied: RwSignal<bool>) -> impl IntoView {
    let field = NodeRef::<html::Input>::new();
    let failed = RwSignal::new(false);
    let raw = StoredValue::new(raw);
    let copy = move |_| {
        let input = field.get_untracked();
        let text = raw.with_value(|r| r.expose().to_string());
        spawn_local(async move {
            let done = clipboard::copy(&text, input.as_ref()).await;
            copied.try_set(copied.get_untracked() || done);
            failed.try_set(!done);
        });
    };
    view! {
        <div class="reveal">
            <label class="field">
                <span>"New API key"</span>
                <input
                    type="text"
                    class="reveal-key"
                    readonly
                    spellcheck="false"
                    autocomplete="off"
                    node_ref=field
                    prop:value=move || raw.with_value(|r| r.expose().to_string())
                    on:focus=move |_| {
                        if let Some(input) = field.get_untracked() {
                            input.select();
                        }
                    }
                />
            </label>
            <div class="reveal-actions">
                <button type="button" class="button button-primary" on:click=copy>
                    "Copy"
                </button>
                <span class="reveal-status" aria-live="polite">
                    {move || {
                        if failed.get() {
                            "The browser did not allow copying: the key is selected, press Ctrl+C (⌘C)."
                        } else if copied.get() {
                            "Copied"
                        } else {
                            ""
                        }
                    }}
                </span>
            </div>
            <p class="reveal-warning">
                <strong>"Copy it now: it won't be shown again."</strong>
                " n8n keeps only a redacted form. Store it in your secret manager, never in code."
            </p>
        </div>
    }
}

/// The dialog after `Create`: the key once, and `Done` (which asks first if it was never copied).
#[component]
pub fn RevealDialog(
    raw: RawKey,
    /// A sentence above the key (which key this is, when it is not obvious).
    #[prop(optional, into)]
    intro: Option<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let done = move |_| {
        if copied.get_untracked() {
            on_close.run(());
        } else {
            asking.set(true);
        }
    };
    view! {
        <Dialog title="Your new API key".to_string() on_dismiss=Callback::new(move |()| asking.set(!copied.get_untracked()))>
            {intro.map(|text| view! { <p>{text}</p> })}
            <RevealKey raw copied />
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <div class="dialog-actions">
                            <button type="button" class="button" on:click=done>
                                "Done"
                            </button>
                        </div>
                    }
                }
            >
                <div class="notice notice-warn" role="alert">
                    <p>"You have not copied the key. Once closed, nobody can see it again: you would have to create another."</p>
                </div>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| asking.set(false)>
                        "Back"
                    </button>
                    <button type="button" class="button button-danger" on:click=move |_| on_close.run(())>
                        "Close without copying"
                    </button>
                </div>
            </Show>
        </Dialog>
    }
}
