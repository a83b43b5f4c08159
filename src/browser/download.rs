//! Saves text as a file through the browser's download (a Blob behind a temporary object URL).

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `text` as a download named `file_name`. Errors are described, never thrown.
pub fn save_json(file_name: &str, text: &str) -> Result<(), String> {
    let failed = |what: &str| format!("The browser refused the download ({what}).");
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob =
        Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| failed("file"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| failed("object URL"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| failed("no document"))?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| failed("link"))?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    let body = document.body().ok_or_else(|| failed("no body"))?;
    let _ = body.append_child(&link);
    link.click();
    link.remove();
    // Give the download a moment to start reading the Blob before the URL goes.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// Today's date as `YYYY-MM-DD` in the admin's time zone, for file names.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
