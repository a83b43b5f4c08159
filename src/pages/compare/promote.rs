//! `Promote`: the chosen workflows of From made on To what they are on From. A plan comes first
//! (read from To as it is now: create N, update M, unchanged K; the tags To lacks; the credentials
//! the workflows use that To lacks, by type and name, since the API never returns secrets), then
//! `Apply`: one run, one request after the other, with a result per workflow. An update keeps To's
//! id (its executions and webhook URLs stay) and, where it was active, makes it active again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::api::promote::{self, Action, Plan, ToCredential};
use crate::api::transfer::Transfer;
use crate::api::{credentials, diff, tags, workflows, ApiError};
use crate::components::batch::{BatchLog, BatchProgress};
use crate::components::write_run::use_write_run;
use crate::components::{Dialog, ErrorNotice};
use crate::format::quoted;
use crate::session::Session;

/// What To holds now, read for the plan.
#[derive(Clone)]
struct OnTo {
    workflows: Vec<Value>,
    credentials: Option<Vec<ToCredential>>,
    /// Why the credentials could not be read, when they could not.
    credentials_unread: Option<String>,
    plan: Plan,
    /// How long reading To and planning took, in milliseconds.
    took_ms: i64,
}

#[derive(Clone)]
enum Planning {
    Reading,
    Ready(Box<OnTo>),
    Failed(ApiError),
}

#[component]
pub fn PromoteDialog(
    from: String,
    to: String,
    /// From's chosen workflows, whole.
    workflows: Vec<Value>,
    /// Called when the run ends (Compare reads both sides again).
    on_finished: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let session = Session::expect();
    let planning = RwSignal::new(Planning::Reading);
    let writes = use_write_run(Some(to.clone()), "Promoted", "Promoting…");
    let chosen = StoredValue::new(workflows);
    let count = chosen.with_value(Vec::len);

    if let Some(client) = session.client_on(&to, None) {
        let to_name = to.clone();
        let can_list = session
            .capabilities_of(&to)
            .is_none_or(|c| c.list_credentials);
        spawn_local(async move {
            let started = js_sys::Date::now();
            let read = async {
                let all = workflows::all_whole(&client, None).await?;
                let tag_names: Vec<String> = tags::list_all(&client)
                    .await?
                    .into_iter()
                    .map(|t| t.name)
                    .collect();
                let (credentials, credentials_unread) = if can_list {
                    match credentials::list_all(&client).await {
                        Ok(list) => (Some(list), None),
                        Err(e) => (None, Some(e.to_string())),
                    }
                } else {
                    (
                        None,
                        Some("this n8n cannot list credentials (before 2.8.4)".to_string()),
                    )
                };
                let plan = chosen
                    .with_value(|w| promote::plan(w, &all, &tag_names, credentials.as_deref()));
                Ok::<_, ApiError>(OnTo {
                    workflows: all,
                    credentials,
                    credentials_unread,
                    plan,
                    // Whole milliseconds: printing a float would pull core's float formatting in.
                    took_ms: (js_sys::Date::now() - started) as i64,
                })
            };
            let next = match read.await {
                Ok(on_to) => Planning::Ready(Box::new(on_to)),
                Err(e) => {
                    session.handle_error_on(&to_name, &e);
                    Planning::Failed(e)
                }
            };
            planning.try_set(next);
        });
    } else {
        planning.set(Planning::Failed(ApiError::NotFound(format!(
            "This tab has no instance named {to}"
        ))));
    }

    let to_send = move || match &*planning.read() {
        Planning::Ready(on_to) => {
            let (create, update, _, _) = on_to.plan.counts();
            create + update
        }
        _ => 0,
    };
    let to_apply = to.clone();
    let apply = move |_| {
        let Planning::Ready(on_to) = planning.get_untracked() else {
            return;
        };
        if writes.running() || to_send() == 0 {
            return;
        }
        let creds = on_to.credentials.as_deref();
        let steps = chosen.with_value(|chosen| {
            chosen
                .iter()
                .zip(&on_to.plan.steps)
                .map(|(workflow, step)| {
                    let existing_of = |id: &str| {
                        on_to
                            .workflows
                            .iter()
                            .find(|w| crate::api::compare::id_of(w) == id)
                    };
                    let transfer = match &step.action {
                        Action::Create => Some(Transfer {
                            target: None,
                            body: promote::body_for_to(workflow, None, creds),
                            tags: diff::tag_names(workflow),
                            keep_live: false,
                        }),
                        Action::Update { to_id, reactivate } => Some(Transfer {
                            target: Some(to_id.clone()),
                            body: promote::body_for_to(workflow, existing_of(to_id), creds),
                            tags: diff::tag_names(workflow),
                            keep_live: *reactivate,
                        }),
                        Action::Unchanged { .. } | Action::Ambiguous => None,
                    };
                    (step.name.clone(), transfer)
                })
                .collect()
        });
        let capabilities = session.capabilities_of(&to_apply).unwrap_or_default();
        writes.start(steps, capabilities, on_finished);
    };
    let running = move || writes.running();
    let dismiss = move || {
        if !running() {
            on_close.run(());
        }
    };
    let title = format!(
        "Promote {count} workflow{} from {from} to {to}",
        if count == 1 { "" } else { "s" }
    );
    let run = writes.run;
    view! {
        <Dialog title=title on_dismiss=Callback::new(move |()| dismiss()) class="dialog-wide">
            {move || match planning.get() {
                Planning::Reading => {
                    view! { <p role="status">{format!("Reading {to} for the plan…")}</p> }.into_any()
                }
                Planning::Failed(error) => view! { <ErrorNotice error /> }.into_any(),
                Planning::Ready(on_to) => view! { <PlanView on_to=*on_to to=to.clone() /> }.into_any(),
            }}
            <BatchProgress label="Promote progress" run />
            <BatchLog label="Promote result" run />
            <div class="dialog-actions">
                <button
                    type="button"
                    class="button button-primary"
                    disabled=move || running() || to_send() == 0 || writes.finished()
                    on:click=apply
                >
                    "Apply"
                </button>
                <button type="button" class="button" disabled=running on:click=move |_| dismiss()>
                    "Close"
                </button>
            </div>
        </Dialog>
    }
}

/// The plan in words: the counts, each workflow's step, the tags and credentials To lacks.
#[component]
fn PlanView(on_to: OnTo, to: String) -> impl IntoView {
    let plan = on_to.plan;
    let (create, update, unchanged, ambiguous) = plan.counts();
    let mut summary = format!("Create {create}, update {update}, unchanged {unchanged}");
    if ambiguous > 0 {
        summary.push_str(&format!(", {ambiguous} not possible"));
    }
    let took = format!("Planned in {}.", crate::format::duration(on_to.took_ms));
    let missing = plan.missing_credentials.clone();
    let credentials_note = match (&on_to.credentials_unread, missing.is_empty()) {
        (Some(why), _) => Some(view! {
            <div class="notice notice-warn" role="status">
                <p>{format!("The credentials on {to} could not be read ({why}): make sure it has every credential these workflows use, by type and name, before they run there.")}</p>
            </div>
        }.into_any()),
        (None, true) => Some(view! { <p class="muted">{format!("{to} has every credential these workflows use.")}</p> }.into_any()),
        (None, false) => Some(view! {
            <section class="diff-section" aria-label="Credentials To lacks">
                <h3>{format!("Credentials {to} lacks")}</h3>
                <p class="muted">"Create them on To before you apply (the API never hands out secrets): each node is pointed at To's credential of the same type and name. Applied without them, those nodes need their credential picked in To's editor."</p>
                <ul>
                    {missing
                        .into_iter()
                        .map(|(c, users)| {
                            let users = users.iter().map(|u| quoted(u)).collect::<Vec<_>>().join(", ");
                            view! { <li>{format!("{} ({}), used by {users}", quoted(&c.name), c.kind)}</li> }
                        })
                        .collect_view()}
                </ul>
            </section>
        }.into_any()),
    };
    view! {
        <p class="plan-summary" role="status" data-planned-ms=on_to.took_ms.to_string()>
            <strong>{summary}</strong>
            " "
            <span class="muted">{took}</span>
        </p>
        <div class="table-scroll">
            <table class="data-table">
                <caption class="visually-hidden">"Plan"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Workflow"</th>
                        <th scope="col">{format!("On {to}")}</th>
                    </tr>
                </thead>
                <tbody>
                    {plan
                        .steps
                        .into_iter()
                        .map(|step| {
                            let what = match &step.action {
                                Action::Create => "Create".to_string(),
                                Action::Update { to_id, reactivate: true } => {
                                    format!("Update in place (id {to_id}), active again after")
                                }
                                Action::Update { to_id, .. } => format!("Update in place (id {to_id})"),
                                Action::Unchanged { .. } => "Unchanged: nothing to send".to_string(),
                                Action::Ambiguous => {
                                    "Not possible: several workflows on To have this name".to_string()
                                }
                            };
                            view! {
                                <tr>
                                    <th scope="row">{step.name}</th>
                                    <td>{what}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {(!plan.tags_to_create.is_empty())
            .then(|| {
                view! {
                    <section class="diff-section" aria-label="Tags to create">
                        <h3>{format!("Tags to create on {to}")}</h3>
                        <ul>{plan.tags_to_create.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                    </section>
                }
            })}
        {credentials_note}
    }
}
