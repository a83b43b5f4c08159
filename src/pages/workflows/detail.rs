//! `/workflows/:id`: one workflow: state (with its toggle), tags, times, nodes, a way to its
//! executions, and `Export JSON`.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::export::ExportOne;
use super::row::{ActiveBadge, TagLinks};
use super::toggle::{use_toggle, ActiveToggle};
use crate::api::executions::{self, ExecutionFilter};
use crate::api::paging::Position;
use crate::api::query::encode_component;
use crate::api::workflows::{self, Workflow};
use crate::components::activity_chart::WindowPicker;
use crate::components::Link;
use crate::components::{
    use_loader, DataTable, ErrorNotice, LoadError, PageTitle, RelativeTime, StatusBadge,
};
use crate::format;
use crate::pages::overview::{use_window, use_window_activity, ActivitySection};

/// How many of the workflow's latest executions the detail view lists.
const RECENT_EXECUTIONS: u16 = 5;

#[component]
pub fn WorkflowDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let workflow = use_loader(
        move || id.get(),
        |client, id: String| async move { workflows::get(&client, &id).await },
    );
    // Held by the page: a reload of the workflow keeps a change that is out.
    let toggle = use_toggle(Callback::new(move |()| workflow.reload()));
    let title = Signal::derive(move || {
        workflow
            .data
            .with(|w| w.as_ref().map(|w: &Workflow| w.name.clone()))
            .unwrap_or_else(|| "Workflow".to_string())
    });
    view! {
        <p class="breadcrumb">
            <Link href="/workflows">"← Workflows"</Link>
        </p>
        <PageTitle text=title />
        <LoadError loader=workflow />
        {move || match workflow.data.get() {
            None if workflow.error.with(Option::is_none) => {
                Some(view! { <p class="muted" aria-busy="true">"Loading workflow…"</p> }.into_any())
            }
            None => None,
            Some(w) => Some(view! { <WorkflowDetail workflow=w toggle /> }.into_any()),
        }}
    }
}

#[component]
fn WorkflowDetail(
    workflow: Workflow,
    toggle: crate::components::Mutation<super::toggle::Toggle, Workflow>,
) -> impl IntoView {
    let active = RwSignal::new(workflow.published());
    let executions = format!("/executions?workflow={}", encode_component(&workflow.id));
    let node_count = workflow.nodes.len();
    view! {
        <div class="detail-actions">
            <ActiveToggle id=workflow.id.clone() name=workflow.name.clone() active toggle />
            <ExportOne id=workflow.id.clone() name=workflow.name.clone() />
            <Link href=executions attr:class="button">
                "Executions of this workflow"
            </Link>
        </div>
        <dl class="facts">
            <div>
                <dt>"State"</dt>
                <dd>
                    <ActiveBadge active />
                </dd>
            </div>
            <div>
                <dt>"Tags"</dt>
                <dd>
                    {if workflow.tags.is_empty() {
                        view! { <span class="muted">"None"</span> }.into_any()
                    } else {
                        view! { <TagLinks tags=workflow.tags.iter().map(|t| t.name.clone()).collect() /> }.into_any()
                    }}
                </dd>
            </div>
            <div>
                <dt>"Created"</dt>
                <dd>
                    <RelativeTime iso=workflow.created_at.clone() />
                </dd>
            </div>
            <div>
                <dt>"Updated"</dt>
                <dd>
                    <RelativeTime iso=workflow.updated_at.clone() />
                </dd>
            </div>
            <div>
                <dt>"ID"</dt>
                <dd>
                    <code>{workflow.id.clone()}</code>
                </dd>
            </div>
        </dl>
        <RecentExecutions workflow_id=workflow.id.clone() />
        <WorkflowActivity workflow_id=workflow.id.clone() />
        <h2>{format!("Nodes ({node_count})")}</h2>
        <DataTable label="Nodes" columns=&["Name", "Type"] busy=Signal::stored(false)>
            {workflow
                .nodes
                .into_iter()
                .map(|node| {
                    view! {
                        <tr class:row-disabled=node.disabled>
                            <th scope="row">
                                {node.name}
                                {node.disabled.then(|| view! { <span class="badge">"Disabled"</span> })}
                            </th>
                            <td>
                                <code>{node.node_type}</code>
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}

/// The workflow's executions per hour or day, as the Overview counts the instance's.
#[component]
fn WorkflowActivity(workflow_id: String) -> impl IntoView {
    let path = format!("/workflows/{}", encode_component(&workflow_id));
    let (window, choose) = use_window(path);
    let activity = use_window_activity(window, Some(workflow_id), RwSignal::new(0));
    view! {
        <h2>"Activity"</h2>
        <WindowPicker window on_change=choose />
        <ActivitySection activity window />
    }
}

/// The workflow's latest executions, with the way to all of them.
#[component]
fn RecentExecutions(workflow_id: String) -> impl IntoView {
    let all = format!("/executions?workflow={}", encode_component(&workflow_id));
    let recent = use_loader(
        move || workflow_id.clone(),
        |client, id: String| async move {
            let filter = ExecutionFilter {
                workflow_id: Some(id),
                ..Default::default()
            };
            // No date range here, so whether n8n could apply one does not matter.
            let page = Position::first(RECENT_EXECUTIONS);
            executions::list(&client, &filter, &page, false).await
        },
    );
    view! {
        <h2>"Latest executions"</h2>
        {move || recent.error.get().map(|error| view! { <ErrorNotice error /> })}
        {move || {
            recent
                .data
                .get()
                .map(|page| {
                    if page.data.is_empty() {
                        view! { <p class="muted">"No executions of this workflow yet."</p> }.into_any()
                    } else {
                        view! {
                            <DataTable
                                label="Latest executions"
                                columns=&["ID", "Status", "Started", "Duration"]
                                busy=recent.busy
                            >
                                {page
                                    .data
                                    .into_iter()
                                    .map(|e| {
                                        let href = format!("/executions/{}", encode_component(&e.id));
                                        let duration = e
                                            .started_at
                                            .as_deref()
                                            .zip(e.stopped_at.as_deref())
                                            .and_then(|(a, b)| format::millis_between(a, b))
                                            .map_or_else(|| "—".to_string(), format::duration);
                                        view! {
                                            <tr>
                                                <th scope="row">
                                                    <Link href=href>{e.id.clone()}</Link>
                                                </th>
                                                <td>
                                                    <StatusBadge
                                                        text=e.status.as_str().to_string()
                                                        tone=crate::pages::executions::status_tone(&e.status)
                                                    />
                                                </td>
                                                <td>
                                                    <RelativeTime iso=e.started_at.clone() />
                                                </td>
                                                <td class="cell-number">{duration}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </DataTable>
                        }
                            .into_any()
                    }
                })
        }}
        <p>
            <Link href=all>"Open in Executions →"</Link>
        </p>
    }
}
