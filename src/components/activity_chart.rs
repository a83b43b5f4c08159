//! Executions per hour or day as stacked bars (success below, errors above, the rest on top),
//! drawn as inline SVG: no chart library. Each bar is an image with its numbers as its accessible
//! name, and `Show as table` opens the same numbers as a real table. Also the `Window` picker.

use leptos::prelude::*;

use crate::api::activity::{Activity, Tally, Window};
use crate::browser::time;
use crate::format;

/// The drawing's own units, integers (printing a float would pull core's float formatting into
/// the bundle): each bucket is `SLOT` wide, the drawing `HEIGHT` high; the SVG stretches to the
/// box it is given.
const SLOT: u64 = 30;
const BAR: u64 = 20;
const HEIGHT: u64 = 1000;

/// `3 successful, 1 failed, 4 in all`.
fn spoken(tally: &Tally) -> String {
    let mut parts = vec![
        format!("{} successful", tally.success),
        format!("{} failed", tally.error),
    ];
    if tally.running > 0 {
        parts.push(format!("{} running or waiting", tally.running));
    }
    if tally.other > 0 {
        parts.push(format!("{} other", tally.other));
    }
    parts.push(format!("{} in all", tally.total()));
    parts.join(", ")
}

#[component]
pub fn ActivityChart(activity: Activity, window: Window) -> impl IntoView {
    let hourly = window == Window::Day;
    let title = format!(
        "Executions per {}, {}",
        window.per(),
        window.label().to_lowercase()
    );
    let table_label = format!("Executions per {}", window.per());
    let n = activity.buckets.len().max(1) as u64;
    let width = n * SLOT;
    let highest = activity
        .buckets
        .iter()
        .map(Tally::total)
        .max()
        .unwrap_or(0)
        .max(1);
    // A count's height: to scale, and never less than one unit for a count above zero.
    let height = move |count: u32| {
        let h = u64::from(count) * HEIGHT / u64::from(highest);
        if count > 0 {
            h.max(4)
        } else {
            0
        }
    };
    let labels: Vec<(usize, String)> = (0..activity.buckets.len())
        .map(|i| (i, time::bucket_label(activity.bucket_start(i), hourly)))
        .collect();
    let bars = activity
        .buckets
        .iter()
        .enumerate()
        .map(|(i, tally)| {
            let from = &labels[i].1;
            let to = time::bucket_label(activity.bucket_end(i), hourly);
            let name = format!("{from} – {to}: {}", spoken(tally));
            let tooltip = name.clone();
            let left = i as u64 * SLOT;
            let x = left + (SLOT - BAR) / 2;
            // Stacked from the bottom: success, error, then running and other together.
            let mut top = HEIGHT;
            let mut rect = |count: u32, class: &'static str| {
                let h = height(count).min(top);
                top -= h;
                (count > 0).then(|| {
                    view! { <rect class=class x=x y=top width=BAR height=h /> }
                })
            };
            let success = rect(tally.success, "bar-success");
            let error = rect(tally.error, "bar-error");
            let rest = rect(tally.running.saturating_add(tally.other), "bar-other");
            view! {
                <g
                    class="chart-bar"
                    role="img"
                    aria-label=name
                    data-success=tally.success
                    data-error=tally.error
                    data-total=tally.total()
                    data-start=format::iso_of_millis(activity.bucket_start(i))
                >
                    <title>{tooltip}</title>
                    <rect class="bar-hit" x=left y=0 width=SLOT height=HEIGHT />
                    {success}
                    {error}
                    {rest}
                </g>
            }
        })
        .collect_view();
    // Axis labels under the drawing, in HTML so they keep their size in a narrow frame: one slot
    // per bucket (no inline style: the CSP forbids it), a label every sixth hour or every day.
    let every = if hourly { 6 } else { 1 };
    let axis = labels
        .iter()
        .map(|(i, label)| {
            let text = (i % every == 0).then(|| label.clone());
            view! { <span class="chart-axis-label">{text}</span> }
        })
        .collect_view();
    let rows = activity
        .buckets
        .iter()
        .enumerate()
        .map(|(i, tally)| {
            let from = labels[i].1.clone();
            let to = time::bucket_label(activity.bucket_end(i), hourly);
            view! {
                <tr>
                    <th scope="row">{format!("{from} – {to}")}</th>
                    <td class="cell-number">{tally.success}</td>
                    <td class="cell-number">{tally.error}</td>
                    <td class="cell-number">{tally.running.saturating_add(tally.other)}</td>
                </tr>
            }
        })
        .collect_view();
    let table_open = RwSignal::new(false);
    view! {
        <figure class="activity-chart">
            <div class="chart-frame">
                <span class="chart-max" aria-hidden="true">
                    {format!("{highest}")}
                </span>
                <svg
                    role="group"
                    aria-label=title.clone()
                    viewBox=format!("0 0 {width} {HEIGHT}")
                    preserveAspectRatio="none"
                    class="chart-svg"
                >
                    <line class="chart-base" x1=0 y1=HEIGHT x2=width y2=HEIGHT />
                    {bars}
                </svg>
                <div class="chart-axis" aria-hidden="true">
                    {axis}
                </div>
            </div>
            <figcaption>
                <span>{title}</span>
                <span class="chart-legend" aria-hidden="true">
                    <span class="legend-success">"Success"</span>
                    <span class="legend-error">"Error"</span>
                    <span class="legend-other">"Other"</span>
                </span>
                <button
                    type="button"
                    class="button button-small"
                    aria-expanded=move || table_open.get().to_string()
                    on:click=move |_| table_open.update(|open| *open = !*open)
                >
                    {move || if table_open.get() { "Hide table" } else { "Show as table" }}
                </button>
            </figcaption>
            <div class="table-scroll" hidden=move || !table_open.get()>
                <table class="data-table">
                    <caption class="visually-hidden">{table_label}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Time"</th>
                            <th scope="col">"Success"</th>
                            <th scope="col">"Error"</th>
                            <th scope="col">"Other"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </figure>
    }
}

/// The two windows as radio buttons (legend `Window`).
#[component]
pub fn WindowPicker(
    #[prop(into)] window: Signal<Window>,
    #[prop(into)] on_change: Callback<Window>,
) -> impl IntoView {
    let name = super::unique_id::unique_id("window");
    view! {
        <fieldset class="window-picker">
            <legend>"Window"</legend>
            {Window::ALL
                .iter()
                .map(|w| {
                    let w = *w;
                    view! {
                        <label>
                            <input
                                type="radio"
                                name=name.clone()
                                value=w.as_str()
                                prop:checked=move || window.get() == w
                                on:change=move |_| on_change.run(w)
                            />
                            {w.label()}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
