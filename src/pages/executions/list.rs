//! `/executions`: every execution of the instance, newest first, filtered by status and workflow,
//! paged over n8n's cursors (state in the query string), with auto-refresh and row actions.

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use super::row::ExecutionRow;
use crate::api::executions::{self, ExecutionFilter, ExecutionStatus};
use crate::api::list_view::ListView;
use crate::api::workflows::{self, WorkflowName};
use crate::components::{
    use_delete, use_list_page, use_loader, AutoRefresh, ConfirmDialog, DataTable, ListEmpty,
    ListPager, LoadError, PageTitle,
};
use crate::session::Session;

const COLUMNS: &[&str] = &[
    "ID", "Workflow", "Status", "Mode", "Started", "Duration", "Actions",
];
/// How often `Auto-refresh` reloads the page on screen.
const REFRESH_EVERY: Duration = Duration::from_secs(10);

#[component]
pub fn ExecutionsPage() -> impl IntoView {
    let session = Session::expect();
    let list = use_list_page(
        "/executions",
        move |client, view: ListView<ExecutionFilter>| {
            // Read once per load (not tracked): while probing, the console applies the range itself.
            let server_range =
                untrack(|| session.capabilities()).is_some_and(|c| c.execution_date_range);
            async move { executions::list(&client, &view.filter, &view.position, server_range).await }
        },
    );
    let (view_state, rows) = (list.view, list.rows);
    let set_filter = move |change: &dyn Fn(&mut ExecutionFilter)| list.set_filter(|f| change(f));
    // Names for the Workflow column and filter: the instance's workflows in one paged read.
    let workflow_list = use_loader(
        || (),
        |client, ()| async move { workflows::names(&client).await },
    );
    let names = Memo::new(move |_| {
        workflow_list.data.with(|list| {
            list.iter()
                .flatten()
                .map(|w: &WorkflowName| (w.id.clone(), w.name.clone()))
                .collect::<HashMap<_, _>>()
        })
    });

    // The execution waiting for `Delete` to be confirmed.
    let to_delete = RwSignal::new(None::<String>);
    let delete = use_delete(
        |client, id: String| async move { executions::delete(&client, &id).await },
        |id| format!("execution {id}"),
        Callback::new(move |()| {
            to_delete.set(None);
            rows.reload();
        }),
    );

    view! {
        <div class="page-head">
            <PageTitle text="Executions" />
            <AutoRefresh
                every=REFRESH_EVERY
                on_tick=Callback::new(move |()| {
                    if !rows.busy.get_untracked() {
                        rows.reload();
                    }
                })
            />
        </div>
        <div class="filter-bar" role="search" aria-label="Filter executions">
            <label class="field">
                <span>"Status"</span>
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    set_filter(&|f| {
                        f.status = (!value.is_empty()).then(|| ExecutionStatus::parse(&value))
                    })
                }>
                    <option value="" selected=move || view_state.get().filter.status.is_none()>
                        "All"
                    </option>
                    {FILTER_STATUSES
                        .iter()
                        .map(|(status, label)| {
                            let status = status.clone();
                            let value = status.as_str().to_string();
                            view! {
                                <option
                                    value=value
                                    selected=move || view_state.get().filter.status.as_ref() == Some(&status)
                                >
                                    {*label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field field-grow">
                <span>"Workflow"</span>
                <select
                    title=move || workflow_list.error.get().map(|e| e.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        set_filter(&|f| f.workflow_id = (!value.is_empty()).then(|| value.clone()))
                    }
                >
                    <option value="" selected=move || view_state.get().filter.workflow_id.is_none()>
                        "All workflows"
                    </option>
                    {move || {
                        let selected = view_state.get().filter.workflow_id;
                        let mut options: Vec<(String, String)> = workflow_list
                            .data
                            .get()
                            .unwrap_or_default()
                            .into_iter()
                            .map(|w| (w.id, w.name))
                            .collect();
                        // A workflow from a shared link stays shown before (or without) the list.
                        if let Some(id) = &selected {
                            if !options.iter().any(|(i, _)| i == id) {
                                options.insert(0, (id.clone(), format!("Workflow {id}")));
                            }
                        }
                        options
                            .into_iter()
                            .map(|(id, name)| {
                                let is_selected = selected.as_deref() == Some(id.as_str());
                                view! {
                                    <option value=id selected=is_selected>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </div>
        <LoadError loader=rows />
        <Show when=move || rows.error.with(Option::is_none)>
            <DataTable label="Executions" columns=COLUMNS busy=rows.busy>
                {move || match rows.data.get() {
                    None => {
                        view! {
                            <tr class="placeholder-row">
                                <td colspan="7">"Loading executions…"</td>
                            </tr>
                        }
                            .into_any()
                    }
                    Some(page) => {
                        let names = names.get();
                        page.data
                            .into_iter()
                            .map(|execution| {
                                let workflow_name = execution
                                    .workflow_id
                                    .as_ref()
                                    .and_then(|id| names.get(id).cloned());
                                view! {
                                    <ExecutionRow
                                        execution
                                        workflow_name
                                        on_changed=Callback::new(move |()| rows.reload())
                                        on_delete=Callback::new(move |id| to_delete.set(Some(id)))
                                    />
                                }
                            })
                            .collect_view()
                            .into_any()
                    }
                }}
            </DataTable>
            <ListEmpty list noun="executions" hint="Runs of your workflows appear here." />
        </Show>
        <ListPager list />
        {move || {
            to_delete
                .get()
                .map(|id| {
                    view! {
                        <ConfirmDialog
                            title=format!("Delete execution {id}?")
                            confirm_label="Delete"
                            busy=delete.busy
                            on_confirm=Callback::new(move |()| {
                                if let Some(id) = to_delete.get_untracked() {
                                    delete.run(id);
                                }
                            })
                            on_cancel=Callback::new(move |()| {
                                if !delete.busy.get_untracked() {
                                    to_delete.set(None);
                                }
                            })
                        >
                            <p>"n8n deletes the execution and all its data. This cannot be undone."</p>
                        </ConfirmDialog>
                    }
                })
        }}
    }
}

/// The statuses the filter offers, in n8n's order of interest.
const FILTER_STATUSES: &[(ExecutionStatus, &str)] = &[
    (ExecutionStatus::Success, "Success"),
    (ExecutionStatus::Error, "Error"),
    (ExecutionStatus::Waiting, "Waiting"),
    (ExecutionStatus::Running, "Running"),
    (ExecutionStatus::Canceled, "Canceled"),
    (ExecutionStatus::Crashed, "Crashed"),
    (ExecutionStatus::New, "New"),
];
