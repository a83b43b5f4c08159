//! Executions: the model, the list filter, the detail with per-node results, and the row actions.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::capabilities::Capabilities;
use super::client::{Client, Method, Transport};
use super::de::{self, open_enum};
use super::error::ApiError;
use super::list_view::{kept_page, Keep, UrlFilter};
use super::paging::{Page, Position, MAX_PAGE_SIZE};
use super::query::{encode_component, Query};
use crate::format;

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
                    // Saturating: many sources may name one huge output (a usize is 32 bits in wasm).
                    items_in = Some(items_in.unwrap_or(0).saturating_add(n));
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
                        .fold(0, |sum, c| sum.saturating_add(c.0)),
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
    /// Started at or after this instant (milliseconds since the epoch).
    pub started_after: Option<i64>,
    /// Started before this instant (milliseconds since the epoch).
    pub started_before: Option<i64>,
}

impl UrlFilter for ExecutionFilter {
    fn from_url_query(query: &Query) -> Self {
        ExecutionFilter::from_url_query(query)
    }
    fn to_url_query(&self, query: Query) -> Query {
        ExecutionFilter::to_url_query(self, query)
    }
}

/// The statuses every supported n8n accepts as `status=` (1.x: exactly these).
const STATUSES_EVERYWHERE: [ExecutionStatus; 5] = [
    ExecutionStatus::Canceled,
    ExecutionStatus::Error,
    ExecutionStatus::Running,
    ExecutionStatus::Success,
    ExecutionStatus::Waiting,
];
/// Whether this instance accepts `status=<status>` (1.x answers 400 to `crashed`). While probing
/// (`None`), only what every version accepts.
pub fn filterable(status: &ExecutionStatus, capabilities: Option<&Capabilities>) -> bool {
    if STATUSES_EVERYWHERE.contains(status) {
        return true;
    }
    capabilities.is_some_and(|c| c.more_statuses)
        && matches!(
            status,
            ExecutionStatus::Crashed | ExecutionStatus::New | ExecutionStatus::Unknown
        )
}

impl ExecutionFilter {
    /// The console's own query string: `status`, `workflow` (the workflow's id), `startedAfter`,
    /// `startedBefore` (ISO 8601, UTC).
    pub fn to_url_query(&self, query: Query) -> Query {
        query
            .push_opt(
                "status",
                self.status.as_ref().map(|s| s.as_str().to_string()),
            )
            .push_opt("workflow", self.workflow_id.clone())
            .push_opt(
                "startedAfter",
                self.started_after.map(format::iso_of_millis),
            )
            .push_opt(
                "startedBefore",
                self.started_before.map(format::iso_of_millis),
            )
    }

    /// Reads what [`ExecutionFilter::to_url_query`] wrote; an unreadable date is no bound.
    pub fn from_url_query(query: &Query) -> Self {
        let instant = |key| query.get(key).and_then(format::parse_iso_millis);
        ExecutionFilter {
            status: query
                .get("status")
                .filter(|s| !s.is_empty())
                .map(ExecutionStatus::parse),
            workflow_id: query
                .get("workflow")
                .filter(|w| !w.is_empty())
                .map(str::to_string),
            started_after: instant("startedAfter"),
            started_before: instant("startedBefore"),
        }
    }

    /// What n8n is asked for. `server_range`: the instance takes `startedAfter`/`startedBefore`
    /// (2.37.11+); older ones answer 400 to them, so then the console applies the range itself.
    pub fn api_query(&self, server_range: bool) -> Query {
        let range = |bound: Option<i64>| bound.filter(|_| server_range).map(format::iso_of_millis);
        Query::new()
            .push_opt(
                "status",
                self.status.as_ref().map(|s| s.as_str().to_string()),
            )
            .push_opt("workflowId", self.workflow_id.clone())
            .push_opt("startedAfter", range(self.started_after))
            .push_opt("startedBefore", range(self.started_before))
    }

    /// True when a date range is set.
    pub fn has_range(&self) -> bool {
        self.started_after.is_some() || self.started_before.is_some()
    }

    /// The range applied by the console to a list n8n answers newest first: a row started before
    /// `started_after` ends the list; a row at or after `started_before` is skipped; a row without a
    /// readable start is not in any range.
    pub fn keep(&self, execution: &Execution) -> Keep {
        if !self.has_range() {
            return Keep::Row;
        }
        let Some(started) = execution
            .started_at
            .as_deref()
            .and_then(format::parse_iso_millis)
        else {
            return Keep::Skip;
        };
        if self.started_after.is_some_and(|after| started < after) {
            Keep::End
        } else if self.started_before.is_some_and(|before| started >= before) {
            Keep::Skip
        } else {
            Keep::Row
        }
    }

    /// n8n leaves running executions out of `GET /executions` unless asked for `status=running`:
    /// with no status filter, page 1 reads them too.
    pub fn includes_running(&self, position: &Position) -> bool {
        self.status.is_none() && !position.has_previous()
    }
}

/// One page of the list, newest first. With no status filter, page 1 also holds the running
/// executions (one more read, same workflow and range). `server_range`: see
/// [`ExecutionFilter::api_query`]; without it the console applies the range while paging.
pub async fn list<T: Transport>(
    client: &Client<T>,
    filter: &ExecutionFilter,
    position: &Position,
    server_range: bool,
) -> Result<Page<Execution>, ApiError> {
    let query = filter.api_query(server_range);
    let page = if server_range || !filter.has_range() {
        client
            .get("/executions", &position.api_query(query.clone()))
            .await
    } else {
        let limit = position.limit;
        kept_page(
            position.cursor().map(str::to_string),
            |cursor| {
                let query = query
                    .clone()
                    .push("limit", limit.to_string())
                    .push_opt("cursor", cursor);
                async move { client.get::<Page<Execution>>("/executions", &query).await }
            },
            |e| filter.keep(e),
        )
        .await
    }
    .map_err(|e| e.needs_scope("execution:list"))?;
    if !filter.includes_running(position) {
        return Ok(page);
    }
    let running = running(client, filter, server_range)
        .await?
        .into_iter()
        .filter(|e| server_range || filter.keep(e) == Keep::Row);
    Ok(with_running(page, running))
}

/// The running executions `filter` names (its status left aside), up to one page of the largest
/// size: n8n leaves them out of every list not asked for `status=running`.
pub async fn running<T: Transport>(
    client: &Client<T>,
    filter: &ExecutionFilter,
    server_range: bool,
) -> Result<Vec<Execution>, ApiError> {
    let running = ExecutionFilter {
        status: Some(ExecutionStatus::Running),
        ..filter.clone()
    };
    let page: Page<Execution> = client
        .get(
            "/executions",
            &running
                .api_query(server_range)
                .push("limit", MAX_PAGE_SIZE.to_string()),
        )
        .await
        .map_err(|e| e.needs_scope("execution:list"))?;
    Ok(page.data)
}

/// Page 1 with the running executions merged in: newest first (by numeric id, n8n's order), each
/// execution once (a finishing one can be in both answers; the page's copy is newer).
pub fn with_running(
    page: Page<Execution>,
    running: impl IntoIterator<Item = Execution>,
) -> Page<Execution> {
    let mut data = page.data;
    for execution in running {
        if !data.iter().any(|e| e.id == execution.id) {
            data.push(execution);
        }
    }
    // Ids that are not numbers keep their place relative to each other (a stable sort).
    let number = |e: &Execution| e.id.parse::<u64>().ok();
    data.sort_by(|a, b| match (number(a), number(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        _ => std::cmp::Ordering::Equal,
    });
    Page {
        data,
        next_cursor: page.next_cursor,
    }
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

/// Stops a running or waiting execution; answers its status now (`canceled`), when n8n says.
/// n8n's answer has no `id` (2.20, 2.41: `{mode, startedAt, stoppedAt, finished, status}`).
pub async fn stop<T: Transport>(
    client: &Client<T>,
    id: &str,
) -> Result<Option<ExecutionStatus>, ApiError> {
    #[derive(Deserialize)]
    struct Stopped {
        #[serde(default)]
        status: Option<ExecutionStatus>,
    }
    client
        .send::<(), Stopped>(Method::Post, &path(id, "/stop"), None)
        .await
        .map(|s| s.status)
        .map_err(|e| e.needs_scope("execution:stop"))
}

/// What the admin reads when `Stop` on execution `id` failed. n8n 2.41 answers 409 for one that is
/// no longer running or waiting (2.20 a 500, 2.41 a 404 for one it cannot find running).
pub fn stop_failure(id: &str, error: &ApiError) -> String {
    match error {
        ApiError::Conflict(_) => format!(
            "Execution {id} cannot be stopped: it is no longer running or waiting (it may have just \
             finished). {error}"
        ),
        _ => format!("Could not stop execution {id}: {error}"),
    }
}

/// Stops every running or waiting execution (of one workflow, when given): the bulk
/// `POST /executions/stop` (2.10+). Answers how many n8n stopped.
pub async fn stop_all<T: Transport>(
    client: &Client<T>,
    workflow_id: Option<&str>,
) -> Result<u64, ApiError> {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Body<'a> {
        status: [&'static str; 2],
        #[serde(skip_serializing_if = "Option::is_none")]
        workflow_id: Option<&'a str>,
    }
    #[derive(Deserialize)]
    struct Stopped {
        #[serde(default, deserialize_with = "de::null_default")]
        stopped: u64,
    }
    let body = Body {
        status: ["running", "waiting"],
        workflow_id,
    };
    client
        .send::<_, Stopped>(Method::Post, "/executions/stop", Some(&body))
        .await
        .map(|s| s.stopped)
        .map_err(|e| e.needs_scope("execution:stop"))
}

/// "Stopped 3 executions", "Stopped 1 execution".
pub fn stopped_text(count: u64) -> String {
    let noun = if count == 1 {
        "execution"
    } else {
        "executions"
    };
    format!("Stopped {count} {noun}")
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
            ..Default::default()
        };
        assert_eq!(f.api_query(false).encode(), "status=error&workflowId=w1");
        assert_eq!(ExecutionFilter::default().api_query(true).encode(), "");
    }

    const T0: i64 = 1_795_341_600_000; // 2026-11-22T10:00:00.000Z

    #[test]
    fn the_date_range_goes_to_n8n_only_where_it_is_understood() {
        let f = ExecutionFilter {
            workflow_id: Some("w1".into()),
            started_after: Some(T0),
            started_before: Some(T0 + 3_600_000),
            ..Default::default()
        };
        assert_eq!(
            f.api_query(true).encode(),
            "workflowId=w1&startedAfter=2026-11-22T10%3A00%3A00.000Z&startedBefore=2026-11-22T11%3A00%3A00.000Z"
        );
        // Older n8n answers 400 to an unknown query parameter: never send it there.
        assert_eq!(f.api_query(false).encode(), "workflowId=w1");
    }

    #[test]
    fn the_date_range_lives_in_the_url_and_garbage_is_no_bound() {
        let f = ExecutionFilter {
            started_after: Some(T0),
            started_before: Some(T0 + 60_000),
            ..Default::default()
        };
        let text = f.to_url_query(Query::new()).encode();
        assert_eq!(
            text,
            "startedAfter=2026-11-22T10%3A00%3A00.000Z&startedBefore=2026-11-22T10%3A01%3A00.000Z"
        );
        assert_eq!(ExecutionFilter::from_url_query(&Query::parse(&text)), f);
        // Another zone is the same instant; the URL is written back in UTC.
        let other = ExecutionFilter::from_url_query(&Query::parse(
            "startedAfter=2026-11-22T12:00:00%2B02:00",
        ));
        assert_eq!(other.started_after, Some(T0));
        for garbage in [
            "startedAfter=yesterday",
            "startedAfter=&startedBefore=",
            "startedBefore=2026-13-45T99:99",
            "startedAfter=%F0%9F%98%80&startedBefore=2026-01-01T10:00%2B1%C3%A92",
            "startedAfter=99999999999-01-01T00:00:00Z",
            "startedBefore=%FF%FE",
        ] {
            let f = ExecutionFilter::from_url_query(&Query::parse(garbage));
            assert!(!f.has_range(), "{garbage}: {f:?}");
        }
    }

    fn execution(id: &str, status: &str, started: Option<i64>) -> Execution {
        Execution {
            id: id.into(),
            workflow_id: Some("w1".into()),
            status: ExecutionStatus::parse(status),
            mode: None,
            finished: false,
            started_at: started.map(format::iso_of_millis),
            stopped_at: None,
            retry_of: None,
            retry_success_id: None,
            data: None,
        }
    }

    #[test]
    fn the_console_range_skips_newer_rows_and_ends_at_older_ones() {
        let f = ExecutionFilter {
            started_after: Some(T0),
            started_before: Some(T0 + 60_000),
            ..Default::default()
        };
        assert_eq!(
            f.keep(&execution("1", "success", Some(T0 + 60_000))),
            Keep::Skip
        );
        assert_eq!(
            f.keep(&execution("2", "success", Some(T0 + 59_999))),
            Keep::Row
        );
        assert_eq!(f.keep(&execution("3", "success", Some(T0))), Keep::Row);
        assert_eq!(f.keep(&execution("4", "success", Some(T0 - 1))), Keep::End);
        assert_eq!(f.keep(&execution("5", "new", None)), Keep::Skip);
        let open = ExecutionFilter::default();
        assert_eq!(open.keep(&execution("5", "new", None)), Keep::Row);
    }

    fn page_json(ids_and_starts: &[(u32, &str, i64)], next: Option<&str>) -> String {
        let data: Vec<_> = ids_and_starts
            .iter()
            .map(|(id, status, start)| {
                serde_json::json!({"id": id.to_string(), "status": status, "workflowId": "w1",
                    "startedAt": format::iso_of_millis(*start)})
            })
            .collect();
        serde_json::json!({"data": data, "nextCursor": next}).to_string()
    }

    #[test]
    fn page_one_of_all_includes_the_running_ones_newest_first_once() {
        let canned = Canned::default()
            .json(
                200,
                &page_json(
                    &[
                        (9, "success", T0 + 9),
                        (7, "error", T0 + 7),
                        (4, "success", T0 + 4),
                    ],
                    Some("c2"),
                ),
            )
            .json(
                200,
                &page_json(
                    &[
                        (10, "running", T0 + 10),
                        (8, "running", T0 + 8),
                        (7, "running", T0 + 7),
                        (2, "running", T0 + 2),
                    ],
                    None,
                ),
            );
        let f = ExecutionFilter {
            workflow_id: Some("w1".into()),
            ..Default::default()
        };
        let page = run(list(&client(&canned), &f, &Position::first(10), false)).unwrap();
        let shown: Vec<_> = page
            .data
            .iter()
            .map(|e| (e.id.as_str(), e.status.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("10", "running"),
                ("9", "success"),
                ("8", "running"),
                ("7", "error"),
                ("4", "success"),
                ("2", "running")
            ]
        );
        assert_eq!(
            page.next_cursor.as_deref(),
            Some("c2"),
            "n8n's own paging goes on"
        );
        let urls: Vec<_> = canned.sent.borrow().iter().map(|r| r.url.clone()).collect();
        assert_eq!(
            urls,
            [
                "/api/v1/executions?workflowId=w1&limit=10",
                "/api/v1/executions?status=running&workflowId=w1&limit=250",
            ]
        );

        // Page 2, or a status filter: n8n's page alone.
        for (filter, position) in [
            (f.clone(), Position::first(10).next("c2")),
            (
                ExecutionFilter {
                    status: Some(ExecutionStatus::Error),
                    ..f.clone()
                },
                Position::first(10),
            ),
        ] {
            let canned = Canned::default().json(200, &page_json(&[(3, "error", T0)], None));
            run(list(&client(&canned), &filter, &position, false)).unwrap();
            assert_eq!(canned.sent.borrow().len(), 1, "{filter:?}");
        }
    }

    #[test]
    fn non_numeric_ids_keep_their_order() {
        let page = Page {
            data: vec![
                execution("b", "success", None),
                execution("a", "success", None),
            ],
            next_cursor: None,
        };
        let merged = with_running(
            page,
            [
                execution("a", "running", None),
                execution("c", "running", None),
            ],
        );
        let ids: Vec<_> = merged.data.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c"]);
        assert_eq!(
            merged.data[1].status,
            ExecutionStatus::Success,
            "the page's copy wins"
        );
    }

    #[test]
    fn without_server_range_the_console_pages_and_filters() {
        let f = ExecutionFilter {
            started_after: Some(T0 + 3),
            started_before: Some(T0 + 8),
            ..Default::default()
        };
        let canned = Canned::default()
            // Page 1: 10, 9 are newer than the range: skipped, so n8n's next page is read at once.
            .json(
                200,
                &page_json(
                    &[(10, "success", T0 + 10), (9, "success", T0 + 9)],
                    Some("c2"),
                ),
            )
            .json(
                200,
                &page_json(&[(7, "success", T0 + 7), (6, "error", T0 + 6)], Some("c3")),
            )
            .json(
                200,
                &page_json(
                    &[
                        (11, "running", T0 + 11),
                        (5, "running", T0 + 5),
                        (1, "running", T0 + 1),
                    ],
                    None,
                ),
            );
        let page = run(list(&client(&canned), &f, &Position::first(10), false)).unwrap();
        let ids: Vec<_> = page.data.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["7", "6", "5"]);
        assert_eq!(page.next_cursor.as_deref(), Some("c3"));
        let urls: Vec<_> = canned.sent.borrow().iter().map(|r| r.url.clone()).collect();
        assert_eq!(
            urls,
            [
                "/api/v1/executions?limit=10",
                "/api/v1/executions?limit=10&cursor=c2",
                "/api/v1/executions?status=running&limit=250",
            ],
            "no startedAfter/startedBefore to an n8n that rejects them"
        );

        // Page 2 reaches rows older than the range: no further page.
        let canned = Canned::default().json(
            200,
            &page_json(
                &[
                    (4, "success", T0 + 4),
                    (3, "success", T0 + 3),
                    (2, "success", T0 + 2),
                ],
                Some("c4"),
            ),
        );
        let page = run(list(
            &client(&canned),
            &f,
            &Position::first(10).next("c3"),
            false,
        ))
        .unwrap();
        let ids: Vec<_> = page.data.iter().map(|e| e.id.as_str()).collect();
        assert_eq!((ids, page.next_cursor), (vec!["4", "3"], None));

        // With the server's range, n8n filters: one plain read each.
        let canned = Canned::default()
            .json(200, &page_json(&[(7, "success", T0 + 7)], None))
            .json(200, &page_json(&[], None));
        run(list(&client(&canned), &f, &Position::first(10), true)).unwrap();
        let sent = canned.sent.borrow();
        assert!(
            sent[0].url.contains("startedAfter=")
                && sent[1].url.contains("status=running&startedAfter="),
            "{:?}",
            sent[1].url
        );
    }

    #[test]
    fn the_status_filter_offers_only_what_the_instance_accepts() {
        use crate::api::capabilities::{Capabilities, EditorSettings, Probes, Version};
        let at = |v: Version| {
            let settings = EditorSettings {
                version: Some(v),
                api_key_scopes: None,
            };
            Capabilities::from_probes(Some(&settings), &Probes::default())
        };
        let crashed = ExecutionStatus::Crashed;
        assert!(filterable(&ExecutionStatus::Canceled, None));
        assert!(
            !filterable(&crashed, None),
            "while probing: what every version has"
        );
        assert!(!filterable(&crashed, Some(&at(Version::new(1, 123, 81)))));
        assert!(filterable(&crashed, Some(&at(Version::new(2, 13, 0)))));
        assert!(filterable(
            &ExecutionStatus::New,
            Some(&at(Version::new(2, 41, 1)))
        ));
        // 2.20 without its version: the archive route's probe implies the newer statuses.
        let probed_2_20 = Capabilities::from_probes(
            None,
            &Probes {
                archive_route: Some(true),
                ..Probes::default()
            },
        );
        assert!(filterable(&crashed, Some(&probed_2_20)));
        assert!(!filterable(&crashed, Some(&Capabilities::default())));
        assert!(!filterable(
            &ExecutionStatus::Other("paused".into()),
            Some(&at(Version::new(2, 41, 1)))
        ));
    }

    #[test]
    fn newer_statuses_decode() {
        for status in ["crashed", "new", "unknown"] {
            let e: Execution =
                serde_json::from_str(&format!(r#"{{"id":1,"status":"{status}"}}"#)).unwrap();
            assert!(!matches!(e.status, ExecutionStatus::Other(_)), "{status}");
            assert_eq!(e.status.as_str(), status);
        }
    }

    #[test]
    fn stop_all_sends_the_statuses_and_the_workflow() {
        let canned = Canned::default()
            .json(200, r#"{"stopped":3}"#)
            .json(200, r#"{"stopped":0}"#)
            .json(403, r#"{"message":"Forbidden"}"#);
        let c = client(&canned);
        assert_eq!(run(stop_all(&c, Some("w1"))).unwrap(), 3);
        assert_eq!(run(stop_all(&c, None)).unwrap(), 0);
        assert!(matches!(
            run(stop_all(&c, None)),
            Err(ApiError::MissingScope { scope }) if scope == "execution:stop"
        ));
        let sent = canned.sent.borrow();
        assert_eq!(
            (sent[0].method, sent[0].url.as_str()),
            (Method::Post, "/api/v1/executions/stop")
        );
        assert_eq!(
            sent[0].body.as_deref(),
            Some(r#"{"status":["running","waiting"],"workflowId":"w1"}"#)
        );
        assert_eq!(
            sent[1].body.as_deref(),
            Some(r#"{"status":["running","waiting"]}"#)
        );
        assert_eq!(
            (stopped_text(1), stopped_text(2)),
            ("Stopped 1 execution".into(), "Stopped 2 executions".into())
        );
    }

    #[test]
    fn an_unstoppable_execution_is_explained() {
        // n8n 2.41.1's answer for an execution that has already ended.
        let conflict = ApiError::from_status(
            409,
            "application/json",
            r#"{"message":"Only running or waiting executions can be stopped and 1 is currently canceled"}"#,
        );
        let text = stop_failure("1", &conflict);
        assert!(
            text.starts_with("Execution 1 cannot be stopped: it is no longer running or waiting"),
            "{text}"
        );
        assert!(text.contains("currently canceled"), "{text}");
        let other = stop_failure("1", &ApiError::Network("offline".into()));
        assert!(other.starts_with("Could not stop execution 1: "), "{other}");
    }

    #[test]
    fn filter_url_round_trip() {
        let filters = [
            ExecutionFilter::default(),
            ExecutionFilter {
                status: Some(ExecutionStatus::Error),
                workflow_id: Some("Ab 12&x".into()),
                started_after: Some(-1),
                started_before: Some(253_402_300_799_999),
            },
            ExecutionFilter {
                status: Some(ExecutionStatus::Other("paused".into())),
                ..Default::default()
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
    fn item_counts_saturate_instead_of_overflowing() {
        use crate::api::de::Count;
        // Two sources naming one output of usize::MAX items, and two such outputs: the sums
        // overflowed (a panic in a debug build).
        let huge = TaskRun {
            data: TaskOutput {
                main: vec![Count(usize::MAX), Count(usize::MAX)],
            },
            ..TaskRun::default()
        };
        let source = TaskSource {
            previous_node: "A".into(),
            previous_node_output: 0,
            previous_node_run: 0,
        };
        let reader = TaskRun {
            source: vec![Some(source.clone()), Some(source)],
            ..TaskRun::default()
        };
        let data = ExecutionData {
            result_data: ResultData {
                run_data: BTreeMap::from([("A".into(), vec![huge]), ("B".into(), vec![reader])]),
                ..ResultData::default()
            },
        };
        let nodes = data.node_summaries();
        let counts: Vec<_> = nodes
            .iter()
            .map(|n| (n.name.as_str(), n.items_in, n.items_out))
            .collect();
        assert!(counts.contains(&("A", None, usize::MAX)), "{counts:?}");
        assert!(counts.contains(&("B", Some(usize::MAX), 0)), "{counts:?}");
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
            // n8n 2.20.0's answer, measured: no id.
            .json(
                200,
                r#"{"mode":"webhook","startedAt":"2026-12-01T13:22:16.717Z","stoppedAt":"2026-12-01T13:22:20.358Z","finished":false,"status":"canceled"}"#,
            )
            .json(200, r#"{"id":"41","status":"error"}"#)
            .json(404, r#"{"message":"Not Found"}"#);
        let c = client(&canned);
        let retried = run(retry(&c, "41")).unwrap();
        assert_eq!(retried.retry_of.as_deref(), Some("41"));
        assert_eq!(run(stop(&c, "7")).unwrap(), Some(ExecutionStatus::Canceled));
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
