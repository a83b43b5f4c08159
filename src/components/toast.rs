//! Short messages about what just happened ("Retried execution 12 as 40"), shown over the page.
//! Successes sit in a polite live region and fade after a while; failures are alerts and stay until
//! dismissed. Provided as a context by the app; any component calls `Toasts::expect().success(..)`.

use std::time::Duration;

use leptos::prelude::*;

/// How long a success stays on screen.
const SUCCESS_TIME: Duration = Duration::from_secs(8);

#[derive(Clone, Debug, PartialEq)]
struct Toast {
    id: u64,
    text: String,
    failure: bool,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toasts {
    pub fn provide() -> Toasts {
        let toasts = Toasts {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        };
        provide_context(toasts);
        toasts
    }

    pub fn expect() -> Toasts {
        expect_context::<Toasts>()
    }

    pub fn success(&self, text: impl Into<String>) {
        let id = self.push(text.into(), false);
        let items = self.items;
        set_timeout(
            move || {
                items.try_update(|list| list.retain(|t| t.id != id));
            },
            SUCCESS_TIME,
        );
    }

    pub fn failure(&self, text: impl Into<String>) {
        self.push(text.into(), true);
    }

    fn push(&self, text: String, failure: bool) -> u64 {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|list| {
            list.push(Toast { id, text, failure });
            // A burst (a bulk run gone wrong) must not bury the page.
            if list.len() > 5 {
                list.remove(0);
            }
        });
        id
    }

    fn dismiss(&self, id: u64) {
        self.items.update(|list| list.retain(|t| t.id != id));
    }
}

/// Where toasts appear; rendered once by the shell.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = Toasts::expect();
    let list = move |failure: bool| {
        toasts
            .items
            .get()
            .into_iter()
            .filter(move |t| t.failure == failure)
    };
    view! {
        <div class="toasts">
            <div role="status" aria-live="polite" class="toast-stack">
                <For each=move || list(false) key=|t| t.id let:toast>
                    <ToastItem toast toasts />
                </For>
            </div>
            <For each=move || list(true) key=|t| t.id let:toast>
                <div role="alert" class="toast-stack">
                    <ToastItem toast toasts />
                </div>
            </For>
        </div>
    }
}

#[component]
fn ToastItem(toast: Toast, toasts: Toasts) -> impl IntoView {
    let id = toast.id;
    view! {
        <div class=if toast.failure { "toast toast-failure" } else { "toast" }>
            <p>{toast.text}</p>
            <button type="button" class="toast-close" aria-label="Dismiss" on:click=move |_| toasts.dismiss(id)>
                "×"
            </button>
        </div>
    }
}
