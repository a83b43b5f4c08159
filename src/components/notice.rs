//! Messages in place of data: an error (role=alert) and an empty state.

use leptos::prelude::*;

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
}

/// What a list shows when it has no rows.
#[component]
pub fn EmptyState(children: Children) -> impl IntoView {
    view! { <div class="empty-state">{children()}</div> }
}
