//! `/api-keys`: the keys of the signed-in n8n user: list, create (scope picker, one-time reveal),
//! edit, delete, rotate. Works on the seeds' `/api/v1/api-keys` and, where n8n answers 404 there (real
//! n8n 2.20), on the editor's `/rest/api-keys` with the editor's session.

mod create;
mod delete;
mod edit;
mod expiry_field;
mod framed;
mod page;
mod reveal;
mod rotate;
mod sign_in;
mod table;

pub use page::ApiKeysPage;

use leptos::prelude::*;

use crate::api::api_keys::{self, ApiKeyInfo, KeyStore};
use crate::api::{ApiError, Client};
use crate::browser::http::FetchTransport;
use crate::session::Session;

/// What every part of the page shares: the back end, the keys, the grantable scopes.
#[derive(Clone, Copy)]
struct Keys {
    /// Kept here, not looked up: these methods run in event handlers and after awaits, where no
    /// reactive owner (and so no context) is current.
    session: Session,
    store: StoredValue<KeyStore>,
    list: RwSignal<Vec<ApiKeyInfo>>,
    scopes: RwSignal<Vec<String>>,
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

    fn client(&self) -> Option<Client<FetchTransport>> {
        self.session.client(None)
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
