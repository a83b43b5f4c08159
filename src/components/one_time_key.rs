//! One-time keys that must reach the admin's eyes whatever happens. n8n shows a created or rotated
//! key's secret once; the console holds it here, above every page, from the moment the answer
//! arrives until the admin closes its reveal. The dialog that asked for the key shows it through a
//! [`KeyClaim`]; if that dialog goes away first (the admin left the page, a reload failed and
//! rebuilt the page, the session ended), the claim is dropped and [`UnseenKeys`], mounted by the
//! app outside every route, shows the key instead. After `Done` nothing holds it any more.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::reveal::RevealDialog;
use crate::api::api_keys::RawKey;

#[derive(Clone, PartialEq)]
struct HeldKey {
    id: u64,
    /// The key's label, to say which key an orphaned reveal is.
    label: String,
    raw: RawKey,
    /// The dialog that asked for it is gone: the app's own reveal shows it.
    orphaned: bool,
}

/// The app's holder of one-time keys not yet seen through (provided by the app).
#[derive(Clone, Copy)]
pub struct OneTimeKeys {
    held: RwSignal<Vec<HeldKey>>,
    next: StoredValue<u64>,
}

impl OneTimeKeys {
    pub fn provide() -> OneTimeKeys {
        let keys = OneTimeKeys {
            held: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        };
        provide_context(keys);
        keys
    }

    pub fn expect() -> OneTimeKeys {
        expect_context::<OneTimeKeys>()
    }

    /// Holds `raw` until the admin is done with it; the returned claim lets a dialog show it.
    pub fn hold(&self, label: impl Into<String>, raw: RawKey) -> KeyClaim {
        let id = self.next.get_value();
        self.next.set_value(id.wrapping_add(1));
        self.held.update(|held| {
            held.push(HeldKey {
                id,
                label: label.into(),
                raw,
                orphaned: false,
            })
        });
        KeyClaim {
            keys: *self,
            id,
            seen: false,
        }
    }

    fn raw(&self, id: u64) -> Option<RawKey> {
        self.held
            .try_with_untracked(|held| held.iter().find(|k| k.id == id).map(|k| k.raw.clone()))
            .flatten()
    }

    fn forget(&self, id: u64) {
        self.held.try_update(|held| held.retain(|k| k.id != id));
    }

    fn orphan(&self, id: u64) {
        self.held.try_update(|held| {
            for key in held.iter_mut().filter(|k| k.id == id) {
                key.orphaned = true;
            }
        });
    }

    /// How many keys are held (tests and the leak audit: zero after every reveal was closed).
    pub fn held_count(&self) -> usize {
        self.held.with_untracked(Vec::len)
    }
}

/// A dialog's hold on a one-time key. `seen` when the admin closed its reveal; dropped unseen (the
/// dialog went away), the key passes to the app's own reveal.
pub struct KeyClaim {
    keys: OneTimeKeys,
    id: u64,
    seen: bool,
}

impl KeyClaim {
    /// The secret, for the reveal field.
    pub fn raw(&self) -> Option<RawKey> {
        self.keys.raw(self.id)
    }

    /// The admin closed the reveal: nothing holds the key any more.
    pub fn seen(mut self) {
        self.seen = true;
        self.keys.forget(self.id);
    }
}

impl Drop for KeyClaim {
    fn drop(&mut self) {
        if self.seen {
            return;
        }
        // Dropped while its owner is being disposed: touch the holder's signal only afterwards.
        let (keys, id) = (self.keys, self.id);
        spawn_local(async move { keys.orphan(id) });
    }
}

/// The reveal for keys whose dialog went away before the admin closed it. Mounted once, by the app.
#[component]
pub fn UnseenKeys() -> impl IntoView {
    let keys = OneTimeKeys::expect();
    let first = Memo::new(move |_| {
        keys.held
            .with(|held| held.iter().find(|k| k.orphaned).map(|k| k.id))
    });
    move || {
        first.get().and_then(|id| {
            let (label, raw) = keys
                .held
                .with_untracked(|held| {
                    held.iter()
                        .find(|k| k.id == id)
                        .map(|k| (k.label.clone(), k.raw.clone()))
                })?;
            Some(view! {
                <RevealDialog
                    raw
                    intro=format!("The dialog for “{label}” closed before you saw its new secret. Here it is.")
                    on_close=Callback::new(move |()| keys.forget(id))
                />
            })
        })
    }
}
