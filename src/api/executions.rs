//! Executions: the model, the list filter, the detail with per-node results, and the row actions.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::client::{Client, Method, Transport};
use super::de::{self, open_enum};
use super::error::ApiError;
use super::list_view::UrlFilter;
use super::paging::{Page, Position};
use super::query::{encode_component, Query};

open_enum!(
    /// An execution's status; a status a newer n8n adds decodes as `Other`.
    ExecutionStatus {
        Success => "success",
        Error => "error",
        Waiting => "waiting",
        Running => "running",
        Canceled => "canceled",
        Crashed => "crashed",
        New => "new",
        Unknown => "unknown",
    }
);

open_enum!(
    /// How an execution was started.
    ExecutionMode {
        Cli => "cli",
        Error => "error",
        Integrated => "integrated",
        Internal => "internal",
        Manual => "manual",
        Retry => "retry",
        Trigger => "trigger",
        Webhook => "webhook",
        Evaluation => "evaluation",
        Chat => "chat",
    }
);

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Execution {
    #[serde(deserialize_with = "de::id")]
    pub id: String,
    #[serde(default, deserialize_with = "de::opt_id")]
    pub workflow_id: Option<String>,
    pub status: ExecutionStatus,
    #[serde(default)]
    pub mode: Option<ExecutionMode>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub finished: bool,
    #[serde(default)]
    pub started_at: Option<String>,
    #[serde(default)]
    pub stopped_at: Option<String>,
    #[serde(default, deserialize_with = "de::opt_id")]
    pub retry_of: Option<String>,
    #[serde(default, deserialize_with = "de::opt_id")]
    pub retry_success_id: Option<String>,
    /// Only with `includeData=true` (the detail view): what each node did.
    #[serde(default)]
    pub data: Option<ExecutionData>,
}

impl Execution {
    /// A failed run that n8n can run again.
    pub fn can_retry(&self) -> bool {
        matches!(
            self.status,
            ExecutionStatus::Error | ExecutionStatus::Crashed
        )
    }

    /// A run that has not finished and can be stopped.
    pub fn can_stop(&self) -> bool {
        matches!(
            self.status,
            ExecutionStatus::Running | ExecutionStatus::Waiting | ExecutionStatus::New
        )
    }
}

/// The `data` of an execution, decoded only as far as the console shows it. Items are counted, not
/// kept, so a 5 MB execution decodes without holding its items twice.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionData {
    #[serde(default, deserialize_with = "de::null_default")]
    pub result_data: ResultData,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultData {
    #[serde(default, deserialize_with = "de::null_default")]
    pub run_data: BTreeMap<String, Vec<TaskRun>>,
    #[serde(default)]
    pub error: Option<RunError>,
    #[serde(default)]
    pub last_node_executed: Option<String>,
}

/// One run of one node.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskRun {
    /// The run's place in the execution (n8n 1.x+); the clearest order when present.
    #[serde(default)]
    pub execution_index: Option<u64>,
    /// Milliseconds since the epoch.
    #[serde(default)]
    pub start_time: Option<f64>,
    /// Milliseconds.
    #[serde(default)]
    pub execution_time: Option<f64>,
    #[serde(default)]
    pub execution_status: Option<String>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub source: Vec<Option<TaskSource>>,
    #[serde(default, deserialize_with = "de::null_default")]
    pub data: TaskOutput,
    #[serde(default)]
    pub error: Option<RunError>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskSource {
    #[serde(default, deserialize_with = "de::null_default")]
    pub previous_node: String,
    #[serde(default, deserialize_with = "de::null_default")]
    pub previous_node_output: usize,
    #[serde(default, deserialize_with = "de::null_default")]
    pub previous_node_run: usize,
}

/// Items per output of a node run: `main[output] = [item, ...]`, counted.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct TaskOutput {
    #[serde(default, deserialize_with = "de::null_default")]
    pub main: Vec<de::Count>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct RunError {
    #[serde(default, deserialize_with = "de::null_default")]
    pub message: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub stack: Option<String>,
}

/// What one node did in an execution, all its runs together.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeSummary {
    pub name: String,
    pub runs: usize,
    pub failed: bool,
    /// Items that reached the node; `None` for a trigger (nothing came before it).
    pub items_in: Option<usize>,
    pub items_out: usize,
    pub started_ms: Option<f64>,
    pub duration_ms: f64,
    pub error: Option<RunError>,
    /// The first run's `executionIndex`, for ordering.
    order: Option<u64>,
}

impl ExecutionData {
    /// One entry per executed node, in the order they started.
    pub fn node_summaries(&self) -> Vec<NodeSummary> {
        let run_data = &self.result_data.run_data;
        let items_of = |node: &str, run: usize, output: usize| -> Option<usize> {
            run_data
                .get(node)?
                .get(run)?
                .data
                .main
                .get(output)
                .map(|c| c.0)
        };
        let mut nodes: Vec<NodeSummary> = run_data
            .iter()
            .map(|(name, runs)| {
                let mut items_in: Option<usize> = None;
                for source in runs.iter().flat_map(|r| r.source.iter().flatten()) {
                    let n = items_of(
                        &source.previous_node,
                        source.previous_node_run,
                        source.previous_node_output,
                    )
                    .unwrap_or(0);
                    items_in = Some(items_in.unwrap_or(0) + n);
                }
                let error = runs.iter().find_map(|r| r.error.clone());
                NodeSummary {
                    name: name.clone(),
                    runs: runs.len(),
                    failed: error.is_some()
                        || runs
                            .iter()
                            .any(|r| r.execution_status.as_deref() == Some("error")),
                    items_in,
                    items_out: runs
                        .iter()
                        .flat_map(|r| r.data.main.iter())
                        .map(|c| c.0)
                        .sum(),
                    started_ms: runs.iter().filter_map(|r| r.start_time).reduce(f64::min),
                    duration_ms: runs.iter().filter_map(|r| r.execution_time).sum(),
                    error,
                    order: runs.iter().filter_map(|r| r.execution_index).min(),
                }
            })
            .collect();
        // n8n's own run order when it sent one, else start time (equal times are common: ms clock).
        nodes.sort_by(|a, b| {
            let by_index = a
                .order
                .unwrap_or(u64::MAX)
                .cmp(&b.order.unwrap_or(u64::MAX));
            by_index.then_with(|| {
                a.started_ms
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.started_ms.unwrap_or(f64::MAX))
            })
        });
        nodes
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecutionFilter {
    pub status: Option<ExecutionStatus>,
    pub workflow_id: Option<String>,
}

impl UrlFilter for ExecutionFilter {
    fn from_url_query(query: &Query) -> Self {
        ExecutionFilter::from_url_query(query)
    }
    fn to_url_query(&self, query: Query) -> Query {
        ExecutionFilter::to_url_query(self, query)
    }
}

impl ExecutionFilter {
    /// The console's own query string: `status`, `workflow` (the workflow's id).
    pub fn to_url_query(&self, query: Query) -> Query {
        query
            .push_opt(
                "status",
                self.status.as_ref().map(|s| s.as_str().to_string()),
            )
            .push_opt("workflow", self.workflow_id.clone())
    }

    pub fn from_url_query(query: &Query) -> Self {
        ExecutionFilter {
            status: query
                .get("status")
                .filter(|s| !s.is_empty())
                .map(ExecutionStatus::parse),
            workflow_id: query
                .get("workflow")
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        }
    }

    pub fn api_query(&self) -> Query {
        Query::new()
            .push_opt(
                "status",
                self.status.as_ref().map(|s| s.as_str().to_string()),
            )
            .push_opt("workflowId", self.workflow_id.clone())
    }
}

pub async fn list<T: Transport>(
    client: &Client<T>,
    filter: &ExecutionFilter,
    position: &Position,
) -> Result<Page<Execution>, ApiError> {
    client
        .get("/executions", &position.api_query(filter.api_query()))
        .await
        .map_err(|e| e.needs_scope("execution:list"))
}

fn path(id: &str, action: &str) -> String {
    format!("/executions/{}{action}", encode_component(id))
}

/// One execution with everything each node did (`includeData=true`): for the detail view only.
/// Answers the decoded execution and the raw JSON text, for the collapsible raw view.
pub async fn get_with_data<T: Transport>(
    client: &Client<T>,
    id: &str,
) -> Result<(Execution, String), ApiError> {
    let query = Query::new().push("includeData", "true");
    let text = client
        .get_text(&path(id, ""), &query)
        .await
        .map_err(|e| e.needs_scope("execution:read"))?;
    let execution = super::client::decode_text(&text)?;
    Ok((execution, text))
}

/// Runs a failed execution again; answers the new execution (its `retry_of` is `id`).
pub async fn retry<T: Transport>(client: &Client<T>, id: &str) -> Result<Execution, ApiError> {
    client
        .send::<(), _>(Method::Post, &path(id, "/retry"), None)
        .await
        .map_err(|e| e.needs_scope("execution:retry"))
}

/// Stops a running or waiting execution; answers it (now `canceled`).
pub async fn stop<T: Transport>(client: &Client<T>, id: &str) -> Result<Execution, ApiError> {
    client
        .send::<(), _>(Method::Post, &path(id, "/stop"), None)
        .await
        .map_err(|e| e.needs_scope("execution:stop"))
}

/// Deletes an execution and its data.
pub async fn delete<T: Transport>(client: &Client<T>, id: &str) -> Result<(), ApiError> {
    client
        .send::<(), serde::de::IgnoredAny>(Method::Delete, &path(id, ""), None)
        .await
        .map(|_| ())
        .map_err(|e| e.needs_scope("execution:delete"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    #[test]
    fn decodes_numbers_strings_and_new_values() {
        let page: Page<Execution> = serde_json::from_str(
            r#"{"data":[
              {"id":"12","finished":true,"mode":"webhook","retryOf":null,"retrySuccessId":null,"status":"success",
               "startedAt":"2026-11-22T10:00:00.000Z","stoppedAt":"2026-11-22T10:00:00.120Z","workflowId":"Ab12","waitTill":null},
              {"id":13,"status":"paused","mode":"telepathy","workflowId":7,"stoppedAt":null}
            ],"nextCursor":"MTM="}"#,
        )
        .unwrap();
        let [a, b] = &page.data[..] else {
            panic!("two executions")
        };
        assert_eq!(
            (a.status.clone(), a.mode.clone()),
            (ExecutionStatus::Success, Some(ExecutionMode::Webhook))
        );
        assert_eq!((b.id.as_str(), b.workflow_id.as_deref()), ("13", Some("7")));
        assert_eq!(b.status, ExecutionStatus::Other("paused".into()));
        assert_eq!(b.mode.as_ref().map(|m| m.as_str()), Some("telepathy"));
    }

    #[test]
    fn filter_query() {
        let f = ExecutionFilter {
            status: Some(ExecutionStatus::Error),
            workflow_id: Some("w1".into()),
        };
        assert_eq!(f.api_query().encode(), "status=error&workflowId=w1");
        assert_eq!(ExecutionFilter::default().api_query().encode(), "");
    }

    #[test]
    fn filter_url_round_trip() {
        let filters = [
            ExecutionFilter::default(),
            ExecutionFilter {
                status: Some(ExecutionStatus::Error),
                workflow_id: Some("Ab 12&x".into()),
            },
            ExecutionFilter {
                status: Some(ExecutionStatus::Other("paused".into())),
                workflow_id: None,
            },
        ];
        for f in filters {
            let text = f.to_url_query(Query::new()).encode();
            assert_eq!(
                ExecutionFilter::from_url_query(&Query::parse(&text)),
                f,
                "{text}"
            );
        }
        let with_page = Position::first(50)
            .next("c2")
            .to_url_query(ExecutionFilter::default().to_url_query(Query::new()));
        assert_eq!(
            ExecutionFilter::from_url_query(&with_page),
            ExecutionFilter::default()
        );
        assert_eq!(
            ExecutionFilter::from_url_query(&Query::parse("status=&workflow=")),
            ExecutionFilter::default()
        );
    }

    /// The shape of `GET /executions/{id}?includeData=true` for a webhook workflow whose last node is
    /// a Stop and Error node (trimmed from n8n 2.20.0, items shortened).
    const FAILED_RUN: &str = r#"{"id":"41","finished":false,"mode":"webhook","status":"error","workflowId":"W1",
      "startedAt":"2026-11-22T10:00:00.000Z","stoppedAt":"2026-11-22T10:00:00.250Z",
      "data":{"version":1,"startData":{},"resultData":{
        "runData":{
          "Webhook":[{"startTime":1763805600000,"executionIndex":0,"source":[],"hints":[],"executionTime":2,
                      "executionStatus":"success","data":{"main":[[{"json":{"headers":{}}},{"json":{}}]]}}],
          "Set fields":[{"startTime":1763805600000,"executionIndex":1,"executionTime":5,"executionStatus":"success",
                      "source":[{"previousNode":"Webhook"}],"data":{"main":[[{"json":{"a":1}},{"json":{"a":2}}],null]}}],
          "Stop and Error":[{"startTime":1763805599000,"executionIndex":2,"executionTime":1,"executionStatus":"error",
                      "source":[{"previousNode":"Set fields","previousNodeOutput":0,"previousNodeRun":0}],
                      "error":{"message":"Seeded failure","stack":"NodeOperationError: Seeded failure\n    at ExecuteContext.execute","name":"NodeOperationError","node":{"name":"Stop and Error"}}}]
        },
        "lastNodeExecuted":"Stop and Error",
        "error":{"message":"Seeded failure","stack":"NodeOperationError: Seeded failure","level":"warning"}
      },"executionData":{"nodeExecutionStack":[],"waitingExecution":{}}},
      "workflowData":{"id":"W1","name":"Failing flow"},"customData":{}}"#;

    #[test]
    fn detail_summarises_each_node_in_run_order() {
        let canned = Canned::default().json(200, FAILED_RUN);
        let (execution, raw) = run(get_with_data(&client(&canned), "41")).unwrap();
        assert_eq!(
            canned.sent.borrow()[0].url,
            "/api/v1/executions/41?includeData=true"
        );
        assert!(raw.contains("executionData"));
        assert!(execution.can_retry() && !execution.can_stop());
        let data = execution.data.unwrap();
        assert_eq!(
            data.result_data.last_node_executed.as_deref(),
            Some("Stop and Error")
        );
        let nodes = data.node_summaries();
        let rows: Vec<_> = nodes
            .iter()
            .map(|n| (n.name.as_str(), n.items_in, n.items_out, n.failed))
            .collect();
        assert_eq!(
            rows,
            [
                ("Webhook", None, 2, false),
                ("Set fields", Some(2), 2, false),
                ("Stop and Error", Some(2), 0, true),
            ]
        );
        let error = nodes[2].error.as_ref().unwrap();
        assert_eq!(error.message, "Seeded failure");
        assert!(error
            .stack
            .as_deref()
            .unwrap()
            .contains("NodeOperationError"));
        assert_eq!((nodes[1].duration_ms, nodes[1].runs), (5.0, 1));
    }

    #[test]
    fn detail_without_data_or_with_odd_data_still_decodes() {
        let canned = Canned::default()
            .json(200, r#"{"id":1,"status":"waiting","data":null}"#)
            .json(200, r#"{"id":2,"status":"success","data":{"resultData":{"runData":null}}}"#)
            .json(200, r#"{"id":3,"status":"success","data":{"resultData":{"runData":{"A":[{"data":null,"source":[null]}]}}}}"#);
        let c = client(&canned);
        let (waiting, _) = run(get_with_data(&c, "1")).unwrap();
        assert!(waiting.data.is_none() && waiting.can_stop());
        let (empty, _) = run(get_with_data(&c, "2")).unwrap();
        assert!(empty.data.unwrap().node_summaries().is_empty());
        let (odd, _) = run(get_with_data(&c, "3")).unwrap();
        let nodes = odd.data.unwrap().node_summaries();
        assert_eq!((nodes[0].items_in, nodes[0].items_out), (None, 0));
    }

    #[test]
    fn actions_use_their_paths_and_methods() {
        let canned = Canned::default()
            .json(
                200,
                r#"{"id":"42","status":"success","retryOf":"41","mode":"retry"}"#,
            )
            .json(200, r#"{"id":"7","status":"canceled"}"#)
            .json(200, r#"{"id":"41","status":"error"}"#)
            .json(404, r#"{"message":"Not Found"}"#);
        let c = client(&canned);
        let retried = run(retry(&c, "41")).unwrap();
        assert_eq!(retried.retry_of.as_deref(), Some("41"));
        assert_eq!(
            run(stop(&c, "7")).unwrap().status,
            ExecutionStatus::Canceled
        );
        run(delete(&c, "41")).unwrap();
        assert!(matches!(run(delete(&c, "41")), Err(ApiError::NotFound(_))));
        let sent = canned.sent.borrow();
        let calls: Vec<_> = sent.iter().map(|r| (r.method, r.url.as_str())).collect();
        assert_eq!(
            calls,
            [
                (Method::Post, "/api/v1/executions/41/retry"),
                (Method::Post, "/api/v1/executions/7/stop"),
                (Method::Delete, "/api/v1/executions/41"),
                (Method::Delete, "/api/v1/executions/41"),
            ]
        );
    }
}
