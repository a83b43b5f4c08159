//! Any path the console does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageTitle;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <main id="main" class="connect">
            <div class="connect-card">
                <PageTitle text="Page not found" />
                <p>"The console has no page at this address."</p>
                <p>
                    <A href="/workflows">"Go to Workflows"</A>
                </p>
            </div>
        </main>
    }
}
