//! Reads the file an admin chose in an `<input type="file">` as text (`Blob.text()`).

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

/// The chosen file's name and text. Errors are described, never thrown.
pub async fn read_chosen(input: &HtmlInputElement) -> Result<(String, String), String> {
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or_else(|| "No file was chosen.".to_string())?;
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| format!("The browser could not read {name}."))?;
    let text = text
        .as_string()
        .ok_or_else(|| format!("The browser could not read {name}."))?;
    Ok((name, text))
}
