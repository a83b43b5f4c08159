//! One module per page. A new page is a file here plus one route in `app.rs`.

pub mod api_keys;
pub mod audit;
pub mod compare;
pub mod connect;
pub mod executions;
pub mod not_found;
pub mod overview;
pub mod tags;
pub mod variables;
pub mod workflows;
