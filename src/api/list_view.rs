//! The state of any list page, as its URL holds it: a filter plus a paging position. Reload and
//! shared links show the same view; a changed filter starts again at page 1 (old cursors mean nothing).

use super::paging::Position;
use super::query::Query;

/// A filter that lives in the console's query string.
pub trait UrlFilter: Clone + PartialEq + Default {
    fn from_url_query(query: &Query) -> Self;
    fn to_url_query(&self, query: Query) -> Query;
    /// True when nothing narrows the list.
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// What a list page shows: which rows (`filter`) and where (`position`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListView<F> {
    pub filter: F,
    pub position: Position,
}

impl<F: UrlFilter> ListView<F> {
    /// Reads the view from a query string (with or without its `?`).
    pub fn from_search(search: &str) -> Self {
        let query = Query::parse(search);
        ListView {
            filter: F::from_url_query(&query),
            position: Position::from_url_query(&query),
        }
    }

    /// The page's URL for this view under `path` (`/workflows`, ...).
    pub fn href(&self, path: &str) -> String {
        let query = self
            .position
            .to_url_query(self.filter.to_url_query(Query::new()));
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{}", query.encode())
        }
    }

    /// The same view with a changed filter: back to page 1, same page size.
    pub fn with_filter(&self, change: impl FnOnce(&mut F)) -> Self {
        let mut filter = self.filter.clone();
        change(&mut filter);
        ListView {
            filter,
            position: Position::first(self.position.limit),
        }
    }

    /// The same filter at another position.
    pub fn at(&self, position: Position) -> Self {
        ListView {
            filter: self.filter.clone(),
            position,
        }
    }
}

/// A text filter applied by the console itself, for lists whose n8n endpoint cannot filter (tags,
/// variables). URL key `q`. While it is set, the page shows every match at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextFilter {
    pub text: String,
}

impl TextFilter {
    /// Case-insensitive substring match of `field`.
    pub fn matches(&self, field: &str) -> bool {
        let needle = self.text.trim().to_lowercase();
        needle.is_empty() || field.to_lowercase().contains(&needle)
    }
}

impl UrlFilter for TextFilter {
    fn from_url_query(query: &Query) -> Self {
        TextFilter {
            text: query.get("q").unwrap_or("").trim().to_string(),
        }
    }
    fn to_url_query(&self, query: Query) -> Query {
        let text = self.text.trim();
        query.push_opt("q", (!text.is_empty()).then(|| text.to_string()))
    }
    fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One page of a list that the console filters itself: without a filter, n8n's own page at
/// `position`; with one, every item that matches (fetched by `all`), as a single page.
pub async fn filtered_page<T, P, A>(
    filter: &TextFilter,
    field: impl Fn(&T) -> &str,
    page: P,
    all: A,
) -> Result<super::paging::Page<T>, super::error::ApiError>
where
    P: std::future::Future<Output = Result<super::paging::Page<T>, super::error::ApiError>>,
    A: std::future::Future<Output = Result<Vec<T>, super::error::ApiError>>,
{
    if filter.is_empty() {
        return page.await;
    }
    let data = all
        .await?
        .into_iter()
        .filter(|item| filter.matches(field(item)))
        .collect();
    Ok(super::paging::Page {
        data,
        next_cursor: None,
    })
}

/// What a console-side filter says about one row of a list n8n answers in a known order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Show it.
    Row,
    /// Leave it out, and read on.
    Skip,
    /// Leave it out; no later row can match either (the list is ordered), so stop reading.
    End,
}

/// Pages read while skipping rows, at most: a filter that matches nothing stops here.
const MAX_SKIPPED_PAGES: usize = 1000;

/// One page of a list that n8n cannot filter the way the console wants, in n8n's own paging:
/// `fetch(cursor)` reads n8n's page after `cursor` (none: the first). Rows `keep` skips are left out;
/// a page whose every row was skipped is not shown, the next one is read instead, so a page is empty
/// only at the end. Once `keep` answers `End`, there is no next page. The sibling of
/// [`filtered_page`], for lists too long to read whole.
pub async fn kept_page<T, F, Fut>(
    cursor: Option<String>,
    mut fetch: F,
    keep: impl Fn(&T) -> Keep,
) -> Result<super::paging::Page<T>, super::error::ApiError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<super::paging::Page<T>, super::error::ApiError>>,
{
    let mut cursor = cursor;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..MAX_SKIPPED_PAGES {
        let page = fetch(cursor.clone()).await?;
        let mut next = page.next().map(str::to_string);
        let mut data = Vec::new();
        for item in page.data {
            match keep(&item) {
                Keep::Row => data.push(item),
                Keep::Skip => {}
                Keep::End => {
                    next = None;
                    break;
                }
            }
        }
        match next {
            Some(n) if data.is_empty() && seen.insert(n.clone()) => cursor = Some(n),
            next => {
                return Ok(super::paging::Page {
                    data,
                    next_cursor: next,
                })
            }
        }
    }
    Ok(super::paging::Page {
        data: Vec::new(),
        next_cursor: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::executions::{ExecutionFilter, ExecutionStatus};
    use crate::api::workflows::WorkflowFilter;

    #[test]
    fn views_round_trip_through_their_url() {
        let view = ListView {
            filter: ExecutionFilter {
                status: Some(ExecutionStatus::Error),
                workflow_id: Some("W 1".into()),
                ..Default::default()
            },
            position: Position::first(250).next("MTIz").next("NDU2"),
        };
        let href = view.href("/executions");
        let search = href.split_once('?').unwrap().1;
        assert_eq!(ListView::<ExecutionFilter>::from_search(search), view);
        assert_eq!(
            ListView::<ExecutionFilter>::from_search(&format!("?{search}")),
            view
        );
        let first = ListView::<WorkflowFilter>::from_search("");
        assert_eq!(first.href("/workflows"), "/workflows");
        assert!(first.filter.is_empty());
    }

    #[test]
    fn a_filter_change_starts_at_page_one_with_the_same_size() {
        let view = ListView {
            filter: WorkflowFilter::default(),
            position: Position::first(50).next("c2"),
        };
        let narrowed = view.with_filter(|f| f.active = Some(true));
        assert_eq!(narrowed.position, Position::first(50));
        assert_eq!(narrowed.filter.active, Some(true));
        let moved = narrowed.at(narrowed.position.next("c9"));
        assert_eq!(
            (moved.position.page_number(), moved.filter.active),
            (2, Some(true))
        );
    }

    #[test]
    fn text_filters_round_trip_and_match() {
        let f = TextFilter {
            text: "Bill".into(),
        };
        let text = f.to_url_query(Query::new()).encode();
        assert_eq!(text, "q=Bill");
        assert_eq!(TextFilter::from_url_query(&Query::parse(&text)), f);
        assert!(f.matches("billing") && !f.matches("ops"));
        assert!(TextFilter::default().matches("anything"));
    }

    #[test]
    fn a_filtered_page_is_every_match_at_once() {
        use crate::api::client::testing::run;
        use crate::api::paging::Page;
        let all = || async { Ok(vec!["billing".to_string(), "ops".into(), "Bills".into()]) };
        let page = || async {
            Ok(Page {
                data: vec!["billing".to_string()],
                next_cursor: Some("c".into()),
            })
        };
        let f = TextFilter {
            text: "bill".into(),
        };
        let got = run(filtered_page(&f, |s: &String| s.as_str(), page(), all())).unwrap();
        assert_eq!(
            (got.data, got.next_cursor),
            (vec!["billing".to_string(), "Bills".into()], None)
        );
        let unfiltered = run(filtered_page(
            &TextFilter::default(),
            |s: &String| s.as_str(),
            page(),
            all(),
        ))
        .unwrap();
        assert_eq!(unfiltered.next_cursor.as_deref(), Some("c"));
    }

    #[test]
    fn a_kept_page_skips_empty_pages_and_stops_at_the_end_of_the_range() {
        use crate::api::client::testing::run;
        use crate::api::paging::Page;
        use std::cell::RefCell;
        // Newest first: 9..1 in pages of 3; keep 6..=3, so 9..7 are skipped, 2 ends the range.
        let asked = RefCell::new(Vec::new());
        let fetch = |cursor: Option<String>| {
            asked.borrow_mut().push(cursor.clone());
            let start: u32 = cursor.as_deref().map_or(9, |c| c.parse().unwrap());
            let data: Vec<u32> = (1..=start).rev().take(3).collect();
            let next = (start > 3).then(|| (start - 3).to_string());
            async move {
                Ok(Page {
                    data,
                    next_cursor: next,
                })
            }
        };
        let keep = |n: &u32| match n {
            7.. => Keep::Skip,
            3..=6 => Keep::Row,
            _ => Keep::End,
        };
        let first = run(kept_page(None, fetch, keep)).unwrap();
        assert_eq!(
            (first.data, first.next_cursor.as_deref()),
            (vec![6, 5, 4], Some("3"))
        );
        assert_eq!(*asked.borrow(), [None, Some("6".to_string())]);
        let second = run(kept_page(Some("3".into()), fetch, keep)).unwrap();
        assert_eq!((second.data, second.next_cursor), (vec![3], None));

        // Nothing matches: every page is read once, then an empty last page.
        let none = run(kept_page(None, fetch, |_| Keep::Skip)).unwrap();
        assert_eq!((none.data.len(), none.next_cursor), (0, None));
        // A server that answers the same cursor forever does not loop.
        let looping = run(kept_page(
            None,
            |_| async {
                Ok(Page {
                    data: vec![1],
                    next_cursor: Some("same".into()),
                })
            },
            |_| Keep::Skip,
        ))
        .unwrap();
        assert_eq!(looping.next_cursor.as_deref(), Some("same"));
    }
}
