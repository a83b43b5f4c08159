//! Choosing an API key's scopes: a checkbox per scope, named by the scope (`workflow:read`), grouped by
//! resource in fieldsets with a tri-state `Select all`; presets `Read only` and `Full access`, `Clear`,
//! a filter box and a live count. Everything is a native control, so it all works by keyboard.

use leptos::html;
use leptos::prelude::*;

use crate::api::scopes::{self, GroupState, ScopeGroup, Selection};

#[component]
pub fn ScopePicker(
    /// The scopes this user may grant, in n8n's order.
    #[prop(into)]
    available: Signal<Vec<String>>,
    selection: RwSignal<Selection>,
    /// True when this n8n does not enforce key scopes (1.x Community): the picker warns first.
    #[prop(optional, into)]
    unenforced: Signal<bool>,
) -> impl IntoView {
    let filter_text = RwSignal::new(String::new());
    let groups = Memo::new(move |_| scopes::group(&available.get()));
    let shown = Memo::new(move |_| scopes::filter(&groups.get(), &filter_text.get()));
    let count = move || {
        let all = available.get();
        let chosen = selection.with(|s| all.iter().filter(|x| s.contains(x)).count());
        format!("{chosen} of {} scopes selected", all.len())
    };
    view! {
        <div class="scope-picker">
            <Show when=move || unenforced.get()>
                <div class="notice notice-warn" role="note">
                    <p>
                        <strong>"This n8n does not enforce API key scopes."</strong>
                        " Its licence has no scoped keys, so any key it issues can read and change everything the user can, whatever you select here."
                    </p>
                </div>
            </Show>
            <div class="scope-tools">
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| selection.set(Selection::read_only(&available.get_untracked()))
                >
                    "Read only"
                </button>
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| selection.set(Selection::full_access(&available.get_untracked()))
                >
                    "Full access"
                </button>
                <button type="button" class="button button-small" on:click=move |_| selection.set(Selection::default())>
                    "Clear"
                </button>
                <label class="field field-inline scope-filter">
                    <span>"Filter scopes"</span>
                    <input
                        type="text"
                        autocomplete="off"
                        placeholder="e.g. workflow or :read"
                        prop:value=move || filter_text.get()
                        on:input=move |ev| filter_text.set(event_target_value(&ev))
                    />
                </label>
                <span class="scope-count" aria-live="polite">{count}</span>
            </div>
            <div class="scope-groups">
                <For each=move || shown.get() key=|g| (g.resource.clone(), g.scopes.len()) let:group>
                    <ScopeFieldset group selection />
                </For>
                <Show when=move || shown.with(Vec::is_empty) && groups.with(|g| !g.is_empty())>
                    <p class="muted">"No scope matches that filter."</p>
                </Show>
            </div>
        </div>
    }
}

#[component]
fn ScopeFieldset(group: ScopeGroup, selection: RwSignal<Selection>) -> impl IntoView {
    let select_all = NodeRef::<html::Input>::new();
    let whole = StoredValue::new(group.clone());
    let state = Memo::new(move |_| selection.with(|s| whole.with_value(|g| s.group_state(g))));
    // `indeterminate` is a property only, never an attribute: set it whenever the state changes.
    Effect::new(move |_| {
        let partly = state.get() == GroupState::Some;
        if let Some(input) = select_all.get() {
            input.set_indeterminate(partly);
        }
    });
    view! {
        <fieldset class="scope-group">
            <legend>{group.resource.clone()}</legend>
            <label class="scope-all">
                <input
                    type="checkbox"
                    node_ref=select_all
                    prop:checked=move || state.get() == GroupState::All
                    on:change=move |_| selection.update(|s| whole.with_value(|g| s.toggle_group(g)))
                />
                <span>"Select all"</span>
            </label>
            {group
                .scopes
                .into_iter()
                .map(|scope| {
                    let name = scope.clone();
                    let checked = {
                        let scope = scope.clone();
                        move || selection.with(|s| s.contains(&scope))
                    };
                    view! {
                        <label class="scope">
                            <input
                                type="checkbox"
                                prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    selection.update(|s| s.set(&name, on));
                                }
                            />
                            <span>{scope}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
