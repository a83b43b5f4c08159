//! Element ids that are unique in the document, for `aria-labelledby` and `aria-describedby`.

use std::sync::atomic::{AtomicU32, Ordering};

/// `prefix-N`, a new N on every call.
pub fn unique_id(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
