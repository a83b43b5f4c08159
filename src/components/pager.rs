//! `Rows per page`, `Previous page`, `Next page` over n8n's forward-only cursors (see `api::paging`).

use leptos::prelude::*;

use crate::api::paging::{Position, PAGE_SIZES};

#[component]
pub fn Pager(
    /// Where the list is now.
    #[prop(into)]
    position: Signal<Position>,
    /// The `nextCursor` of the page on screen; none on the last page.
    #[prop(into)]
    next_cursor: Signal<Option<String>>,
    /// How many rows the page on screen has.
    #[prop(into)]
    rows: Signal<usize>,
    /// True while a page loads: clicks wait, so one click moves one page.
    #[prop(into)]
    busy: Signal<bool>,
    /// Called with the position to go to.
    on_change: Callback<Position>,
) -> impl IntoView {
    let go_previous = move |_| {
        let p = position.get_untracked();
        if !busy.get_untracked() && p.has_previous() {
            on_change.run(p.previous());
        }
    };
    let go_next = move |_| {
        if busy.get_untracked() {
            return;
        }
        if let Some(cursor) = next_cursor.get_untracked() {
            on_change.run(position.get_untracked().next(&cursor));
        }
    };
    let change_size = move |ev: leptos::ev::Event| {
        let limit = event_target_value(&ev).parse().unwrap_or_default();
        on_change.run(Position::first(limit));
    };
    let summary = move || {
        let p = position.get();
        let n = rows.get();
        let first = p.first_row();
        if n == 0 {
            format!("Page {}", p.page_number())
        } else {
            format!(
                "Page {} · rows {}–{}",
                p.page_number(),
                first,
                first + n - 1
            )
        }
    };

    view! {
        <nav class="pager" aria-label="Pagination">
            <label class="field field-inline">
                <span>"Rows per page"</span>
                <select on:change=change_size>
                    {PAGE_SIZES
                        .iter()
                        .map(|size| {
                            let size = *size;
                            view! {
                                <option value=size.to_string() selected=move || position.get().limit == size>
                                    {size.to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <span class="pager-summary" aria-live="polite">{summary}</span>
            <div class="pager-buttons">
                <button
                    type="button"
                    class="button"
                    disabled=move || !position.get().has_previous()
                    on:click=go_previous
                >
                    "Previous page"
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || next_cursor.get().is_none()
                    on:click=go_next
                >
                    "Next page"
                </button>
            </div>
        </nav>
    }
}
