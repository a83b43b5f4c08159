//! Workflows: the list (`/workflows`: filters, paging, toggles, archive, bulk actions, backup export and import) and the
//! detail view (`/workflows/:id`).

mod archive;
mod bulk;
mod detail;
mod export;
mod import;
mod list;
mod row;
mod toggle;

pub use detail::WorkflowDetailPage;
pub use list::WorkflowsPage;
