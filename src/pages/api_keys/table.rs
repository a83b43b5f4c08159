//! The keys, soonest expiry first: label, redacted key, owner (paged listings), scopes, created,
//! expiry, last use (where n8n records it), actions (another user's key can only be deleted).

use leptos::prelude::*;

use super::rotate::RotateWay;
use super::{KeyAction, Keys};
use crate::api::api_keys::{ApiKeyInfo, ExpiryState, Ownership};
use crate::api::scopes;
use crate::browser::time;
use crate::components::status_badge::Tone;
use crate::components::{DataTable, EmptyState, RelativeTime, StatusBadge};

/// The columns, by whether keys name their owner and whether n8n records their last use.
fn columns(owner: bool, last_used: bool) -> &'static [&'static str] {
    match (owner, last_used) {
        (true, true) => &[
            "Label",
            "Key",
            "Owner",
            "Scopes",
            "Created",
            "Expires",
            "Last used",
            "Actions",
        ],
        (true, false) => &[
            "Label", "Key", "Owner", "Scopes", "Created", "Expires", "Actions",
        ],
        (false, true) => &[
            "Label",
            "Key",
            "Scopes",
            "Created",
            "Expires",
            "Last used",
            "Actions",
        ],
        (false, false) => &["Label", "Key", "Scopes", "Created", "Expires", "Actions"],
    }
}

/// Which columns the table shows, fixed when it is built (the page rebuilds it on a new back end).
#[derive(Clone, Copy)]
struct Shown {
    owner: bool,
    last_used: bool,
}

#[component]
pub fn KeysTable(#[prop(into)] busy: Signal<bool>) -> impl IntoView {
    let keys = Keys::expect();
    let action = keys.action;
    let shown = Shown {
        owner: keys.paged.get_untracked(),
        // n8n 2.28.6+ says `lastUsedAt` (null: never); older ones do not record it.
        last_used: keys.rotates_in_place()
            || keys
                .list
                .with_untracked(|l| l.iter().any(|k| k.last_used_at.is_some())),
    };
    view! {
        <DataTable label="API keys" columns=columns(shown.owner, shown.last_used) busy>
            // Keyed: a reload keeps the rows (and the focus in them) that did not change.
            <For
                each=move || {
                    let available = keys.scopes.get();
                    // Whose keys are whose may be learned after the list: rows then change.
                    let me = keys.me.get();
                    keys.list.with(|l| {
                        l.iter().map(|k| (k.clone(), available.clone(), me.clone())).collect::<Vec<_>>()
                    })
                }
                key=|(k, available, me): &(ApiKeyInfo, Vec<String>, Option<String>)| {
                    (k.id.clone(), k.label.clone(), k.scopes.clone(), k.last_used_at.clone(), available.len(), me.clone())
                }
                children=move |(key, available, _): (ApiKeyInfo, Vec<String>, Option<String>)| {
                    view! { <KeyRow key available action shown /> }
                }
            />
        </DataTable>
        <Show when=move || keys.list.with(Vec::is_empty) && !busy.get()>
            <EmptyState>
                <p>
                    {move || if keys.ownership.get() == Ownership::All {
                        "No user of this n8n has an API key."
                    } else {
                        "You have no API keys yet. Create one per integration, with the fewest scopes it needs."
                    }}
                </p>
            </EmptyState>
        </Show>
    }
}

#[component]
fn KeyRow(
    key: ApiKeyInfo,
    available: Vec<String>,
    action: RwSignal<Option<KeyAction>>,
    shown: Shown,
) -> impl IntoView {
    let keys = Keys::expect();
    let mine = keys.is_mine(&key);
    // Asked at the click: what n8n can do may be learned after the row was drawn.
    let way = move || {
        if keys.rotates_in_place() {
            RotateWay::InPlace
        } else {
            RotateWay::Replace
        }
    };
    let owner = key.owner.as_ref().map(|o| (o.name(), o.email.clone()));
    let last_used = key.last_used_at.clone().flatten();
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
    let own = keys.is_console_key(&key);
    view! {
        <tr>
            <th scope="row">{key.label.clone()}</th>
            <td>
                <code>{key.api_key.clone()}</code>
                {own.then(|| view! { <span class="badge badge-info" title="The console is signed in with this key">"This console"</span> })}
            </td>
            {shown.owner.then(|| {
                let (name, email) = owner.clone().unwrap_or_default();
                let email = (email != name && !email.is_empty()).then_some(email);
                view! {
                    <td>
                        {name}
                        {mine.then(|| view! { " " <span class="badge badge-info">"You"</span> })}
                        {email.map(|e| view! { <div class="muted small">{e}</div> })}
                    </td>
                }
            })}
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
            {shown.last_used.then(|| match last_used {
                Some(iso) => view! { <td><RelativeTime iso=Some(iso) /></td> }.into_any(),
                None => view! { <td class="muted">"Never"</td> }.into_any(),
            })}
            <td class="cell-actions">
                {mine.then(|| view! {
                    <button type="button" class="button button-small" on:click=move |_| action.set(Some(KeyAction::Edit(for_edit.clone())))>
                        "Edit"
                    </button>
                    <button type="button" class="button button-small" on:click=move |_| action.set(Some(KeyAction::Rotate(for_rotate.clone(), way())))>
                        "Rotate"
                    </button>
                })}
                <button
                    type="button"
                    class="button button-small button-danger-quiet"
                    on:click=move |_| action.set(Some(KeyAction::Delete(for_delete.clone())))
                >
                    "Delete"
                </button>
            </td>
        </tr>
    }
}
