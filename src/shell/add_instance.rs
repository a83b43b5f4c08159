//! `Add instance`: a name, an n8n URL (a path on this site that the proxy routes to that instance,
//! such as `/n8n/staging`), an API key and a colour. The key is checked as Connect checks it, and
//! kept as Connect keeps it: in this tab's sessionStorage only.

use leptos::prelude::*;

use crate::api::{ApiKey, Connection};
use crate::components::{checked, use_submit, ApiKeyField, Dialog, FormError, TextField, Toasts};
use crate::instances::{self, Colour};
use crate::session::Session;

#[component]
pub fn AddInstanceDialog(on_close: Callback<()>, on_added: Callback<String>) -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    let taken: Vec<Colour> = session.instances().iter().map(|i| i.colour).collect();
    let name = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    let url = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let colour = RwSignal::new(Colour::unused(&taken));
    let error = RwSignal::new(None::<String>);
    let add = use_submit(
        |(name, _, _): &(String, Colour, Connection)| format!("adding {name}"),
        move |(name, colour, connection): (String, Colour, Connection)| {
            Some(async move { session.add(name, colour, connection).await })
        },
        move |(name, _, _), result| match result {
            Ok(()) => {
                key.try_set(String::new());
                toasts.success(format!("Added instance {name}"));
                on_added.run(name);
            }
            Err(e) => {
                error.try_set(Some(e.to_string()));
            }
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let names: Vec<String> = session.instances().into_iter().map(|i| i.name).collect();
        let Some(new_name) = checked(
            name_error,
            instances::check_name(&name.get_untracked(), names.iter().map(String::as_str)),
        ) else {
            return;
        };
        let connection = ApiKey::parse(&key.get_untracked())
            .and_then(|api_key| Connection::new(&url.get_untracked(), api_key));
        match connection {
            Ok(connection) => {
                error.set(None);
                add.run((new_name, colour.get_untracked(), connection));
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <Dialog title="Add instance".to_string() on_dismiss=on_close>
            <form on:submit=submit novalidate>
                <TextField label="Name" value=name error=name_error placeholder="staging" max_length=instances::MAX_NAME />
                <label class="field">
                    <span>"n8n URL"</span>
                    <input
                        type="text"
                        inputmode="url"
                        name="n8n-url"
                        autocomplete="off"
                        placeholder="/n8n/staging"
                        aria-describedby="add-instance-url-help"
                        prop:value=move || url.get()
                        on:input=move |ev| url.set(event_target_value(&ev))
                    />
                </label>
                <p id="add-instance-url-help" class="help">
                    "A path on this site that your proxy routes to that n8n (n8n does not let other origins send API keys); empty for this site's own n8n."
                </p>
                <ApiKeyField value=key />
                <label class="field">
                    <span>"Colour"</span>
                    <select on:change=move |ev| {
                        if let Some(c) = Colour::parse(&event_target_value(&ev)) {
                            colour.set(c);
                        }
                    }>
                        {Colour::ALL
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <option value=c.key() selected=move || colour.get() == c>
                                        {c.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <FormError error />
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                    <button type="submit" class="button button-primary" disabled=move || add.busy.get()>
                        {move || if add.busy.get() { "Checking…" } else { "Add" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
