//! `/compare`: every workflow by name on two instances of this tab, From and To, optionally only
//! those with a tag: only in From, only in To, different, identical. A different workflow's diff is
//! one click away ([`diff_view`]); the chosen ones go to [`promote`]. The choice of instances and
//! tag is the URL (`?from=staging&to=main&tag=prod`), so a comparison is a link.

mod diff_view;
mod promote;

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use serde_json::Value;

use crate::api::compare::{self, Class, Row};
use crate::api::join::join_limited;
use crate::api::query::Query;
use crate::api::{diff, workflows, ApiError, Client};
use crate::components::{use_loader, EmptyState, ErrorNotice, PageTitle};
use crate::format::quoted;
use crate::session::Session;
use diff_view::DiffDialog;
use promote::PromoteDialog;

/// What the URL asks to compare.
#[derive(Clone, Debug, Default, PartialEq)]
struct Asked {
    from: Option<String>,
    to: Option<String>,
    tag: Option<String>,
}

impl Asked {
    fn from_search(search: &str) -> Asked {
        let query = Query::parse(search);
        let get = |key: &str| {
            query
                .get(key)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Asked {
            from: get("from"),
            to: get("to"),
            tag: get("tag"),
        }
    }

    fn href(&self) -> String {
        let query = Query::new()
            .push_opt("from", self.from.clone())
            .push_opt("to", self.to.clone())
            .push_opt("tag", self.tag.clone());
        format!("/compare?{}", query.encode())
    }
}

/// One side as it was read: its workflows, or why not.
#[derive(Clone, Debug)]
pub(crate) struct Side {
    pub instance: String,
    pub workflows: Result<Vec<Value>, ApiError>,
}

/// Both sides, and the names classed when both could be read.
#[derive(Clone, Debug)]
struct Compared {
    asked: Asked,
    from: Side,
    to: Side,
    rows: Vec<Row>,
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let session = Session::expect();
    let location = use_location();
    let asked = Memo::new(move |_| Asked::from_search(&location.search.get()));
    let names =
        move || -> Vec<String> { session.instances().into_iter().map(|i| i.name).collect() };
    view! {
        <PageTitle text="Compare" />
        <p class="muted">
            "Every workflow by name on two instances of this tab. Promote makes the chosen ones on To what they are on From."
        </p>
        {move || {
            if names().len() < 2 {
                view! {
                    <EmptyState>
                        <p>"Compare needs two instances. Add the other one with Add instance above (a path on this site, such as /n8n/staging, that your proxy routes to it)."</p>
                    </EmptyState>
                }
                    .into_any()
            } else {
                view! { <CompareForm asked /> <Comparison asked /> }.into_any()
            }
        }}
    }
}

/// `From`, `To`, `Tag` and `Compare`, which puts them in the URL.
#[component]
fn CompareForm(asked: Memo<Asked>) -> impl IntoView {
    let session = Session::expect();
    let navigate = use_navigate();
    let names: Vec<String> = session.instances().into_iter().map(|i| i.name).collect();
    let now = asked.get_untracked();
    // Unasked: staging (added second) onto the instance connected first.
    let from = RwSignal::new(
        now.from
            .unwrap_or_else(|| names.get(1).cloned().unwrap_or_default()),
    );
    let to = RwSignal::new(
        now.to
            .unwrap_or_else(|| names.first().cloned().unwrap_or_default()),
    );
    let tag = RwSignal::new(now.tag.unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (f, t) = (from.get_untracked(), to.get_untracked());
        if f == t {
            error.set(Some(
                "From and To are the same instance: choose two.".into(),
            ));
            return;
        }
        error.set(None);
        let next = Asked {
            from: Some(f),
            to: Some(t),
            tag: Some(tag.get_untracked().trim().to_string()).filter(|t| !t.is_empty()),
        };
        navigate(&session.route(&next.href()), Default::default());
    };
    let picker = move |label: &'static str, value: RwSignal<String>| {
        let options = names
            .iter()
            .map(|n| {
                let n = n.clone();
                let selected = {
                    let n = n.clone();
                    move || value.get() == n
                };
                view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
            })
            .collect_view();
        view! {
            <label class="field field-inline">
                <span>{label}</span>
                <select on:change=move |ev| value.set(event_target_value(&ev))>{options}</select>
            </label>
        }
    };
    view! {
        <form class="compare-form" on:submit=submit novalidate>
            {picker("From", from)}
            <span class="compare-arrow" aria-hidden="true">"→"</span>
            {picker("To", to)}
            <label class="field field-inline">
                <span>"Tag"</span>
                <input
                    type="text"
                    placeholder="any"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || tag.get()
                    on:input=move |ev| tag.set(event_target_value(&ev))
                />
            </label>
            <button type="submit" class="button button-primary">"Compare"</button>
        </form>
        <p class="field-error" role="alert">{move || error.get()}</p>
    }
}

/// The comparison the URL asks for: both sides read, the summary, the table and its actions.
#[component]
fn Comparison(asked: Memo<Asked>) -> impl IntoView {
    let session = Session::expect();
    let loaded = use_loader(
        move || asked.get(),
        move |client, asked: Asked| {
            // The loader's client carries the view's cancel signal: each side's client gets it too.
            let side = move |name: Option<String>| {
                let connection = name
                    .as_deref()
                    .and_then(|n| session.client_on(n, None))
                    .map(|c| c.connection);
                (
                    name.unwrap_or_default(),
                    connection.map(|c| Client::new(client.transport.clone(), c)),
                )
            };
            let (from_name, from_client) = side(asked.from.clone());
            let (to_name, to_client) = side(asked.to.clone());
            let tag = asked.tag.clone();
            async move {
                let read = |(instance, client): (String, Option<Client<_>>)| {
                    let tag = tag.clone();
                    async move {
                        let workflows = match client {
                            Some(client) => workflows::all_whole(&client, tag.as_deref()).await,
                            None => Err(ApiError::NotFound(format!(
                                "This tab has no instance named {instance}"
                            ))),
                        };
                        if let Err(e) = &workflows {
                            session.handle_error_on(&instance, e);
                        }
                        Side {
                            instance,
                            workflows,
                        }
                    }
                };
                // The two instances answer independently: both at once.
                let mut sides = join_limited(
                    vec![(from_name, from_client), (to_name, to_client)],
                    2,
                    read,
                )
                .await
                .into_iter();
                let (Some(from), Some(to)) = (sides.next(), sides.next()) else {
                    return Err(ApiError::Decode(
                        "a side of the comparison went missing".into(),
                    ));
                };
                let rows = match (&from.workflows, &to.workflows) {
                    (Ok(f), Ok(t)) => compare::classify(f, t),
                    _ => Vec::new(),
                };
                Ok(Compared {
                    asked,
                    from,
                    to,
                    rows,
                })
            }
        },
    );
    move || {
        let asked_now = asked.get();
        if asked_now.from.is_none() || asked_now.to.is_none() {
            return view! { <p class="muted">"Choose From and To, then Compare."</p> }.into_any();
        }
        match loaded.data.get() {
            None => view! { <p role="status">"Reading both instances…"</p> }.into_any(),
            Some(compared) => view! {
                <div aria-busy=move || loaded.busy.get().to_string()>
                    <ComparedView compared reload=Callback::new(move |()| loaded.reload()) />
                </div>
            }
            .into_any(),
        }
    }
}

/// One comparison; `reload` reads both sides again (after a promotion).
#[component]
fn ComparedView(compared: Compared, reload: Callback<()>) -> impl IntoView {
    let Compared {
        asked,
        from,
        to,
        rows,
    } = compared;
    let errors: Vec<_> = [&from, &to]
        .into_iter()
        .filter_map(|side| {
            side.workflows
                .as_ref()
                .err()
                .map(|e| (side.instance.clone(), e.clone()))
        })
        .collect();
    if !errors.is_empty() {
        return errors
            .into_iter()
            .map(|(instance, error)| {
                view! {
                    <p class="compare-side-error">{format!("{instance}:")}</p>
                    <ErrorNotice error />
                }
            })
            .collect_view()
            .into_any();
    }
    let from_all = from.workflows.unwrap_or_default();
    let to_all = to.workflows.unwrap_or_default();
    let counts = compare::counts(&rows);
    let promotable: Vec<String> = rows
        .iter()
        .filter(|r| r.class.promotable())
        .map(|r| r.name.clone())
        .collect();
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let diff_of = RwSignal::new(None::<String>);
    let promoting = RwSignal::new(false);
    let promoted = RwSignal::new(false);
    let (from_name, to_name) = (from.instance.clone(), to.instance.clone());
    let scope = match &asked.tag {
        Some(tag) => format!("workflows tagged {}", quoted(tag)),
        None => "all workflows".to_string(),
    };
    let summary = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(class, n)| format!("{}: {n}", class.label()))
        .collect::<Vec<_>>()
        .join(" · ");
    let from_all = StoredValue::new(from_all);
    let to_all = StoredValue::new(to_all);
    let all_promotable = promotable.clone();
    let count_chosen = move || chosen.with(BTreeSet::len);
    view! {
        <p class="compare-summary" role="status">
            {format!("{from_name} → {to_name}, {scope}. ")}
            {if rows.is_empty() { "No workflows on either side.".to_string() } else { summary }}
        </p>
        <details class="compare-ignored">
            <summary>"What “identical” ignores"</summary>
            <ul>{diff::IGNORED.iter().map(|i| view! { <li>{*i}</li> }).collect_view()}</ul>
        </details>
        <div class="compare-actions">
            <button
                type="button"
                class="button button-primary"
                disabled=move || count_chosen() == 0
                on:click=move |_| promoting.set(true)
            >
                {move || match count_chosen() {
                    0 => "Promote".to_string(),
                    1 => "Promote 1 workflow".to_string(),
                    n => format!("Promote {n} workflows"),
                }}
            </button>
        </div>
        <div class="table-scroll">
            <table class="data-table compare-table">
                <caption class="visually-hidden">"Workflows by name"</caption>
                <thead>
                    <tr>
                        <td class="cell-select">
                            <input
                                type="checkbox"
                                aria-label="Select every workflow to promote"
                                disabled=promotable.is_empty()
                                prop:checked=move || !all_promotable.is_empty() && count_chosen() == all_promotable.len()
                                on:change={
                                    let all = promotable.clone();
                                    move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.set(if on { all.iter().cloned().collect() } else { BTreeSet::new() });
                                    }
                                }
                            />
                        </td>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Standing"</th>
                        <th scope="col">"Diff"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| view! { <CompareRow row chosen diff_of /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        {move || {
            diff_of
                .get()
                .map(|name| {
                    let pick = |all: &Vec<Value>| {
                        all.iter()
                            .find(|w| w.get("name").and_then(Value::as_str) == Some(name.as_str()))
                            .cloned()
                            .unwrap_or(Value::Null)
                    };
                    view! {
                        <DiffDialog
                            name=name.clone()
                            from_name=from.instance.clone()
                            to_name=to.instance.clone()
                            from=from_all.with_value(pick)
                            to=to_all.with_value(pick)
                            on_close=Callback::new(move |()| diff_of.set(None))
                        />
                    }
                })
        }}
        <Show when=move || promoting.get()>
            {
                let names = chosen.get_untracked();
                let name_of = |w: &Value| w.get("name").and_then(Value::as_str).unwrap_or_default().to_lowercase();
                let mut workflows: Vec<Value> = from_all.with_value(|all| {
                    all.iter()
                        .filter(|w| {
                            w.get("name")
                                .and_then(Value::as_str)
                                .is_some_and(|n| names.contains(n))
                        })
                        .cloned()
                        .collect()
                });
                // In the table's order: by name.
                workflows.sort_by_key(name_of);
                view! {
                    <PromoteDialog
                        from=from_name.clone()
                        to=to_name.clone()
                        workflows
                        on_finished=Callback::new(move |()| promoted.set(true))
                        on_close=Callback::new(move |()| {
                            promoting.set(false);
                            // Read again once the result has been seen (reading now would close it).
                            if promoted.get_untracked() {
                                reload.run(());
                            }
                        })
                    />
                }
            }
        </Show>
    }
    .into_any()
}

/// One name: a checkbox when it can be promoted, its standing, and `Show diff` when it differs.
#[component]
fn CompareRow(
    row: Row,
    chosen: RwSignal<BTreeSet<String>>,
    diff_of: RwSignal<Option<String>>,
) -> impl IntoView {
    let name = row.name.clone();
    let class = row.class;
    let select = class.promotable().then(|| {
        let name = name.clone();
        let checked = {
            let name = name.clone();
            move || chosen.with(|c| c.contains(&name))
        };
        view! {
            <input
                type="checkbox"
                aria-label=format!("Select {name}")
                prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    chosen.update(|c| {
                        if on {
                            c.insert(name.clone());
                        } else {
                            c.remove(&name);
                        }
                    });
                }
            />
        }
    });
    let show = matches!(class, Class::Different | Class::Identical).then(|| {
        let name = name.clone();
        view! {
            <button
                type="button"
                class="button button-small"
                aria-label=format!("Show diff of {name}")
                on:click=move |_| diff_of.set(Some(name.clone()))
            >
                "Show diff"
            </button>
        }
    });
    view! {
        <tr data-class=class_key(class)>
            <td class="cell-select">{select}</td>
            <th scope="row">{name}</th>
            <td><span class=format!("badge compare-{}", class_key(class))>{class.label()}</span></td>
            <td>{show}</td>
        </tr>
    }
}

/// The class as the stylesheet and tests name it.
fn class_key(class: Class) -> &'static str {
    match class {
        Class::OnlyInFrom => "only-from",
        Class::OnlyInTo => "only-to",
        Class::Different => "different",
        Class::Identical => "identical",
        Class::SameName => "same-name",
    }
}
