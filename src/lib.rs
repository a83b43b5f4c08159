//! n8n Console: a browser admin console for n8n, on n8n's public REST API.
//!
//! `api`, `format`, `base_path`, `instances` and `portal` are plain Rust and build everywhere; the rest needs a browser and builds only for wasm32.

pub mod api;
pub mod base_path;
pub mod format;
pub mod instances;
pub mod portal;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod portal_bridge;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
mod shell;

#[cfg(target_arch = "wasm32")]
pub use app::{mount, App};
