//! Messages in place of data: an error (role=alert) and an empty state.

use leptos::prelude::*;

use super::loader::Loader;
use crate::api::ApiError;

/// Shows an API error in words an admin can act on, with an optional `Try again`.
#[component]
pub fn ErrorNotice(
    error: ApiError,
    /// Offered when the same request may succeed if sent again.
    #[prop(optional, into)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    let transient = error.is_transient();
    // A licence gate is a fact about the instance, not a failure: say it calmly, offer nothing.
    if error.is_licence_gate() {
        return view! {
            <div class="notice notice-info" role="status">
                <p>{error.to_string()}</p>
                <p class="muted">"An n8n admin can change the licence in n8n's Settings → Usage and plan."</p>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="notice notice-error" role="alert">
            <p>{error.to_string()}</p>
            {retry
                .filter(|_| transient)
                .map(|retry| {
                    view! {
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            "Try again"
                        </button>
                    }
                })}
        </div>
    }
    .into_any()
}

/// What a list shows when it has no rows.
#[component]
pub fn EmptyState(children: Children) -> impl IntoView {
    view! { <div class="empty-state">{children()}</div> }
}

/// A list with no rows: says whether the filters or the instance are why, and offers `Clear filters`.
#[component]
pub fn EmptyList(
    /// What the list holds, plural and lower case: `workflows`.
    noun: &'static str,
    /// Where such things come from, for an instance that has none yet.
    hint: &'static str,
    #[prop(into)] filtered: Signal<bool>,
    /// False past page 1 (a page emptied by deletions elsewhere).
    #[prop(into)]
    first_page: Signal<bool>,
    on_clear: Callback<()>,
) -> impl IntoView {
    view! {
        <EmptyState>
            {move || {
                if filtered.get() {
                    view! {
                        <p>{format!("No {noun} match these filters.")}</p>
                        <button type="button" class="button" on:click=move |_| on_clear.run(())>
                            "Clear filters"
                        </button>
                    }
                        .into_any()
                } else if first_page.get() {
                    view! { <p>{format!("No {noun} yet. {hint}")}</p> }.into_any()
                } else {
                    view! { <p>{format!("No {noun} on this page.")}</p> }.into_any()
                }
            }}
        </EmptyState>
    }
}

/// The error of a loader's latest request, if any, with `Try again` (which reloads it).
#[component]
pub fn LoadError<T: Send + Sync + 'static>(loader: Loader<T>) -> impl IntoView {
    move || {
        loader.error.get().map(
            |error| view! { <ErrorNotice error retry=Callback::new(move |()| loader.reload()) /> },
        )
    }
}
