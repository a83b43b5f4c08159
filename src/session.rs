//! Who the console is signed in as: the n8n URL and API key for this tab, kept in sessionStorage only.
//!
//! Provided as a context by the app. Any 401 from n8n ends the session and sends the admin back to
//! `/connect` with a message (see [`Session::handle_error`]).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{ApiError, ApiKey, Client, Connection};
use crate::browser::http::FetchTransport;
use crate::browser::storage;

/// The sessionStorage entry that holds the connection for this tab.
pub const STORAGE_KEY: &str = "n8n-console.session";

#[derive(Serialize, Deserialize)]
struct Stored {
    #[serde(rename = "baseUrl")]
    base_url: String,
    #[serde(rename = "apiKey")]
    api_key: String,
}

#[derive(Clone, Copy)]
pub struct Session {
    connection: RwSignal<Option<Connection>>,
    /// A message for the connect screen (why the admin was signed out).
    notice: RwSignal<Option<String>>,
}

impl Session {
    /// Reads any stored connection and provides the session as context.
    pub fn provide() -> Session {
        let session = Session {
            connection: RwSignal::new(load()),
            notice: RwSignal::new(None),
        };
        provide_context(session);
        session
    }

    pub fn expect() -> Session {
        expect_context::<Session>()
    }

    pub fn is_connected(&self) -> bool {
        self.connection.with(Option::is_some)
    }

    pub fn connection(&self) -> Option<Connection> {
        self.connection.get_untracked()
    }

    /// Starts a session with a connection that n8n has accepted. Returns false when the tab's storage
    /// is blocked: the session then lasts until the page is reloaded.
    pub fn start(&self, connection: Connection) -> bool {
        let stored = Stored {
            base_url: connection.base_url.clone(),
            api_key: connection.api_key.expose().to_string(),
        };
        let persisted =
            serde_json::to_string(&stored).is_ok_and(|json| storage::set(STORAGE_KEY, &json));
        self.notice.set(None);
        self.connection.set(Some(connection));
        persisted
    }

    /// Forgets the key everywhere: storage and memory.
    pub fn sign_out(&self, notice: Option<String>) {
        storage::remove(STORAGE_KEY);
        self.notice.set(notice);
        self.connection.set(None);
    }

    pub fn notice(&self) -> Option<String> {
        self.notice.get()
    }

    /// A client for the current connection; requests abort when `cancel` fires.
    pub fn client(&self, cancel: Option<web_sys::AbortSignal>) -> Option<Client<FetchTransport>> {
        let connection = self.connection.get_untracked()?;
        Some(Client::new(FetchTransport { cancel }, connection))
    }

    /// The one place that reacts to a rejected key: sign out, and tell the admin why.
    pub fn handle_error(&self, error: &ApiError) {
        if error.is_unauthorized() && self.connection.with_untracked(Option::is_some) {
            self.sign_out(Some(
                "n8n rejected the API key (401): it was revoked, expired or changed. Connect again.".into(),
            ));
        }
    }
}

fn load() -> Option<Connection> {
    let json = storage::get(STORAGE_KEY)?;
    let stored: Stored = serde_json::from_str(&json).ok()?;
    Connection::new(&stored.base_url, ApiKey::new(&stored.api_key)?).ok()
}
