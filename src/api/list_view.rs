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
}
