//! `/tags`: the instance's tags with how many workflows carry each (asked per tag on screen, see
//! `tags::usage_of`); create, rename, delete. n8n's `/tags` cannot filter by name, so the filter box
//! is applied by the console (every match at once).

mod dialog;

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api::list_view::{filtered_page, ListView, TextFilter};
use crate::api::query::encode_component;
use crate::api::tags::{self, Tag};
use crate::components::Link;
use crate::components::{
    use_delete, use_list_page, use_loader, Ahead, ConfirmDialog, DataTable, ListEmpty, ListError,
    ListPager, PageTitle, RelativeTime, SearchBox,
};
use crate::format::quoted;
use dialog::TagDialog;

const COLUMNS: &[&str] = &["Name", "Workflows", "Created", "Updated", "Actions"];

/// Which dialog is open.
#[derive(Clone, Debug, PartialEq)]
enum Open {
    New,
    Rename(Tag),
    Delete(Tag),
}

#[component]
pub fn TagsPage() -> impl IntoView {
    let list = use_list_page(
        "/tags",
        Ahead::NextPage,
        |client, view: ListView<TextFilter>| async move {
            filtered_page(
                &view.filter,
                |t: &Tag| t.name.as_str(),
                tags::list(&client, &view.position),
                tags::list_all(&client),
            )
            .await
        },
    );
    let rows = list.rows;
    // Workflows per tag, for the tags on screen: each tag's own workflows, not every workflow.
    let usage = use_loader(
        move || rows.data.with(|p| p.as_ref().map(|p| p.data.clone())),
        |client, tags: Option<Vec<Tag>>| async move {
            match tags {
                Some(tags) => tags::usage_of(&client, tags).await,
                None => Ok(HashMap::new()),
            }
        },
    );
    // `Some(None)`: n8n cannot be asked for this tag (a comma in its name); `None`: still counting.
    let count_of = move |tag: &Tag| {
        if !tags::can_filter_by(&tag.name) {
            return Some(None);
        }
        if usage.busy.get() {
            return None;
        }
        usage.data.with(|u: &Option<HashMap<String, usize>>| {
            u.as_ref().and_then(|u| u.get(&tag.id).copied()).map(Some)
        })
    };
    let open = RwSignal::new(None::<Open>);
    let close = Callback::new(move |()| open.set(None));
    // The counts follow the rows: a write changes the tags on screen, and so recounts them.
    let changed = Callback::new(move |()| rows.reload());
    let delete = use_delete(
        |client, tag: Tag| async move { tags::delete(&client, &tag.id).await },
        |tag| format!("tag {}", quoted(&tag.name)),
        Callback::new(move |()| {
            open.set(None);
            changed.run(());
        }),
    );
    let confirm_delete = move |()| {
        if let Some(Open::Delete(tag)) = open.get_untracked() {
            delete.run(tag);
        }
    };

    view! {
        <div class="page-head">
            <PageTitle text="Tags" />
            <button type="button" class="button button-primary" on:click=move |_| open.set(Some(Open::New))>
                "New tag"
            </button>
        </div>
        <div class="filter-bar" role="search" aria-label="Filter tags">
            <SearchBox
                label="Filter tags"
                placeholder="Name contains…"
                value=Signal::derive(move || list.view.get().filter.text)
                on_search=Callback::new(move |text: String| list.set_filter(|f| f.text = text))
            />
        </div>
        <ListError list />
        <Show when=move || rows.error.with(Option::is_none)>
            <DataTable label="Tags" columns=COLUMNS busy=rows.busy loads=rows.loads loading=Signal::derive(move || rows.data.with(Option::is_none))>
                // Keyed: a reload keeps the rows (and the focus in them) that did not change.
                <For
                    each=move || rows.data.with(|p| p.as_ref().map(|p| p.data.clone()).unwrap_or_default())
                    key=|tag: &Tag| (tag.id.clone(), tag.name.clone(), tag.updated_at.clone())
                    children=move |tag: Tag| {
                                    let href = format!("/workflows?tag={}", encode_component(&tag.name));
                                    let counted = tag.clone();
                                    let (for_rename, for_delete) = (tag.clone(), tag.clone());
                                    let title = format!("Workflows tagged {}", tag.name);
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <Link href=href attr:title=title>{tag.name.clone()}</Link>
                                            </th>
                                            <td class="cell-number">
                                                {move || match count_of(&counted) {
                                                    None => "…".to_string(),
                                                    Some(None) => "—".to_string(),
                                                    Some(Some(n)) => n.to_string(),
                                                }}
                                            </td>
                                            <td><RelativeTime iso=tag.created_at.clone() /></td>
                                            <td><RelativeTime iso=tag.updated_at.clone() /></td>
                                            <td class="cell-actions">
                                                <button type="button" class="button button-small" on:click=move |_| open.set(Some(Open::Rename(for_rename.clone())))>
                                                    "Rename"
                                                </button>
                                                <button type="button" class="button button-small button-danger-quiet" on:click=move |_| open.set(Some(Open::Delete(for_delete.clone())))>
                                                    "Delete"
                                                </button>
                                            </td>
                                        </tr>
                                    }
                    }
                />
            </DataTable>
            <ListEmpty list noun="tags" hint="Create one with New tag, or in n8n's editor." />
        </Show>
        <ListPager list />
        {move || {
            open.get()
                .map(|which| match which {
                    Open::New => view! { <TagDialog tag=None on_close=close on_saved=changed /> }.into_any(),
                    Open::Rename(tag) => view! { <TagDialog tag=Some(tag) on_close=close on_saved=changed /> }.into_any(),
                    Open::Delete(tag) => {
                        let counted = tag.clone();
                        view! {
                            <ConfirmDialog
                                title=format!("Delete tag {}?", quoted(&tag.name))
                                confirm_label="Delete"
                                busy=delete.busy
                                on_confirm=Callback::new(confirm_delete)
                                on_cancel=close
                            >
                                <p>{move || carried_by(count_of(&counted))}</p>
                                <p>"n8n removes the tag from them; the workflows themselves stay as they are."</p>
                            </ConfirmDialog>
                        }
                            .into_any()
                    }
                })
        }}
    }
}

/// "2 workflows carry this tag", in words.
fn carried_by(count: Option<Option<usize>>) -> String {
    match count {
        None => "Counting the workflows that carry this tag…".into(),
        Some(None) => "n8n cannot count the workflows of a tag with a comma in its name.".into(),
        Some(Some(0)) => "No workflow carries this tag.".into(),
        Some(Some(1)) => "1 workflow carries this tag.".into(),
        Some(Some(n)) => format!("{n} workflows carry this tag."),
    }
}
