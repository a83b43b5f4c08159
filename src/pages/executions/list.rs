//! `/executions`: every execution of the instance, newest first (page 1 of `All` with the running
//! ones, which n8n lists apart), filtered by status, workflow and start date, paged over n8n's
//! cursors (state in the query string), with auto-refresh, row actions and `Stop running`.

use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use super::row::{ExecutionRow, Verb};
use crate::api::executions::{self, Execution, ExecutionFilter, ExecutionStatus};
use crate::api::list_view::ListView;
use crate::api::workflows::{self, WorkflowName};
use crate::api::{ApiError, Client, Transport};
use crate::browser::time::{local_input_millis, local_input_value};
use crate::components::{
    use_delete, use_list_page, use_loader, use_mutation, Ahead, AutoRefresh, ConfirmDialog,
    DataTable, ListEmpty, ListError, ListPager, PageTitle,
};
use crate::format::quoted;
use crate::session::Session;

const COLUMNS: &[&str] = &[
    "ID", "Workflow", "Status", "Mode", "Started", "Duration", "Actions",
];
/// How often `Auto-refresh` reloads the page on screen.
const REFRESH_EVERY: Duration = Duration::from_secs(10);

#[component]
pub fn ExecutionsPage() -> impl IntoView {
    let session = Session::expect();
    // The Workflow column's names, asked for the workflows each page shows that this visit has not
    // named yet (`None`: n8n has no such workflow), not by reading every workflow.
    let known = RwSignal::new(HashMap::<String, Option<String>>::new());
    let names_error = RwSignal::new(None::<ApiError>);
    let list = use_list_page(
        "/executions",
        Ahead::NextPage,
        move |client, view: ListView<ExecutionFilter>| {
            // Read once per load (not tracked): while probing, the console applies the range itself.
            let server_range =
                untrack(|| session.capabilities()).is_some_and(|c| c.execution_date_range);
            async move {
                let page =
                    executions::list(&client, &view.filter, &view.position, server_range).await?;
                name_workflows(&client, &page.data, &view.filter, known, names_error).await;
                Ok(page)
            }
        },
    );
    let (view_state, rows) = (list.view, list.rows);
    let set_filter = move |change: &dyn Fn(&mut ExecutionFilter)| list.set_filter(|f| change(f));
    // The Workflow filter offers every workflow once the admin goes to it: reading every workflow
    // downloads all their nodes, which a page of executions does not need.
    let picking = RwSignal::new(false);
    let workflow_list = use_loader(
        move || picking.get(),
        |client, picking| async move {
            if picking {
                workflows::names(&client).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    let name_of = move |id: &str| known.with(|k| k.get(id).cloned().flatten());

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

    let capabilities = Memo::new(move |_| session.capabilities());
    let stop_offered = Signal::derive(move || {
        capabilities.with(|c| c.as_ref().is_some_and(|c| c.stop_executions))
    });
    let server_range = Signal::derive(move || {
        capabilities.with(|c| c.as_ref().is_some_and(|c| c.execution_date_range))
    });
    let actions = use_mutation(
        |(_, id): &(Verb, String)| id.clone(),
        |(verb, id)| match verb {
            Verb::Retry => format!("retrying execution {id}"),
            Verb::Stop => format!("stopping execution {id}"),
        },
        |client, (verb, id): (Verb, String)| async move {
            match verb {
                Verb::Retry => executions::retry(&client, &id)
                    .await
                    .map(|new| format!("Retried execution {id} as execution {}", new.id)),
                Verb::Stop => executions::stop(&client, &id)
                    .await
                    .map(|_| format!("Stopped execution {id}")),
            }
        },
        |(verb, id), error| match verb {
            Verb::Retry => format!("Could not retry execution {id}: {error}"),
            Verb::Stop => executions::stop_failure(id, error),
        },
        Callback::new(move |()| rows.reload()),
    );
    // `Stop running`: open while its dialog asks; the workflow filter at the time it was opened.
    let confirm_stop = RwSignal::new(false);
    let stop_running = use_mutation(
        |_: &Option<String>| "stop running".to_string(),
        |_| "stopping the running executions".to_string(),
        |client, workflow: Option<String>| async move {
            executions::stop_all(&client, workflow.as_deref())
                .await
                .map(executions::stopped_text)
        },
        |_, error| format!("Could not stop the running executions: {error}"),
        Callback::new(move |()| {
            confirm_stop.set(false);
            rows.reload();
        }),
    );
    let date_input = move |label: &'static str,
                           read: fn(&ExecutionFilter) -> Option<i64>,
                           write: fn(&mut ExecutionFilter, Option<i64>)| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input
                    type="datetime-local"
                    prop:value=move || {
                        view_state.with(|v| read(&v.filter).map(local_input_value).unwrap_or_default())
                    }
                    on:change=move |ev| {
                        let value = local_input_millis(&event_target_value(&ev));
                        set_filter(&|f| write(f, value))
                    }
                />
            </label>
        }
    };

    view! {
        <div class="page-head">
            <PageTitle text="Executions" />
            <Show when=move || stop_offered.get()>
                <button
                    type="button"
                    class="button"
                    disabled=move || stop_running.busy.get()
                    on:click=move |_| confirm_stop.set(true)
                >
                    "Stop running"
                </button>
            </Show>
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
                    {move || {
                        let caps = capabilities.get();
                        let chosen = view_state.with(|v| v.filter.status.clone());
                        FILTER_STATUSES
                        .iter()
                        // A status from a shared link stays shown, even one this n8n does not take.
                        .filter(|(status, _)| {
                            executions::filterable(status, caps.as_ref())
                                || chosen.as_ref() == Some(status)
                        })
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
                        .collect_view()
                    }}
                </select>
            </label>
            <label class="field field-grow">
                <span>"Workflow"</span>
                <select
                    title=move || {
                        workflow_list
                            .error
                            .get()
                            .or_else(|| names_error.get())
                            .map(|e| e.to_string())
                            .unwrap_or_default()
                    }
                    on:focus=move |_| picking.set(true)
                    on:pointerdown=move |_| picking.set(true)
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
                        // Every workflow once read; until then those this visit has named.
                        let all = workflow_list.data.get().flatten().unwrap_or_else(|| {
                            let mut seen: Vec<WorkflowName> = known.with(|k| {
                                k.iter()
                                    .filter_map(|(id, name)| Some(WorkflowName { id: id.clone(), name: name.clone()? }))
                                    .collect()
                            });
                            workflows::sort_by_name(&mut seen);
                            seen
                        });
                        let mut options: Vec<(String, String)> = all.into_iter().map(|w| (w.id, w.name)).collect();
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
            {date_input("Started after", |f| f.started_after, |f, v| f.started_after = v)}
            {date_input("Started before", |f| f.started_before, |f, v| f.started_before = v)}
        </div>
        <p class="help" aria-live="polite">
            {move || {
                let view = view_state.get();
                let mut notes = Vec::new();
                if view.filter.includes_running(&view.position) {
                    notes.push("Running executions are included on page 1 (n8n lists them apart).");
                }
                // While probing nothing is said: the range may yet go to n8n.
                let known = capabilities.with(Option::is_some);
                if view.filter.has_range() && known && !server_range.get() {
                    notes.push(if view.filter.started_after.is_some() {
                        "This n8n cannot filter by date: the console applies the range while paging, and stops reading at the first execution started before it."
                    } else {
                        "This n8n cannot filter by date: the console applies the range while paging."
                    });
                }
                notes.join(" ")
            }}
        </p>
        <ListError list />
        <Show when=move || rows.error.with(Option::is_none)>
            <DataTable label="Executions" columns=COLUMNS busy=rows.busy loads=rows.loads
                loading=Signal::derive(move || rows.data.with(Option::is_none))>
                // Keyed: Auto-refresh keeps the rows (and the focus in them) that did not change.
                <For
                    each=move || {
                        rows.data.with(|p| {
                            p.as_ref()
                                .map(|p| {
                                    p.data
                                        .iter()
                                        .map(|e| {
                                            let name = e.workflow_id.as_deref().and_then(name_of);
                                            (e.clone(), name)
                                        })
                                        .collect::<Vec<_>>()
                                })
                                .unwrap_or_default()
                        })
                    }
                    key=|(e, name): &(Execution, Option<String>)| {
                        (e.id.clone(), e.status.as_str().to_string(), e.stopped_at.clone(), name.clone())
                    }
                    children=move |(execution, workflow_name): (Execution, Option<String>)| {
                        view! {
                            <ExecutionRow
                                execution
                                workflow_name
                                actions
                                stop_offered
                                on_delete=Callback::new(move |id| to_delete.set(Some(id)))
                            />
                        }
                    }
                />
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
        <Show when=move || confirm_stop.get()>
            {move || {
                let workflow = view_state.with_untracked(|v| v.filter.workflow_id.clone());
                let scope = match &workflow {
                    Some(id) => {
                        let name = untrack(|| name_of(id)).unwrap_or_else(|| format!("workflow {id}"));
                        format!("of {}", quoted(&name))
                    }
                    None => "of every workflow".to_string(),
                };
                view! {
                    <ConfirmDialog
                        title="Stop running executions?"
                        confirm_label="Stop executions"
                        busy=stop_running.busy
                        on_confirm=Callback::new(move |()| {
                            stop_running.run(workflow.clone());
                        })
                        on_cancel=Callback::new(move |()| {
                            if !stop_running.busy.get_untracked() {
                                confirm_stop.set(false);
                            }
                        })
                    >
                        <p>
                            {format!(
                                "n8n stops every running or waiting execution {scope}, whatever the status and date filters. They end as canceled.",
                            )}
                        </p>
                    </ConfirmDialog>
                }
            }}
        </Show>
    }
}

/// Asks n8n the names of the workflows `executions` (and the filter) name that `known` lacks, and
/// adds them (`None` for a workflow n8n no longer has). A failure leaves ids in the column and says
/// why in `error`; a key without `workflow:read` is not asked again. It runs after the page's read
/// came back, when the admin may have left the page: signals already gone mean nothing is asked.
async fn name_workflows<T: Transport>(
    client: &Client<T>,
    executions: &[Execution],
    filter: &ExecutionFilter,
    known: RwSignal<HashMap<String, Option<String>>>,
    error: RwSignal<Option<ApiError>>,
) {
    let refused = error.try_with_untracked(|e| e.as_ref().is_some_and(|e| !e.is_transient()));
    if refused != Some(false) {
        return;
    }
    let Some(mut wanted) = known.try_with_untracked(|k| {
        executions
            .iter()
            .filter_map(|e| e.workflow_id.clone())
            .chain(filter.workflow_id.clone())
            .filter(|id| !k.contains_key(id))
            .collect::<Vec<String>>()
    }) else {
        return;
    };
    wanted.sort();
    wanted.dedup();
    if wanted.is_empty() {
        return;
    }
    match workflows::names_of(client, wanted.clone()).await {
        Ok(names) => {
            known.try_update(|k| {
                for id in wanted {
                    k.entry(id).or_insert(None);
                }
                for w in names {
                    k.insert(w.id, Some(w.name));
                }
            });
            error.try_set(None);
        }
        Err(e) => {
            error.try_set(Some(e));
        }
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
