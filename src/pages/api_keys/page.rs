//! The page: finds the back end, asks for an n8n sign-in when the editor API needs one, then shows
//! the keys and the actions on them.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::create::CreateDialog;
use super::delete::DeleteDialog;
use super::edit::EditDialog;
use super::framed::FramedCrossSite;
use super::rotate::{RotateDialog, RotateWay};
use super::sign_in::SignInForm;
use super::table::KeysTable;
use super::{KeyAction, Keys};
use crate::api::api_keys::{self, ApiKeyInfo, Detected, KeyStore, Ownership};
use crate::api::ApiError;
use crate::browser::{editor_session, frame};
use crate::components::{ErrorNotice, PageTitle};
use crate::session::Session;

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Detecting,
    SignIn,
    Ready(KeyStore),
    Failed(ApiError),
}

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let session = Session::expect();
    let phase = RwSignal::new(Phase::Detecting);
    let list = RwSignal::new(Vec::<ApiKeyInfo>::new());
    let scopes = RwSignal::new(Vec::<String>::new());
    let store = StoredValue::new(KeyStore::PublicApi);
    let loading = RwSignal::new(false);
    let paged = RwSignal::new(false);
    let ownership = RwSignal::new(Ownership::Mine);
    let me = RwSignal::new(None::<String>);
    // Only the newest load may write the list (a slow older answer must not replace a newer one).
    let generation = StoredValue::new(0_u64);
    let action = RwSignal::new(None::<KeyAction>);

    // Loads keys and scopes from `candidate`; on the editor API a 401 means "sign in first".
    let open = move |candidate: KeyStore| {
        let Some(client) = session.client(None) else {
            return;
        };
        loading.set(true);
        // From now on this is the back end: `Try again` after a failed first load asks it again.
        store.set_value(candidate.clone());
        generation.update_value(|g| *g += 1);
        let this_load = generation.get_value();
        let asked = paged.get_untracked().then(|| ownership.get_untracked());
        let first_time = phase.get_untracked() != Phase::Ready(candidate.clone());
        spawn_local(async move {
            let keys = api_keys::list(&client, &candidate, asked).await;
            let grantable = match &keys {
                Ok(_) => api_keys::scopes(&client, &candidate).await,
                Err(e) => Err(e.clone()),
            };
            if generation.try_get_value() != Some(this_load) {
                return;
            }
            loading.try_set(false);
            match (keys, grantable) {
                (Ok(mut answer), Ok(grantable)) => {
                    api_keys::sort_by_expiry(&mut answer.keys);
                    paged.try_set(answer.paged);
                    list.try_set(answer.keys);
                    scopes.try_set(grantable);
                    store.try_set_value(candidate.clone());
                    if let (KeyStore::EditorApi { browser_id }, true) = (&candidate, first_time) {
                        // Signed in to the editor: its settings say the version and whether scopes
                        // are enforced; a paged listing needs to know whose keys are whose.
                        session.learn_editor_settings(browser_id.clone()).await;
                        if answer.paged {
                            if let Ok(id) = api_keys::current_user_id(&client, browser_id).await {
                                me.try_set(Some(id));
                            }
                        }
                    }
                    // Only a change of phase re-renders the page body: a reload must not rebuild the
                    // table (and with it an open dialog, such as a rotation showing its new key).
                    let ready = Phase::Ready(candidate);
                    if phase.try_get_untracked().as_ref() != Some(&ready) {
                        phase.try_set(ready);
                    }
                }
                (Err(e), _) | (_, Err(e)) => {
                    if matches!(candidate, KeyStore::EditorApi { .. }) && e.is_unauthorized() {
                        phase.try_set(Phase::SignIn);
                    } else {
                        if candidate == KeyStore::PublicApi {
                            session.handle_error(&e);
                        }
                        phase.try_set(Phase::Failed(e));
                    }
                }
            }
        });
    };
    let editor_store = move || KeyStore::EditorApi {
        browser_id: editor_session::browser_id(),
    };

    // First: which back end? The public API's key endpoint, else the editor's (reusing its session).
    if let Some(client) = session.client(None) {
        spawn_local(async move {
            match api_keys::detect(&client).await {
                Ok(Detected::PublicApi(_)) => open(KeyStore::PublicApi),
                Ok(Detected::EditorApiNeeded) => match editor_session::existing_browser_id() {
                    Some(id) => open(KeyStore::EditorApi { browser_id: id }),
                    None => {
                        phase.try_set(Phase::SignIn);
                    }
                },
                Err(e) => {
                    session.handle_error(&e);
                    phase.try_set(Phase::Failed(e));
                }
            }
        });
    }

    provide_context(Keys {
        session,
        store,
        list,
        scopes,
        paged,
        ownership,
        me,
        action,
        reload: Callback::new(move |()| open(store.get_value())),
        session_lost: Callback::new(move |()| phase.set(Phase::SignIn)),
    });
    let creating = RwSignal::new(false);
    let close = Callback::new(move |()| action.set(None));
    let rotate_from_edit = Callback::new(move |key: ApiKeyInfo| {
        action.set(Some(KeyAction::Rotate(key, RotateWay::Replace)))
    });

    view! {
        <div class="page-head">
            <PageTitle text="API keys" />
            <Show when=move || matches!(phase.get(), Phase::Ready(_))>
                <button type="button" class="button button-primary" on:click=move |_| creating.set(true)>
                    "Create API key"
                </button>
            </Show>
        </div>
        <p class="intro">
            "An API key opens this n8n to whoever holds it: give each integration its own key, with the fewest scopes and an expiry."
        </p>
        {move || match phase.get() {
            Phase::Detecting => view! { <p class="muted" aria-busy="true">"Finding where this n8n keeps its API keys…"</p> }.into_any(),
            Phase::SignIn => {
                view! {
                    <p class="backend">
                        "Back end: " {KeyStore::EditorApi { browser_id: String::new() }.describe()}
                    </p>
                    {if frame::framed_cross_site() {
                        view! { <FramedCrossSite /> }.into_any()
                    } else {
                        view! { <SignInForm on_signed_in=Callback::new(move |()| open(editor_store())) /> }
                            .into_any()
                    }}
                }
                    .into_any()
            }
            Phase::Failed(error) => {
                view! { <ErrorNotice error retry=Callback::new(move |()| open(store.get_value())) /> }.into_any()
            }
            Phase::Ready(current) => {
                view! {
                    <p class="backend">"Back end: " {current.describe()}</p>
                    <Show when=move || paged.get()>
                        <OwnershipFilter ownership on_change=Callback::new(move |()| open(store.get_value())) />
                    </Show>
                    <KeysTable busy=loading />
                }
                    .into_any()
            }
        }}
        <Show when=move || creating.get()>
            <CreateDialog on_close=Callback::new(move |()| creating.set(false)) />
        </Show>
        {move || {
            action
                .get()
                .map(|a| match a {
                    KeyAction::Edit(key) => {
                        view! { <EditDialog key on_close=close on_rotate=rotate_from_edit /> }.into_any()
                    }
                    KeyAction::Rotate(key, way) => view! { <RotateDialog key way on_close=close /> }.into_any(),
                    KeyAction::Delete(key) => view! { <DeleteDialog key on_close=close /> }.into_any(),
                })
        }}
    }
}

/// `Mine` / `All`: an owner's or admin's view of every user's keys (n8n 2.27.5+).
#[component]
fn OwnershipFilter(ownership: RwSignal<Ownership>, on_change: Callback<()>) -> impl IntoView {
    let choice = move |value: Ownership, label: &'static str| {
        view! {
            <label class="field-check">
                <input
                    type="radio"
                    name="key-ownership"
                    prop:checked=move || ownership.get() == value
                    on:change=move |_| {
                        ownership.set(value);
                        on_change.run(());
                    }
                />
                <span>{label}</span>
            </label>
        }
    };
    view! {
        <fieldset class="segmented">
            <legend>"Show keys"</legend>
            {choice(Ownership::Mine, "Mine")}
            {choice(Ownership::All, "All")}
        </fieldset>
    }
}
