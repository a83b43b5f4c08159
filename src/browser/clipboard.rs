//! Copying text: the Clipboard API, or, where it is missing or refused (plain http, an iframe without
//! the permission), selecting the text in its field and the old `execCommand("copy")`.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

/// Copies `text`. When the Clipboard API fails, selects `field` (which shows the same text) and tries
/// the legacy copy; the text then stays selected so the admin can press Ctrl+C. True when copied.
pub async fn copy(text: &str, field: Option<&HtmlInputElement>) -> bool {
    if write_text(text).await {
        return true;
    }
    let Some(field) = field else {
        return false;
    };
    let _ = field.focus();
    field.select();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    Reflect::get(&document, &"execCommand".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(&document, &"copy".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

async fn write_text(text: &str) -> bool {
    let Some(navigator) =
        web_sys::window().and_then(|w| Reflect::get(&w, &"navigator".into()).ok())
    else {
        return false;
    };
    let Some(clipboard) = Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
    else {
        return false;
    };
    let promise = Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(&clipboard, &JsValue::from_str(text)).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok());
    match promise {
        Some(p) => JsFuture::from(p).await.is_ok(),
        None => false,
    }
}
