//! The frame the console runs in: whether a portal frames it, the parent's origin, and `postMessage`
//! both ways. The protocol itself (who may talk, what they say) is `crate::portal`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// True when the console runs inside a frame (`window.parent` is another window).
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        // The parent cannot even be named: that is a frame too.
        _ => true,
    }
}

/// This page's origin (`http://127.0.0.1:8080`).
pub fn own_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The framing page's origin when the browser tells it: `location.ancestorOrigins` (Chromium,
/// Safari), else the parent's own location when it is same-origin. `None` when unknown.
pub fn parent_origin() -> Option<String> {
    let window = web_sys::window()?;
    let ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok()?;
    if let Some(list) = ancestors.dyn_ref::<web_sys::DomStringList>() {
        return list.item(0);
    }
    // Cross-origin parents throw here; same-origin ones answer.
    window.parent().ok().flatten()?.location().origin().ok()
}

/// True when a page of another site frames the console (an unknown parent counts as another site):
/// n8n's `SameSite=Lax` session cookie is then not sent, so the editor API cannot be signed in to.
pub fn framed_cross_site() -> bool {
    is_framed()
        && parent_origin().is_none_or(|parent| !crate::portal::same_site(&parent, &own_origin()))
}

/// Posts `json` (parsed into an object) to the parent window, delivered only if its origin is `origin`.
pub fn post_to_parent(json: &str, origin: &str) {
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return;
    };
    if let Ok(message) = js_sys::JSON::parse(json) {
        let _ = parent.post_message(&message, origin);
    }
}

/// A message that reached this window: its sender's origin, whether it came from the parent window,
/// and its data as JSON text (`None` when the data cannot be written as JSON).
pub struct Received {
    pub origin: String,
    pub from_parent: bool,
    pub data: Option<String>,
}

/// Calls `handler` with every message this window receives, for the page's life.
pub fn on_message(handler: impl Fn(Received) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let parent = window.parent().ok().flatten();
    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let from_parent = match (event.source(), &parent) {
                (Some(source), Some(parent)) => js_sys::Object::is(&source, parent),
                _ => false,
            };
            let data = js_sys::JSON::stringify(&event.data())
                .ok()
                .and_then(|s| s.as_string());
            handler(Received {
                origin: event.origin(),
                from_parent,
                data,
            });
        });
    let _ = window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    listener.forget(); // lives as long as the page
}
