//! The machinery of every list page, in one place: the [`ListView`] (filter + position) read from the
//! URL and changed by navigating, so back button, reload and shared links work the same everywhere;
//! the keyed loader of the page of rows (which may fetch the next page ahead, see [`Ahead`]); and the
//! pager wired to both.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use web_sys::AbortController;

use super::ahead::AheadSlot;
use super::loader::{use_loader, Loader};
use super::notice::{EmptyList, LoadError};
use super::pager::Pager;
use crate::api::list_view::{ListView, UrlFilter};
use crate::api::paging::{Page, Position};
use crate::api::{ApiError, Client};
use crate::browser::http::FetchTransport;
use crate::session::Session;

/// A list page's state: what the URL asks for, and the page of rows n8n answered.
pub struct ListPage<F: Send + Sync + 'static, T: Send + Sync + 'static> {
    pub view: Memo<ListView<F>>,
    pub go: Callback<ListView<F>>,
    pub rows: Loader<Page<T>>,
}

impl<F: Send + Sync + 'static, T: Send + Sync + 'static> Clone for ListPage<F, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static, T: Send + Sync + 'static> Copy for ListPage<F, T> {}

impl<F, T> ListPage<F, T>
where
    F: UrlFilter + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    /// Changes the filter and goes back to page 1 (n8n's cursors belong to the old filter).
    pub fn set_filter(&self, change: impl FnOnce(&mut F)) {
        self.go.run(self.view.get_untracked().with_filter(change));
    }

    /// Drops every filter, keeping the page size.
    pub fn clear_filters(&self) {
        let limit = self.view.get_untracked().position.limit;
        self.go.run(ListView {
            filter: F::default(),
            position: Position::first(limit),
        });
    }

    /// How many rows the page on screen has.
    pub fn row_count(&self) -> Signal<usize> {
        let rows = self.rows;
        Signal::derive(move || rows.data.with(|p| p.as_ref().map_or(0, |p| p.data.len())))
    }

    /// True when n8n answered an empty page (not while loading, not after an error). Tracked.
    pub fn shows_nothing(&self) -> bool {
        let rows = self.rows;
        !rows.busy.get()
            && rows.error.with(Option::is_none)
            && rows
                .data
                .with(|p| p.as_ref().is_some_and(|p| p.data.is_empty()))
    }

    /// True when the filter narrows the list.
    pub fn filtered(&self) -> Signal<bool> {
        let view = self.view;
        Signal::derive(move || !view.with(|v| v.filter.is_empty()))
    }
}

/// What a list page fetches besides the page on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ahead {
    /// The next page, while the admin reads this one: `Next page` then shows it at once. For rows
    /// that are small (executions, tags, variables).
    NextPage,
    /// Nothing: each of n8n's rows is big (a workflow with all its nodes), and a page fetched
    /// ahead would double what the page downloads.
    Nothing,
}

/// Binds a list page under `path` (`/executions`, ...) to its URL and loads its rows with `fetch`.
pub fn use_list_page<F, T, Fut>(
    path: &'static str,
    ahead: Ahead,
    fetch: impl Fn(Client<FetchTransport>, ListView<F>) -> Fut + 'static,
) -> ListPage<F, T>
where
    F: UrlFilter + Send + Sync + 'static,
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>, ApiError>> + 'static,
{
    let location = use_location();
    let view = Memo::new(move |_| ListView::<F>::from_search(&location.search.get()));
    let navigate = use_navigate();
    let session = Session::expect();
    let go = Callback::new(move |next: ListView<F>| {
        navigate(
            &session.route(&next.href(path)),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let fetch = Rc::new(fetch);
    let slot = AheadSlot::in_view();
    let rows = use_loader(
        move || view.get(),
        move |client, view| {
            let ready = slot.take(&view);
            let fetch = fetch.clone();
            async move {
                let page = match ready {
                    Some(handover) => handover.await?,
                    None => fetch(client, view.clone()).await?,
                };
                // The next page, in the background, as `Next page` would ask for it.
                let next = match ahead {
                    Ahead::NextPage => next_view(&view, &page),
                    Ahead::Nothing => None,
                };
                if let Some(next) = next {
                    let controller = AbortController::new().ok();
                    let signal = controller.as_ref().map(AbortController::signal);
                    if let Some(client) = session.background_client(signal) {
                        slot.fetch(next.clone(), controller, fetch(client, next));
                    }
                }
                Ok(page)
            }
        },
    );
    ListPage { view, go, rows }
}

/// The view `Next page` goes to from `page`, if there is one.
fn next_view<F: UrlFilter, T>(view: &ListView<F>, page: &Page<T>) -> Option<ListView<F>> {
    page.next()
        .map(|cursor| view.at(view.position.next(cursor)))
}

/// `Rows per page`, `Previous page`, `Next page` for a list page.
#[component]
pub fn ListPager<F, T>(list: ListPage<F, T>) -> impl IntoView
where
    F: UrlFilter + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    let rows = list.rows;
    let view = list.view;
    let next_cursor = Signal::derive(move || {
        rows.data
            .with(|p| p.as_ref().and_then(|p| p.next().map(str::to_string)))
    });
    // After an error there is no page to move from; the error notice says what to do.
    view! {
        <Show when=move || rows.error.with(Option::is_none)>
            <Pager
                position=Signal::derive(move || view.get().position)
                next_cursor
                rows=list.row_count()
                busy=rows.busy
                on_change=Callback::new(move |position| list.go.run(view.get_untracked().at(position)))
            />
        </Show>
    }
}

/// What a list page shows when n8n answered no rows (see [`EmptyList`]).
#[component]
pub fn ListEmpty<F, T>(
    list: ListPage<F, T>,
    noun: &'static str,
    hint: &'static str,
) -> impl IntoView
where
    F: UrlFilter + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    let view = list.view;
    view! {
        <Show when=move || list.shows_nothing()>
            <EmptyList
                noun
                hint
                filtered=list.filtered()
                first_page=Signal::derive(move || !view.with(|v| v.position.has_previous()))
                on_clear=Callback::new(move |()| list.clear_filters())
            />
        </Show>
    }
}

/// A list's load error, and the way out when the URL itself may be why (a cursor that is not
/// n8n's, a filter value it refuses): `Go to page 1` past page 1, `Clear filters` when filtered.
/// A transient failure offers only `Try again`.
#[component]
pub fn ListError<F, T>(list: ListPage<F, T>) -> impl IntoView
where
    F: UrlFilter + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    let rows = list.rows;
    let view = list.view;
    let lasting = move || {
        rows.error
            .with(|e| e.as_ref().is_some_and(|e| !e.is_transient()))
    };
    let past_first = move || view.with(|v| v.position.has_previous());
    let filtered = list.filtered();
    view! {
        <LoadError loader=rows />
        <Show when=move || lasting() && (past_first() || filtered.get())>
            <div class="notice-actions">
                <Show when=past_first>
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| {
                            let current = view.get_untracked();
                            list.go.run(current.at(Position::first(current.position.limit)));
                        }
                    >
                        "Go to page 1"
                    </button>
                </Show>
                <Show when=move || filtered.get()>
                    <button type="button" class="button" on:click=move |_| list.clear_filters()>
                        "Clear filters"
                    </button>
                </Show>
            </div>
        </Show>
    }
}
