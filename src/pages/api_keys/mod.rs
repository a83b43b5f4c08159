//! `/api-keys`: the keys of the signed-in n8n user (and, where n8n 2.27.5+ lets an owner, every
//! user's): list, create (scope picker, one-time reveal), edit, delete, rotate (in place where n8n
//! can, else create-then-revoke). Works on the documented `/api/v1/api-keys` and, where n8n answers
//! 404 there (real n8n), on the editor's `/rest/api-keys` with the editor's session.

mod create;
mod delete;
mod edit;
mod expiry_field;
mod framed;
mod page;
mod rotate;
mod sign_in;
mod table;

pub use page::ApiKeysPage;

use leptos::prelude::*;

use crate::api::api_keys::{self, ApiKeyInfo, KeyStore, Ownership};
use crate::api::{ApiError, Client};
use crate::browser::http::FetchTransport;
use crate::components::mutation::unknown_result;
use crate::components::{use_action, Mutation};
use crate::session::Session;
use rotate::RotateWay;
use std::future::Future;

/// Which dialog a row opened. Held by the page, above the phases and the table, so a reload that
/// rebuilds the table (or fails, or finds the n8n sign-in ended) leaves an open dialog where it is.
#[derive(Clone, Debug, PartialEq)]
enum KeyAction {
    Edit(ApiKeyInfo),
    Rotate(ApiKeyInfo, RotateWay),
    Delete(ApiKeyInfo),
}

/// Where a dialog shows a refusal, and in which words.
type ShownAt = (RwSignal<Option<String>>, fn(&ApiError) -> String);

/// What every part of the page shares: the back end, the keys, the grantable scopes.
#[derive(Clone, Copy)]
struct Keys {
    /// Kept here, not looked up: these methods run in event handlers and after awaits, where no
    /// reactive owner (and so no context) is current.
    session: Session,
    store: StoredValue<KeyStore>,
    list: RwSignal<Vec<ApiKeyInfo>>,
    scopes: RwSignal<Vec<String>>,
    /// n8n answered its paged listing (2.27.5+): keys name their owner, `Mine` / `All` may be asked.
    paged: RwSignal<bool>,
    /// Whose keys the list shows (paged listings only).
    ownership: RwSignal<Ownership>,
    /// The signed-in editor user's id, to tell own keys from others' in `All`.
    me: RwSignal<Option<String>>,
    /// The dialog a row opened, if any.
    action: RwSignal<Option<KeyAction>>,
    /// Reads the list again from n8n.
    reload: Callback<()>,
    /// The editor session ended (401 on /rest): back to the sign-in form.
    session_lost: Callback<()>,
}

impl Keys {
    fn expect() -> Keys {
        expect_context::<Keys>()
    }

    /// The back end in use (the public API once the page is gone: only error handling asks then).
    fn store(&self) -> KeyStore {
        self.store.try_get_value().unwrap_or(KeyStore::PublicApi)
    }

    /// Checks a label as n8n would, against the user's other keys (`except`: the key being edited).
    fn check_label(&self, label: &str, except: Option<&str>) -> Result<String, String> {
        self.list
            .with_untracked(|list| api_keys::check_label(label, list, except))
    }

    /// True unless the key is known to be another user's (those can only be deleted).
    fn is_mine(&self, key: &ApiKeyInfo) -> bool {
        match (key.user_id.as_deref(), self.me.get_untracked()) {
            (Some(owner), Some(me)) => owner == me,
            _ => true,
        }
    }

    /// True when the listed `key` is the one the console is signed in with.
    fn is_console_key(&self, key: &ApiKeyInfo) -> bool {
        self.session
            .connection()
            .is_some_and(|c| api_keys::is_same_key(key, &c.api_key))
    }

    /// Whether n8n can rotate this back end's keys in place (the editor API of n8n 2.28.6+).
    fn rotates_in_place(&self) -> bool {
        matches!(self.store(), KeyStore::EditorApi { .. })
            && self
                .session
                .capabilities_untracked()
                .is_some_and(|c| c.rotate_keys)
    }

    /// True when n8n said it does not enforce key scopes (1.x Community), for the scope picker.
    fn scopes_unenforced(&self) -> Signal<bool> {
        let session = self.session;
        Signal::derive(move || {
            session.capabilities().and_then(|c| c.scopes_enforced) == Some(false)
        })
    }

    /// How every dialog of the page sends a change: through the app's one mutation mechanism, one
    /// request at a time, on this page's back end. `done` gets the answer; a refusal is shown at
    /// the dialog (`error`, in `refusal`'s words); when no answer came the dialog says the result is
    /// unknown and the list reloads to show what n8n has.
    fn write<T, R, Fut>(
        &self,
        what: impl Fn(&T) -> String + 'static,
        send: impl Fn(Client<FetchTransport>, KeyStore, T) -> Fut + 'static,
        (error, refusal): ShownAt,
        done: impl Fn(T, R) + 'static,
    ) -> Mutation<T, R>
    where
        T: Clone + 'static,
        R: 'static,
        Fut: Future<Output = Result<R, ApiError>> + 'static,
    {
        let keys = *self;
        use_action(
            |_: &T| "key".to_string(),
            move |client, item| send(client, keys.store(), item),
            move |item, result| match result {
                Ok(answer) => done(item, answer),
                Err(e) => {
                    keys.handle_error(&e);
                    if e.outcome_unknown() {
                        error.try_set(Some(unknown_result(&what(&item), &e)));
                        keys.reload.try_run(());
                    } else {
                        error.try_set(Some(refusal(&e)));
                    }
                }
            },
        )
    }

    /// A failed call: on the public API a 401 ends the console's session; on the editor API it only
    /// means the n8n sign-in has ended.
    fn handle_error(&self, error: &ApiError) {
        match self.store() {
            KeyStore::PublicApi => self.session.handle_error(error),
            KeyStore::EditorApi { .. } if error.is_unauthorized() => {
                self.session_lost.try_run(());
            }
            KeyStore::EditorApi { .. } => {}
        }
    }
}
