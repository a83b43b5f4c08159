//! Wires `crate::portal` to the browser and the session: when a portal frames the console, read the
//! operator's list of portal origins, listen, say `ready`, and act on `connect` / `sign-out` messages
//! from the parent window of an allowed origin. Everything else is ignored.

use leptos::task::spawn_local;

use crate::api::Connection;
use crate::browser::{frame, page_base};
use crate::portal::{Inbound, Outbound, PortalOrigins, CONFIG_FILE};
use crate::session::Session;

/// Starts the hand-off when the console is framed; does nothing in a tab of its own.
pub fn start(session: Session) {
    if !frame::is_framed() {
        return;
    }
    spawn_local(async move {
        let origins = load_origins().await;
        if origins.is_empty() {
            return;
        }
        let listening = origins.clone();
        frame::on_message(move |message| {
            if !message.from_parent || !listening.allows(&message.origin) {
                return;
            }
            let Some(inbound) = message.data.as_deref().and_then(Inbound::parse) else {
                return;
            };
            handle(session, inbound, message.origin);
        });
        announce_ready(&origins);
    });
}

/// The operator's list, served beside index.html (`portal.json`); none when it is missing or broken.
async fn load_origins() -> PortalOrigins {
    let url = page_base::url_under_base(CONFIG_FILE);
    let Ok(response) = gloo_net::http::Request::get(&url).send().await else {
        return PortalOrigins::default();
    };
    if !response.ok() {
        return PortalOrigins::default();
    }
    response
        .text()
        .await
        .map(|text| PortalOrigins::from_config(&text))
        .unwrap_or_default()
}

/// `ready` goes to the parent's origin when the browser names it and it is allowed; when the browser
/// does not name it, to each allowed origin (the browser delivers only the one that matches).
fn announce_ready(origins: &PortalOrigins) {
    let ready = Outbound::Ready.to_json();
    match frame::parent_origin() {
        Some(parent) if origins.allows(&parent) => frame::post_to_parent(&ready, &parent),
        Some(_) => {}
        None => origins
            .iter()
            .for_each(|origin| frame::post_to_parent(&ready, origin)),
    }
}

fn handle(session: Session, inbound: Inbound, origin: String) {
    match inbound {
        Inbound::SignOut => session.sign_out(None),
        Inbound::Connect { api_key, base_url } => {
            let answer =
                move |outbound: Outbound| frame::post_to_parent(&outbound.to_json(), &origin);
            let Some(api_key) = api_key else {
                return answer(Outbound::Error("The message held no API key.".into()));
            };
            let connection = match Connection::new(&base_url, api_key) {
                Ok(connection) => connection,
                Err(message) => return answer(Outbound::Error(message)),
            };
            spawn_local(async move {
                match session.connect(connection).await {
                    Ok(()) => answer(Outbound::Connected),
                    Err(error) => answer(Outbound::Error(error.to_string())),
                }
            });
        }
    }
}
