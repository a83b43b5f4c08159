//! Any path the console does not know.

use leptos::prelude::*;

use crate::components::Link;
use crate::components::PageTitle;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <main id="main" class="connect">
            <div class="connect-card">
                <PageTitle text="Page not found" />
                <p>"The console has no page at this address."</p>
                <p>
                    <Link href="/workflows">"Go to Workflows"</Link>
                </p>
            </div>
        </main>
    }
}
