//! `/workflows`: the instance's workflows, filtered by name, status and tag, paged over n8n's cursors.
//! The filters and the page live in the query string, so reload and shared links show the same view.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api::paging::{Page, Position};
use crate::api::query::{encode_component, Query};
use crate::api::tags::{self, Tag};
use crate::api::workflows::{self, Workflow, WorkflowFilter};
use crate::components::status_badge::Tone;
use crate::components::{
    use_loader, DataTable, EmptyState, ErrorNotice, PageTitle, Pager, RelativeTime, StatusBadge,
};

/// How long typing pauses before the search is sent.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// The view's whole state, as read from the URL.
#[derive(Clone, Debug, PartialEq, Eq)]
struct View {
    filter: WorkflowFilter,
    position: Position,
}

impl View {
    fn from_search(search: &str) -> Self {
        let query = Query::parse(search);
        View {
            filter: WorkflowFilter::from_url_query(&query),
            position: Position::from_url_query(&query),
        }
    }

    fn href(&self) -> String {
        let query = self
            .position
            .to_url_query(self.filter.to_url_query(Query::new()));
        if query.is_empty() {
            "/workflows".into()
        } else {
            format!("/workflows?{}", query.encode())
        }
    }
}

#[component]
pub fn WorkflowsPage() -> impl IntoView {
    let location = use_location();
    let view_state = Memo::new(move |_| View::from_search(&location.search.get()));
    let navigate = use_navigate();
    // A filter change starts again at page 1 with the same page size (old cursors are meaningless).
    let go = Callback::new(move |next: View| {
        navigate(
            &next.href(),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let set_filter = move |change: &dyn Fn(&mut WorkflowFilter)| {
        let mut next = view_state.get_untracked();
        change(&mut next.filter);
        next.position = Position::first(next.position.limit);
        go.run(next);
    };

    let rows = use_loader(
        move || view_state.get(),
        |client, view: View| async move { workflows::list(&client, &view.filter, &view.position).await },
    );
    let tag_list = use_loader(
        || (),
        |client, ()| async move { tags::list_all(&client).await },
    );

    let page = move || rows.data.get();
    let next_cursor =
        Signal::derive(move || page().and_then(|p: Page<Workflow>| p.next().map(str::to_string)));
    let row_count =
        Signal::derive(move || rows.data.with(|p| p.as_ref().map_or(0, |p| p.data.len())));

    view! {
        <PageTitle text="Workflows" />
        <div class="filter-bar" role="search" aria-label="Filter workflows">
            <SearchBox
                value=Signal::derive(move || view_state.get().filter.name)
                on_search=Callback::new(move |text: String| set_filter(&|f| f.name = text.clone()))
            />
            <label class="field">
                <span>"Status"</span>
                <select on:change=move |ev| {
                    let value = event_target_value(&ev);
                    set_filter(&|f| {
                        f.active = match value.as_str() {
                            "active" => Some(true),
                            "inactive" => Some(false),
                            _ => None,
                        }
                    })
                }>
                    {[("", "All", None), ("active", "Active", Some(true)), ("inactive", "Inactive", Some(false))]
                        .into_iter()
                        .map(|(value, label, active)| {
                            view! {
                                <option value=value selected=move || view_state.get().filter.active == active>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <TagSelect
                tags=Signal::derive(move || tag_list.data.get().unwrap_or_default())
                unavailable=Signal::derive(move || tag_list.error.get().map(|e| e.to_string()))
                selected=Signal::derive(move || view_state.get().filter.tag)
                on_select=Callback::new(move |tag: Option<String>| set_filter(&|f| f.tag = tag.clone()))
            />
        </div>
        {move || {
            rows.error
                .get()
                .map(|error| view! { <ErrorNotice error retry=Callback::new(move |()| rows.reload()) /> })
        }}
        <Show when=move || rows.error.with(Option::is_none)>
            <DataTable label="Workflows" columns=&["Name", "Status", "Tags", "Last updated"] busy=rows.busy>
                {move || match rows.data.get() {
                    None => {
                        view! {
                            <tr class="placeholder-row">
                                <td colspan="4">"Loading workflows…"</td>
                            </tr>
                        }
                            .into_any()
                    }
                    Some(page) => {
                        page.data
                            .into_iter()
                            .map(|workflow| view! { <WorkflowRow workflow /> })
                            .collect_view()
                            .into_any()
                    }
                }}
            </DataTable>
            <Show when=move || !rows.busy.get() && row_count.get() == 0 && rows.data.with(Option::is_some)>
                <EmptyWorkflows
                    filtered=Signal::derive(move || !view_state.get().filter.is_empty())
                    first_page=Signal::derive(move || !view_state.get().position.has_previous())
                    on_clear=Callback::new(move |()| {
                        go.run(View { filter: WorkflowFilter::default(), position: Position::first(view_state.get_untracked().position.limit) })
                    })
                />
            </Show>
        </Show>
        <Pager
            position=Signal::derive(move || view_state.get().position)
            next_cursor
            rows=row_count
            busy=rows.busy
            on_change=Callback::new(move |position| go.run(View { position, ..view_state.get_untracked() }))
        />
    }
}

/// The name search: sends what was typed after a pause, and follows the URL when it changes elsewhere.
#[component]
fn SearchBox(#[prop(into)] value: Signal<String>, on_search: Callback<String>) -> impl IntoView {
    let text = RwSignal::new(value.get_untracked());
    let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |_| {
        let from_url = value.get();
        if text.get_untracked().trim() != from_url {
            text.set(from_url);
        }
    });
    let on_input = move |ev| {
        text.set(event_target_value(&ev));
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                let typed = text.get_untracked().trim().to_string();
                if typed != value.get_untracked() {
                    on_search.run(typed);
                }
            },
            SEARCH_DEBOUNCE,
        )
        .ok();
        pending.set_value(handle);
    };
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
    view! {
        <label class="field field-grow">
            <span>"Search workflows"</span>
            <input
                type="search"
                placeholder="Name contains…"
                autocomplete="off"
                prop:value=move || text.get()
                on:input=on_input
            />
        </label>
    }
}

#[component]
fn TagSelect(
    #[prop(into)] tags: Signal<Vec<Tag>>,
    /// Why the tags could not be listed (e.g. the key lacks `tag:list`).
    #[prop(into)]
    unavailable: Signal<Option<String>>,
    #[prop(into)] selected: Signal<Option<String>>,
    on_select: Callback<Option<String>>,
) -> impl IntoView {
    // A tag from a shared link stays selectable even before (or without) the tag list.
    let names = move || {
        let mut names: Vec<String> = tags.get().into_iter().map(|t| t.name).collect();
        if let Some(current) = selected.get() {
            if !names.contains(&current) {
                names.insert(0, current);
            }
        }
        names
    };
    view! {
        <label class="field">
            <span>"Tag"</span>
            <select
                title=move || unavailable.get().unwrap_or_default()
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    on_select.run((!value.is_empty()).then_some(value));
                }
            >
                <option value="" selected=move || selected.get().is_none()>
                    "All tags"
                </option>
                {move || {
                    names()
                        .into_iter()
                        .map(|name| {
                            let is_selected = selected.get().as_deref() == Some(name.as_str());
                            view! {
                                <option value=name.clone() selected=is_selected>
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

#[component]
fn WorkflowRow(workflow: Workflow) -> impl IntoView {
    let (status, tone) = if workflow.active {
        ("Active", Tone::Good)
    } else {
        ("Inactive", Tone::Neutral)
    };
    view! {
        <tr>
            <td class="cell-name">{workflow.name}</td>
            <td>
                <StatusBadge text=status.to_string() tone />
            </td>
            <td>
                <ul class="tag-list">
                    {workflow
                        .tags
                        .into_iter()
                        .map(|tag| {
                            let href = format!("/workflows?tag={}", encode_component(&tag.name));
                            let title = format!("Show workflows tagged {}", tag.name);
                            view! {
                                <li>
                                    <A href=href attr:class="tag" attr:title=title>
                                        {tag.name}
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </td>
            <td>
                <RelativeTime iso=workflow.updated_at />
            </td>
        </tr>
    }
}

#[component]
fn EmptyWorkflows(
    #[prop(into)] filtered: Signal<bool>,
    #[prop(into)] first_page: Signal<bool>,
    on_clear: Callback<()>,
) -> impl IntoView {
    view! {
        <EmptyState>
            {move || {
                if filtered.get() {
                    view! {
                        <p>"No workflows match these filters."</p>
                        <button type="button" class="button" on:click=move |_| on_clear.run(())>
                            "Clear filters"
                        </button>
                    }
                        .into_any()
                } else if first_page.get() {
                    view! { <p>"No workflows yet. Workflows created in n8n's editor appear here."</p> }.into_any()
                } else {
                    view! { <p>"No workflows on this page."</p> }.into_any()
                }
            }}
        </EmptyState>
    }
}
