//! The workflows that failed most in the window, worst first (`Activity::failing`), with their
//! error rate and a link to their last failure.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api::activity::Activity;
use crate::api::query::encode_component;
use crate::api::workflows::WorkflowState;
use crate::components::{DataTable, Link, Loader, RelativeTime};

const COLUMNS: &[&str] = &[
    "Workflow",
    "Errors",
    "Executions",
    "Error rate",
    "Last failure",
];

#[component]
pub fn FailingWorkflows(
    activity: Loader<Option<Activity>>,
    states: Loader<Vec<WorkflowState>>,
) -> impl IntoView {
    move || {
        let counted = activity.data.get().flatten()?;
        let names: HashMap<String, String> = states
            .data
            .with(|s| {
                s.as_ref()
                    .map(|s| s.iter().map(|w| (w.id.clone(), w.name.clone())).collect())
            })
            .unwrap_or_default();
        let failing: Vec<_> = counted.failing().into_iter().cloned().collect();
        if failing.is_empty() {
            return Some(
                view! { <p class="muted empty-note">"No workflow failed in this window."</p> }
                    .into_any(),
            );
        }
        let rows = failing
            .into_iter()
            .map(|w| {
                let href = format!("/workflows/{}", encode_component(&w.workflow_id));
                let name = names
                    .get(&w.workflow_id)
                    .cloned()
                    .unwrap_or_else(|| format!("Workflow {}", w.workflow_id));
                let last = w.last_failure.clone().map(|(id, at)| {
                    let href = format!("/executions/{}", encode_component(&id));
                    view! {
                        <Link href=href attr:aria-label=format!("Execution {id}")>
                            <RelativeTime iso=Some(at) />
                        </Link>
                    }
                });
                view! {
                    <tr data-workflow-id=w.workflow_id.clone()>
                        <th scope="row">
                            <Link href=href>
                                <bdi>{name}</bdi>
                            </Link>
                        </th>
                        <td class="cell-number">{w.tally.error}</td>
                        <td class="cell-number">{w.tally.total()}</td>
                        <td class="cell-number">{w.tally.error_rate()}</td>
                        <td>{last}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(
            view! {
                <DataTable label="Failing workflows" columns=COLUMNS busy=activity.busy>
                    {rows}
                </DataTable>
            }
            .into_any(),
        )
    }
}
