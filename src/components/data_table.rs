//! A real `<table>` with a caption (its accessible name), column headers, `aria-busy` while loading,
//! and a row saying so until the first rows come.

use leptos::prelude::*;

use crate::format::lowercase_noun;

#[component]
pub fn DataTable(
    /// The table's accessible name, rendered as a visually hidden caption.
    label: &'static str,
    /// Column headers, in order.
    columns: &'static [&'static str],
    /// True while the rows are being (re)loaded.
    #[prop(into)]
    busy: Signal<bool>,
    /// A header cell before the columns (a `Select all` checkbox); rows then start with a cell for it.
    #[prop(optional, into)]
    lead: Option<ViewFn>,
    /// True until the first rows came: a row says "Loading tags…" meanwhile.
    #[prop(optional, into)]
    loading: Option<Signal<bool>>,
    /// How many times rows (or an error) came, as `data-loads` (see `Loader::loads`).
    #[prop(optional, into)]
    loads: Option<Signal<u32>>,
    /// The `<tr>` rows.
    children: Children,
) -> impl IntoView {
    let span = columns.len() + usize::from(lead.is_some());
    let placeholder = loading.map(|loading| {
        let text = format!("Loading {}…", lowercase_noun(label));
        view! {
            <Show when=move || loading.get()>
                <tr class="placeholder-row">
                    <td colspan=span>{text.clone()}</td>
                </tr>
            </Show>
        }
    });
    view! {
        <div class="table-scroll">
            <table
                class="data-table"
                aria-busy=move || if busy.get() { "true" } else { "false" }
                data-loads=move || loads.map(|n| n.get().to_string())
            >
                <caption class="visually-hidden">{label}</caption>
                <thead>
                    <tr>
                        {lead.map(|lead| view! { <td class="cell-select">{lead.run()}</td> })}
                        {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{placeholder}{children()}</tbody>
            </table>
        </div>
    }
}
