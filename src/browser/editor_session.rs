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

thread_local! {
    /// The id this page made or found, for when localStorage is blocked or full: the whole session
    /// (sign-in, then every call) must carry one id, or n8n answers 401 and the sign-in loops.
    static REMEMBERED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The editor's browser id, if this origin (or this page, when storage is blocked) has one.
pub fn existing_browser_id() -> Option<String> {
    local_storage()
        .and_then(|storage| storage.get_item(BROWSER_ID_KEY).ok().flatten())
        // Another app on the origin may have written anything there: only a sendable id will do.
        .filter(|id| is_usable(id))
        .or_else(|| REMEMBERED.with(|r| r.borrow().clone()))
}

/// The editor's browser id, or a new one (kept where the editor will find it, when storage allows,
/// and in this page's memory in any case).
pub fn browser_id() -> String {
    let id = existing_browser_id().unwrap_or_else(|| {
        let id = random_uuid();
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(BROWSER_ID_KEY, &id);
        }
        id
    });
    REMEMBERED.with(|r| *r.borrow_mut() = Some(id.clone()));
    id
}

/// An id n8n's editor could have made, that a header can carry.
fn is_usable(id: &str) -> bool {
    !id.trim().is_empty() && id.len() <= 200 && id.chars().all(|c| c.is_ascii_graphic())
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
