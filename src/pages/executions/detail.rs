//! `/executions/:id`: one execution with its data (`includeData=true`, fetched only here): per node,
//! status, items in and out, time, and a failed node's error and stack; the raw JSON on demand.
//! A large execution stays responsive: items are counted while decoding, never rendered, and the raw
//! JSON is turned into text only when its section is opened.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::status_tone;
use crate::api::executions::{self, Execution, NodeSummary, RunError};
use crate::api::query::encode_component;
use crate::api::workflows;
use crate::browser::download;
use crate::components::Link;
use crate::components::{
    use_loader, DataTable, LoadError, PageTitle, RelativeTime, StatusBadge, Toasts,
};
use crate::format;

/// Up to this size the raw JSON is re-indented and shown whole.
const PRETTY_LIMIT: usize = 1_000_000;
/// Above `PRETTY_LIMIT`, how much of it is shown (the rest is one click away as a download).
const PREVIEW_LIMIT: usize = 256 * 1024;

#[component]
pub fn ExecutionDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let execution = use_loader(
        move || id.get(),
        |client, id: String| async move {
            let (execution, raw) = executions::get_with_data(&client, &id).await?;
            // The workflow's name, when the key may read it; the page works without it.
            let name = match &execution.workflow_id {
                Some(wid) => workflows::get(&client, wid).await.ok().map(|w| w.name),
                None => None,
            };
            Ok((execution, name, raw))
        },
    );
    let title = Signal::derive(move || format!("Execution {}", id.get()));
    view! {
        <p class="breadcrumb">
            <Link href="/executions">"← Executions"</Link>
        </p>
        <PageTitle text=title />
        <LoadError loader=execution />
        {move || match execution.data.get() {
            None if execution.error.with(Option::is_none) => {
                Some(view! { <p class="muted" aria-busy="true">"Loading execution…"</p> }.into_any())
            }
            None => None,
            Some((e, name, raw)) => Some(view! { <ExecutionDetail execution=e workflow_name=name raw /> }.into_any()),
        }}
    }
}

#[component]
fn ExecutionDetail(
    execution: Execution,
    workflow_name: Option<String>,
    raw: String,
) -> impl IntoView {
    let nodes = execution
        .data
        .as_ref()
        .map(|d| d.node_summaries())
        .unwrap_or_default();
    let run_error = execution
        .data
        .as_ref()
        .and_then(|d| d.result_data.error.clone())
        .filter(|e| !e.message.is_empty());
    let duration = match (&execution.started_at, &execution.stopped_at) {
        (Some(a), Some(b)) => format::millis_between(a, b).map(format::duration),
        _ => None,
    };
    let workflow = execution.workflow_id.clone().map(|wid| {
        let href = format!("/workflows/{}", encode_component(&wid));
        let text = workflow_name.unwrap_or_else(|| format!("Workflow {wid}"));
        view! { <Link href=href>{text}</Link> }
    });
    let retry_of = execution.retry_of.clone().map(|of| {
        let href = format!("/executions/{}", encode_component(&of));
        view! { <Link href=href>{format!("Execution {of}")}</Link> }
    });
    let node_count = nodes.len();
    view! {
        <dl class="facts">
            <div>
                <dt>"Status"</dt>
                <dd>
                    <StatusBadge text=execution.status.as_str().to_string() tone=status_tone(&execution.status) />
                </dd>
            </div>
            <div>
                <dt>"Workflow"</dt>
                <dd>{workflow}</dd>
            </div>
            <div>
                <dt>"Mode"</dt>
                <dd>{execution.mode.as_ref().map(|m| m.as_str().to_string())}</dd>
            </div>
            <div>
                <dt>"Started"</dt>
                <dd>
                    <RelativeTime iso=execution.started_at.clone() />
                </dd>
            </div>
            <div>
                <dt>"Duration"</dt>
                <dd>{duration.unwrap_or_else(|| "—".into())}</dd>
            </div>
            {retry_of.map(|link| view! { <div><dt>"Retry of"</dt><dd>{link}</dd></div> })}
        </dl>
        {run_error.map(|e| {
            view! {
                <div class="notice notice-error">
                    <p><strong>"The execution failed: "</strong>{e.message}</p>
                </div>
            }
        })}
        <h2>{format!("Nodes ({node_count})")}</h2>
        {if nodes.is_empty() {
            view! { <p class="muted">"n8n kept no node data for this execution."</p> }.into_any()
        } else {
            view! {
                <DataTable
                    label="Nodes"
                    columns=&["Node", "Status", "Items in", "Items out", "Time"]
                    busy=Signal::stored(false)
                >
                    {nodes.into_iter().map(|node| view! { <NodeRow node /> }).collect_view()}
                </DataTable>
            }
                .into_any()
        }}
        <RawJson raw id=execution.id.clone() />
    }
}

#[component]
fn NodeRow(node: NodeSummary) -> impl IntoView {
    let runs = (node.runs > 1).then(|| format!(" ({} runs)", node.runs));
    let (status, tone) = if node.failed {
        ("error", crate::components::status_badge::Tone::Bad)
    } else {
        ("success", crate::components::status_badge::Tone::Good)
    };
    view! {
        <tr class:node-failed=node.failed>
            <th scope="row">
                {node.name}
                {runs}
                {node.error.map(|error| view! { <NodeError error /> })}
            </th>
            <td>
                <StatusBadge text=status.to_string() tone />
            </td>
            <td class="cell-number">{node.items_in.map_or_else(|| "—".to_string(), |n| n.to_string())}</td>
            <td class="cell-number">{node.items_out.to_string()}</td>
            <td class="cell-number">{format::duration(node.duration_ms.round() as i64)}</td>
        </tr>
    }
}

#[component]
fn NodeError(error: RunError) -> impl IntoView {
    view! {
        <div class="node-error">
            <p class="node-error-message">{error.message}</p>
            {error.description.filter(|d| !d.is_empty()).map(|d| view! { <p>{d}</p> })}
            {error
                .stack
                .filter(|s| !s.is_empty())
                .map(|stack| {
                    view! {
                        <details>
                            <summary>"Stack trace"</summary>
                            <pre class="code-block">{stack}</pre>
                        </details>
                    }
                })}
        </div>
    }
}

/// The execution as n8n sent it, collapsed; its text is built only when opened. A large one shows its
/// beginning and offers the whole as a download: laying out megabytes of text would hold the page.
#[component]
fn RawJson(raw: String, id: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let size = raw.len();
    let raw = StoredValue::new(raw);
    let text = Memo::new(move |_| {
        if !open.get() {
            return String::new();
        }
        raw.with_value(|raw| {
            if raw.len() <= PRETTY_LIMIT {
                serde_json::from_str::<serde_json::Value>(raw)
                    .ok()
                    .and_then(|v| serde_json::to_string_pretty(&v).ok())
                    .unwrap_or_else(|| raw.clone())
            } else {
                let mut end = PREVIEW_LIMIT.min(raw.len());
                while !raw.is_char_boundary(end) {
                    end -= 1;
                }
                format!("{}…", &raw[..end])
            }
        })
    });
    let toasts = Toasts::expect();
    let download = move |_| {
        let file = format!("n8n-execution-{}.json", format::slug(&id));
        if let Err(why) = raw.with_value(|raw| download::save_json(&file, raw)) {
            toasts.failure(why);
        }
    };
    view! {
        <details class="raw-json" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(details) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(details.open());
            }
        }>
            <summary>"Raw JSON"</summary>
            <p class="raw-json-meta">
                <span class="muted">
                    {if size > PRETTY_LIMIT {
                        format!("{} as n8n sent it; the first {} are shown.", format::byte_size(size), format::byte_size(PREVIEW_LIMIT))
                    } else {
                        format!("{} as n8n sent it.", format::byte_size(size))
                    }}
                </span>
                <button type="button" class="button button-small" on:click=download>
                    "Download raw JSON"
                </button>
            </p>
            <Show when=move || open.get()>
                <pre class="code-block code-block-large">{move || text.get()}</pre>
            </Show>
        </details>
    }
}
