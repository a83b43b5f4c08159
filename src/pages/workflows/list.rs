//! `/workflows`: the instance's workflows, filtered by name, status and tag, paged over n8n's cursors,
//! with per-row and bulk activation, a backup export and import. Filters and page live in the query string.

use leptos::prelude::*;

use super::archive::use_archive;
use super::bulk::BulkBar;
use super::export::ExportAll;
use super::import::ImportJson;
use super::row::WorkflowRow;
use super::toggle::use_toggle;
use crate::api::list_view::ListView;
use crate::api::paging::Page;
use crate::api::tags::{self, Tag};
use crate::api::workflows::{self, Workflow, WorkflowFilter};
use crate::components::{
    use_list_page, use_loader, Ahead, DataTable, ListEmpty, ListError, ListPager, PageTitle,
    SearchBox,
};

const COLUMNS: &[&str] = &["Name", "Status", "Tags", "Last updated", "Actions"];

#[component]
pub fn WorkflowsPage() -> impl IntoView {
    let list = use_list_page(
        "/workflows",
        Ahead::Nothing,
        |client, view: ListView<WorkflowFilter>| async move {
            workflows::list(&client, &view.filter, &view.position).await
        },
    );
    let (view_state, rows) = (list.view, list.rows);
    let session = crate::session::Session::expect();
    let set_filter = move |change: &dyn Fn(&mut WorkflowFilter)| list.set_filter(|f| change(f));
    let tag_list = use_loader(
        || (),
        |client, ()| async move { tags::list_all(&client).await },
    );

    // Selected rows of the page on screen as (id, name); another view starts with none.
    let selection = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        view_state.track();
        selection.set(Vec::new());
    });
    let page_rows = move || {
        rows.data.with(|p| {
            p.as_ref().map_or_else(Vec::new, |p: &Page<Workflow>| {
                p.data
                    .iter()
                    .map(|w| (w.id.clone(), w.name.clone()))
                    .collect()
            })
        })
    };
    let all_selected = move || {
        let on_page = page_rows();
        !on_page.is_empty() && selection.with(|s| s.len() == on_page.len())
    };
    let some_selected = move || selection.with(|s| !s.is_empty()) && !all_selected();

    let row_count = list.row_count();
    // Only n8n 2.15.1+ archives workflows.
    let can_archive = Signal::from(Memo::new(move |_| {
        session.capabilities().is_some_and(|c| c.archive)
    }));
    // Held by the page, above the rows: a reload that rebuilds a row keeps what is out.
    let toggle = use_toggle(Callback::new(move |()| rows.reload()));
    let archive = use_archive(Callback::new(move |()| rows.reload()));
    // Only rows on screen, and none while a page loads, can be acted on in bulk.
    let on_screen = Signal::derive(move || {
        if rows.busy.get() {
            Vec::new()
        } else {
            page_rows()
        }
    });

    view! {
        <div class="page-head">
            <PageTitle text="Workflows" />
            <div class="page-actions">
                <ImportJson on_finished=Callback::new(move |()| rows.reload()) />
                <ExportAll filter=Signal::derive(move || view_state.get().filter) />
            </div>
        </div>
        <div class="filter-bar" role="search" aria-label="Filter workflows">
            <SearchBox
                label="Search workflows"
                placeholder="Name contains…"
                value=Signal::derive(move || view_state.get().filter.name)
                on_search=Callback::new(move |text: String| set_filter(&|f| f.name = text.clone()))
            />
            <label class="field">
                <span>"Status"</span>
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    set_filter(&|f| {
                        f.active = match value.as_str() {
                            "active" => Some(true),
                            "inactive" => Some(false),
                            _ => None,
                        }
                    })
                }>
                    {[("", "All", None), ("active", "Active", Some(true)), ("inactive", "Inactive", Some(false))]
                        .into_iter()
                        .map(|(value, label, active)| {
                            view! {
                                <option value=value selected=move || view_state.get().filter.active == active>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <TagSelect
                tags=Signal::derive(move || tag_list.data.get().unwrap_or_default())
                unavailable=Signal::derive(move || tag_list.error.get().map(|e| e.to_string()))
                selected=Signal::derive(move || view_state.get().filter.tag)
                on_select=Callback::new(move |tag: Option<String>| set_filter(&|f| f.tag = tag.clone()))
            />
            // Only n8n 2.15.1+ archives workflows; elsewhere there is nothing to show.
            <Show when=move || can_archive.get()>
                <label class="field-check filter-check">
                    <input
                        type="checkbox"
                        prop:checked=move || view_state.get().filter.show_archived
                        on:change=move |ev| {
                            let show = event_target_checked(&ev);
                            set_filter(&|f| f.show_archived = show)
                        }
                    />
                    "Show archived"
                </label>
            </Show>
        </div>
        <BulkBar selection on_screen toggle on_finished=Callback::new(move |()| rows.reload()) />
        <ListError list />
        <Show when=move || rows.error.with(Option::is_none)>
            <DataTable
                label="Workflows"
                columns=COLUMNS
                busy=rows.busy loads=rows.loads
                loading=Signal::derive(move || rows.data.with(Option::is_none))
                lead=move || {
                    view! {
                        <input
                            type="checkbox"
                            aria-label="Select all"
                            prop:checked=all_selected
                            prop:indeterminate=some_selected
                            disabled=move || row_count.get() == 0
                            on:change=move |ev| {
                                if event_target_checked(&ev) {
                                    selection.set(page_rows());
                                } else {
                                    selection.set(Vec::new());
                                }
                            }
                        />
                    }
                }
            >
                // Keyed: a reload keeps the rows (and the focus in them) that did not change.
                <For
                    each=move || rows.data.with(|p| p.as_ref().map(|p| p.data.clone()).unwrap_or_default())
                    key=|w: &Workflow| (w.id.clone(), w.updated_at.clone(), w.published(), w.is_archived)
                    children=move |workflow: Workflow| {
                        let id = workflow.id.clone();
                        let name = workflow.name.clone();
                        let selected = Signal::derive({
                            let id = id.clone();
                            move || selection.with(|s| s.iter().any(|(i, _)| *i == id))
                        });
                        let on_select = Callback::new(move |on: bool| {
                            let order = page_rows();
                            selection.update(|s| {
                                s.retain(|(i, _)| *i != id);
                                if on {
                                    s.push((id.clone(), name.clone()));
                                }
                                s.sort_by_key(|(i, _)| order.iter().position(|(o, _)| o == i));
                            });
                        });
                        view! { <WorkflowRow workflow selected on_select toggle archive can_archive /> }
                    }
                />
            </DataTable>
            <ListEmpty list noun="workflows" hint="Workflows created in n8n's editor appear here." />
        </Show>
        <ListPager list />
    }
}

#[component]
fn TagSelect(
    #[prop(into)] tags: Signal<Vec<Tag>>,
    /// Why the tags could not be listed (e.g. the key lacks `tag:list`).
    #[prop(into)]
    unavailable: Signal<Option<String>>,
    #[prop(into)] selected: Signal<Option<String>>,
    on_select: Callback<Option<String>>,
) -> impl IntoView {
    // A tag from a shared link stays selectable even before (or without) the tag list.
    let names = move || {
        let mut names: Vec<String> = tags.get().into_iter().map(|t| t.name).collect();
        if let Some(current) = selected.get() {
            if !names.contains(&current) {
                names.insert(0, current);
            }
        }
        names
    };
    view! {
        <label class="field">
            <span>"Tag"</span>
            <select
                title=move || unavailable.get().unwrap_or_default()
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    on_select.run((!value.is_empty()).then_some(value));
                }
            >
                <option value="" selected=move || selected.get().is_none()>
                    "All tags"
                </option>
                {move || {
                    names()
                        .into_iter()
                        .map(|name| {
                            let is_selected = selected.get().as_deref() == Some(name.as_str());
                            view! {
                                <option value=name.clone() selected=is_selected>
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
