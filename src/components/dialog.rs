//! Modal dialogs on the browser's own `<dialog>`: `showModal()` gives the focus trap, Escape, the
//! inert background and the `dialog` role. The content exists in the DOM only while it is open, so
//! whatever a dialog showed (a revealed key, say) is gone when it closes. Focus returns to where it was.
//! Only its owner closes a dialog, by unmounting it: Escape asks the owner (`on_dismiss`), and when
//! the browser closes it anyway (Chromium does on a second Escape even though `cancel` was
//! prevented) it is opened again at once, so a dialog that must stay (a key being created, a
//! one-time secret) stays.

use leptos::html;
use leptos::prelude::*;

use super::unique_id::unique_id;
use wasm_bindgen::JsCast;

#[component]
pub fn Dialog(
    /// The dialog's heading and accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// Called for Escape; the owner decides whether and how to close.
    on_dismiss: Callback<()>,
    #[prop(optional, into)] class: String,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let title_id = unique_id("dialog-title");
    // Where focus was before the dialog took it; it goes back there on close.
    let opener = StoredValue::new_local(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
    );
    dialog.on_load(move |element| {
        if element.show_modal().is_err() {
            element.set_open(true);
        }
    });
    on_cleanup(move || {
        if let Some(Some(element)) = opener.try_get_value() {
            if element.is_connected() {
                let _ = element.focus();
            }
        }
    });
    let labelled_by = title_id.clone();
    view! {
        <dialog
            node_ref=dialog
            class=format!("dialog {class}")
            aria-labelledby=labelled_by
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                on_dismiss.try_run(());
            }
            on:close=move |_| {
                // Still mounted, so the owner did not close it: the browser did.
                if let Some(element) = dialog.get_untracked() {
                    if element.is_connected() {
                        if element.show_modal().is_err() {
                            element.set_open(true);
                        }
                        on_dismiss.try_run(());
                    }
                }
            }
        >
            <h2 id=title_id class="dialog-title">{move || title.get()}</h2>
            {children()}
        </dialog>
    }
}

/// Asks before something that cannot be undone. `Cancel` sends nothing; the confirm button is
/// disabled while `busy`, so one click makes one request.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] title: Signal<String>,
    /// The confirm button's text, e.g. `Delete`.
    confirm_label: &'static str,
    #[prop(into)] busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    view! {
        <Dialog title on_dismiss=on_cancel>
            <div class="dialog-body">{children()}</div>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| on_cancel.run(()) autofocus>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="button button-danger"
                    disabled=move || busy.get()
                    on:click=move |_| {
                        if !busy.get_untracked() {
                            on_confirm.run(());
                        }
                    }
                >
                    {confirm_label}
                </button>
            </div>
        </Dialog>
    }
}
