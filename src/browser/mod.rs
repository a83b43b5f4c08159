//! Thin glue over the browser's APIs. Logic lives in `crate::api`; these modules only move bytes.

pub mod clipboard;
pub mod download;
pub mod editor_session;
pub mod file;
pub mod frame;
pub mod http;
pub mod page_base;
pub mod storage;
pub mod theme;
pub mod time;
pub mod visibility;
