//! Binds a list page's [`ListView`] to the router: read from the URL, changed by navigating, so the
//! back button, reload and shared links all work the same way on every list.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api::list_view::{ListView, UrlFilter};

/// The view in the URL, and a callback that goes to another view of the same page.
pub fn use_list_view<F>(path: &'static str) -> (Memo<ListView<F>>, Callback<ListView<F>>)
where
    F: UrlFilter + Send + Sync + 'static,
{
    let location = use_location();
    let view = Memo::new(move |_| ListView::<F>::from_search(&location.search.get()));
    let navigate = use_navigate();
    let go = Callback::new(move |next: ListView<F>| {
        navigate(
            &next.href(path),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    (view, go)
}
