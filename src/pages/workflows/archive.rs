//! `Archive` / `Unarchive` for one workflow, where the instance has them (n8n 2.15.1+: archiving is
//! n8n's soft delete; 1.x can only delete). One mutation per page ([`use_archive`]), keyed by
//! workflow id; the list reloads after every outcome: an archived workflow leaves it unless
//! archived ones are shown.

use leptos::prelude::*;

use crate::api::workflows;
use crate::components::{use_mutation, Mutation};
use crate::format::quoted;

/// One workflow's archive change: (id, name, whether it is archived now).
pub type ArchiveChange = (String, String, bool);

fn verb(archived: bool) -> &'static str {
    if archived {
        "unarchive"
    } else {
        "archive"
    }
}

/// The page's archive mutation; `on_done` reloads the list.
pub fn use_archive(on_done: Callback<()>) -> Mutation<ArchiveChange> {
    use_mutation(
        |(id, _, _): &ArchiveChange| id.clone(),
        |(_, name, archived)| {
            format!(
                "{}ing {}",
                verb(*archived).trim_end_matches('e'),
                quoted(name)
            )
        },
        |client, (id, name, archived): ArchiveChange| async move {
            workflows::set_archived(&client, &id, !archived)
                .await
                .map(|_| format!("{} {}d.", quoted(&name), verb(archived)))
        },
        |(_, name, archived), error| {
            format!("Could not {} {}: {error}", verb(*archived), quoted(name))
        },
        on_done,
    )
}

#[component]
pub fn ArchiveToggle(
    id: String,
    name: String,
    archived: bool,
    /// The page's archive mutation.
    archive: Mutation<ArchiveChange>,
) -> impl IntoView {
    let pending_id = id.clone();
    let sending = Signal::derive(move || archive.is_pending(&pending_id));
    let label = if archived { "Unarchive" } else { "Archive" };
    view! {
        <button
            type="button"
            class="button button-small"
            aria-disabled=move || sending.get().then_some("true")
            on:click=move |_| {
                archive.run((id.clone(), name.clone(), archived));
            }
        >
            {label}
        </button>
    }
}
