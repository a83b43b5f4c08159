//! Shared pieces that pages compose: a data table, a pager, notices, time and status display,
//! and the keyed loader behind every list.

pub mod data_table;
pub mod loader;
pub mod notice;
pub mod page_title;
pub mod pager;
pub mod relative_time;
pub mod status_badge;

pub use data_table::DataTable;
pub use loader::{use_loader, Loader};
pub use notice::{EmptyState, ErrorNotice};
pub use page_title::PageTitle;
pub use pager::Pager;
pub use relative_time::RelativeTime;
pub use status_badge::StatusBadge;
