//! sessionStorage, tolerant of browsers and iframes where storage is blocked (then nothing persists,
//! and nothing fails). The console's own data never goes to localStorage (see `editor_session` for
//! the one value it shares with n8n's editor there, which is not a secret).

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// True when this tab can keep values across reloads.
pub fn available() -> bool {
    session_storage().is_some()
}

pub fn get(key: &str) -> Option<String> {
    session_storage()?.get_item(key).ok().flatten()
}

/// Stores the value; false when storage is blocked or full.
pub fn set(key: &str, value: &str) -> bool {
    session_storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn remove(key: &str) {
    if let Some(s) = session_storage() {
        let _ = s.remove_item(key);
    }
}
