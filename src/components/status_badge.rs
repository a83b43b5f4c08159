//! A small coloured label for a state (Active / Inactive, success / error, ...).

use leptos::prelude::*;

/// The colour family of a badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Warn,
    Neutral,
}

#[component]
pub fn StatusBadge(text: String, tone: Tone) -> impl IntoView {
    let class = match tone {
        Tone::Good => "badge badge-good",
        Tone::Bad => "badge badge-bad",
        Tone::Warn => "badge badge-warn",
        Tone::Neutral => "badge",
    };
    view! { <span class=class>{text}</span> }
}
