//! `Import JSON`: workflows from a file (the console's own backups, one or many, or n8n's export
//! files) onto this instance. The file is read in the browser; each workflow is matched against the
//! instance (same id, else same name), and for one that exists the admin chooses: skip (the
//! default), import as a copy, or update in place. Then one run, one request after the other, with
//! a result per workflow.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::api::backup::{self, Choice, Existing, Imported};
use crate::api::transfer::Transfer;
use crate::api::workflows::{self, WorkflowName};
use crate::browser::file;
use crate::components::batch::{BatchLog, BatchProgress};
use crate::components::write_run::use_write_run;
use crate::components::Dialog;
use crate::session::Session;

/// One workflow of the file, where it stands on the instance, and what the admin chose.
#[derive(Clone)]
struct Planned {
    imported: Imported,
    existing: Existing,
    choice: RwSignal<Choice>,
}

/// What the dialog holds: nothing chosen yet, the file being read, its workflows, or why not.
#[derive(Clone)]
enum FileState {
    Empty,
    Reading,
    Read {
        file: String,
        planned: Vec<Planned>,
        on_instance: Vec<WorkflowName>,
    },
    Unusable(String),
}

#[component]
pub fn ImportJson(
    /// Called when a run ends, so the list shows what was imported.
    on_finished: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="button" on:click=move |_| open.set(true)>
            "Import JSON"
        </button>
        <Show when=move || open.get()>
            <ImportDialog on_close=Callback::new(move |()| open.set(false)) on_finished />
        </Show>
    }
}

#[component]
fn ImportDialog(on_close: Callback<()>, on_finished: Callback<()>) -> impl IntoView {
    let session = Session::expect();
    let state = RwSignal::new(FileState::Empty);
    let writes = use_write_run(None, "Imported", "Importing…");
    let run = writes.run;
    let running = move || writes.running();

    let choose_file = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(client) = session.client(None) else {
            return;
        };
        state.set(FileState::Reading);
        run.set(None);
        spawn_local(async move {
            let read = async {
                let (file, text) = file::read_chosen(&input).await?;
                let imported = backup::parse(&text).map_err(|why| format!("{file}: {why}"))?;
                let on_instance = workflows::names(&client).await.map_err(|e| {
                    session.handle_error(&e);
                    format!("The instance's workflows could not be read to match them: {e}")
                })?;
                let planned = imported
                    .into_iter()
                    .map(|imported| {
                        let existing = backup::existing(&imported, &on_instance);
                        Planned {
                            imported,
                            existing,
                            choice: RwSignal::new(Choice::Skip),
                        }
                    })
                    .collect();
                Ok::<_, String>(FileState::Read {
                    file,
                    planned,
                    on_instance,
                })
            };
            let next = read.await.unwrap_or_else(FileState::Unusable);
            state.try_set(next);
        });
    };

    let to_send = move || match state.get() {
        FileState::Read { planned, .. } => planned
            .iter()
            .filter(|p| p.existing == Existing::New || p.choice.get() != Choice::Skip)
            .count(),
        _ => 0,
    };

    let start = move |_| {
        let FileState::Read {
            planned,
            on_instance,
            ..
        } = state.get_untracked()
        else {
            return;
        };
        if running() || to_send() == 0 {
            return;
        }
        // Names a copy takes are taken for the next copy too.
        let mut taken = on_instance;
        let steps = planned
            .iter()
            .map(|p| {
                let choice = if p.existing == Existing::New {
                    Choice::Copy
                } else {
                    p.choice.get_untracked()
                };
                let target = match choice {
                    Choice::Skip => return (p.imported.name.clone(), None),
                    Choice::Update => p.existing.target().map(str::to_string),
                    Choice::Copy => None,
                };
                let mut body = p.imported.body.clone();
                if target.is_none() && p.existing != Existing::New {
                    let name = backup::copy_name(&p.imported.name, &taken);
                    body["name"] = name.clone().into();
                    taken.push(WorkflowName {
                        id: String::new(),
                        name,
                    });
                }
                let transfer = Transfer {
                    target,
                    body,
                    tags: p.imported.tags.clone(),
                    keep_live: false,
                };
                (p.imported.name.clone(), Some(transfer))
            })
            .collect();
        let capabilities = session.capabilities_untracked().unwrap_or_default();
        writes.start(steps, capabilities, on_finished);
    };

    let dismiss = move || {
        if !running() {
            on_close.run(());
        }
    };

    view! {
        <Dialog title="Import workflows" on_dismiss=Callback::new(move |()| dismiss()) class="dialog-wide">
            <p class="dialog-body">
                "A backup from Export all or Export JSON, or a file n8n exported. Nothing is sent until you press Import."
            </p>
            <label class="field">
                <span>"Workflow file"</span>
                <input
                    type="file"
                    accept=".json,application/json"
                    disabled=running
                    on:change=choose_file
                />
            </label>
            {move || match state.get() {
                FileState::Empty => ().into_any(),
                FileState::Reading => view! { <p role="status">"Reading the file…"</p> }.into_any(),
                FileState::Unusable(why) => {
                    view! { <div class="notice notice-error" role="alert"><p>{why}</p></div> }.into_any()
                }
                FileState::Read { file, planned, .. } => {
                    view! { <ImportTable file planned running=Signal::derive(running) /> }.into_any()
                }
            }}
            <BatchProgress label="Import progress" run />
            <BatchLog label="Import result" run />
            <div class="dialog-actions">
                <button
                    type="button"
                    class="button button-primary"
                    disabled=move || running() || to_send() == 0 || writes.finished()
                    on:click=start
                >
                    {move || match to_send() {
                        0 => "Import".to_string(),
                        1 => "Import 1 workflow".to_string(),
                        n => format!("Import {n} workflows"),
                    }}
                </button>
                <button type="button" class="button" disabled=running on:click=move |_| dismiss()>
                    "Close"
                </button>
            </div>
        </Dialog>
    }
}

/// The file's workflows, where each stands on the instance, and a choice for each that exists.
#[component]
fn ImportTable(file: String, planned: Vec<Planned>, running: Signal<bool>) -> impl IntoView {
    let count = planned.len();
    view! {
        <div class="table-scroll import-table">
        <table class="data-table">
            <caption>
                {format!("{file}: {count} workflow{}", if count == 1 { "" } else { "s" })}
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"On this instance"</th>
                    <th scope="col">"Action"</th>
                </tr>
            </thead>
            <tbody>
                {planned
                    .into_iter()
                    .map(|p| {
                        let name = p.imported.name.clone();
                        // What matched, then the id it matched (a line of its own: ids do not wrap).
                        let (standing, matched) = match &p.existing {
                            Existing::New => ("New".to_string(), None),
                            Existing::SameId { id, name: now } if *now == name => {
                                ("Same id".to_string(), Some(id.clone()))
                            }
                            Existing::SameId { id, name: now } => {
                                (format!("Same id, now {}", crate::format::quoted(now)), Some(id.clone()))
                            }
                            Existing::SameName { id } => ("Same name".to_string(), Some(id.clone())),
                            Existing::SeveralNamed => ("Several with this name".to_string(), None),
                        };
                        let action = if p.existing == Existing::New {
                            view! { <span>"Create"</span> }.into_any()
                        } else {
                            let choice = p.choice;
                            let can_update = p.existing.target().is_some();
                            let options = [
                                (Choice::Skip, "skip", "Skip"),
                                (Choice::Copy, "copy", "Import as a copy"),
                                (Choice::Update, "update", "Update in place"),
                            ];
                            view! {
                                <select
                                    aria-label=format!("Action for {name}")
                                    disabled=move || running.get()
                                    on:change=move |ev| {
                                        choice.set(match event_target_value(&ev).as_str() {
                                            "copy" => Choice::Copy,
                                            "update" => Choice::Update,
                                            _ => Choice::Skip,
                                        })
                                    }
                                >
                                    {options
                                        .into_iter()
                                        .filter(|(c, _, _)| *c != Choice::Update || can_update)
                                        .map(|(c, value, label)| {
                                            view! {
                                                <option value=value selected=move || choice.get() == c>
                                                    {label}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            }
                                .into_any()
                        };
                        view! {
                            <tr>
                                <th scope="row">{name.clone()}</th>
                                <td>
                                    <span>{standing}</span>
                                    {matched.map(|id| view! { <span class="import-id">{format!("id {id}")}</span> })}
                                </td>
                                <td>{action}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        </div>
    }
}
