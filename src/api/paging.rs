//! n8n's forward-only cursor paging, made two-way by remembering the cursors that led to a page.
//!
//! n8n answers `{"data": [...], "nextCursor": "<opaque>" | null}` and only goes forward. A [`Position`]
//! keeps the stack of cursors from the first page to the current one, so `Previous page` is a pop, and
//! the whole position fits in the console's query string (reload and shared links land on the same page).
//! A cursor carries its own limit, so any change of page size or filter starts again at page 1.

use std::future::Future;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::client::{Client, Transport};
use super::error::ApiError;
use super::query::Query;

/// The page sizes the console offers; n8n refuses a limit above 250.
pub const PAGE_SIZES: [u16; 5] = [10, 25, 50, 100, 250];
pub const DEFAULT_PAGE_SIZE: u16 = 25;
/// The largest page n8n serves; used when the console walks a whole collection.
pub const MAX_PAGE_SIZE: u16 = 250;

/// One page of a list endpoint.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(bound = "T: Deserialize<'de>")]
pub struct Page<T> {
    pub data: Vec<T>,
    #[serde(default, rename = "nextCursor")]
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// n8n sends `null` on the last page; an empty string is treated the same.
    pub fn next(&self) -> Option<&str> {
        self.next_cursor.as_deref().filter(|c| !c.is_empty())
    }
}

/// Where the viewer is in a paged list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub limit: u16,
    /// Cursors from page 2 up to the current page; empty on page 1.
    cursors: Vec<String>,
}

impl Default for Position {
    fn default() -> Self {
        Position::first(DEFAULT_PAGE_SIZE)
    }
}

impl Position {
    /// Page 1 with `limit` rows (an unsupported limit becomes the default).
    pub fn first(limit: u16) -> Self {
        let limit = if PAGE_SIZES.contains(&limit) {
            limit
        } else {
            DEFAULT_PAGE_SIZE
        };
        Position {
            limit,
            cursors: Vec::new(),
        }
    }

    pub fn page_number(&self) -> usize {
        self.cursors.len() + 1
    }

    /// The cursor to send for the current page (none on page 1).
    pub fn cursor(&self) -> Option<&str> {
        self.cursors.last().map(String::as_str)
    }

    pub fn has_previous(&self) -> bool {
        !self.cursors.is_empty()
    }

    /// The page after this one, reached through the `nextCursor` the current page answered.
    pub fn next(&self, next_cursor: &str) -> Position {
        let mut cursors = self.cursors.clone();
        cursors.push(next_cursor.to_string());
        Position {
            limit: self.limit,
            cursors,
        }
    }

    /// The page before this one; page 1 stays page 1.
    pub fn previous(&self) -> Position {
        let mut cursors = self.cursors.clone();
        cursors.pop();
        Position {
            limit: self.limit,
            cursors,
        }
    }

    /// Index of the first row of this page, counting from 1 (for "rows 26–50").
    /// Saturating: the cursors come from the URL, and a usize is 32 bits in wasm.
    pub fn first_row(&self) -> usize {
        self.cursors
            .len()
            .saturating_mul(usize::from(self.limit))
            .saturating_add(1)
    }

    /// `limit` and `cursor` for n8n's list endpoints.
    pub fn api_query(&self, query: Query) -> Query {
        query
            .push("limit", self.limit.to_string())
            .push_opt("cursor", self.cursor())
    }

    /// Writes the position into the console's own query string (`rows`, `after`); defaults are left out.
    pub fn to_url_query(&self, query: Query) -> Query {
        let query = if self.limit == DEFAULT_PAGE_SIZE {
            query
        } else {
            query.push("rows", self.limit.to_string())
        };
        if self.cursors.is_empty() {
            return query;
        }
        let joined = self
            .cursors
            .iter()
            .map(|c| escape_cursor(c))
            .collect::<Vec<_>>()
            .join(",");
        query.push("after", joined)
    }

    /// Reads what [`Position::to_url_query`] wrote; anything unreadable means page 1.
    pub fn from_url_query(query: &Query) -> Position {
        let limit = query
            .get("rows")
            .and_then(|r| r.parse().ok())
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let mut position = Position::first(limit);
        if let Some(after) = query.get("after").filter(|a| !a.is_empty()) {
            position.cursors = after
                .split(',')
                .map(unescape_cursor)
                .filter(|c| !c.is_empty())
                .collect();
        }
        position
    }
}

/// The most pages [`collect_all`] reads: 1,000 pages of 250 rows; a server that loops stops here.
const MAX_PAGES: usize = 1000;

/// Reads a whole collection by following `nextCursor` from the first page to the last.
/// `fetch` gets the cursor to send (none for the first page). Stops if a cursor repeats.
pub async fn collect_all<T, F, Fut>(fetch: F) -> Result<Vec<T>, ApiError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page<T>, ApiError>>,
{
    collect_all_reporting(fetch, |_| {}).await
}

/// [`collect_all`], telling `progress` how many items have arrived after each page.
pub async fn collect_all_reporting<T, F, Fut>(
    mut fetch: F,
    mut progress: impl FnMut(usize),
) -> Result<Vec<T>, ApiError>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<Page<T>, ApiError>>,
{
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..MAX_PAGES {
        let page = fetch(cursor.clone()).await?;
        let next = page.next().map(str::to_string);
        items.extend(page.data);
        progress(items.len());
        match next {
            Some(next) if seen.insert(next.clone()) => cursor = Some(next),
            _ => return Ok(items),
        }
    }
    Ok(items)
}

/// Every item of the list at `path` (narrowed by `query`), read in the largest pages n8n serves.
pub async fn read_all<T, Tr>(
    client: &Client<Tr>,
    path: &str,
    query: &Query,
) -> Result<Vec<T>, ApiError>
where
    T: DeserializeOwned,
    Tr: Transport,
{
    read_all_reporting(client, path, query, |_| {}).await
}

/// [`read_all`], telling `progress` how many items have arrived after each page.
pub async fn read_all_reporting<T, Tr>(
    client: &Client<Tr>,
    path: &str,
    query: &Query,
    progress: impl FnMut(usize),
) -> Result<Vec<T>, ApiError>
where
    T: DeserializeOwned,
    Tr: Transport,
{
    collect_all_reporting(
        |cursor| {
            let query = query
                .clone()
                .push("limit", MAX_PAGE_SIZE.to_string())
                .push_opt("cursor", cursor);
            async move { client.get::<Page<T>>(path, &query).await }
        },
        progress,
    )
    .await
}

/// Cursors are opaque: keep `,` (the separator) and `%` unambiguous inside the joined list.
fn escape_cursor(cursor: &str) -> String {
    cursor.replace('%', "%25").replace(',', "%2C")
}

fn unescape_cursor(cursor: &str) -> String {
    cursor.replace("%2C", ",").replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_and_back_is_a_stack() {
        let p1 = Position::first(10);
        assert_eq!(
            (p1.page_number(), p1.cursor(), p1.has_previous()),
            (1, None, false)
        );
        let p2 = p1.next("c2");
        let p3 = p2.next("c3");
        assert_eq!((p3.page_number(), p3.cursor()), (3, Some("c3")));
        assert_eq!(p3.first_row(), 21);
        assert_eq!(p3.previous(), p2);
        assert_eq!(p3.previous().previous(), p1);
        assert_eq!(p1.previous(), p1);
    }

    #[test]
    fn unsupported_limits_fall_back_to_the_default() {
        assert_eq!(Position::first(251).limit, DEFAULT_PAGE_SIZE);
        assert_eq!(Position::first(0).limit, DEFAULT_PAGE_SIZE);
        assert_eq!(Position::first(250).limit, 250);
    }

    #[test]
    fn api_query_sends_limit_and_cursor() {
        let p = Position::first(50).next("abc+/=");
        assert_eq!(
            p.api_query(Query::new()).encode(),
            "limit=50&cursor=abc%2B%2F%3D"
        );
        assert_eq!(
            Position::first(10).api_query(Query::new()).encode(),
            "limit=10"
        );
    }

    #[test]
    fn url_round_trip_keeps_every_cursor() {
        let weird = ["eyJsYXN0SWQiOjEyfQ==", "a,b", "100%", "x/y+z"];
        let mut p = Position::first(100);
        for c in weird {
            p = p.next(c);
        }
        let text = p.to_url_query(Query::new()).encode();
        let back = Position::from_url_query(&Query::parse(&text));
        assert_eq!(back, p);
        assert_eq!(back.page_number(), 5);
    }

    #[test]
    fn defaults_stay_out_of_the_url() {
        assert_eq!(Position::default().to_url_query(Query::new()).encode(), "");
        assert_eq!(
            Position::from_url_query(&Query::parse("rows=999&after=")),
            Position::default()
        );
    }

    #[test]
    fn collect_all_stops_on_null_and_on_a_repeated_cursor() {
        use crate::api::client::testing::run;
        let pages = std::cell::RefCell::new(vec![
            Page {
                data: vec![1, 2],
                next_cursor: Some("a".into()),
            },
            Page {
                data: vec![3],
                next_cursor: Some("b".into()),
            },
            Page {
                data: vec![4],
                next_cursor: None,
            },
        ]);
        let asked = std::cell::RefCell::new(Vec::new());
        let all = run(collect_all(|cursor| {
            asked.borrow_mut().push(cursor);
            let page = pages.borrow_mut().remove(0);
            async move { Ok(page) }
        }))
        .unwrap();
        assert_eq!(all, [1, 2, 3, 4]);
        assert_eq!(
            *asked.borrow(),
            [None, Some("a".to_string()), Some("b".to_string())]
        );

        let looping = run(collect_all(|_| async {
            Ok(Page {
                data: vec![0],
                next_cursor: Some("same".into()),
            })
        }))
        .unwrap();
        assert_eq!(looping.len(), 2);
    }

    #[test]
    fn page_decodes_null_and_missing_cursor() {
        let p: Page<u32> = serde_json::from_str(r#"{"data":[1,2],"nextCursor":null}"#).unwrap();
        assert_eq!(p.next(), None);
        let p: Page<u32> = serde_json::from_str(r#"{"data":[],"extra":1}"#).unwrap();
        assert_eq!(p.next(), None);
        let p: Page<u32> = serde_json::from_str(r#"{"data":[3],"nextCursor":"abc"}"#).unwrap();
        assert_eq!(p.next(), Some("abc"));
        assert!(serde_json::from_str::<Page<u32>>(r#"{"items":[]}"#).is_err());
    }
}
