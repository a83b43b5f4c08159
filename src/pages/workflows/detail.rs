//! `/workflows/:id`: one workflow: state (with its toggle), tags, times, nodes, a way to its
//! executions, and `Export JSON`.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::export::ExportOne;
use super::row::{ActiveBadge, TagLinks};
use super::toggle::ActiveToggle;
use crate::api::query::encode_component;
use crate::api::workflows::{self, Workflow};
use crate::components::{use_loader, DataTable, ErrorNotice, PageTitle, RelativeTime};

#[component]
pub fn WorkflowDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let workflow = use_loader(
        move || id.get(),
        |client, id: String| async move { workflows::get(&client, &id).await },
    );
    let title = Signal::derive(move || {
        workflow
            .data
            .with(|w| w.as_ref().map(|w: &Workflow| w.name.clone()))
            .unwrap_or_else(|| "Workflow".to_string())
    });
    view! {
        <p class="breadcrumb">
            <A href="/workflows">"← Workflows"</A>
        </p>
        <PageTitle text=title />
        {move || {
            workflow
                .error
                .get()
                .map(|error| view! { <ErrorNotice error retry=Callback::new(move |()| workflow.reload()) /> })
        }}
        {move || match workflow.data.get() {
            None if workflow.error.with(Option::is_none) => {
                Some(view! { <p class="muted" aria-busy="true">"Loading workflow…"</p> }.into_any())
            }
            None => None,
            Some(w) => Some(view! { <WorkflowDetail workflow=w /> }.into_any()),
        }}
    }
}

#[component]
fn WorkflowDetail(workflow: Workflow) -> impl IntoView {
    let active = RwSignal::new(workflow.active);
    let executions = format!("/executions?workflow={}", encode_component(&workflow.id));
    let node_count = workflow.nodes.len();
    view! {
        <div class="detail-actions">
            <ActiveToggle id=workflow.id.clone() name=workflow.name.clone() active />
            <ExportOne id=workflow.id.clone() name=workflow.name.clone() />
            <A href=executions attr:class="button">
                "Executions of this workflow"
            </A>
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
