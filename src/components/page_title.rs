//! A page's `h1`: sets the document title and takes focus when the page opens, so screen-reader and
//! keyboard users land at the start of the new page rather than on a link that has gone.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} · n8n Console", text.get()));
        }
    });
    heading.on_load(|h1| {
        let _ = h1.focus();
    });
    view! {
        <h1 tabindex="-1" node_ref=heading>
            {move || text.get()}
        </h1>
    }
}
