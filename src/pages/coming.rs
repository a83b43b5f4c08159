//! Pages whose features are scheduled but not built yet: the page says so and what it will do.

use leptos::prelude::*;

use crate::components::PageTitle;

#[component]
pub fn ComingPage(
    /// The page's name, as in the navigation.
    title: &'static str,
    /// What the page will let the admin do.
    plan: &'static str,
) -> impl IntoView {
    view! {
        <PageTitle text=title />
        <div class="coming">
            <p>
                <strong>"Coming soon. "</strong>
                {plan}
            </p>
            <p class="muted">"Until then, n8n's own editor and its public API cover this."</p>
        </div>
    }
}
