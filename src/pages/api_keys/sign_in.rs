//! Signing in to n8n's editor API, for instances (real n8n 2.20) that manage keys only there. The
//! password goes into the login request and nowhere else; the session is n8n's own cookie.

use leptos::prelude::*;

use crate::api::{api_keys, ApiError};
use crate::browser::editor_session;
use crate::components::use_action;

#[component]
pub fn SignInForm(on_signed_in: Callback<()>) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // (email, password): the password lives in this request and the field only.
    let sign_in = use_action(
        |_: &(String, String)| "sign in".to_string(),
        |client, (mail, secret): (String, String)| async move {
            let id = editor_session::browser_id();
            api_keys::sign_in(&client, &id, &mail, &secret).await
        },
        move |_, result| match result {
            Ok(()) => {
                password.try_set(String::new());
                on_signed_in.try_run(());
            }
            Err(ApiError::Unauthorized(_)) => {
                error.try_set(Some(
                    "n8n did not accept this email and password (401).".into(),
                ));
            }
            Err(e) => {
                error.try_set(Some(e.to_string()));
            }
        },
    );
    let sending = sign_in.busy;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        sign_in.run((email.get_untracked(), password.get_untracked()));
    };
    view! {
        <form class="sign-in card" aria-label="Sign in to n8n" on:submit=submit>
            <p>
                "This n8n manages API keys in its editor, not through the public API. Sign in with your n8n account to manage your keys here. "
                "If n8n's editor is open in this browser on this site, its session is used and this step is skipped."
            </p>
            <label class="field">
                <span>"Email"</span>
                <input
                    type="email"
                    autocomplete="username"
                    required
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
            </label>
            <label class="field">
                <span>"Password"</span>
                <input
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
            </label>
            {move || {
                error
                    .get()
                    .map(|text| {
                        view! {
                            <div class="notice notice-error" role="alert">
                                <p>{text}</p>
                            </div>
                        }
                    })
            }}
            <button type="submit" class="button button-primary" disabled=move || sending.get()>
                "Sign in to n8n"
            </button>
        </form>
    }
}
