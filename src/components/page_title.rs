//! A page's `h1`: sets the document title and takes focus when the page opens, so screen-reader and
//! keyboard users land at the start of the new page rather than on a link that has gone.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn PageTitle(text: &'static str) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{text} · n8n Console"));
        }
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>
            {text}
        </h1>
    }
}
