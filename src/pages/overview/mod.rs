//! `/overview` (what `/` opens): the shown instance at a glance for a window of 24 hours or 7 days:
//! tiles (workflows, executions, error rate, API keys near their end, version), executions per
//! hour or day as a chart, the workflows that failed most, and n8n's own insights where it has them.
//! Every number comes from `api::activity`'s count, which says how it counted.

mod failing;
mod tiles;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::activity::{self, Activity, Window};
use crate::api::insights;
use crate::api::workflows;
use crate::browser::time;
use crate::components::activity_chart::{ActivityChart, WindowPicker};
use crate::components::{use_loader, LoadError, PageTitle};
use crate::session::Session;
use failing::FailingWorkflows;
use tiles::Tiles;

/// The window the URL asks for (`?window=7d`; none is 24 hours), and a way to change it.
pub fn use_window(path: String) -> (Memo<Window>, Callback<Window>) {
    let query = use_query_map();
    let window = Memo::new(move |_| {
        query.with(|q| Window::parse(q.get("window").as_deref().unwrap_or_default()))
    });
    let navigate = use_navigate();
    let session = Session::expect();
    let choose = Callback::new(move |w: Window| {
        let route = match w {
            Window::Day => path.clone(),
            other => format!("{path}?window={}", other.as_str()),
        };
        navigate(
            &session.route(&route),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    (window, choose)
}

/// Counts executions (of one workflow, when given) over the span `span` makes of the key and the
/// moment the count starts, once the instance's capabilities are known (they say whether n8n can
/// filter by start time); `Ok(None)` until then, without a request. The one way the Overview, a
/// workflow's page and the Audit count executions.
pub fn use_activity<K>(
    key: impl Fn() -> K + Send + Sync + 'static,
    span: impl Fn(&K, i64) -> Activity + Clone + 'static,
    workflow_id: Option<String>,
) -> crate::components::Loader<Option<Activity>>
where
    K: PartialEq + Clone + Send + Sync + 'static,
{
    let session = Session::expect();
    let range = Memo::new(move |_| session.capabilities().map(|c| c.execution_date_range));
    use_loader(
        move || (key(), range.get()),
        move |client, (key, range)| {
            let workflow_id = workflow_id.clone();
            let span = span.clone();
            async move {
                match range {
                    None => Ok(None),
                    Some(range) => {
                        activity::read(&client, span(&key, time::now_millis()), workflow_id, range)
                            .await
                            .map(Some)
                    }
                }
            }
        },
    )
}

/// [`use_activity`] over the window, ending when the count starts.
pub fn use_window_activity(
    window: Memo<Window>,
    workflow_id: Option<String>,
    refreshes: RwSignal<u32>,
) -> crate::components::Loader<Option<Activity>> {
    use_activity(
        move || (window.get(), refreshes.get()),
        |(window, _): &(Window, u32), now| window.ending(now),
        workflow_id,
    )
}

/// The chart of a loaded count, or what is happening instead.
#[component]
pub fn ActivitySection(
    activity: crate::components::Loader<Option<Activity>>,
    window: Memo<Window>,
) -> impl IntoView {
    view! {
        <LoadError loader=activity />
        {move || match activity.data.get().flatten() {
            Some(counted) => {
                let counted_text = counted.how_counted();
                let cut = counted.cut_at.map(crate::format::iso_of_millis);
                view! {
                    <ActivityChart activity=counted window=window.get_untracked() />
                    <p class="counted muted">
                        {counted_text}
                        {cut.map(|iso| view! {
                            " "
                            <span>"Counted back to "</span>
                            <crate::components::RelativeTime iso=Some(iso) />
                            "."
                        })}
                    </p>
                }
                    .into_any()
            }
            None if activity.error.with(Option::is_none) => {
                view! { <p class="muted" aria-busy="true">"Counting executions…"</p> }.into_any()
            }
            None => ().into_any(),
        }}
    }
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let (window, choose) = use_window("/overview".to_string());
    let refreshes = RwSignal::new(0u32);
    let activity = use_window_activity(window, None, refreshes);
    let states = use_loader(
        move || refreshes.get(),
        |client, _| async move { workflows::states(&client).await },
    );
    let insights = use_loader(
        move || (window.get(), refreshes.get()),
        |client, (window, _)| async move {
            let now = time::now_millis();
            let span = window.ending(now);
            insights::summary(&client, span.start, now).await
        },
    );
    let busy = Signal::derive(move || activity.busy.get() || states.busy.get());
    view! {
        <PageTitle text="Overview" />
        <div class="page-toolbar">
            <WindowPicker window on_change=choose />
            <button
                type="button"
                class="button"
                aria-busy=move || busy.get().to_string()
                on:click=move |_| refreshes.update(|n| *n = n.wrapping_add(1))
            >
                "Refresh"
            </button>
        </div>
        <Tiles activity states window />
        <h2>{move || format!("Executions, {}", window.get().label().to_lowercase())}</h2>
        <ActivitySection activity window />
        <h2>"Failing workflows"</h2>
        <FailingWorkflows activity states />
        <h2>"n8n insights"</h2>
        <LoadError loader=insights />
        {move || {
            insights
                .data
                .get()
                .map(|answer| match answer {
                    None => {
                        view! {
                            <p class="muted">
                                "This n8n has no insights API (n8n 2.17.7 and later have one): the numbers above are the console's own count."
                            </p>
                        }
                            .into_any()
                    }
                    Some(figures) => {
                        view! {
                            <p class="muted">
                                {format!(
                                    "n8n's own figures for the {}, compacted from its executions by n8n (they can lag the count above, and leave out manual runs).",
                                    window.get_untracked().label().to_lowercase(),
                                )}
                            </p>
                            <dl class="facts">
                                {figures
                                    .rows()
                                    .into_iter()
                                    .map(|(label, value)| {
                                        view! {
                                            <div>
                                                <dt>{label}</dt>
                                                <dd>{value}</dd>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </dl>
                        }
                            .into_any()
                    }
                })
        }}
    }
}
