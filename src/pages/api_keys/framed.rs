//! In a frame of another site the editor API cannot be signed in to (n8n's session cookie is
//! `SameSite=Lax`, so the browser does not send it there): say so, and open the page in a tab.

use leptos::prelude::*;

use crate::browser::page_base;

#[component]
pub fn FramedCrossSite() -> impl IntoView {
    let href = page_base::url_under_base("api-keys");
    view! {
        <div class="notice notice-info" role="status">
            <p>
                "This n8n manages API keys in its editor, which needs you to sign in to n8n. Inside a frame "
                "of another site the browser does not send n8n's sign-in cookie, so that cannot work here."
            </p>
            <p>
                <a href=href target="_blank" rel="noopener">
                    "Open API keys in a new tab"
                </a>
                " (you connect there once more; this frame keeps working on everything else)."
            </p>
        </div>
    }
}
