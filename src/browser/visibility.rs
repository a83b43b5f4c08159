//! Whether the tab is visible, so background polling can pause while nobody looks.

/// True when the page is hidden (another tab, minimised window).
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
