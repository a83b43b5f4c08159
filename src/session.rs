//! Who the console is signed in as: the n8n URL and API key for this tab, kept in sessionStorage only.
//!
//! Provided as a context by the app. Any 401 from n8n ends the session and sends the admin back to
//! `/connect` with a message (see [`Session::handle_error`]).

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use crate::api::capabilities::{self, Capabilities};
use crate::api::{workflows, ApiError, ApiKey, Client, Connection};
use crate::browser::http::FetchTransport;
use crate::browser::{editor_session, storage};

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
    /// True when this tab cannot use sessionStorage (a third-party frame with storage blocked):
    /// the key then lives in memory only, until the page is reloaded.
    memory_only: RwSignal<bool>,
    /// What this n8n offers, learned once per connection (`None` until the probes answered).
    capabilities: RwSignal<Option<Capabilities>>,
}

impl Session {
    /// Reads any stored connection and provides the session as context.
    pub fn provide() -> Session {
        let session = Session {
            connection: RwSignal::new(load()),
            notice: RwSignal::new(None),
            memory_only: RwSignal::new(!storage::available()),
            capabilities: RwSignal::new(None),
        };
        provide_context(session);
        session.learn_capabilities();
        session
    }

    pub fn expect() -> Session {
        expect_context::<Session>()
    }

    pub fn is_connected(&self) -> bool {
        self.connection.with(Option::is_some)
    }

    /// Whether still signed in, read without tracking (after an await).
    pub fn is_connected_untracked(&self) -> bool {
        self.connection
            .try_with_untracked(Option::is_some)
            .unwrap_or(false)
    }

    pub fn connection(&self) -> Option<Connection> {
        self.connection.get_untracked()
    }

    /// True when the key cannot be kept across reloads (storage is blocked in this tab or frame).
    pub fn memory_only(&self) -> bool {
        self.memory_only.get()
    }

    /// Checks the key with one cheap call, then starts the session: the connect form and a portal's
    /// hand-off both come through here. The error is what the admin (or the portal) is told.
    pub async fn connect(&self, connection: Connection) -> Result<(), ApiError> {
        let client = Client::new(FetchTransport::default(), connection.clone());
        workflows::check_key(&client).await?;
        self.start(connection);
        Ok(())
    }

    /// Starts a session with a connection that n8n has accepted. When the tab's storage is blocked
    /// the session lasts until the page is reloaded, and `memory_only` says so.
    pub fn start(&self, connection: Connection) {
        self.memory_only.try_set(!persist(&connection));
        self.notice.try_set(None);
        self.connection.try_set(Some(connection));
        self.capabilities.try_set(None);
        self.learn_capabilities();
    }

    /// What this n8n offers; `None` while it is being learned (pages then offer only what every
    /// version has).
    pub fn capabilities(&self) -> Option<Capabilities> {
        self.capabilities.get()
    }

    /// As [`Session::capabilities`], without subscribing (event handlers).
    pub fn capabilities_untracked(&self) -> Option<Capabilities> {
        self.capabilities.get_untracked()
    }

    /// The console's own key was rotated in place (the old one stopped working): keep the session
    /// on the new key, without re-rendering the pages (a reveal dialog is open on one).
    pub fn replace_api_key(&self, key: ApiKey) {
        let Some(mut connection) = self.connection.get_untracked() else {
            return;
        };
        connection.api_key = key;
        if !self.memory_only.get_untracked() {
            persist(&connection);
        }
        self.connection.update_untracked(|c| *c = Some(connection));
    }

    /// Probes the connected n8n once (see `api::capabilities`). An answer for another instance (the
    /// admin connected elsewhere meanwhile) is dropped; a key rotated in place is the same instance.
    fn learn_capabilities(&self) {
        let Some(client) = self.client(None) else {
            return;
        };
        let session = *self;
        spawn_local(async move {
            let learned =
                capabilities::detect(&client, editor_session::existing_browser_id()).await;
            if session.still_on(&client.connection) {
                session.capabilities.try_set(Some(learned));
            }
        });
    }

    /// Adds what a signed-in editor session's settings tell (the version, whether key scopes are
    /// enforced) once the admin signed in to n8n on the API keys page; resolves when they are in.
    /// Probes still out are left alone (they learn the version themselves when the browser id is
    /// there by then).
    pub async fn learn_editor_settings(&self, browser_id: String) {
        let Some(client) = self.client(None) else {
            return;
        };
        let Some(settings) = capabilities::editor_settings(&client, &browser_id).await else {
            return;
        };
        if !self.still_on(&client.connection) {
            return;
        }
        self.capabilities.try_update(|known| {
            if let Some(known) = known.as_mut() {
                *known = known.with_editor_settings(&settings);
            }
        });
    }

    /// True while the session is connected to the instance `connection` names (its key may have
    /// been rotated in place since): an answer learned for it still applies.
    fn still_on(&self, connection: &Connection) -> bool {
        self.connection
            .try_with_untracked(|c| c.as_ref().map(|c| &c.base_url) == Some(&connection.base_url))
            == Some(true)
    }

    /// Forgets the key everywhere: storage and memory.
    pub fn sign_out(&self, notice: Option<String>) {
        storage::remove(STORAGE_KEY);
        self.notice.set(notice);
        self.connection.set(None);
        self.capabilities.set(None);
    }

    pub fn notice(&self) -> Option<String> {
        self.notice.get()
    }

    /// A client for the current connection; requests abort when `cancel` fires.
    pub fn client(&self, cancel: Option<web_sys::AbortSignal>) -> Option<Client<FetchTransport>> {
        let connection = self.connection.get_untracked()?;
        Some(Client::new(
            FetchTransport {
                cancel,
                background: false,
            },
            connection,
        ))
    }

    /// [`Session::client`] for a read the admin did not ask for (a page fetched ahead): its retry
    /// waits are not announced.
    pub fn background_client(
        &self,
        cancel: Option<web_sys::AbortSignal>,
    ) -> Option<Client<FetchTransport>> {
        let mut client = self.client(cancel)?;
        client.transport.background = true;
        Some(client)
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

/// Writes the connection to sessionStorage; false when the tab may not store it.
fn persist(connection: &Connection) -> bool {
    let stored = Stored {
        base_url: connection.base_url.clone(),
        api_key: connection.api_key.expose().to_string(),
    };
    serde_json::to_string(&stored).is_ok_and(|json| storage::set(STORAGE_KEY, &json))
}

fn load() -> Option<Connection> {
    let json = storage::get(STORAGE_KEY)?;
    let stored: Stored = serde_json::from_str(&json).ok()?;
    Connection::new(&stored.base_url, ApiKey::new(&stored.api_key)?).ok()
}
