//! Shared pieces that pages compose: a data table, a pager, a search box, dialogs, toasts, notices,
//! time and status display, and the keyed loader behind every list.

pub mod activity_chart;
pub mod ahead;
pub mod auto_refresh;
pub mod batch;
pub mod data_table;
pub mod dialog;
pub mod link;
pub mod list_state;
pub mod loader;
pub mod mutation;
pub mod notice;
pub mod one_time_key;
pub mod page_title;
pub mod pager;
pub mod relative_time;
pub mod retry_notice;
pub mod reveal;
pub mod scope_picker;
pub mod search_box;
pub mod status_badge;
pub mod text_field;
pub mod toast;
pub mod unique_id;
pub mod write_run;

pub use auto_refresh::AutoRefresh;
pub use data_table::DataTable;
pub use dialog::{ConfirmDialog, Dialog};
pub use link::{Link, NavLink};
pub use list_state::{use_list_page, Ahead, ListEmpty, ListError, ListPage, ListPager};
pub use loader::{use_loader, Loader};
pub use mutation::{
    use_action, use_delete, use_form_mutation, use_mutation, use_submit, DeleteAction, Mutation,
};
pub use notice::{EmptyList, EmptyState, ErrorNotice, LoadError};
pub use one_time_key::{KeyClaim, OneTimeKeys, UnseenKeys};
pub use page_title::PageTitle;
pub use pager::Pager;
pub use relative_time::RelativeTime;
pub use retry_notice::RetryNotice;
pub use reveal::{RevealDialog, RevealKey};
pub use scope_picker::ScopePicker;
pub use search_box::SearchBox;
pub use status_badge::StatusBadge;
pub use text_field::{checked, ApiKeyField, FormError, TextField};
pub use toast::{ToastRegion, Toasts};
