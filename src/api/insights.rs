//! n8n's own execution insights (`GET /insights/summary`, 2.17.7+): totals n8n compacts from its
//! executions, shown beside the console's own count. Older versions have no such path (404: `None`);
//! a licence or scope refusal is an error the page shows where the numbers would be.

use serde::Deserialize;

use super::client::{Client, Transport};
use super::error::ApiError;
use super::query::Query;
use crate::format;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    #[serde(default)]
    pub total: Figure,
    #[serde(default)]
    pub failed: Figure,
    /// A ratio (0.05 is 5 %).
    #[serde(default)]
    pub failure_rate: Figure,
    /// Minutes.
    #[serde(default)]
    pub time_saved: Figure,
    /// Milliseconds.
    #[serde(default)]
    pub average_run_time: Figure,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Figure {
    #[serde(default)]
    pub value: Option<f64>,
}

/// A finite number rounded to a whole one; anything else is none.
fn whole(value: Option<f64>) -> Option<i64> {
    value
        .filter(|v| v.is_finite() && v.abs() < 9.0e15)
        .map(|v| v.round() as i64)
}

impl Insights {
    /// The figures as the page shows them: label and value (integers only: no float printing).
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        let dash = || "—".to_string();
        vec![
            (
                "Executions",
                whole(self.total.value).map_or_else(dash, |n| format::count(n.max(0) as usize)),
            ),
            (
                "Failed",
                whole(self.failed.value).map_or_else(dash, |n| format::count(n.max(0) as usize)),
            ),
            (
                "Failure rate",
                whole(self.failure_rate.value.map(|r| r * 1000.0))
                    .map_or_else(dash, |p| format::permille(p.clamp(0, 1000) as u32)),
            ),
            (
                "Time saved",
                whole(self.time_saved.value)
                    .map_or_else(dash, |m| format::duration(m.saturating_mul(60_000))),
            ),
            (
                "Average run time",
                whole(self.average_run_time.value).map_or_else(dash, format::duration),
            ),
        ]
    }
}

/// n8n's summary of `[start, end)` (milliseconds), or `None` where this n8n has no insights API.
pub async fn summary<T: Transport>(
    client: &Client<T>,
    start: i64,
    end: i64,
) -> Result<Option<Insights>, ApiError> {
    let query = Query::new()
        .push("startDate", format::iso_of_millis(start))
        .push("endDate", format::iso_of_millis(end));
    match client.get::<Insights>("/insights/summary", &query).await {
        Ok(insights) => Ok(Some(insights)),
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(error) => Err(error.needs_scope("insights:read")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::client::testing::*;

    #[test]
    fn summary_reads_n8n_figures_and_a_missing_route_is_none() {
        let canned = Canned::default()
            .json(
                200,
                r#"{"total":{"value":1234,"deviation":null,"unit":"count"},"failed":{"value":5,"deviation":2,"unit":"count"},
                    "failureRate":{"value":0.0405,"deviation":null,"unit":"ratio"},"timeSaved":{"value":90,"deviation":null,"unit":"minute"},
                    "averageRunTime":{"value":1530.4,"deviation":null,"unit":"millisecond"}}"#,
            )
            .json(404, r#"{"message":"not found"}"#)
            .json(200, r#"{"total":{"value":"x"},"failureRate":{"value":1e308}}"#);
        let c = client(&canned);
        let insights = run(summary(&c, 0, 86_400_000)).unwrap().unwrap();
        assert_eq!(
            canned.urls()[0],
            "/api/v1/insights/summary?startDate=1970-01-01T00%3A00%3A00.000Z&endDate=1970-01-02T00%3A00%3A00.000Z"
        );
        let rows = insights.rows();
        assert_eq!(rows[0], ("Executions", "1,234".to_string()));
        assert_eq!(rows[2], ("Failure rate", "4.1 %".to_string()));
        assert_eq!(rows[3], ("Time saved", "1 h 30 min".to_string()));
        assert_eq!(rows[4], ("Average run time", "1.5 s".to_string()));
        assert_eq!(run(summary(&c, 0, 1)).unwrap(), None);
        // A value of the wrong type fails to decode as an error, never a panic.
        assert!(run(summary(&c, 0, 1)).is_err());
    }
}
