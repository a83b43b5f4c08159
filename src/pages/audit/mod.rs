//! `/audit`: the security review after a leaked key (seed 004, step 6). n8n's own security audit
//! shown as sections, what changed since a date (workflows with nodes that send data out,
//! scheduled and polling workflows, users, executions by workflow), and the leak checklist.

mod changes;
mod checklist;
mod report;

use leptos::prelude::*;

use crate::components::PageTitle;
use changes::ChangesSince;
use checklist::Checklist;
use report::SecurityAudit;

/// Moves the view and the keyboard focus to the heading with this id (in-page links: a `#id`
/// href would resolve against `<base>` and leave the page).
pub fn go_to(id: &str) {
    let Some(heading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    heading.scroll_into_view();
    if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading) {
        let _ = heading.focus();
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <PageTitle text="Audit" />
        <p class="muted page-intro">
            "After a leaked or misused API key: what n8n itself finds risky, what changed since the leak, and the steps to close it."
        </p>
        <div class="audit-layout">
            <div class="audit-main">
                <SecurityAudit />
                <ChangesSince />
            </div>
            <Checklist />
        </div>
    }
}
