//! The leak checklist from seed 004's six steps, ticked as the admin goes. Ticks are kept in this
//! tab's sessionStorage (per instance) and nowhere else; each step links to where it is done.

use leptos::prelude::*;

use crate::browser::storage;
use crate::components::Link;
use crate::session::Session;

/// Where a step is done.
enum Place {
    /// A console page.
    Page(&'static str, &'static str),
    /// A list on this page (a heading's id).
    Here(&'static str),
    /// n8n's editor, under the instance's URL.
    Editor(&'static str, &'static str),
    Nowhere,
}

/// Each step: its id (stored), what the box says, a hint, and where it is done.
const STEPS: &[(&str, &str, &str, Place)] = &[
    ("sign-in", "Sign in to n8n as an owner or admin", "The API keys page signs in to n8n's editor for you.", Place::Page("/api-keys", "API keys")),
    ("open-keys", "Open the API keys", "", Place::Page("/api-keys", "API keys")),
    ("delete-key", "Delete the compromised key", "From then on it authenticates nothing, legitimate integrations included.", Place::Page("/api-keys", "API keys")),
    ("create-key", "Create a new key", "A label, an expiry and only the scopes it needs; Rotate does this and the step before at once.", Place::Page("/api-keys", "API keys")),
    ("integrations", "Update every integration that used the old key", "Secrets managers, CI/CD, backup jobs, monitoring, dashboards and bots, .env files.", Place::Nowhere),
];

/// Step 6, "Audit for persistence", in its parts.
const PERSISTENCE: &[(&str, &str, &str, Place)] = &[
    (
        "users",
        "Review the users",
        "Remove anyone you do not recognise.",
        Place::Here("audit-users"),
    ),
    (
        "workflows",
        "Review recently changed workflows",
        "Especially HTTP Request, Webhook or Code nodes that send data out.",
        Place::Here("audit-changed"),
    ),
    (
        "scheduled",
        "Review scheduled and active workflows",
        "Anything you did not create.",
        Place::Here("audit-scheduled"),
    ),
    (
        "credentials",
        "Rotate downstream credentials",
        "Every service the workflows could reach.",
        Place::Editor("/home/credentials", "Credentials in n8n"),
    ),
    (
        "executions",
        "Check the execution history",
        "Unusual runs since the leak.",
        Place::Here("audit-executions"),
    ),
];

fn storage_key(instance: &str) -> String {
    format!("n8n-console.audit-checklist.{instance}")
}

/// The ticked step ids, as stored: comma-separated known ids; anything else is dropped.
fn decode(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|id| {
            STEPS
                .iter()
                .chain(PERSISTENCE)
                .any(|(known, ..)| known == id)
        })
        .map(str::to_string)
        .collect()
}

#[component]
pub fn Checklist() -> impl IntoView {
    let session = Session::expect();
    let instance = session.shown_name_untracked().unwrap_or_default();
    let key = storage_key(&instance);
    let ticked = RwSignal::new(storage::get(&key).map(|t| decode(&t)).unwrap_or_default());
    let editor = session.connection().map(|c| c.base_url).unwrap_or_default();
    let step = move |(id, label, hint, place): &'static (
        &'static str,
        &'static str,
        &'static str,
        Place,
    )| {
        let key = key.clone();
        let input_id = format!("check-{id}");
        let toggle = move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            ticked.update(|t| {
                t.retain(|x| x != id);
                if on {
                    t.push(id.to_string());
                }
            });
            storage::set(&key, &ticked.get_untracked().join(","));
        };
        let place = match place {
            Place::Page(href, text) => Some(view! { <Link href=*href>{*text}</Link> }.into_any()),
            Place::Here(target) => Some(
                view! {
                    <button type="button" class="button-link" on:click=move |_| super::go_to(target)>
                        "Go to the list"
                    </button>
                }
                .into_any(),
            ),
            Place::Editor(path, text) => Some(
                view! {
                    <a href=format!("{editor}{path}") target="_blank" rel="noopener">
                        {*text}
                    </a>
                }
                .into_any(),
            ),
            Place::Nowhere => None,
        };
        view! {
            <li class="check-step">
                <input
                    type="checkbox"
                    id=input_id.clone()
                    prop:checked=move || ticked.with(|t| t.iter().any(|x| x == id))
                    on:change=toggle
                />
                <div>
                    <label for=input_id>{*label}</label>
                    {(!hint.is_empty()).then(|| view! { <p class="muted">{*hint}</p> })}
                    {place.map(|place| view! { <p class="check-place">{place}</p> })}
                </div>
            </li>
        }
    };
    let step2 = step.clone();
    let done = move || ticked.with(Vec::len);
    let all = STEPS.len() + PERSISTENCE.len();
    view! {
        <aside class="audit-checklist" aria-labelledby="audit-checklist">
            <h2 id="audit-checklist">"After a leaked key"</h2>
            <p class="muted" role="status">
                {move || format!("{} of {all} done. Kept in this tab only.", done())}
            </p>
            <ol class="checklist">
                {STEPS.iter().map(step).collect_view()}
                <li class="check-group">
                    <span class="check-group-title">"Audit for persistence"</span>
                    <ul class="checklist">{PERSISTENCE.iter().map(step2).collect_view()}</ul>
                </li>
            </ol>
        </aside>
    }
}
