//! One execution in the list: id (to its detail), workflow name, status, mode, start, duration, and
//! the actions its status allows (`Retry` for failed runs, `Stop` for unfinished ones, `Delete`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::status_tone;
use crate::api::executions::{self, Execution};
use crate::api::query::encode_component;
use crate::components::Link;
use crate::components::{RelativeTime, StatusBadge, Toasts};
use crate::format;
use crate::session::Session;

#[component]
pub fn ExecutionRow(
    execution: Execution,
    /// The workflow's name, when the instance's workflow list has it.
    workflow_name: Option<String>,
    /// Called after a retry or stop changed the list.
    on_changed: Callback<()>,
    /// Asks the page to confirm and delete this execution.
    on_delete: Callback<String>,
) -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    let sending = RwSignal::new(false);
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
        (Some(start), Some(stop)) => format::millis_between(start, stop)
            .map(format::duration)
            .unwrap_or_else(|| "—".into()),
        (Some(_), None) if execution.can_stop() => "running…".into(),
        _ => "—".into(),
    };

    let act = move |action: &'static str, id: String| {
        if sending.get_untracked() {
            return;
        }
        let Some(client) = session.client(None) else {
            return;
        };
        sending.set(true);
        spawn_local(async move {
            let result = match action {
                "retry" => executions::retry(&client, &id)
                    .await
                    .map(|new| format!("Retried execution {id} as execution {}", new.id)),
                _ => executions::stop(&client, &id)
                    .await
                    .map(|_| format!("Stopped execution {id}")),
            };
            sending.try_set(false);
            match result {
                Ok(text) => toasts.success(text),
                Err(error) => {
                    session.handle_error(&error);
                    toasts.failure(format!("Could not {action} execution {id}: {error}"));
                }
            }
            on_changed.try_run(());
        });
    };
    let (retry_id, stop_id, delete_id) = (id.clone(), id.clone(), id.clone());
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
                {execution.can_retry().then(|| row_action("Retry", sending, move || act("retry", retry_id.clone())))}
                {execution.can_stop().then(|| row_action("Stop", sending, move || act("stop", stop_id.clone())))}
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
    sending: RwSignal<bool>,
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
