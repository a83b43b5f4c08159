//! `New tag` and `Rename`: one name field, checked before sending (n8n answers every refusal with
//! the same 409), n8n's refusal shown at the field.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::tags::{self, Tag};
use crate::api::ApiError;
use crate::components::{checked, use_form_mutation, Dialog, TextField};
use crate::format::quoted;
use crate::session::Session;

#[component]
pub fn TagDialog(
    tag: Option<Tag>,
    on_close: Callback<()>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let session = Session::expect();
    let name = RwSignal::new(tag.as_ref().map(|t| t.name.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let editing = StoredValue::new(tag.clone());
    // Every tag, for the uniqueness check (the page may show only some of them).
    let known = RwSignal::new(Vec::<Tag>::new());
    if let Some(client) = session.client(None) {
        spawn_local(async move {
            if let Ok(all) = tags::list_all(&client).await {
                known.try_set(all);
            }
        });
    }
    // (the tag being renamed, the new name)
    let save = use_form_mutation(
        |(current, new_name): &(Option<Tag>, String)| match current {
            Some(t) => format!("renaming {} to {}", quoted(&t.name), quoted(new_name)),
            None => format!("creating tag {}", quoted(new_name)),
        },
        |client, (current, new_name): (Option<Tag>, String)| async move {
            match &current {
                Some(t) => tags::rename(&client, &t.id, &new_name)
                    .await
                    .map(|_| format!("Renamed {} to {}", quoted(&t.name), quoted(&new_name))),
                None => tags::create(&client, &new_name)
                    .await
                    .map(|_| format!("Created tag {}", quoted(&new_name))),
            }
        },
        |refusal| match refusal {
            ApiError::Conflict(why) => format!("n8n refused the name: {why}."),
            other => other.to_string(),
        },
        error,
        on_saved,
        on_close,
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = editing.get_value();
        let except = current.as_ref().map(|t| t.id.clone());
        let checked_name = known
            .with_untracked(|all| tags::check_name(&name.get_untracked(), all, except.as_deref()));
        if let Some(new_name) = checked(error, checked_name) {
            save.run((current, new_name));
        }
    };
    let title = if tag.is_some() {
        "Rename tag"
    } else {
        "New tag"
    };
    let action = if tag.is_some() { "Save" } else { "Create" };
    view! {
        <Dialog title=title.to_string() on_dismiss=on_close>
            <form on:submit=submit novalidate>
                <TextField label="Name" value=name error=error />
                <p class="muted small">"1 to 24 characters, unique."</p>
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" disabled=move || save.busy.get()>
                        {action}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
