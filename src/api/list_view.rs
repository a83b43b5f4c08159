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
}
