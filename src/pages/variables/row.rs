//! One variable: key, value (long ones shortened, the whole on demand), type, and its actions.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Open;
use crate::api::variables::Variable;
use crate::browser::clipboard;
use crate::components::Toasts;

/// Values longer than this are shortened in the table.
const SHORT_VALUE: usize = 80;

#[component]
pub fn VariableRow(variable: Variable, on_action: Callback<Open>) -> impl IntoView {
    let toasts = Toasts::expect();
    let expanded = RwSignal::new(false);
    let long = variable.value.chars().count() > SHORT_VALUE;
    let short: String = variable.value.chars().take(SHORT_VALUE).collect();
    let full = StoredValue::new(variable.value.clone());
    let key = StoredValue::new(variable.key.clone());
    let copy = move |_| {
        let (value, key) = (full.get_value(), key.get_value());
        spawn_local(async move {
            if clipboard::copy(&value, None).await {
                toasts.success(format!("Copied the value of {key}"));
            } else {
                toasts.failure(
                    "The browser did not allow copying; use Show full value and select it.",
                );
            }
        });
    };
    let (for_edit, for_delete) = (variable.clone(), variable.clone());
    view! {
        <tr>
            <th scope="row"><code>{variable.key.clone()}</code></th>
            <td class="cell-value">
                <span class="value-text">
                    {move || if expanded.get() || !long { full.get_value() } else { format!("{short}…") }}
                </span>
                {long.then(|| view! {
                    <button type="button" class="button button-small button-quiet" aria-expanded=move || expanded.get().to_string() on:click=move |_| expanded.update(|e| *e = !*e)>
                        {move || if expanded.get() { "Hide" } else { "Show full value" }}
                    </button>
                })}
            </td>
            <td>{variable.value_type.clone()}</td>
            <td class="cell-actions">
                <button type="button" class="button button-small" on:click=copy>"Copy"</button>
                <button type="button" class="button button-small" on:click=move |_| on_action.run(Open::Edit(for_edit.clone()))>"Edit"</button>
                <button type="button" class="button button-small button-danger-quiet" on:click=move |_| on_action.run(Open::Delete(for_delete.clone()))>"Delete"</button>
            </td>
        </tr>
    }
}
