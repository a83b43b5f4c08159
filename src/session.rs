//! Who the console is signed in as: the n8n instances of this tab (each a name, a colour, an n8n
//! URL and an API key), kept in sessionStorage only, and which of them the pages show.
//!
//! Provided as a context by the app. The shell picks the shown instance from the URL
//! (`?instance=`, see `crate::instances`) before it renders a page, and renders the page again
//! when it changes, so every page asks [`Session::client`] and [`Session::capabilities`] for the
//! shown instance only. A 401 ends that instance's key: the session when it is the only one (see
//! [`Session::handle_error`]).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::capabilities::{self, Capabilities};
use crate::api::{workflows, ApiError, ApiKey, Client, Connection};
use crate::browser::http::FetchTransport;
use crate::browser::{editor_session, storage};
use crate::components::Toasts;
use crate::instances::{self, Colour, Instance};

/// The sessionStorage entry that holds this tab's instances.
pub const STORAGE_KEY: &str = "n8n-console.session";

#[derive(Clone, Copy)]
pub struct Session {
    instances: RwSignal<Vec<Instance>>,
    /// The name of the instance the pages show (`None` only while signed out).
    shown: RwSignal<Option<String>>,
    /// A message for the connect screen (why the admin was signed out).
    notice: RwSignal<Option<String>>,
    /// True when this tab cannot use sessionStorage (a third-party frame with storage blocked):
    /// the keys then live in memory only, until the page is reloaded.
    memory_only: RwSignal<bool>,
    /// What each instance offers, learned once per connection, by instance name (absent until
    /// the probes answered).
    learned: RwSignal<Vec<(String, Capabilities)>>,
}

impl Session {
    /// Reads any stored instances and provides the session as context.
    pub fn provide() -> Session {
        let stored = load();
        let session = Session {
            shown: RwSignal::new(stored.first().map(|i| i.name.clone())),
            instances: RwSignal::new(stored),
            notice: RwSignal::new(None),
            memory_only: RwSignal::new(!storage::available()),
            learned: RwSignal::new(Vec::new()),
        };
        provide_context(session);
        for name in session.names_untracked() {
            session.learn_capabilities(&name);
        }
        session
    }

    pub fn expect() -> Session {
        expect_context::<Session>()
    }

    pub fn is_connected(&self) -> bool {
        self.instances.with(|list| !list.is_empty())
    }

    /// Whether still signed in, read without tracking (after an await).
    pub fn is_connected_untracked(&self) -> bool {
        self.instances
            .try_with_untracked(|list| !list.is_empty())
            .unwrap_or(false)
    }

    /// Every instance of this tab, in the order they were added (tracked).
    pub fn instances(&self) -> Vec<Instance> {
        self.instances.get()
    }

    fn names_untracked(&self) -> Vec<String> {
        self.instances
            .with_untracked(|list| list.iter().map(|i| i.name.clone()).collect())
    }

    fn instance_untracked(&self, name: &str) -> Option<Instance> {
        self.instances
            .try_with_untracked(|list| list.iter().find(|i| i.name == name).cloned())
            .flatten()
    }

    /// The instance the pages show (tracked).
    pub fn shown(&self) -> Option<Instance> {
        let name = self.shown.get()?;
        self.instances
            .with(|list| list.iter().find(|i| i.name == name).cloned())
    }

    /// The shown instance's name, without subscribing: what a write made by a page remembers, so
    /// that it stays on that instance when the admin switches while it is out.
    pub fn shown_name_untracked(&self) -> Option<String> {
        self.shown.try_get_untracked().flatten()
    }

    /// Shows `name` on every page (the shell calls it from the URL before rendering the page).
    pub fn show(&self, name: &str) {
        if self.shown_name_untracked().as_deref() != Some(name) {
            self.shown.set(Some(name.to_string()));
        }
    }

    /// A console route as a link on the shown instance: the first instance needs no parameter.
    pub fn route(&self, route: &str) -> String {
        let first = self
            .instances
            .try_with_untracked(|list| list.first().map(|i| i.name.clone()))
            .flatten();
        let shown = self.shown_name_untracked();
        let param = shown.filter(|s| Some(s) != first.as_ref());
        instances::route_on(route, param.as_deref())
    }

    /// The shown instance's connection.
    pub fn connection(&self) -> Option<Connection> {
        let name = self.shown_name_untracked()?;
        self.instance_untracked(&name).map(|i| i.connection)
    }

    /// True when the keys cannot be kept across reloads (storage is blocked in this tab or frame).
    pub fn memory_only(&self) -> bool {
        self.memory_only.get()
    }

    /// Checks the key with one cheap call, then starts the session with this one instance: the
    /// connect form and a portal's hand-off both come through here. The error is what the admin
    /// (or the portal) is told.
    pub async fn connect(&self, connection: Connection) -> Result<(), ApiError> {
        check(&connection).await?;
        self.start(connection);
        Ok(())
    }

    /// Starts a session with one connection that n8n has accepted, as [`instances::FIRST_NAME`].
    /// When the tab's storage is blocked the session lasts until the page is reloaded, and
    /// `memory_only` says so.
    pub fn start(&self, connection: Connection) {
        let first = Instance {
            name: instances::FIRST_NAME.to_string(),
            colour: Colour::Blue,
            connection,
        };
        self.notice.try_set(None);
        self.learned.try_set(Vec::new());
        self.instances.try_set(vec![first]);
        self.shown.try_set(Some(instances::FIRST_NAME.to_string()));
        self.persist();
        self.learn_capabilities(instances::FIRST_NAME);
    }

    /// Adds an instance to this tab once n8n has accepted its key (the same check as Connect).
    /// Its name must be free ([`instances::check_name`]).
    pub async fn add(
        &self,
        name: String,
        colour: Colour,
        connection: Connection,
    ) -> Result<(), ApiError> {
        check(&connection).await?;
        let added = Instance {
            name: name.clone(),
            colour,
            connection,
        };
        self.instances.try_update(|list| {
            list.retain(|i| i.name != name);
            list.push(added);
        });
        self.learned.try_update(|l| l.retain(|(n, _)| *n != name));
        self.persist();
        self.learn_capabilities(&name);
        Ok(())
    }

    /// Forgets one instance and its key; forgetting the last one signs out.
    pub fn remove(&self, name: &str) {
        let left = self
            .instances
            .with_untracked(|list| list.iter().filter(|i| i.name != name).count());
        if left == 0 {
            self.sign_out(None);
            return;
        }
        self.instances
            .update(|list| list.retain(|i| i.name != name));
        self.learned.update(|l| l.retain(|(n, _)| n != name));
        if self.shown_name_untracked().as_deref() == Some(name) {
            let first = self.names_untracked().into_iter().next();
            self.shown.set(first);
        }
        self.persist();
    }

    /// What the shown instance offers; `None` while it is being learned (pages then offer only
    /// what every version has).
    pub fn capabilities(&self) -> Option<Capabilities> {
        let name = self.shown.get()?;
        self.capabilities_of(&name)
    }

    /// What the instance `name` offers, as [`Session::capabilities`] (tracked).
    pub fn capabilities_of(&self, name: &str) -> Option<Capabilities> {
        self.learned
            .with(|l| l.iter().find(|(n, _)| n == name).map(|(_, c)| c.clone()))
    }

    /// As [`Session::capabilities`], without subscribing (event handlers).
    pub fn capabilities_untracked(&self) -> Option<Capabilities> {
        let name = self.shown_name_untracked()?;
        self.learned
            .with_untracked(|l| l.iter().find(|(n, _)| *n == name).map(|(_, c)| c.clone()))
    }

    /// The console's own key was rotated in place (the old one stopped working): keep the shown
    /// instance on the new key, without re-rendering the pages (a reveal dialog is open on one).
    pub fn replace_api_key(&self, key: ApiKey) {
        let Some(name) = self.shown_name_untracked() else {
            return;
        };
        self.instances.update_untracked(|list| {
            if let Some(instance) = list.iter_mut().find(|i| i.name == name) {
                instance.connection.api_key = key;
            }
        });
        self.persist();
    }

    /// Probes the instance `name` once (see `api::capabilities`). An answer for another
    /// connection (the instance was removed and added again meanwhile) is dropped; a key rotated
    /// in place is the same instance.
    fn learn_capabilities(&self, name: &str) {
        let Some(client) = self.client_on(name, None) else {
            return;
        };
        let session = *self;
        let name = name.to_string();
        spawn_local(async move {
            let learned =
                capabilities::detect(&client, editor_session::existing_browser_id()).await;
            if session.still_on(&name, &client.connection) {
                session.learned.try_update(|l| {
                    l.retain(|(n, _)| *n != name);
                    l.push((name, learned));
                });
            }
        });
    }

    /// Adds what a signed-in editor session's settings tell (the version, whether key scopes are
    /// enforced) to the shown instance once the admin signed in to n8n on the API keys page;
    /// resolves when they are in. Probes still out are left alone (they learn the version
    /// themselves when the browser id is there by then).
    pub async fn learn_editor_settings(&self, browser_id: String) {
        let Some(name) = self.shown_name_untracked() else {
            return;
        };
        let Some(client) = self.client_on(&name, None) else {
            return;
        };
        let Some(settings) = capabilities::editor_settings(&client, &browser_id).await else {
            return;
        };
        if !self.still_on(&name, &client.connection) {
            return;
        }
        self.learned.try_update(|l| {
            if let Some((_, known)) = l.iter_mut().find(|(n, _)| *n == name) {
                *known = known.with_editor_settings(&settings);
            }
        });
    }

    /// True while the instance `name` is still at the place `connection` names (its key may have
    /// been rotated in place since): an answer learned for it still applies.
    fn still_on(&self, name: &str, connection: &Connection) -> bool {
        self.instance_untracked(name)
            .is_some_and(|i| i.connection.base_url == connection.base_url)
    }

    /// Forgets every key everywhere: storage and memory.
    pub fn sign_out(&self, notice: Option<String>) {
        storage::remove(STORAGE_KEY);
        self.notice.set(notice);
        self.instances.set(Vec::new());
        self.shown.set(None);
        self.learned.set(Vec::new());
    }

    pub fn notice(&self) -> Option<String> {
        self.notice.get()
    }

    /// A client for the shown instance; requests abort when `cancel` fires.
    pub fn client(&self, cancel: Option<web_sys::AbortSignal>) -> Option<Client<FetchTransport>> {
        let name = self.shown_name_untracked()?;
        self.client_on(&name, cancel)
    }

    /// A client for the instance `name` (Compare reads two at once).
    pub fn client_on(
        &self,
        name: &str,
        cancel: Option<web_sys::AbortSignal>,
    ) -> Option<Client<FetchTransport>> {
        let instance = self.instance_untracked(name)?;
        Some(Client::new(
            FetchTransport {
                cancel,
                background: false,
            },
            instance.connection,
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

    /// The one place that reacts to a rejected key of the shown instance.
    pub fn handle_error(&self, error: &ApiError) {
        if let Some(name) = self.shown_name_untracked() {
            self.handle_error_on(&name, error);
        }
    }

    /// A rejected key (401) of the instance `name`: with no other instance, sign out and tell
    /// why on the connect screen; else forget that instance and say so.
    pub fn handle_error_on(&self, name: &str, error: &ApiError) {
        if !error.is_unauthorized() || self.instance_untracked(name).is_none() {
            return;
        }
        let why = "n8n rejected the API key (401): it was revoked, expired or changed.";
        if self.instances.with_untracked(Vec::len) <= 1 {
            self.sign_out(Some(format!("{why} Connect again.")));
        } else {
            self.remove(name);
            if let Some(toasts) = use_context::<Toasts>() {
                toasts.failure(format!(
                    "Instance {name} was removed from this tab: {why} Add it again with a new key."
                ));
            }
        }
    }

    /// Writes the instances to sessionStorage; `memory_only` says when the tab may not store them.
    fn persist(&self) {
        let stored = self
            .instances
            .with_untracked(|list| instances::encode(list))
            .is_some_and(|json| storage::set(STORAGE_KEY, &json));
        self.memory_only.try_set(!stored);
    }
}

/// The cheap call that tells whether n8n takes a key.
async fn check(connection: &Connection) -> Result<(), ApiError> {
    let client = Client::new(FetchTransport::default(), connection.clone());
    workflows::check_key(&client).await.map(|_| ())
}

fn load() -> Vec<Instance> {
    storage::get(STORAGE_KEY)
        .map(|json| instances::decode(&json))
        .unwrap_or_default()
}
