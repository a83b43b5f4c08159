//! `Changes since`: a moment (default: 7 days ago) and what happened on the instance from then:
//! workflows created or updated, with the nodes in each that can send data out; live workflows
//! that start on their own; users; executions by workflow. Each row links to where the admin acts.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api::activity::{Activity, DAY_MS};
use crate::api::changes;
use crate::api::query::encode_component;
use crate::api::users;
use crate::api::workflows::Workflow;
use crate::browser::time;
use crate::components::{use_loader, DataTable, Link, LoadError, Loader, RelativeTime};
use crate::format;
use crate::pages::overview::use_activity;

const DEFAULT_DAYS: i64 = 7;

#[component]
pub fn ChangesSince() -> impl IntoView {
    let default = time::now_millis() - DEFAULT_DAYS * DAY_MS;
    let since = RwSignal::new(default);
    let input = time::local_input_value(default);
    let workflows = use_loader(
        move || (),
        |client, ()| async move { changes::workflows(&client).await },
    );
    let users = use_loader(
        || (),
        |client, ()| async move { users::list(&client).await },
    );
    let executions = use_activity(
        move || since.get(),
        |since: &i64, now| Activity::new(*since, now, DAY_MS),
        None,
    );
    view! {
        <section class="audit-part" aria-labelledby="audit-since">
            <h2 id="audit-since" tabindex="-1">"Changes since"</h2>
            <div class="field field-inline">
                <label for="changes-since">"Changes since"</label>
                <input
                    id="changes-since"
                    type="datetime-local"
                    step="1"
                    value=input
                    on:change=move |ev| {
                        if let Some(at) = time::local_input_millis(&event_target_value(&ev)) {
                            since.set(at);
                        }
                    }
                />
            </div>
            <h3 id="audit-changed" tabindex="-1">"Workflows changed"</h3>
            <LoadError loader=workflows />
            {move || workflows.data.get().map(|all| view! { <Changed all since /> })}
            <h3 id="audit-scheduled" tabindex="-1">"Scheduled and polling workflows"</h3>
            {move || workflows.data.get().map(|all| view! { <ScheduledList all /> })}
            <h3 id="audit-users" tabindex="-1">"Users"</h3>
            <LoadError loader=users />
            {move || users.data.get().map(|list| view! { <Users list since /> })}
            <h3 id="audit-executions" tabindex="-1">"Executions by workflow"</h3>
            <ExecutionsByWorkflow executions workflows />
        </section>
    }
}

fn workflow_link(id: &str, name: &str) -> impl IntoView {
    let href = format!("/workflows/{}", encode_component(id));
    let name = name.to_string();
    view! {
        <Link href=href>
            <bdi>{name}</bdi>
        </Link>
    }
}

#[component]
fn Changed(all: Vec<Workflow>, since: RwSignal<i64>) -> impl IntoView {
    move || {
        let changed = changes::changed_since(&all, since.get());
        if changed.is_empty() {
            return view! { <p class="muted empty-note">"No workflow was created or updated since then."</p> }
                .into_any();
        }
        let rows = changed
            .into_iter()
            .map(|c| {
                let outbound = if c.outbound.is_empty() {
                    view! { <span class="muted">"None"</span> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {c
                                .outbound
                                .into_iter()
                                .map(|(node, kind)| {
                                    view! {
                                        <li>
                                            <bdi>{node}</bdi>
                                            {format!(" ({})", kind.label())}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                };
                view! {
                    <tr data-workflow-id=c.id.clone()>
                        <th scope="row">
                            {workflow_link(&c.id, &c.name)}
                            {c.live.then(|| view! { " " <span class="badge badge-good">"Active"</span> })}
                        </th>
                        <td>{if c.created { "Created" } else { "Updated" }}</td>
                        <td>
                            <RelativeTime iso=Some(c.changed_at) />
                        </td>
                        <td>{outbound}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <DataTable
                label="Workflows changed"
                columns=&["Workflow", "Change", "When", "Nodes that send data out"]
                busy=Signal::stored(false)
            >
                {rows}
            </DataTable>
        }
        .into_any()
    }
}

#[component]
fn ScheduledList(all: Vec<Workflow>) -> impl IntoView {
    let scheduled = changes::scheduled(&all);
    if scheduled.is_empty() {
        return view! { <p class="muted empty-note">"No active workflow starts on a schedule or by polling."</p> }
            .into_any();
    }
    let rows = scheduled
        .into_iter()
        .map(|s| {
            let triggers = s
                .triggers
                .iter()
                .map(|(node, kind)| format!("{node} ({})", kind.label()))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr data-workflow-id=s.id.clone()>
                    <th scope="row">{workflow_link(&s.id, &s.name)}</th>
                    <td>
                        <bdi>{triggers}</bdi>
                    </td>
                    <td>
                        <RelativeTime iso=s.updated_at />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            label="Scheduled and polling workflows"
            columns=&["Workflow", "Triggers", "Updated"]
            busy=Signal::stored(false)
        >
            {rows}
        </DataTable>
    }
    .into_any()
}

#[component]
fn Users(list: Vec<users::User>, since: RwSignal<i64>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="muted empty-note">"n8n lists no users."</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|u| {
            let created = u.created_at.clone();
            let new = move || {
                created
                    .as_deref()
                    .and_then(format::parse_iso_millis)
                    .is_some_and(|at| at >= since.get())
            };
            view! {
                <tr data-user-id=u.id.clone()>
                    <th scope="row">
                        <bdi>{u.display_name()}</bdi>
                        {move || new().then(|| view! { " " <span class="badge badge-warn">"New since then"</span> })}
                        {u.is_pending.then(|| view! { " " <span class="badge">"Invited"</span> })}
                    </th>
                    <td>
                        <bdi>{u.email.clone()}</bdi>
                    </td>
                    <td>{u.role_label()}</td>
                    <td>
                        <RelativeTime iso=u.created_at.clone() />
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="muted">"Remove anyone you do not recognise in n8n's Settings → Users."</p>
        <DataTable label="Users" columns=&["User", "Email", "Role", "Created"] busy=Signal::stored(false)>
            {rows}
        </DataTable>
    }
    .into_any()
}

#[component]
fn ExecutionsByWorkflow(
    executions: Loader<Option<Activity>>,
    workflows: Loader<Vec<Workflow>>,
) -> impl IntoView {
    view! {
        <LoadError loader=executions />
        {move || {
            let Some(counted) = executions.data.get().flatten() else {
                return executions
                    .error
                    .with(Option::is_none)
                    .then(|| view! { <p class="muted" aria-busy="true">"Counting executions…"</p> }.into_any());
            };
            let names: HashMap<String, String> = workflows
                .data
                .with(|w| {
                    w.as_ref()
                        .map(|w| w.iter().map(|w| (w.id.clone(), w.name.clone())).collect())
                })
                .unwrap_or_default();
            let note = counted.how_counted();
            let rows: Vec<_> = counted.by_workflow().into_iter().cloned().collect();
            if rows.is_empty() {
                return Some(view! { <p class="muted empty-note">"No executions started since then."</p> }.into_any());
            }
            let rows = rows
                .into_iter()
                .map(|w| {
                    let name = names
                        .get(&w.workflow_id)
                        .cloned()
                        .unwrap_or_else(|| format!("Workflow {}", w.workflow_id));
                    let all = format!("/executions?workflow={}", encode_component(&w.workflow_id));
                    view! {
                        <tr data-workflow-id=w.workflow_id.clone()>
                            <th scope="row">{workflow_link(&w.workflow_id, &name)}</th>
                            <td class="cell-number">
                                <Link href=all>{w.tally.total()}</Link>
                            </td>
                            <td class="cell-number">{w.tally.error}</td>
                            <td>
                                <RelativeTime iso=w.last_started.clone() />
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            Some(
                view! {
                    <p class="counted muted">{note}</p>
                    <DataTable
                        label="Executions by workflow"
                        columns=&["Workflow", "Executions", "Errors", "Last run"]
                        busy=executions.busy
                    >
                        {rows}
                    </DataTable>
                }
                    .into_any(),
            )
        }}
    }
}
