//! `?theme=light|dark`: a portal that frames the console matches its theme. The choice is set on
//! `<html data-theme>` (the stylesheet's `color-scheme`) and kept in sessionStorage for reloads.
//! Without one the console follows the system's light or dark setting.

use super::storage;

const STORAGE_KEY: &str = "n8n-console.theme";

/// The two themes there are; anything else is no choice.
fn known(value: &str) -> Option<&'static str> {
    match value {
        "light" => Some("light"),
        "dark" => Some("dark"),
        _ => None,
    }
}

/// `theme=light|dark` from a query string (`?theme=dark&x=1`).
fn theme_in(search: &str) -> Option<&'static str> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "theme")
        .and_then(|(_, value)| known(value))
}

/// Applies the theme the page's URL asks for, else the one this tab chose before.
pub fn apply_requested() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let theme = match theme_in(&search) {
        Some(theme) => {
            storage::set(STORAGE_KEY, theme);
            Some(theme)
        }
        None => storage::get(STORAGE_KEY).and_then(|t| known(&t)),
    };
    if let (Some(theme), Some(root)) = (theme, window.document().and_then(|d| d.document_element()))
    {
        let _ = root.set_attribute("data-theme", theme);
    }
}
