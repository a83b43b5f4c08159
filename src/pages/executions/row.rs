//! One execution in the list: id (to its detail), workflow name, status, mode, start, duration, and
//! the actions its status allows (`Retry` for failed runs, `Stop` for unfinished ones where n8n can
//! stop them, `Delete`).

use leptos::prelude::*;

use super::status_tone;
use crate::api::executions::{Execution, ExecutionStatus};
use crate::api::query::encode_component;
use crate::components::Link;
use crate::components::{Mutation, RelativeTime, StatusBadge};
use crate::format;

/// A row action on one execution, sent through the page's [`Mutation`] (keyed by the id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Retry,
    Stop,
}

#[component]
pub fn ExecutionRow(
    execution: Execution,
    /// The workflow's name, when the instance's workflow list has it.
    workflow_name: Option<String>,
    /// Retry and Stop, held by the page so that a reload does not forget a request that is out.
    actions: Mutation<(Verb, String)>,
    /// Whether this n8n can stop executions (2.10+); `Stop` only then.
    stop_offered: Signal<bool>,
    /// Asks the page to confirm and delete this execution.
    on_delete: Callback<String>,
) -> impl IntoView {
    let id = execution.id.clone();
    let href = format!("/executions/{}", encode_component(&id));
    let workflow_cell = match (&execution.workflow_id, workflow_name) {
        (Some(wid), Some(name)) => {
            let href = format!("/workflows/{}", encode_component(wid));
            view! { <Link href=href>{name}</Link> }.into_any()
        }
        (Some(wid), None) => {
            view! { <code title="Workflow not found in the list">{wid.clone()}</code> }.into_any()
        }
        (None, _) => view! { <span class="muted">"—"</span> }.into_any(),
    };
    let duration = match (&execution.started_at, &execution.stopped_at) {
        // n8n sets `stoppedAt` when a Wait node pauses the run: that is not its duration.
        _ if execution.status == ExecutionStatus::Waiting => "waiting…".into(),
        (Some(start), Some(stop)) => format::millis_between(start, stop)
            .map(format::duration)
            .unwrap_or_else(|| "—".into()),
        (Some(_), None) if execution.can_stop() => "running…".into(),
        _ => "—".into(),
    };

    let pending_id = id.clone();
    let sending = Signal::derive(move || actions.is_pending(&pending_id));
    let act = {
        let id = id.clone();
        move |verb: Verb| {
            actions.run((verb, id.clone()));
        }
    };
    let (retry, stop) = (act.clone(), act);
    let can_stop = execution.can_stop();
    let delete_id = id.clone();
    view! {
        <tr>
            <th scope="row" class="cell-id">
                <Link href=href>{id.clone()}</Link>
            </th>
            <td>{workflow_cell}</td>
            <td>
                <StatusBadge text=execution.status.as_str().to_string() tone=status_tone(&execution.status) />
            </td>
            <td>{execution.mode.as_ref().map(|m| m.as_str().to_string()).unwrap_or_default()}</td>
            <td>
                <RelativeTime iso=execution.started_at.clone() />
            </td>
            <td class="cell-number">{duration}</td>
            <td class="cell-actions">
                {execution.can_retry().then(|| row_action("Retry", sending, move || retry(Verb::Retry)))}
                <Show when=move || can_stop && stop_offered.get()>
                    {row_action("Stop", sending, {
                        let stop = stop.clone();
                        move || stop(Verb::Stop)
                    })}
                </Show>
                <button
                    type="button"
                    class="button button-small button-danger-quiet"
                    disabled=move || sending.get()
                    on:click=move |_| on_delete.run(delete_id.clone())
                >
                    "Delete"
                </button>
            </td>
        </tr>
    }
}

/// A small row button that waits while the row's request is out.
fn row_action(
    label: &'static str,
    sending: Signal<bool>,
    run: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button button-small"
            disabled=move || sending.get()
            on:click=move |_| run()
        >
            {label}
        </button>
    }
}
