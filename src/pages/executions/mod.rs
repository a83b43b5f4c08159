//! Executions: the list (`/executions`: filters, paging, auto-refresh, retry/stop/delete) and the
//! detail view (`/executions/:id`: per-node results, errors, raw JSON).

mod detail;
mod list;
mod row;

pub use detail::ExecutionDetailPage;
pub use list::ExecutionsPage;

use crate::api::executions::ExecutionStatus;
use crate::components::status_badge::Tone;

/// The badge colour of a status.
pub fn status_tone(status: &ExecutionStatus) -> Tone {
    match status {
        ExecutionStatus::Success => Tone::Good,
        ExecutionStatus::Error | ExecutionStatus::Crashed => Tone::Bad,
        ExecutionStatus::Running | ExecutionStatus::Waiting | ExecutionStatus::New => Tone::Warn,
        _ => Tone::Neutral,
    }
}
