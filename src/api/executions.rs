//! Executions: the model and the list call.

use serde::Deserialize;

use super::client::{Client, Transport};
use super::de::{self, open_enum};
use super::error::ApiError;
use super::paging::{Page, Position};
use super::query::Query;

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
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecutionFilter {
    pub status: Option<ExecutionStatus>,
    pub workflow_id: Option<String>,
}

impl ExecutionFilter {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
