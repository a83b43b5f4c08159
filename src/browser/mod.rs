//! Thin glue over the browser's APIs. Logic lives in `crate::api`; these modules only move bytes.

pub mod clipboard;
pub mod download;
pub mod editor_session;
pub mod http;
pub mod storage;
pub mod time;
pub mod visibility;
