//! The browser id that n8n's editor API wants with its session cookie. n8n's own editor keeps it in
//! localStorage under `n8n-browserId`; reusing it lets the console use a session the editor opened on
//! the same origin. It is an identifier, not a secret (the cookie is the credential, and the browser
//! holds that itself).

use js_sys::{Function, Reflect};
use wasm_bindgen::JsCast;

/// n8n's editor's own localStorage key.
pub const BROWSER_ID_KEY: &str = "n8n-browserId";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The editor's browser id, if this origin has one.
pub fn existing_browser_id() -> Option<String> {
    local_storage()?
        .get_item(BROWSER_ID_KEY)
        .ok()
        .flatten()
        .filter(|id| !id.trim().is_empty())
}

/// The editor's browser id, or a new one (kept where the editor will find it, when storage allows).
pub fn browser_id() -> String {
    if let Some(id) = existing_browser_id() {
        return id;
    }
    let id = random_uuid();
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(BROWSER_ID_KEY, &id);
    }
    id
}

fn random_uuid() -> String {
    let from_crypto = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"crypto".into()).ok())
        .and_then(|crypto| {
            let f = Reflect::get(&crypto, &"randomUUID".into()).ok()?;
            f.dyn_into::<Function>()
                .ok()?
                .call0(&crypto)
                .ok()?
                .as_string()
        });
    from_crypto.unwrap_or_else(|| {
        // Older browsers: Math.random is enough for an identifier that is not a secret.
        let r = || (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:08x}{:04x}",
            r(),
            r() & 0xffff,
            r() & 0xfff,
            r() & 0xfff,
            r(),
            r() & 0xffff
        )
    })
}
