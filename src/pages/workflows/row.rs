//! One workflow in the list: selection checkbox, name (to its detail), state, tags, last update,
//! and its `Activate` / `Deactivate` button, with `Archive` / `Unarchive` where the instance has them.

use leptos::prelude::*;

use super::archive::{ArchiveChange, ArchiveToggle};
use super::toggle::{ActiveToggle, Toggle};
use crate::api::query::encode_component;
use crate::api::workflows::Workflow;
use crate::components::status_badge::Tone;
use crate::components::Link;
use crate::components::Mutation;
use crate::components::{RelativeTime, StatusBadge};

#[component]
pub fn WorkflowRow(
    workflow: Workflow,
    #[prop(into)] selected: Signal<bool>,
    on_select: Callback<bool>,
    /// The page's mutations: a reload that rebuilds this row keeps what is out.
    toggle: Mutation<Toggle, Workflow>,
    archive: Mutation<ArchiveChange>,
    /// Whether this n8n archives workflows (the page's, so rows do not each watch the session).
    can_archive: Signal<bool>,
) -> impl IntoView {
    let active = RwSignal::new(workflow.published());
    let archived = workflow.is_archived;
    let href = format!("/workflows/{}", encode_component(&workflow.id));
    let select_label = format!("Select {}", workflow.name);
    let name = workflow.name.clone();
    view! {
        <tr class:row-selected=move || selected.get()>
            <td class="cell-select">
                <input
                    type="checkbox"
                    aria-label=select_label
                    prop:checked=move || selected.get()
                    on:change=move |ev| on_select.run(event_target_checked(&ev))
                />
            </td>
            <th scope="row" class="cell-name">
                <Link href=href>{name}</Link>
            </th>
            <td>
                {if archived {
                    view! { <StatusBadge text="Archived".to_string() tone=Tone::Neutral /> }.into_any()
                } else {
                    view! { <ActiveBadge active /> }.into_any()
                }}
            </td>
            <td>
                <TagLinks tags=workflow.tags.iter().map(|t| t.name.clone()).collect() />
            </td>
            <td>
                <RelativeTime iso=workflow.updated_at />
            </td>
            <td class="cell-actions">
                {(!archived)
                    .then(|| {
                        view! {
                            <ActiveToggle id=workflow.id.clone() name=workflow.name.clone() active toggle compact=true />
                        }
                    })}
                <Show when=move || can_archive.get()>
                    <ArchiveToggle
                        id=workflow.id.clone()
                        name=workflow.name.clone()
                        archived
                        archive
                    />
                </Show>
            </td>
        </tr>
    }
}

/// `Active` or `Inactive`, following the signal.
#[component]
pub fn ActiveBadge(active: RwSignal<bool>) -> impl IntoView {
    move || {
        if active.get() {
            view! { <StatusBadge text="Active".to_string() tone=Tone::Good /> }
        } else {
            view! { <StatusBadge text="Inactive".to_string() tone=Tone::Neutral /> }
        }
    }
}

/// A workflow's tags, each a link to the list filtered by it.
#[component]
pub fn TagLinks(tags: Vec<String>) -> impl IntoView {
    view! {
        <ul class="tag-list">
            {tags
                .into_iter()
                .map(|tag| {
                    let href = format!("/workflows?tag={}", encode_component(&tag));
                    let title = format!("Show workflows tagged {tag}");
                    view! {
                        <li>
                            <Link href=href attr:class="tag" attr:title=title>
                                {tag}
                            </Link>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
