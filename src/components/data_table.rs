//! A real `<table>` with a caption (its accessible name), column headers, and `aria-busy` while loading.

use leptos::prelude::*;

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
    /// The `<tr>` rows.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="data-table" aria-busy=move || if busy.get() { "true" } else { "false" }>
                <caption class="visually-hidden">{label}</caption>
                <thead>
                    <tr>
                        {lead.map(|lead| view! { <td class="cell-select">{lead.run()}</td> })}
                        {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
