//! The keys, soonest expiry first: label, redacted key, scopes, created, expiry, last use, actions.

use leptos::prelude::*;

use super::delete::DeleteDialog;
use super::edit::EditDialog;
use super::rotate::RotateDialog;
use super::Keys;
use crate::api::api_keys::{self, ApiKeyInfo, ExpiryState};
use crate::api::scopes;
use crate::browser::time;
use crate::components::status_badge::Tone;
use crate::components::{DataTable, EmptyState, RelativeTime, StatusBadge};
use crate::session::Session;

/// Which dialog a row opened.
#[derive(Clone, Debug, PartialEq)]
enum Action {
    Edit(ApiKeyInfo),
    Rotate(ApiKeyInfo),
    Delete(ApiKeyInfo),
}

const COLUMNS: &[&str] = &[
    "Label",
    "Key",
    "Scopes",
    "Created",
    "Expires",
    "Last used",
    "Actions",
];

#[component]
pub fn KeysTable(#[prop(into)] busy: Signal<bool>) -> impl IntoView {
    let keys = Keys::expect();
    let action = RwSignal::new(None::<Action>);
    let close = Callback::new(move |()| action.set(None));
    view! {
        <DataTable label="API keys" columns=COLUMNS busy>
            {move || {
                let available = keys.scopes.get();
                keys.list
                    .get()
                    .into_iter()
                    .map(|key| view! { <KeyRow key available=available.clone() action /> })
                    .collect_view()
            }}
        </DataTable>
        <Show when=move || keys.list.with(Vec::is_empty) && !busy.get()>
            <EmptyState>
                <p>"You have no API keys yet. Create one per integration, with the fewest scopes it needs."</p>
            </EmptyState>
        </Show>
        {move || {
            action
                .get()
                .map(|a| match a {
                    Action::Edit(key) => view! { <EditDialog key on_close=close /> }.into_any(),
                    Action::Rotate(key) => view! { <RotateDialog key on_close=close /> }.into_any(),
                    Action::Delete(key) => view! { <DeleteDialog key on_close=close /> }.into_any(),
                })
        }}
    }
}

#[component]
fn KeyRow(
    key: ApiKeyInfo,
    available: Vec<String>,
    action: RwSignal<Option<Action>>,
) -> impl IntoView {
    let state = ExpiryState::of(key.expires_at, time::now_secs());
    let tone = match state {
        ExpiryState::Expired => Tone::Bad,
        ExpiryState::Soon(_) => Tone::Warn,
        ExpiryState::Later(_) => Tone::Neutral,
        ExpiryState::Never => Tone::Warn,
    };
    let expires_on = key.expires_at.map(time::iso_of_unix);
    let summary = scopes::summary(&key.scopes, &available);
    let scope_list = key.scopes.clone();
    let (for_edit, for_rotate, for_delete) = (key.clone(), key.clone(), key.clone());
    let own = Session::expect()
        .connection()
        .is_some_and(|c| api_keys::is_same_key(&key, &c.api_key));
    view! {
        <tr>
            <th scope="row">{key.label.clone()}</th>
            <td>
                <code>{key.api_key.clone()}</code>
                {own.then(|| view! { <span class="badge badge-info" title="The console is signed in with this key">"This console"</span> })}
            </td>
            <td class="cell-scopes">
                <span>{summary}</span>
                <details class="scope-details">
                    <summary>"Show all"</summary>
                    <ul class="scope-list">
                        {scope_list.into_iter().map(|s| view! { <li><code>{s}</code></li> }).collect_view()}
                    </ul>
                </details>
            </td>
            <td>
                <RelativeTime iso=key.created_at.clone() />
            </td>
            <td>
                <StatusBadge text=state.label() tone />
                {expires_on.map(|iso| view! { <div class="muted small"><RelativeTime iso=Some(iso) /></div> })}
            </td>
            <td>
                <RelativeTime iso=key.last_used_at.clone() />
            </td>
            <td class="cell-actions">
                <button type="button" class="button button-small" on:click=move |_| action.set(Some(Action::Edit(for_edit.clone())))>
                    "Edit"
                </button>
                <button type="button" class="button button-small" on:click=move |_| action.set(Some(Action::Rotate(for_rotate.clone())))>
                    "Rotate"
                </button>
                <button
                    type="button"
                    class="button button-small button-danger-quiet"
                    on:click=move |_| action.set(Some(Action::Delete(for_delete.clone())))
                >
                    "Delete"
                </button>
            </td>
        </tr>
    }
}
