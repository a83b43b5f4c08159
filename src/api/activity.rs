//! Executions over a span of time, counted: per status, per hour or day (the Overview's chart),
//! and per workflow (failing workflows, the audit's executions by workflow).
//!
//! n8n has no count endpoint in its public API, so the console reads `GET /executions` newest first
//! and stops at the first execution that started before the span (n8n orders by id, which follows
//! start time), or after [`MAX_READ`] executions: then the counts say they are partial and from
//! when. Where the instance takes `startedAfter` (2.37.11+) n8n filters; elsewhere the console does.
//! Running executions are missing from n8n's plain list, so one `status=running` read adds them.

use std::collections::{BTreeMap, HashSet};

use super::client::{Client, Transport};
use super::error::ApiError;
use super::executions::{self, Execution, ExecutionFilter, ExecutionStatus};
use super::list_view::Keep;
use super::paging::{Page, MAX_PAGE_SIZE};
use crate::format;

pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;
/// The most executions one count reads (20 pages of 250).
pub const MAX_READ: usize = 5_000;

/// The Overview's two windows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Window {
    /// The last 24 hours, per hour.
    #[default]
    Day,
    /// The last 7 days, per day.
    Week,
}

impl Window {
    pub const ALL: [Window; 2] = [Window::Day, Window::Week];

    /// The console's URL value (`?window=7d`); anything else is the default.
    pub fn parse(text: &str) -> Window {
        match text {
            "7d" => Window::Week,
            _ => Window::Day,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Window::Day => "24h",
            Window::Week => "7d",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Window::Day => "Last 24 hours",
            Window::Week => "Last 7 days",
        }
    }

    /// What one bar covers: `hour` or `day`.
    pub fn per(self) -> &'static str {
        match self {
            Window::Day => "hour",
            Window::Week => "day",
        }
    }

    pub fn bucket_ms(self) -> i64 {
        match self {
            Window::Day => HOUR_MS,
            Window::Week => DAY_MS,
        }
    }

    pub fn buckets(self) -> usize {
        match self {
            Window::Day => 24,
            Window::Week => 7,
        }
    }

    /// An empty count of the window that ends at `now`: exactly 24 hours or 7 days back.
    pub fn ending(self, now: i64) -> Activity {
        let span = self.bucket_ms() * self.buckets() as i64;
        Activity::new(now.saturating_sub(span), now, self.bucket_ms())
    }
}

/// Executions counted by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub success: u32,
    /// `error` and `crashed`.
    pub error: u32,
    /// `running`, `new` and `waiting`: not finished.
    pub running: u32,
    /// `canceled`, `unknown` and statuses newer than the console.
    pub other: u32,
}

impl Tally {
    pub fn add(&mut self, status: &ExecutionStatus) {
        let slot = match status {
            ExecutionStatus::Success => &mut self.success,
            ExecutionStatus::Error | ExecutionStatus::Crashed => &mut self.error,
            ExecutionStatus::Running | ExecutionStatus::New | ExecutionStatus::Waiting => {
                &mut self.running
            }
            _ => &mut self.other,
        };
        *slot = slot.saturating_add(1);
    }

    pub fn total(&self) -> u32 {
        self.success
            .saturating_add(self.error)
            .saturating_add(self.running)
            .saturating_add(self.other)
    }

    /// Errors per thousand finished executions (success or error); `None` when none finished.
    pub fn error_permille(&self) -> Option<u32> {
        let finished = u64::from(self.success) + u64::from(self.error);
        (finished > 0).then(|| ((u64::from(self.error) * 1000 + finished / 2) / finished) as u32)
    }

    /// `12.5 %`, or `—` when nothing finished.
    pub fn error_rate(&self) -> String {
        self.error_permille()
            .map_or_else(|| "—".to_string(), format::permille)
    }
}

/// A workflow's executions in the span.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkflowActivity {
    pub workflow_id: String,
    pub tally: Tally,
    /// The newest failed execution: its id and start.
    pub last_failure: Option<(String, String)>,
    /// The newest execution's start.
    pub last_started: Option<String>,
}

/// Executions of one span `[start, end)`, counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    pub start: i64,
    pub end: i64,
    pub bucket_ms: i64,
    /// One tally per bucket, oldest first; bucket `i` starts at `start + i * bucket_ms`.
    pub buckets: Vec<Tally>,
    pub total: Tally,
    by_workflow: BTreeMap<String, WorkflowActivity>,
    /// Executions counted.
    pub read: usize,
    /// When the count stopped at [`MAX_READ`] before the span's start: the start of the oldest
    /// execution counted (the counts cover only from there).
    pub cut_at: Option<i64>,
    /// n8n filtered by start time (`startedAfter`); otherwise the console did.
    pub filtered_by_n8n: bool,
    counted_ids: HashSet<String>,
}

impl Activity {
    /// An empty count of `[start, end)` in buckets of `bucket_ms` (the last one may be shorter).
    pub fn new(start: i64, end: i64, bucket_ms: i64) -> Activity {
        let bucket_ms = bucket_ms.max(1);
        let span = end.saturating_sub(start).max(0);
        let buckets = usize::try_from(span / bucket_ms + i64::from(span % bucket_ms != 0))
            .unwrap_or(0)
            .clamp(1, 1000);
        Activity {
            start,
            end,
            bucket_ms,
            buckets: vec![Tally::default(); buckets],
            total: Tally::default(),
            by_workflow: BTreeMap::new(),
            read: 0,
            cut_at: None,
            filtered_by_n8n: false,
            counted_ids: HashSet::new(),
        }
    }

    /// Where bucket `index` starts (milliseconds since the epoch).
    pub fn bucket_start(&self, index: usize) -> i64 {
        self.start
            .saturating_add(self.bucket_ms.saturating_mul(index as i64))
    }

    /// Where bucket `index` ends: the next one's start, or the span's end.
    pub fn bucket_end(&self, index: usize) -> i64 {
        self.bucket_start(index + 1).min(self.end)
    }

    /// The bucket an execution that started at `started` falls in, if any.
    pub fn bucket_of(&self, started: i64) -> Option<usize> {
        if started < self.start || started >= self.end {
            return None;
        }
        let index = usize::try_from(started.saturating_sub(self.start) / self.bucket_ms).ok()?;
        (index < self.buckets.len()).then_some(index)
    }

    /// Counts one execution of a list read newest first: `End` once it started before the span (no
    /// later one can be in it), `Skip` when it is outside or was counted already, else `Row`.
    pub fn count(&mut self, execution: &Execution) -> Keep {
        let Some(started) = execution
            .started_at
            .as_deref()
            .and_then(format::parse_iso_millis)
        else {
            return Keep::Skip;
        };
        if started < self.start {
            return Keep::End;
        }
        let Some(bucket) = self.bucket_of(started) else {
            return Keep::Skip;
        };
        if !self.counted_ids.insert(execution.id.clone()) {
            return Keep::Skip;
        }
        self.buckets[bucket].add(&execution.status);
        self.total.add(&execution.status);
        self.read += 1;
        let workflow = execution.workflow_id.clone().unwrap_or_default();
        let entry = self
            .by_workflow
            .entry(workflow.clone())
            .or_insert_with(|| WorkflowActivity {
                workflow_id: workflow,
                ..WorkflowActivity::default()
            });
        entry.tally.add(&execution.status);
        let started_at = execution.started_at.clone().unwrap_or_default();
        let newer = |have: Option<&str>| {
            have.and_then(format::parse_iso_millis)
                .is_none_or(|at| started > at)
        };
        if newer(entry.last_started.as_deref()) {
            entry.last_started = Some(started_at.clone());
        }
        let failed = matches!(
            execution.status,
            ExecutionStatus::Error | ExecutionStatus::Crashed
        );
        if failed && newer(entry.last_failure.as_ref().map(|(_, at)| at.as_str())) {
            entry.last_failure = Some((execution.id.clone(), started_at));
        }
        Keep::Row
    }

    /// Every workflow with an execution in the span, most executions first.
    pub fn by_workflow(&self) -> Vec<&WorkflowActivity> {
        let mut all: Vec<_> = self
            .by_workflow
            .values()
            .filter(|w| !w.workflow_id.is_empty())
            .collect();
        all.sort_by(|a, b| {
            b.tally
                .total()
                .cmp(&a.tally.total())
                .then_with(|| a.workflow_id.cmp(&b.workflow_id))
        });
        all
    }

    /// The workflows that failed in the span, worst first: most errors, then the higher error rate,
    /// then the most recent failure.
    pub fn failing(&self) -> Vec<&WorkflowActivity> {
        let mut failing: Vec<_> = self
            .by_workflow
            .values()
            .filter(|w| w.tally.error > 0 && !w.workflow_id.is_empty())
            .collect();
        let last = |w: &WorkflowActivity| {
            w.last_failure
                .as_ref()
                .and_then(|(_, at)| format::parse_iso_millis(at))
                .unwrap_or(i64::MIN)
        };
        failing.sort_by(|a, b| {
            b.tally
                .error
                .cmp(&a.tally.error)
                .then_with(|| b.tally.error_permille().cmp(&a.tally.error_permille()))
                .then_with(|| last(b).cmp(&last(a)))
                .then_with(|| a.workflow_id.cmp(&b.workflow_id))
        });
        failing
    }

    /// How the numbers were counted, for the page.
    pub fn how_counted(&self) -> String {
        let by = if self.filtered_by_n8n {
            "n8n filtered them by start time"
        } else {
            "the console filtered them by start time"
        };
        let read = match self.read {
            1 => "1 execution".to_string(),
            n => format!("{} executions", format::count(n)),
        };
        match self.cut_at {
            None => format!(
                "Counted from the {read} that started in this window, read newest first from n8n's executions list ({by})."
            ),
            Some(_) => format!(
                "The window holds more than the console reads: these numbers count only the newest {read} ({by}), back to the time shown."
            ),
        }
    }
}

/// Counts the executions that started in `activity`'s span (of one workflow when `workflow_id`
/// is given). `server_range`: the instance takes `startedAfter`.
pub async fn read<T: Transport>(
    client: &Client<T>,
    mut activity: Activity,
    workflow_id: Option<String>,
    server_range: bool,
) -> Result<Activity, ApiError> {
    activity.filtered_by_n8n = server_range;
    let filter = ExecutionFilter {
        workflow_id,
        started_after: Some(activity.start),
        ..ExecutionFilter::default()
    };
    let query = filter.api_query(server_range);
    let mut cursor: Option<String> = None;
    let mut cursors = HashSet::new();
    'pages: loop {
        let page: Page<Execution> = client
            .get(
                "/executions",
                &query
                    .clone()
                    .push("limit", MAX_PAGE_SIZE.to_string())
                    .push_opt("cursor", cursor.clone()),
            )
            .await
            .map_err(|e| e.needs_scope("execution:list"))?;
        for execution in &page.data {
            if activity.read >= MAX_READ {
                activity.cut_at = execution
                    .started_at
                    .as_deref()
                    .and_then(format::parse_iso_millis)
                    .map(|at| at.max(activity.start));
                break 'pages;
            }
            if activity.count(execution) == Keep::End {
                break 'pages;
            }
        }
        match page.next() {
            Some(next) if cursors.insert(next.to_string()) => cursor = Some(next.to_string()),
            _ => break,
        }
    }
    for execution in &executions::running(client, &filter, server_range).await? {
        // Counted already when it finished between the two reads; a cut count stays cut.
        if activity.cut_at.is_none() || activity.read < MAX_READ {
            activity.count(execution);
        }
    }
    Ok(activity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    const NOW: i64 = 1_764_590_400_000; // 2025-12-01T12:00:00Z

    fn execution(id: &str, workflow: &str, status: &str, started: i64) -> Execution {
        Execution {
            id: id.into(),
            workflow_id: Some(workflow.into()),
            status: ExecutionStatus::parse(status),
            mode: None,
            finished: true,
            started_at: Some(format::iso_of_millis(started)),
            stopped_at: None,
            retry_of: None,
            retry_success_id: None,
            data: None,
        }
    }

    #[test]
    fn a_day_has_24_hourly_buckets_ending_now_and_a_week_7_daily() {
        let day = Window::Day.ending(NOW);
        assert_eq!(
            (day.start, day.end, day.buckets.len()),
            (NOW - DAY_MS, NOW, 24)
        );
        assert_eq!(day.bucket_start(1), NOW - DAY_MS + HOUR_MS);
        assert_eq!(day.bucket_end(23), NOW);
        let week = Window::Week.ending(NOW);
        assert_eq!((week.start, week.buckets.len()), (NOW - 7 * DAY_MS, 7));
        assert_eq!(Window::parse("7d"), Window::Week);
        assert_eq!(Window::parse("1y"), Window::Day);
        // Any span: the last bucket is shorter, never more than 1,000.
        let odd = Activity::new(0, 2 * DAY_MS + 1, DAY_MS);
        assert_eq!((odd.buckets.len(), odd.bucket_end(2)), (3, 2 * DAY_MS + 1));
        assert_eq!(Activity::new(0, i64::MAX, 1).buckets.len(), 1000);
        assert_eq!(Activity::new(10, 0, DAY_MS).buckets.len(), 1);
    }

    #[test]
    fn bucketing_puts_each_start_in_its_hour_and_edges_where_they_belong() {
        let mut day = Window::Day.ending(NOW);
        let start = day.start;
        assert_eq!(day.bucket_of(start), Some(0));
        assert_eq!(day.bucket_of(start + HOUR_MS - 1), Some(0));
        assert_eq!(day.bucket_of(start + HOUR_MS), Some(1));
        assert_eq!(day.bucket_of(NOW - 1), Some(23));
        assert_eq!(day.bucket_of(NOW), None);
        assert_eq!(day.bucket_of(start - 1), None);
        let runs = [
            execution("9", "A", "success", NOW - 10 * 60_000),
            execution("8", "A", "error", NOW - 20 * 60_000),
            execution("7", "B", "running", NOW - 3 * HOUR_MS),
            execution("6", "B", "crashed", NOW - 3 * HOUR_MS - 1),
            execution("5", "B", "canceled", start),
        ];
        for run in &runs {
            assert_eq!(day.count(run), Keep::Row);
        }
        assert_eq!(day.count(&runs[0]), Keep::Skip, "each id once");
        assert_eq!(
            day.count(&execution("4", "A", "success", start - 1)),
            Keep::End
        );
        let mut future = execution("10", "A", "success", NOW + 1);
        assert_eq!(day.count(&future), Keep::Skip);
        future.started_at = None;
        assert_eq!(day.count(&future), Keep::Skip);
        assert_eq!(
            day.buckets[23],
            Tally {
                success: 1,
                error: 1,
                ..Tally::default()
            }
        );
        assert_eq!(day.buckets[21].running, 1);
        assert_eq!(day.buckets[20].error, 1, "crashed counts as an error");
        assert_eq!(day.buckets[0].other, 1);
        assert_eq!((day.total.total(), day.total.error, day.read), (5, 2, 5));
        let week = {
            let mut w = Window::Week.ending(NOW);
            w.count(&runs[2]);
            w
        };
        assert_eq!(week.buckets[6].running, 1);
    }

    #[test]
    fn error_rate_is_errors_over_finished_in_tenths_of_a_percent() {
        let tally = Tally {
            success: 7,
            error: 1,
            running: 3,
            other: 0,
        };
        assert_eq!(tally.error_permille(), Some(125));
        assert_eq!(tally.error_rate(), "12.5 %");
        assert_eq!(Tally::default().error_rate(), "—");
        let all = Tally {
            error: u32::MAX,
            ..Tally::default()
        };
        assert_eq!(all.error_rate(), "100.0 %");
        let third = Tally {
            success: 2,
            error: 1,
            ..Tally::default()
        };
        assert_eq!(third.error_rate(), "33.3 %");
    }

    #[test]
    fn failing_workflows_are_ordered_worst_first() {
        let mut day = Window::Day.ending(NOW);
        let m = 60_000;
        for run in [
            // A: 2 errors of 4; B: 2 errors of 2 (higher rate); C: 1 error; D: none.
            execution("20", "A", "error", NOW - m),
            execution("19", "A", "error", NOW - 2 * m),
            execution("18", "A", "success", NOW - 3 * m),
            execution("17", "A", "success", NOW - 4 * m),
            execution("16", "B", "error", NOW - 5 * m),
            execution("15", "B", "error", NOW - 6 * m),
            execution("14", "C", "error", NOW - 7 * m),
            execution("13", "D", "success", NOW - 8 * m),
            execution("12", "E", "error", NOW - 9 * m),
        ] {
            day.count(&run);
        }
        let order: Vec<_> = day
            .failing()
            .iter()
            .map(|w| w.workflow_id.as_str())
            .collect();
        // C and E tie on errors and rate: the more recent failure first.
        assert_eq!(order, ["B", "A", "C", "E"]);
        let a = day.failing()[1];
        assert_eq!(
            a.last_failure,
            Some(("20".into(), format::iso_of_millis(NOW - m)))
        );
        assert_eq!(a.tally.error_rate(), "50.0 %");
        assert_eq!(day.by_workflow()[0].workflow_id, "A");
    }

    #[test]
    fn read_stops_at_the_first_execution_before_the_window_and_adds_running_ones() {
        let start = NOW - DAY_MS;
        let iso = format::iso_of_millis;
        let page1 = format!(
            r#"{{"data":[{{"id":"9","workflowId":"A","status":"success","startedAt":"{}"}},{{"id":"8","workflowId":"A","status":"error","startedAt":"{}"}}],"nextCursor":"c1"}}"#,
            iso(NOW - 1000),
            iso(NOW - 2000)
        );
        let page2 = format!(
            r#"{{"data":[{{"id":"7","workflowId":"B","status":"error","startedAt":"{}"}},{{"id":"6","workflowId":"B","status":"success","startedAt":"{}"}}],"nextCursor":"c2"}}"#,
            iso(start + 5),
            iso(start - 5)
        );
        let running = format!(
            r#"{{"data":[{{"id":"10","workflowId":"B","status":"running","startedAt":"{}"}},{{"id":"9","workflowId":"A","status":"running","startedAt":"{}"}}],"nextCursor":null}}"#,
            iso(NOW - 500),
            iso(NOW - 1000)
        );
        let canned = Canned::default()
            .json(200, &page1)
            .json(200, &page2)
            .json(200, &running);
        let got = run(read(&client(&canned), Window::Day.ending(NOW), None, false)).unwrap();
        let urls = canned.urls();
        assert_eq!(urls.len(), 3, "no third page: {urls:?}");
        assert!(!urls[0].contains("startedAfter"), "{urls:?}");
        assert!(urls[1].contains("cursor=c1"), "{urls:?}");
        assert!(urls[2].contains("status=running"), "{urls:?}");
        assert_eq!(
            (got.total.success, got.total.error, got.total.running),
            (1, 2, 1)
        );
        assert_eq!(
            (got.read, got.cut_at, got.filtered_by_n8n),
            (4, None, false)
        );
        assert!(got.how_counted().contains("4 executions"));
    }

    #[test]
    fn read_sends_started_after_where_n8n_takes_it_and_says_when_it_stopped_early() {
        let iso = format::iso_of_millis;
        let rows: Vec<String> = (0..MAX_PAGE_SIZE as i64)
            .map(|i| {
                format!(
                    r#"{{"id":"{}","workflowId":"A","status":"success","startedAt":"{}"}}"#,
                    100_000 - i,
                    iso(NOW - 1000 - i)
                )
            })
            .collect();
        let full = format!(r#"{{"data":[{}],"nextCursor":"more"}}"#, rows.join(","));
        let mut canned = Canned::default();
        for page in 0..(MAX_READ / MAX_PAGE_SIZE as usize + 1) {
            // Every page the same rows, new cursors: only ids tell; make them differ per page.
            let body = full.replace("\"id\":\"", &format!("\"id\":\"p{page}-"));
            let body = body.replace("\"more\"", &format!("\"more{page}\""));
            canned = canned.json(200, &body);
        }
        canned = canned.json(200, r#"{"data":[],"nextCursor":null}"#);
        let got = run(read(
            &client(&canned),
            Window::Day.ending(NOW),
            Some("A".into()),
            true,
        ))
        .unwrap();
        let urls = canned.urls();
        assert!(urls[0].contains("startedAfter="), "{:?}", &urls[0]);
        assert!(urls[0].contains("workflowId=A"), "{:?}", &urls[0]);
        assert_eq!(got.read, MAX_READ);
        assert!(got.cut_at.is_some());
        assert!(got.how_counted().contains("only the newest 5,000"));
    }
}
