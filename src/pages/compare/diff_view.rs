//! One workflow's diff between From and To, read as what promoting it would change on To: nodes it
//! would add and remove, each changed field with its path and both values, connections, settings
//! and tags; the two raw JSONs, as n8n answered them, on demand.

use leptos::prelude::*;
use serde_json::Value;

use crate::api::diff::{self, Change, Edge};
use crate::components::Dialog;

#[component]
pub fn DiffDialog(
    name: String,
    from_name: String,
    to_name: String,
    from: Value,
    to: Value,
    on_close: Callback<()>,
) -> impl IntoView {
    // From To's side to From's: "added" is what promoting adds on To.
    let found = diff::diff(&to, &from);
    let raw = RwSignal::new(false);
    let now_on = format!("On {to_name} (To)");
    let coming = format!("On {from_name} (From)");
    let raw_from = serde_json::to_string_pretty(&from).unwrap_or_default();
    let raw_to = serde_json::to_string_pretty(&to).unwrap_or_default();
    let identical = found.is_empty();
    let node_changes = found
        .nodes_changed
        .into_iter()
        .map(|node| {
            let caption = format!("Node {}", node.name);
            view! { <ChangeTable caption changes=node.changes now_on=now_on.clone() coming=coming.clone() /> }
        })
        .collect_view();
    let settings = (!found.settings.is_empty()).then(|| {
        view! {
            <ChangeTable
                caption="Settings".to_string()
                changes=found.settings
                now_on=now_on.clone()
                coming=coming.clone()
            />
        }
    });
    view! {
        <Dialog title=format!("Diff of {name}") on_dismiss=on_close class="dialog-wide">
            <div class="diff">
                <p class="muted">
                    {format!("What promoting it from {from_name} would change on {to_name}.")}
                </p>
                {identical
                    .then(|| view! { <p role="status">"Identical, as far as the comparison looks."</p> })}
                <NameList title="Nodes promoting adds" names=found.nodes_added />
                <NameList title="Nodes promoting removes" names=found.nodes_removed />
                {node_changes}
                <NameList title="Connections promoting adds" names=edges(found.connections_added) />
                <NameList title="Connections promoting removes" names=edges(found.connections_removed) />
                {settings}
                <NameList title="Tags promoting adds" names=found.tags_added />
                <NameList title="Tags promoting removes" names=found.tags_removed />
                <button type="button" class="button button-small" aria-expanded=move || raw.get().to_string() on:click=move |_| raw.update(|r| *r = !*r)>
                    {move || if raw.get() { "Hide raw JSON" } else { "Show raw JSON" }}
                </button>
                <Show when=move || raw.get()>
                    <div class="diff-raw">
                        <figure>
                            <figcaption>{format!("{from_name} (From)")}</figcaption>
                            <pre tabindex="0">{raw_from.clone()}</pre>
                        </figure>
                        <figure>
                            <figcaption>{format!("{to_name} (To)")}</figcaption>
                            <pre tabindex="0">{raw_to.clone()}</pre>
                        </figure>
                    </div>
                </Show>
            </div>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| on_close.run(())>
                    "Close"
                </button>
            </div>
        </Dialog>
    }
}

fn edges(edges: Vec<Edge>) -> Vec<String> {
    edges.iter().map(Edge::label).collect()
}

/// A titled list; nothing at all when it is empty.
#[component]
fn NameList(title: &'static str, names: Vec<String>) -> impl IntoView {
    (!names.is_empty()).then(|| {
        view! {
            <section class="diff-section">
                <h3>{title}</h3>
                <ul>{names.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </section>
        }
    })
}

/// Each changed value at its path, To's value beside From's.
#[component]
fn ChangeTable(
    caption: String,
    changes: Vec<Change>,
    now_on: String,
    coming: String,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="data-table diff-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Path"</th>
                        <th scope="col">{now_on}</th>
                        <th scope="col">{coming}</th>
                    </tr>
                </thead>
                <tbody>
                    {changes
                        .into_iter()
                        .map(|c| {
                            // `from`/`to` of a diff from To to From: To's value, then From's.
                            view! {
                                <tr>
                                    <th scope="row"><code>{c.path}</code></th>
                                    <td class="diff-old"><code>{shown(c.from.as_ref())}</code></td>
                                    <td class="diff-new"><code>{shown(c.to.as_ref())}</code></td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A value as JSON (a string in quotes, so `"1"` and `1` differ on screen), or `absent`.
fn shown(value: Option<&Value>) -> String {
    match value {
        None => "absent".to_string(),
        Some(value) => serde_json::to_string(value).unwrap_or_default(),
    }
}
