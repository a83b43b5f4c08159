//! `/variables`: the `$vars` every workflow can read: key, value, type; create, edit, delete. n8n
//! gates variables behind a licence: without it the page says so in plain words and offers nothing
//! that would fail. The filter box is applied by the console (n8n's `/variables` cannot filter).

mod dialog;
mod row;

use leptos::prelude::*;

use crate::api::list_view::{filtered_page, ListView, TextFilter};
use crate::api::variables::{self, Variable};
use crate::components::{
    use_delete, use_list_page, Ahead, ConfirmDialog, DataTable, ListEmpty, ListError, ListPager,
    PageTitle, SearchBox,
};
use crate::format::quoted;
use dialog::VariableDialog;
use row::VariableRow;

const COLUMNS: &[&str] = &["Key", "Value", "Type", "Actions"];

#[derive(Clone, Debug, PartialEq)]
enum Open {
    New,
    Edit(Variable),
    Delete(Variable),
}

#[component]
pub fn VariablesPage() -> impl IntoView {
    let list = use_list_page(
        "/variables",
        Ahead::NextPage,
        |client, view: ListView<TextFilter>| async move {
            filtered_page(
                &view.filter,
                |v: &Variable| v.key.as_str(),
                variables::list(&client, &view.position),
                variables::list_all(&client),
            )
            .await
        },
    );
    let rows = list.rows;
    // Without the licence there is nothing to offer: no button, no table, no pager.
    let gated = move || {
        rows.error
            .with(|e| e.as_ref().is_some_and(|e| e.is_licence_gate()))
    };
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    let changed = Callback::new(move |()| rows.reload());
    let on_action = Callback::new(move |which: Open| open.set(Some(which)));
    let delete = use_delete(
        |client, variable: Variable| async move { variables::delete(&client, &variable.id).await },
        |variable| format!("variable {}", variable.key),
        Callback::new(move |()| {
            open.set(None);
            changed.run(());
        }),
    );
    let confirm_delete = move |()| {
        if let Some(Open::Delete(variable)) = open.get_untracked() {
            delete.run(variable);
        }
    };

    view! {
        <div class="page-head">
            <PageTitle text="Variables" />
            <Show when=move || !gated() && rows.data.with(Option::is_some)>
                <button type="button" class="button button-primary" on:click=move |_| open.set(Some(Open::New))>
                    "New variable"
                </button>
            </Show>
        </div>
        <p class="intro">"Values every workflow reads as " <code>"$vars.KEY"</code> ". They are not secrets: anyone who can edit a workflow can read them."</p>
        <ListError list />
        <Show when=move || !gated()>
            <div class="filter-bar" role="search" aria-label="Filter variables">
                <SearchBox
                    label="Filter variables"
                    placeholder="Key contains…"
                    value=Signal::derive(move || list.view.get().filter.text)
                    on_search=Callback::new(move |text: String| list.set_filter(|f| f.text = text))
                />
            </div>
            <Show when=move || rows.error.with(Option::is_none)>
                <DataTable label="Variables" columns=COLUMNS busy=rows.busy loads=rows.loads loading=Signal::derive(move || rows.data.with(Option::is_none))>
                    // Keyed: a reload keeps the rows (and the focus in them) that did not change.
                    <For
                        each=move || rows.data.with(|p| p.as_ref().map(|p| p.data.clone()).unwrap_or_default())
                        key=|v: &Variable| (v.id.clone(), v.key.clone(), v.value.clone(), v.value_type.clone())
                        children=move |variable: Variable| view! { <VariableRow variable on_action /> }
                    />
                </DataTable>
                <ListEmpty list noun="variables" hint="Create one with New variable." />
            </Show>
            <ListPager list />
        </Show>
        {move || {
            open.get()
                .map(|which| match which {
                    Open::New => view! { <VariableDialog variable=None on_close=close on_saved=changed /> }.into_any(),
                    Open::Edit(v) => view! { <VariableDialog variable=Some(v) on_close=close on_saved=changed /> }.into_any(),
                    Open::Delete(v) => {
                        view! {
                            <ConfirmDialog
                                title=format!("Delete variable {}?", quoted(&v.key))
                                confirm_label="Delete"
                                busy=delete.busy
                                on_confirm=Callback::new(confirm_delete)
                                on_cancel=close
                            >
                                <p>{format!("Workflows that read $vars.{} get nothing from then on.", v.key)}</p>
                            </ConfirmDialog>
                        }
                            .into_any()
                    }
                })
        }}
    }
}
