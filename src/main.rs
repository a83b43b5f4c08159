//! The wasm entry point that Trunk builds; natively it does nothing (only `cargo test` uses the lib there).

fn main() {
    #[cfg(target_arch = "wasm32")]
    n8n_console::mount();
}
