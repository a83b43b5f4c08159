//! A timestamp as "3 minutes ago", with the exact local time on hover and in `datetime`.

use leptos::prelude::*;

use crate::browser::time;

#[component]
pub fn RelativeTime(
    /// An ISO 8601 timestamp as n8n sends it; none shows a dash.
    iso: Option<String>,
) -> impl IntoView {
    match iso {
        Some(iso) => {
            let exact = time::absolute(&iso);
            let relative = time::relative(&iso);
            view! {
                <time datetime=iso title=exact>
                    {relative}
                </time>
            }
            .into_any()
        }
        None => view! { <span class="muted">"—"</span> }.into_any(),
    }
}
