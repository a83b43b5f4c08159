//! The bar under the navigation that always says which instance the pages show: its name in its
//! colour, where it is and its n8n version, and the select `Instance` that switches every page to
//! another one; `Add instance` and `Remove instance` beside it.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::add_instance::AddInstanceDialog;
use crate::base_path::route_path;
use crate::browser::page_base;
use crate::components::Toasts;
use crate::instances;
use crate::session::Session;

#[component]
pub fn InstanceBar() -> impl IntoView {
    let session = Session::expect();
    let toasts = Toasts::expect();
    let location = use_location();
    let navigate = use_navigate();
    let base = page_base::router_base();
    let adding = RwSignal::new(false);
    let colour = move || session.shown().map(|i| i.colour.key()).unwrap_or("grey");
    let several = move || session.instances().len() > 1;
    // Switching keeps the section (an id on one instance means nothing on another).
    let go_to = StoredValue::new_local(move |name: Option<String>| {
        let route = route_path(&location.pathname.get_untracked(), &base).to_string();
        let first = session.instances().first().map(|i| i.name.clone());
        let param = name.filter(|n| Some(n) != first.as_ref());
        navigate(
            &instances::route_on(&instances::section(&route), param.as_deref()),
            Default::default(),
        );
    });
    let remove = move |_| {
        let Some(shown) = session.shown() else { return };
        session.remove(&shown.name);
        toasts.success(format!("Removed instance {} from this tab", shown.name));
        go_to.with_value(|go| go(None));
    };
    view! {
        <div class="instance-bar" data-colour=colour>
            <span class="instance-swatch" aria-hidden="true"></span>
            <label class="instance-pick">
                <span>"Instance"</span>
                <select on:change=move |ev| {
                    let name = event_target_value(&ev);
                    go_to.with_value(|go| go(Some(name)));
                }>
                    {move || {
                        let shown = session.shown().map(|i| i.name);
                        session
                            .instances()
                            .into_iter()
                            .map(|i| {
                                let selected = Some(&i.name) == shown.as_ref();
                                view! {
                                    <option value=i.name.clone() selected=selected>
                                        {i.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            // `data-capabilities`: whether the instance's offer is learned yet (pages offer only what
            // every version has until then); tests wait on it before asserting that something is absent.
            <span
                class="shell-instance"
                title="Where the shown n8n instance is"
                data-capabilities=move || if session.capabilities().is_some() { "known" } else { "learning" }
            >
                {move || session.shown().map(|i| i.place().to_string())}
                {move || {
                    session
                        .capabilities()
                        .and_then(|c| c.version_label())
                        .map(|label| view! { <span class="shell-version">" · " {label}</span> })
                }}
            </span>
            <span class="instance-actions">
                <button type="button" class="button button-small" on:click=move |_| adding.set(true)>
                    "Add instance"
                </button>
                <Show when=several>
                    <button type="button" class="button button-small" on:click=remove>
                        "Remove instance"
                    </button>
                </Show>
            </span>
        </div>
        <Show when=move || adding.get()>
            <AddInstanceDialog
                on_close=Callback::new(move |_| adding.set(false))
                on_added=Callback::new(move |name: String| {
                    adding.set(false);
                    go_to.with_value(|go| go(Some(name)));
                })
            />
        </Show>
    }
}
