//! Backups: `Export all` downloads every workflow matching the list's filters (all pages) as one JSON
//! array of backup entries (`api::backup`: what `POST /workflows` accepts, plus n8n's id, active
//! state and tags, which `Import JSON` strips again); `Export JSON` downloads one workflow.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::workflows::{self, WorkflowFilter};
use crate::browser::download;
use crate::components::Toasts;
use crate::format::slug;
use crate::session::Session;

#[component]
pub fn ExportAll(#[prop(into)] filter: Signal<WorkflowFilter>) -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    // Some(n) while exporting: n workflows have arrived so far.
    let loaded = RwSignal::new(None::<usize>);
    let export = move |_| {
        if loaded.get_untracked().is_some() {
            return;
        }
        let Some(client) = session.client(None) else {
            return;
        };
        loaded.set(Some(0));
        let filter = filter.get_untracked();
        spawn_local(async move {
            let result =
                workflows::export_all(&client, &filter, |n| _ = loaded.try_set(Some(n))).await;
            loaded.try_set(None);
            match result {
                Ok(all) => {
                    let file = format!("n8n-workflows-{}.json", download::today());
                    let saved = serde_json::to_string_pretty(&all)
                        .map_err(|e| e.to_string())
                        .and_then(|text| download::save_json(&file, &text));
                    match saved {
                        Ok(()) => toasts.success(format!(
                            "Exported {} workflow{} to {file}",
                            all.len(),
                            if all.len() == 1 { "" } else { "s" }
                        )),
                        Err(why) => toasts.failure(format!("Export failed: {why}")),
                    }
                }
                Err(error) => {
                    session.handle_error(&error);
                    toasts.failure(format!("Export failed: {error}"));
                }
            }
        });
    };
    view! {
        <div class="export">
            <button
                type="button"
                class="button"
                aria-disabled=move || loaded.get().is_some().then_some("true")
                on:click=export
            >
                "Export all"
            </button>
            {move || {
                loaded
                    .get()
                    .map(|n| {
                        view! {
                            <progress aria-label="Export progress"></progress>
                            <span class="muted" aria-live="polite">{format!("{n} workflows loaded…")}</span>
                        }
                    })
            }}
        </div>
    }
}

/// Downloads one workflow as `<name>.json`, ready to import again.
#[component]
pub fn ExportOne(id: String, #[prop(into)] name: Signal<String>) -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    let sending = RwSignal::new(false);
    let export = move |_| {
        if sending.get_untracked() {
            return;
        }
        let Some(client) = session.client(None) else {
            return;
        };
        sending.set(true);
        let id = id.clone();
        let file = format!("{}.json", slug(&name.get_untracked()));
        spawn_local(async move {
            let result = workflows::export(&client, &id).await;
            sending.try_set(false);
            match result {
                Ok(workflow) => {
                    let saved = serde_json::to_string_pretty(&workflow)
                        .map_err(|e| e.to_string())
                        .and_then(|text| download::save_json(&file, &text));
                    match saved {
                        Ok(()) => toasts.success(format!("Exported to {file}")),
                        Err(why) => toasts.failure(format!("Export failed: {why}")),
                    }
                }
                Err(error) => {
                    session.handle_error(&error);
                    toasts.failure(format!("Export failed: {error}"));
                }
            }
        });
    };
    view! {
        <button
            type="button"
            class="button"
            aria-disabled=move || sending.get().then_some("true")
            on:click=export
        >
            "Export JSON"
        </button>
    }
}
