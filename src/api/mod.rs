//! The n8n API as plain Rust: no DOM, no Leptos, no web-sys. Unit-tested natively with `cargo test`.
//!
//! - `client`: connection, request building, the `Transport` seam, answer decoding
//! - `retry`: when a safe request is sent again (429 `Retry-After`, backoff with jitter)
//! - `error`: what went wrong, classified for the admin (network, 401, 403 scope vs licence, ...)
//! - `join`: several requests out at once, a few at a time
//! - `paging`: n8n's forward-only cursors made two-way, and walking a whole collection
//! - `list_view`: a list page's filter + position as its URL holds them
//! - `query`: query-string encoding for n8n requests and the console's own URLs
//! - `de`: lenient decoding (ids as numbers or strings, nulls, unknown enum values)
//! - `backup`: what Export all writes for each workflow and what Import JSON reads back
//! - `compare`: two instances' workflows matched by name, each name classed (only in one, identical, ...)
//! - `promote`: the plan for making chosen workflows on To what they are on From, and each body sent
//! - `diff`: one workflow on two instances compared, and what "identical" ignores
//! - `credentials`: the credentials an instance holds, by type and name (no secrets)
//! - `capabilities`: what this instance offers (routes, version), learned once per connection
//! - `transfer`: writing one workflow onto an instance (create or update, tags, live state), for Promote and Import
//! - `activity`: executions of a span counted per status, per hour or day and per workflow (Overview)
//! - `audit`: n8n's security audit report, read into sections; `changes`: what changed since a date
//!   (workflows with nodes that send data out, scheduled and polling workflows); `outbound`: which
//!   node types send data out and which triggers run on their own (the one list)
//! - `insights`: n8n's own insights summary, where the instance has it
//! - one module per resource: models, filters and calls

pub mod activity;
pub mod api_keys;
pub mod audit;
pub mod backup;
pub mod capabilities;
pub mod changes;
pub mod client;
pub mod compare;
pub mod credentials;
pub mod de;
pub mod diff;
pub mod error;
pub mod executions;
pub mod insights;
pub mod join;
pub mod list_view;
pub mod outbound;
pub mod paging;
pub mod promote;
pub mod query;
pub mod retry;
pub mod scopes;
pub mod tags;
pub mod transfer;
pub mod users;
pub mod variables;
pub mod workflows;

pub use client::{ApiKey, Client, Connection, Method, Request, Response, Transport};
pub use error::ApiError;
pub use paging::{Page, Position};
pub use query::Query;
