//! Property tests for issue 10, "no panic on any input": whatever a server answers (arbitrary
//! bytes, arbitrary JSON, JSON with the right field names and wrong or absurd contents) and
//! whatever a URL holds, the plain-Rust layer answers a value, an error or a fallback, never a
//! panic (in the browser, `panic = "abort"` kills the whole app). Covers every response decoder
//! (directly through `decode_text` and through every API call over a scripted transport), what the
//! pages run on the decoded values, `format`, the query-string parser and the list pages' URL
//! state, `portal` and `base_path`, and moving workflows between instances (compare, diff, the
//! promotion plan and bodies, backups).
//!
//! Cases per property: `PROPTEST_CASES` when set (`make fuzz`), else the default of each block
//! below, chosen so this file runs in well under a minute in a debug build on two cores.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{Map, Number, Value};

use n8n_console::api::api_keys::{
    self, ApiKeyInfo, CreatedApiKey, Expiry, ExpiryState, KeyOwner, KeyStore, NewKey, Ownership,
    Wrapped,
};
use n8n_console::api::capabilities::{self, Capabilities, EditorSettings, Probes, Version};
use n8n_console::api::client::{decode, decode_text, is_sendable_header_value, normalize_base_url};
use n8n_console::api::de::Count;
use n8n_console::api::executions::{
    self, Execution, ExecutionData, ExecutionFilter, ExecutionMode, ExecutionStatus, RunError,
    TaskRun,
};
use n8n_console::api::list_view::{
    filtered_page, kept_page, Keep, ListView, TextFilter, UrlFilter,
};
use n8n_console::api::paging::{self, Page, Position, PAGE_SIZES};
use n8n_console::api::query::{decode_component, encode_component};
use n8n_console::api::retry::{self, RetryReason};
use n8n_console::api::scopes::{self, Selection};
use n8n_console::api::tags::{self, Tag};
use n8n_console::api::variables::{self, Variable};
use n8n_console::api::workflows::{self, Node, Workflow, WorkflowFilter, WorkflowName};
use n8n_console::api::{activity, audit, changes, insights, users};
use n8n_console::api::{backup, compare, diff, promote};
use n8n_console::api::{ApiError, ApiKey, Client, Connection, Query, Request, Response, Transport};
use n8n_console::{base_path, format, instances, portal};

/// The cases of each property: `PROPTEST_CASES` when set, else `default`. Failures are not written
/// to a regressions file: each one found becomes a unit test beside the code it fixed.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Every field name the console's models read, so arbitrary JSON often lands on a real field.
const FIELDS: &[&str] = &[
    "id",
    "name",
    "active",
    "isArchived",
    "activeVersionId",
    "createdAt",
    "updatedAt",
    "tags",
    "nodes",
    "type",
    "disabled",
    "data",
    "nextCursor",
    "status",
    "mode",
    "finished",
    "startedAt",
    "stoppedAt",
    "workflowId",
    "retryOf",
    "retrySuccessId",
    "resultData",
    "runData",
    "error",
    "lastNodeExecuted",
    "executionIndex",
    "startTime",
    "executionTime",
    "executionStatus",
    "source",
    "main",
    "previousNode",
    "previousNodeOutput",
    "previousNodeRun",
    "message",
    "description",
    "stack",
    "key",
    "value",
    "label",
    "apiKey",
    "scopes",
    "expiresAt",
    "lastUsedAt",
    "userId",
    "owner",
    "firstName",
    "lastName",
    "email",
    "rawApiKey",
    "items",
    "counts",
    "all",
    "stopped",
    "versionCli",
    "enterprise",
    "apiKeyScopes",
    "portalOrigins",
    "baseUrl",
    "connections",
    "settings",
    "staticData",
    "pinData",
];

/// Strings that have broken parsers before: multi-byte characters where a byte index would cut,
/// signs and digits where a number is read, percent escapes, dates at and beyond their limits.
const AWKWARD_TEXT: &[&str] = &[
    "",
    " ",
    "é",
    "😀",
    "\u{0}",
    "\u{feff}",
    "%",
    "%%",
    "%2",
    "%zz",
    "%C3",
    "%C3%28",
    "%FF%FE",
    "%ED%A0%80",
    "+",
    "-",
    "--",
    "+-",
    ":",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "1e400",
    "NaN",
    "2026-11-22T10:00:00.120Z",
    "2026-11-22T10:00:00+02:00",
    "2026-11-22T10:00:00-9999",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:60.999-23:59",
    "2026-01-01T-9223372036854775808:00Z",
    "2026-01-01T00:-9223372036854775808Z",
    "2026-01-01T00:00:-9223372036854775808Z",
    "2026-02-31T24:60:61Z",
    "2026-01-01T10:00+1é2",
    "2026-01-01T10:00+😀",
    "2026-01-01 10:00:00.😀Z",
    "1.123.81",
    "v2.41.1-rc.1",
    "4294967296.0.0",
    "https://a.example:443/",
    "HTTPS://[::1]:8443",
    "http://",
    "feat:variables license",
    "workflow:read",
    ":",
    "a:b:c",
    "******",
];

/// Numbers at the edges: huge, negative, fractional, beyond `i64` and `f64`'s integer range.
fn edge_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(vec![
            i64::MIN as f64,
            i64::MAX as f64,
            u64::MAX as f64,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -0.0,
            0.5,
            -1.5,
            1e20,
            -1e20,
            9_007_199_254_740_993.0,
            8.64e15,
            -8.64e15,
        ])
        .prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![0i64, 1, -1, 2, i64::MIN, i64::MAX, 86_400, -86_400])
            .prop_map(Value::from),
    ]
}

/// An ISO 8601 timestamp's shape with each part drawn from valid values, garbage and extremes.
fn iso_like() -> impl Strategy<Value = String> {
    let part = || {
        prop_oneof![
            4 => (0i64..100).prop_map(|n| format!("{n:02}")),
            1 => any::<i64>().prop_map(|n| n.to_string()),
            1 => "[0-9+\\-:.é😀]{0,4}",
        ]
    };
    let year = prop_oneof![
        3 => (1i64..=9999).prop_map(|y| format!("{y:04}")),
        1 => any::<i64>().prop_map(|y| y.to_string()),
        1 => "[0-9\\-]{0,6}",
    ];
    let zone = prop_oneof![
        Just(String::new()),
        Just("Z".to_string()),
        ("[+\\-]", part(), ":?", part()).prop_map(|(s, h, c, m)| format!("{s}{h}{c}{m}")),
        "[+\\-Zz:0-9é😀]{0,6}",
    ];
    let fraction = prop_oneof![Just(String::new()), "\\.[0-9]{0,12}", "\\.[0-9a-zé😀]{0,3}",];
    (
        year,
        part(),
        part(),
        "[T t]",
        part(),
        part(),
        prop::option::of(part()),
        fraction,
        zone,
    )
        .prop_map(|(y, mo, d, t, h, mi, s, f, z)| {
            let seconds = s.map(|s| format!(":{s}")).unwrap_or_default();
            format!("{y}-{mo}-{d}{t}{h}:{mi}{seconds}{f}{z}")
        })
}

/// Text as servers and URLs hold it: any Unicode, the awkward list, dates, ids, scopes.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => prop::sample::select(AWKWARD_TEXT).prop_map(str::to_string),
        2 => iso_like(),
        1 => "[a-z]{1,8}:[a-zA-Z]{1,8}",
        1 => "[a-zA-Z0-9 ._-]{0,12}",
        1 => prop::collection::vec(any::<u8>(), 0..16)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(FIELDS).prop_map(str::to_string),
        1 => text(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => edge_number(),
        3 => text().prop_map(Value::String),
    ]
}

/// Arbitrary JSON, a few levels deep, its object keys mostly the models' field names.
fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// A field's value: mostly one of the right type (`right`), sometimes anything at all.
fn or_any(right: impl Strategy<Value = Value> + 'static) -> BoxedStrategy<Value> {
    prop_oneof![4 => right, 1 => json()].boxed()
}

fn id_value() -> BoxedStrategy<Value> {
    or_any(prop_oneof![
        text().prop_map(Value::String),
        edge_number(),
        "[0-9]{1,20}".prop_map(Value::String),
    ])
}

fn string_value() -> BoxedStrategy<Value> {
    or_any(prop_oneof![
        text().prop_map(Value::String),
        Just(Value::Null)
    ])
}

fn date_value() -> BoxedStrategy<Value> {
    or_any(prop_oneof![
        3 => iso_like().prop_map(Value::String),
        1 => Just(Value::Null),
        1 => (-62_135_596_800_000i64..=253_402_300_799_999)
            .prop_map(|ms| Value::String(format::iso_of_millis(ms))),
    ])
}

fn bool_value() -> BoxedStrategy<Value> {
    or_any(prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null)
    ])
}

fn number_value() -> BoxedStrategy<Value> {
    or_any(prop_oneof![edge_number(), Just(Value::Null)])
}

fn list_of(item: BoxedStrategy<Value>, max: usize) -> BoxedStrategy<Value> {
    or_any(prop_oneof![
        4 => prop::collection::vec(item, 0..max).prop_map(Value::Array),
        1 => Just(Value::Null),
    ])
}

/// An object holding some of `fields` (each with its own generator) and perhaps a stray one.
fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    let present: Vec<_> = fields
        .into_iter()
        .map(|(name, value)| prop::option::weighted(0.8, value).prop_map(move |v| (name, v)))
        .collect();
    (present, prop::option::weighted(0.2, (key(), json())))
        .prop_map(|(fields, stray)| {
            let mut map = Map::new();
            for (name, value) in fields {
                if let Some(value) = value {
                    map.insert(name.to_string(), value);
                }
            }
            if let Some((name, value)) = stray {
                map.insert(name, value);
            }
            Value::Object(map)
        })
        .boxed()
}

/// n8n's `{"data": [...], "nextCursor": ...}` around `item`.
fn page_of(item: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    object(vec![
        ("data", list_of(item, 5)),
        ("nextCursor", string_value()),
    ])
}

/// Real n8n's `{"data": ...}` around `inner`, or `inner` bare (the seeds' contract).
fn maybe_wrapped(inner: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![
        inner.clone(),
        inner.prop_map(|v| serde_json::json!({ "data": v })),
    ]
    .boxed()
}

fn tag_json() -> BoxedStrategy<Value> {
    object(vec![
        ("id", id_value()),
        ("name", string_value()),
        ("createdAt", date_value()),
        ("updatedAt", date_value()),
    ])
}

fn node_json() -> BoxedStrategy<Value> {
    object(vec![
        ("name", string_value()),
        ("type", string_value()),
        ("disabled", bool_value()),
    ])
}

fn workflow_json() -> BoxedStrategy<Value> {
    object(vec![
        ("id", id_value()),
        ("name", string_value()),
        ("active", bool_value()),
        ("isArchived", bool_value()),
        ("activeVersionId", string_value()),
        ("createdAt", date_value()),
        ("updatedAt", date_value()),
        ("tags", list_of(tag_json(), 4)),
        ("nodes", list_of(node_json(), 4)),
        ("connections", json().boxed()),
        ("settings", json().boxed()),
        ("staticData", json().boxed()),
        ("pinData", json().boxed()),
    ])
}

/// A node as moving workflows between instances reads it: parameters and credentials of any shape.
fn moving_node_json() -> BoxedStrategy<Value> {
    object(vec![
        ("id", id_value()),
        ("name", string_value()),
        ("type", string_value()),
        ("position", json().boxed()),
        ("webhookId", string_value()),
        ("parameters", json().boxed()),
        ("credentials", json().boxed()),
    ])
}

fn moving_workflow_json() -> BoxedStrategy<Value> {
    object(vec![
        ("id", id_value()),
        ("name", string_value()),
        ("active", bool_value()),
        ("isArchived", bool_value()),
        ("tags", list_of(tag_json(), 3)),
        ("nodes", list_of(moving_node_json(), 4)),
        ("connections", json().boxed()),
        ("settings", json().boxed()),
    ])
}

fn status_value() -> BoxedStrategy<Value> {
    let known: Vec<&str> = ExecutionStatus::KNOWN.iter().map(|s| s.as_str()).collect();
    or_any(prop_oneof![
        prop::sample::select(known).prop_map(|s| Value::String(s.to_string())),
        text().prop_map(Value::String),
    ])
}

fn mode_value() -> BoxedStrategy<Value> {
    let known: Vec<&str> = ExecutionMode::KNOWN.iter().map(|s| s.as_str()).collect();
    or_any(prop_oneof![
        prop::sample::select(known).prop_map(|s| Value::String(s.to_string())),
        text().prop_map(Value::String),
        Just(Value::Null),
    ])
}

/// A small set of node names, so sources point at nodes that exist (and at ones that do not).
fn node_name() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::sample::select(vec!["Webhook", "Set", "If", "é😀"]).prop_map(str::to_string),
        1 => text(),
    ]
    .boxed()
}

fn run_error_json() -> BoxedStrategy<Value> {
    or_any(object(vec![
        ("message", string_value()),
        ("description", string_value()),
        ("stack", string_value()),
    ]))
}

fn task_run_json() -> BoxedStrategy<Value> {
    let source = or_any(prop_oneof![
        1 => Just(Value::Null),
        4 => object(vec![
            ("previousNode", or_any(node_name().prop_map(Value::String))),
            ("previousNodeOutput", number_value()),
            ("previousNodeRun", number_value()),
        ]),
    ]);
    let items = or_any(prop_oneof![
        4 => prop::collection::vec(json(), 0..4).prop_map(Value::Array),
        1 => Just(Value::Null),
    ]);
    object(vec![
        ("executionIndex", number_value()),
        ("startTime", number_value()),
        ("executionTime", number_value()),
        ("executionStatus", status_value()),
        ("source", list_of(source, 4)),
        ("data", or_any(object(vec![("main", list_of(items, 3))]))),
        ("error", run_error_json()),
    ])
}

fn execution_data_json() -> BoxedStrategy<Value> {
    let run_data = or_any(
        prop::collection::vec((node_name(), list_of(task_run_json(), 3)), 0..5)
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
    );
    or_any(object(vec![(
        "resultData",
        or_any(object(vec![
            ("runData", run_data),
            ("error", run_error_json()),
            ("lastNodeExecuted", string_value()),
        ])),
    )]))
}

fn execution_json() -> BoxedStrategy<Value> {
    object(vec![
        ("id", id_value()),
        ("workflowId", id_value()),
        ("status", status_value()),
        ("mode", mode_value()),
        ("finished", bool_value()),
        ("startedAt", date_value()),
        ("stoppedAt", date_value()),
        ("retryOf", id_value()),
        ("retrySuccessId", id_value()),
        ("data", execution_data_json()),
    ])
}

fn variable_json() -> BoxedStrategy<Value> {
    object(vec![
        ("id", id_value()),
        ("key", string_value()),
        ("value", string_value()),
        ("type", string_value()),
    ])
}

fn scope_value() -> BoxedStrategy<Value> {
    or_any(prop_oneof![
        "[a-zA-Z]{1,8}:(read|list|export|create|[a-zA-Z]{1,6})".prop_map(Value::String),
        text().prop_map(Value::String),
    ])
}

fn api_key_json() -> BoxedStrategy<Value> {
    object(vec![
        ("id", id_value()),
        ("label", string_value()),
        ("apiKey", string_value()),
        ("scopes", list_of(scope_value(), 6)),
        ("createdAt", date_value()),
        ("updatedAt", date_value()),
        ("expiresAt", number_value()),
        ("lastUsedAt", date_value()),
        ("userId", id_value()),
        (
            "owner",
            or_any(object(vec![
                ("id", id_value()),
                ("firstName", string_value()),
                ("lastName", string_value()),
                ("email", string_value()),
            ])),
        ),
        ("rawApiKey", string_value()),
    ])
}

/// Both shapes of n8n's key listing: a plain array, or `{items, counts}` (2.27.5+).
fn key_listing_json() -> BoxedStrategy<Value> {
    maybe_wrapped(
        prop_oneof![
            list_of(api_key_json(), 5),
            object(vec![
                ("items", list_of(api_key_json(), 5)),
                ("counts", or_any(object(vec![("all", number_value())]))),
            ]),
        ]
        .boxed(),
    )
}

fn settings_json() -> BoxedStrategy<Value> {
    let version = or_any(prop_oneof![
        (any::<u32>(), any::<u32>(), any::<u32>())
            .prop_map(|(a, b, c)| Value::String(format!("{a}.{b}.{c}"))),
        "v?[0-9]{1,3}\\.[0-9]{1,3}(\\.[0-9]{1,3})?(-rc\\.1)?".prop_map(Value::String),
        text().prop_map(Value::String),
    ]);
    object(vec![(
        "data",
        or_any(object(vec![
            ("versionCli", version),
            (
                "enterprise",
                or_any(object(vec![("apiKeyScopes", bool_value())])),
            ),
        ])),
    )])
}

/// Any structurally plausible answer of any endpoint, or arbitrary JSON.
fn plausible_json() -> BoxedStrategy<Value> {
    prop_oneof![
        page_of(workflow_json()),
        workflow_json(),
        page_of(execution_json()),
        execution_json(),
        page_of(tag_json()),
        tag_json(),
        page_of(variable_json()),
        key_listing_json(),
        maybe_wrapped(api_key_json()),
        maybe_wrapped(list_of(scope_value(), 8)),
        settings_json(),
        object(vec![
            ("stopped", number_value()),
            ("status", status_value())
        ]),
        object(vec![("message", string_value())]),
        json().boxed(),
    ]
    .boxed()
}

/// A response body: plausible JSON as text, that text cut or garbled, or arbitrary bytes.
fn body() -> BoxedStrategy<String> {
    let json_text = plausible_json().prop_map(|v| v.to_string());
    prop_oneof![
        4 => json_text.clone(),
        1 => (json_text.clone(), any::<prop::sample::Index>()).prop_map(|(t, at)| {
            let cut = at.index(t.len() + 1);
            String::from_utf8_lossy(&t.as_bytes()[..cut]).into_owned()
        }),
        1 => (json_text, any::<prop::sample::Index>(), text()).prop_map(|(t, at, insert)| {
            let mut bytes = t.into_bytes();
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, insert.into_bytes());
            String::from_utf8_lossy(&bytes).into_owned()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..64)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => prop::sample::select(vec![
            "", " ", "null", "[]", "{}", "<html>", "\u{feff}{}", "1e400", "[[[[[[[[[[[[",
        ])
        .prop_map(str::to_string),
    ]
    .boxed()
}

fn response() -> impl Strategy<Value = Response> {
    let status = prop_oneof![
        6 => prop::sample::select(vec![200u16, 201, 204]),
        3 => prop::sample::select(vec![400u16, 401, 403, 404, 405, 409, 429, 500, 502, 503]),
        1 => any::<u16>(),
    ];
    let content_type = prop_oneof![
        6 => Just("application/json; charset=utf-8".to_string()),
        1 => Just("text/html".to_string()),
        1 => Just(String::new()),
        1 => text(),
    ];
    // Retry-After as servers send it, and as they should not.
    let retry_after = prop::option::of(prop_oneof![
        Just("2".to_string()),
        Just("Wed, 21 Oct 2015 07:28:00 GMT".to_string()),
        text(),
    ]);
    (status, content_type, retry_after, body()).prop_map(
        |(status, content_type, retry_after, body)| Response {
            status,
            content_type,
            retry_after,
            body,
        },
    )
}

/// What the transport answers, request after request; `None` is "no answer" (network).
fn script() -> impl Strategy<Value = Vec<Option<Response>>> {
    prop::collection::vec(prop::option::weighted(0.95, response()), 1..6)
}

fn status_filter() -> impl Strategy<Value = ExecutionFilter> {
    (
        prop::option::of(text().prop_map(|s| ExecutionStatus::parse(&s))),
        prop::option::of(text()),
        prop::option::of(any::<i64>()),
        prop::option::of(any::<i64>()),
    )
        .prop_map(
            |(status, workflow_id, started_after, started_before)| ExecutionFilter {
                status,
                workflow_id,
                started_after,
                started_before,
            },
        )
}

fn position() -> impl Strategy<Value = Position> {
    (
        prop_oneof![prop::sample::select(PAGE_SIZES.to_vec()), any::<u16>()],
        prop::collection::vec(text(), 0..4),
    )
        .prop_map(|(limit, cursors)| {
            cursors
                .iter()
                .fold(Position::first(limit), |p, c| p.next(c))
        })
}

/// Query strings heavy in what a hand-edited or truncated URL holds.
fn query_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        prop::sample::select(vec![
            "rows",
            "after",
            "status",
            "workflow",
            "startedAfter",
            "startedBefore",
            "q",
            "tag",
            "archived",
        ])
        .prop_map(str::to_string),
        text(),
    ];
    let value = prop_oneof![
        text(),
        iso_like(),
        "(%[0-9A-Fa-f]{0,2}|%[89A-Fa-f][0-9A-Fa-f]|[,+&=?a-z€])*",
        any::<u64>().prop_map(|n| n.to_string()),
    ];
    prop_oneof![
        3 => prop::collection::vec((key, value, "[=]?"), 0..6).prop_map(|pairs| {
            let parts: Vec<String> = pairs
                .into_iter()
                .map(|(k, v, eq)| format!("{}{eq}{v}", encode_component(&k)))
                .collect();
            format!("?{}", parts.join("&"))
        }),
        1 => text(),
    ]
}

// ---------------------------------------------------------------------------------------------
// Running the API layer against a scripted server
// ---------------------------------------------------------------------------------------------

/// A transport that answers from a script, then fails as a network would.
struct Scripted(RefCell<VecDeque<Option<Response>>>);

impl Scripted {
    fn new(script: &[Option<Response>]) -> Self {
        Scripted(RefCell::new(script.iter().cloned().collect()))
    }
}

impl Transport for &Scripted {
    async fn send(&self, _request: Request) -> Result<Response, ApiError> {
        match self.0.borrow_mut().pop_front() {
            Some(Some(response)) => Ok(response),
            _ => Err(ApiError::Network("no answer".into())),
        }
    }

    async fn pause(&self, _millis: u32, _why: RetryReason) {}

    fn now_secs(&self) -> f64 {
        1_700_000_000.0
    }

    fn jitter(&self) -> f64 {
        0.5
    }
}

fn client(transport: &Scripted) -> Client<&Scripted> {
    let key = ApiKey::new("n8n-console-test-key").expect("a key");
    Client::new(transport, Connection::new("", key).expect("a connection"))
}

/// Runs a future that never waits (the scripted transport answers at once).
fn run<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the scripted transport never waits"),
    }
}

/// Calls `call` with a client whose server answers `script`; an error must have words for the
/// admin.
fn against<R>(
    script: &[Option<Response>],
    call: impl AsyncFnOnce(&Client<&Scripted>) -> Result<R, ApiError>,
) -> Option<R> {
    let transport = Scripted::new(script);
    let client = client(&transport);
    match run(call(&client)) {
        Ok(value) => Some(value),
        Err(error) => {
            assert!(!error.to_string().is_empty(), "{error:?}");
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What the pages run on decoded values, with the properties their output must have
// ---------------------------------------------------------------------------------------------

fn shown_duration(millis: i64) -> String {
    let text = format::duration(millis);
    assert!(
        !text.is_empty() && !text.starts_with('-'),
        "{millis}: {text}"
    );
    text
}

fn check_workflow(w: &Workflow) {
    let shown = WorkflowFilter::default().shows(w);
    assert_eq!(shown, !w.is_archived);
    let _ = w.published();
    let _ = format::slug(&w.name);
    if let (Some(a), Some(b)) = (&w.created_at, &w.updated_at) {
        if let Some(ms) = format::millis_between(a, b) {
            shown_duration(ms);
        }
    }
    for tag in &w.tags {
        check_tag(tag);
    }
}

fn check_tag(tag: &Tag) {
    let _ = tags::check_name(&tag.name, std::slice::from_ref(tag), Some(&tag.id));
    assert!(TextFilter::default().matches(&tag.name));
}

fn check_variable(v: &Variable) {
    let _ = variables::check_key(&v.key);
    let _ = variables::check_value(&v.value);
}

fn check_execution(e: &Execution, capabilities: &Capabilities) {
    let _ = (e.can_retry(), e.can_stop());
    assert_eq!(ExecutionStatus::parse(e.status.as_str()), e.status);
    let _ = executions::filterable(&e.status, Some(capabilities));
    if let (Some(a), Some(b)) = (&e.started_at, &e.stopped_at) {
        if let Some(ms) = format::millis_between(a, b) {
            assert!(ms >= 0);
            shown_duration(ms);
        }
    }
    if let Some(data) = &e.data {
        check_execution_data(data);
    }
}

fn check_execution_data(data: &ExecutionData) {
    let nodes = data.node_summaries();
    assert_eq!(nodes.len(), data.result_data.run_data.len());
    for node in &nodes {
        assert_eq!(node.runs, data.result_data.run_data[&node.name].len());
        // As the detail page shows it.
        shown_duration(node.duration_ms.round() as i64);
        let _ = node.error.as_ref().map(|e| e.message.len());
    }
}

fn check_keys(keys: &[ApiKeyInfo], now: i64) {
    let mut sorted = keys.to_vec();
    api_keys::sort_by_expiry(&mut sorted);
    let order: Vec<i64> = sorted
        .iter()
        .map(|k| k.expires_at.unwrap_or(i64::MAX))
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    let key = ApiKey::new("n8n-console-test-key").expect("a key");
    for k in keys {
        assert!(!ExpiryState::of(k.expires_at, now).label().is_empty());
        let _ = api_keys::is_same_key(k, &key);
        let _ = api_keys::check_label(&k.label, keys, Some(&k.id));
        let _ = api_keys::rotated_label(&k.label, "2026-12-01");
        let _ = k.owner.as_ref().map(KeyOwner::name);
        check_scopes(&k.scopes, &k.scopes);
    }
}

fn check_scopes(scopes: &[String], available: &[String]) {
    assert!(!scopes::summary(scopes, available).is_empty());
    let groups = scopes::group(available);
    let grouped: usize = groups.iter().map(|g| g.scopes.len()).sum();
    let distinct: std::collections::BTreeSet<&String> = available.iter().collect();
    assert_eq!(grouped, distinct.len());
    assert_eq!(scopes::filter(&groups, ""), groups);
    let mut selection = Selection::from_scopes(scopes);
    for group in &groups {
        selection.toggle_group(group);
        let _ = selection.group_state(group);
    }
    let _ = scopes::filter(&groups, scopes.first().map_or("", String::as_str));
    let _ = Selection::read_only(available).to_vec(available);
    let _ = Selection::full_access(available).len();
}

fn check_page<T>(page: &Page<T>) {
    assert_ne!(page.next(), Some(""));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// Decodes `body` as every model the API layer decodes and checks what the pages do with it.
fn decode_everything(body: &str, now: i64) {
    let caps = Capabilities::default();
    macro_rules! decodes {
        ($($ty:ty),+ $(,)?) => {$(
            if let Err(error) = decode_text::<$ty>(body) {
                assert!(matches!(error, ApiError::Decode(_)), "{error:?}");
                assert!(!error.to_string().is_empty());
            }
        )+};
    }
    decodes!(
        Node,
        RunError,
        TaskRun,
        Count,
        Vec<Count>,
        ExecutionStatus,
        ExecutionMode,
        Option<ExecutionStatus>,
        KeyOwner,
        Wrapped<Vec<String>>,
        Wrapped<CreatedApiKey>,
        Value,
        serde::de::IgnoredAny,
        (),
    );
    if let Ok(w) = decode_text::<Workflow>(body) {
        check_workflow(&w);
    }
    if let Ok(page) = decode_text::<Page<Workflow>>(body) {
        check_page(&page);
        page.data.iter().for_each(check_workflow);
    }
    if let Ok(page) = decode_text::<Page<WorkflowName>>(body) {
        check_page(&page);
    }
    if let Ok(e) = decode_text::<Execution>(body) {
        check_execution(&e, &caps);
    }
    if let Ok(page) = decode_text::<Page<Execution>>(body) {
        check_page(&page);
        page.data.iter().for_each(|e| check_execution(e, &caps));
    }
    if let Ok(data) = decode_text::<ExecutionData>(body) {
        check_execution_data(&data);
    }
    if let Ok(t) = decode_text::<Tag>(body) {
        check_tag(&t);
    }
    if let Ok(page) = decode_text::<Page<Tag>>(body) {
        check_page(&page);
        page.data.iter().for_each(check_tag);
    }
    if let Ok(page) = decode_text::<Page<Variable>>(body) {
        check_page(&page);
        page.data.iter().for_each(check_variable);
    }
    if let Ok(Wrapped(keys)) = decode_text::<Wrapped<Vec<ApiKeyInfo>>>(body) {
        check_keys(&keys, now);
    }
    if let Ok(Wrapped(key)) = decode_text::<Wrapped<ApiKeyInfo>>(body) {
        check_keys(std::slice::from_ref(&key), now);
    }
    if let Ok(Wrapped(scopes)) = decode_text::<Wrapped<Vec<String>>>(body) {
        check_scopes(&scopes, &scopes);
    }
    // Overview and Audit (issue 13): counting, the audit report, changes, users, insights.
    if let Ok(page) = decode_text::<Page<Execution>>(body) {
        for window in activity::Window::ALL {
            let mut counted = window.ending(now);
            for execution in &page.data {
                let _ = counted.count(execution);
            }
            let sum: u32 = counted.buckets.iter().map(activity::Tally::total).sum();
            assert_eq!(sum, counted.total.total());
            let _ = (
                counted.failing(),
                counted.by_workflow(),
                counted.how_counted(),
            );
            let _ = counted.total.error_rate();
            for i in 0..counted.buckets.len() {
                let _ = (counted.bucket_start(i), counted.bucket_end(i));
            }
        }
        let _ = activity::Activity::new(now, now.wrapping_add(now), now);
    }
    if let Ok(value) = decode_text::<Value>(body) {
        let report = audit::AuditReport::from_value(&value);
        let _ = report.findings();
    }
    if let Ok(page) = decode_text::<Page<Workflow>>(body) {
        let _ = changes::changed_since(&page.data, now);
        let _ = changes::scheduled(&page.data);
    }
    if let Ok(page) = decode_text::<Page<users::User>>(body) {
        for user in &page.data {
            let _ = (user.display_name(), user.role_label());
        }
    }
    if let Ok(figures) = decode_text::<insights::Insights>(body) {
        assert_eq!(figures.rows().len(), 5);
    }
    if let Ok(page) = decode_text::<Page<workflows::WorkflowState>>(body) {
        let (live, total) = workflows::live_counts(&page.data);
        assert!(live <= total);
    }
    if let Ok(Wrapped(keys)) = decode_text::<Wrapped<Vec<ApiKeyInfo>>>(body) {
        let _ = api_keys::expiry_counts(&keys, now);
    }
    if let Ok(value) = decode_text::<Value>(body) {
        let importable = workflows::importable(&value);
        for field in ["name", "nodes", "connections", "settings"] {
            assert!(
                !value.is_object() || importable.get(field).is_some(),
                "{field}"
            );
        }
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Compare, diff, the promotion plan and its bodies, and backups, on any two workflows: no panic,
    /// a workflow is identical to itself, and what Promote sends (with its tags) is identical to the
    /// workflow it came from.
    fn workflows_move_between_instances_whatever_they_hold(
        a in moving_workflow_json(),
        b in moving_workflow_json(),
        junk in json(),
    ) {
        prop_assert!(diff::identical(&a, &a), "{:?}", diff::diff(&a, &a));
        let d = diff::diff(&a, &b);
        for change in d.nodes_changed.iter().flat_map(|n| &n.changes).chain(&d.settings) {
            prop_assert!(change.from.is_some() || change.to.is_some());
        }
        let _ = d.connections_added.iter().map(diff::Edge::label).count();
        let rows = compare::classify(&[a.clone(), junk.clone()], &[b.clone(), junk.clone()]);
        let _ = compare::counts(&rows);
        let held = [promote::ToCredential { id: "1".into(), kind: "k".into(), name: "n".into() }];
        let plan = promote::plan(&[a.clone(), junk.clone()], std::slice::from_ref(&b), &[], Some(&held));
        prop_assert_eq!(plan.steps.len(), 2);
        let mut sent = promote::body_for_to(&a, None, None);
        if let (Value::Object(body), Some(tags)) = (&mut sent, a.get("tags")) {
            body.insert("tags".into(), tags.clone());
        }
        prop_assert!(diff::identical(&a, &sent), "{:?}", diff::diff(&a, &sent));
        let _ = promote::body_for_to(&junk, Some(&b), Some(&held));
        let entry = backup::entry(&a);
        let _ = backup::parse(&entry.to_string());
        let _ = backup::parse(&junk.to_string());
    }
}

// The properties, run by the tests of the same name in `on_big_stack_tests`.
proptest! {
    #![proptest_config(config(1000))]

    /// Plausible answers, cut and garbled ones, and arbitrary bytes, decoded as every model.
    fn every_decoder_takes_any_body(body in body(), now in any::<i64>()) {
        decode_everything(&body, now);
    }

    /// Arbitrary JSON values, decoded as every model.
    fn every_decoder_takes_any_json(value in json(), now in any::<i64>()) {
        decode_everything(&value.to_string(), now);
    }

    /// Any status, content type and body: an error with words for the admin, or a decoded value.
    fn any_answer_is_classified(answer in response()) {
        if !(200..300).contains(&answer.status) {
            let error = ApiError::from_status(answer.status, &answer.content_type, &answer.body);
            prop_assert!(!error.to_string().is_empty());
            prop_assert!(!error.clone().needs_scope("workflow:read").to_string().is_empty());
            let _ = (error.is_transient(), error.is_licence_gate(), error.is_unauthorized());
        }
        if let Err(error) = decode::<Page<Execution>>(&answer) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Every call of the workflows, tags and variables pages against any server.
    fn workflow_tag_and_variable_calls_survive_any_server(
        script in script(),
        filter_query in query_text(),
        position in position(),
        id in text(),
        flag in any::<bool>(),
    ) {
        let s = &script;
        let filter = WorkflowFilter::from_url_query(&Query::parse(&filter_query));
        let caps = Capabilities { publish: flag, ..Capabilities::default() };
        if let Some(page) = against(s, async |c| workflows::list(c, &filter, &position).await) {
            prop_assert!(page.data.iter().all(|w| filter.shows(w)));
            page.data.iter().for_each(check_workflow);
        }
        if let Some(w) = against(s, async |c| workflows::get(c, &id).await) {
            check_workflow(&w);
        }
        against(s, async |c| workflows::names(c).await);
        let ids = vec![id.clone(), "w2".to_string(), id.clone()];
        if let Some(names) = against(s, async |c| workflows::names_of(c, ids.clone()).await) {
            prop_assert!(names.len() <= 3);
        }
        if let Some(v) = against(s, async |c| workflows::export(c, &id).await) {
            prop_assert!(v.is_object());
        }
        against(s, async |c| workflows::export_all(c, &filter, |_| {}).await);
        against(s, async |c| workflows::set_active(c, &caps, &id, flag).await);
        against(s, async |c| workflows::set_archived(c, &id, flag).await);
        against(s, async |c| workflows::check_key(c).await);

        if let Some(page) = against(s, async |c| tags::list(c, &position).await) {
            page.data.iter().for_each(check_tag);
        }
        against(s, async |c| tags::list_all(c).await);
        let some_tags = vec![
            tags::Tag { id: id.clone(), name: id.clone(), created_at: None, updated_at: None },
            tags::Tag { id: "t2".into(), name: "prod".into(), created_at: None, updated_at: None },
        ];
        if let Some(counts) = against(s, async |c| tags::usage_of(c, some_tags.clone()).await) {
            prop_assert!(counts.keys().all(|k| k == &id || k == "t2"));
        }
        against(s, async |c| tags::create(c, &id).await);
        against(s, async |c| tags::rename(c, &id, &id).await);
        against(s, async |c| tags::delete(c, &id).await);

        if let Some(page) = against(s, async |c| variables::list(c, &position).await) {
            page.data.iter().for_each(check_variable);
        }
        against(s, async |c| variables::list_all(c).await);
        against(s, async |c| variables::create(c, &id, &id).await);
        against(s, async |c| variables::update(c, &id, &id, &id).await);
        against(s, async |c| variables::delete(c, &id).await);
    }

    /// Every call of the executions pages against any server, then what the list and detail show.
    fn execution_calls_survive_any_server(
        script in script(),
        filter in status_filter(),
        position in position(),
        id in text(),
        server_range in any::<bool>(),
    ) {
        let s = &script;
        let caps = Capabilities::default();
        let listed = against(s, async |c| {
            executions::list(c, &filter, &position, server_range).await
        });
        if let Some(page) = listed {
            check_page(&page);
            for e in &page.data {
                check_execution(e, &caps);
                let _ = filter.keep(e);
            }
        }
        if let Some((e, raw)) = against(s, async |c| executions::get_with_data(c, &id).await) {
            prop_assert!(!raw.trim().is_empty(), "an execution decoded from no text");
            check_execution(&e, &caps);
        }
        against(s, async |c| executions::retry(c, &id).await);
        against(s, async |c| executions::stop(c, &id).await);
        if let Some(n) = against(s, async |c| executions::stop_all(c, Some(&id)).await) {
            prop_assert!(executions::stopped_text(n).starts_with("Stopped "));
        }
        if let Err(error) = run(executions::delete(&client(&Scripted::new(s)), &id)) {
            prop_assert!(!executions::stop_failure(&id, &error).is_empty());
        }
    }

    /// Every call of the API keys page and the capability probes against any server.
    fn key_and_capability_calls_survive_any_server(
        script in script(),
        id in text(),
        browser_id in text(),
        ownership in prop::option::of(prop::sample::select(vec![Ownership::Mine, Ownership::All])),
        editor in any::<bool>(),
        now in any::<i64>(),
    ) {
        let s = &script;
        let store = if editor {
            KeyStore::EditorApi { browser_id: browser_id.clone() }
        } else {
            KeyStore::PublicApi
        };
        against(s, async |c| api_keys::detect(c).await);
        if let Some(list) = against(s, async |c| api_keys::list(c, &store, ownership).await) {
            check_keys(&list.keys, now);
            prop_assert!(list.paged || list.count_all.is_none());
        }
        against(s, async |c| api_keys::current_user_id(c, &browser_id).await);
        if let Some(created) = against(s, async |c| api_keys::rotate(c, &store, &id).await) {
            prop_assert_eq!(format!("{:?}", created.raw_api_key), "RawKey(hidden)");
        }
        if let Some(scopes) = against(s, async |c| api_keys::scopes(c, &store).await) {
            check_scopes(&scopes, &scopes);
        }
        let new = NewKey { label: id.clone(), scopes: vec![id.clone()], expires_at: Some(now) };
        against(s, async |c| api_keys::create(c, &store, &new).await);
        let scopes = std::slice::from_ref(&id);
        against(s, async |c| api_keys::update(c, &store, &id, &id, scopes).await);
        against(s, async |c| api_keys::delete(c, &store, &id).await);
        against(s, async |c| api_keys::sign_in(c, &browser_id, &id, &id).await);

        let transport = Scripted::new(s);
        let caps = run(capabilities::detect(&client(&transport), Some(browser_id.clone())));
        prop_assert_eq!(caps.version.is_some(), caps.version_label().is_some());
        let transport = Scripted::new(s);
        let settings = run(capabilities::editor_settings(&client(&transport), &browser_id));
        if let Some(settings) = settings {
            prop_assert!(settings.version.is_some());
            let again = caps.with_editor_settings(&settings);
            prop_assert_eq!(again.version, settings.version);
        }
    }
}

proptest! {
    #![proptest_config(config(3000))]

    /// Any Retry-After, clock and jitter: a wait within the cap, never a panic.
    #[test]
    fn retry_waits_take_any_header(
        value in text(),
        attempt in any::<usize>(),
        now in any::<f64>(),
        jitter in any::<f64>(),
    ) {
        if let Some(wait) = retry::parse_retry_after(&value, now) {
            prop_assert!(wait <= retry::MAX_WAIT_MS);
        }
        prop_assert!(retry::delay_ms(attempt, Some(&value), now, jitter) <= retry::MAX_WAIT_MS);
        prop_assert!(retry::delay_ms(attempt, None, now, jitter) <= retry::MAX_WAIT_MS);
    }

    /// Any pasted key: refused in words, or a key a browser can send as a header.
    #[test]
    fn pasted_keys_take_any_text(raw in text()) {
        match ApiKey::parse(&raw) {
            Ok(key) => prop_assert!(is_sendable_header_value(key.expose()) && !key.expose().is_empty()),
            Err(message) => prop_assert!(!message.is_empty()),
        }
        prop_assert!(format::quoted(&raw).starts_with('“'));
    }

    /// Every formatter with any number: never empty, never negative, never a panic.
    fn formatters_take_any_number(millis in any::<i64>(), secs in any::<i64>(), f in any::<f64>()) {
        shown_duration(millis);
        // The detail page's float durations, rounded and cast as the page does.
        shown_duration(f.round() as i64);
        let iso = format::iso_of_millis(millis);
        prop_assert!(iso.ends_with('Z'), "{}", iso);
        // Inside years 1..=9999 an instant reads back as itself.
        if (-62_135_596_800_000..=253_402_300_799_999).contains(&millis) {
            prop_assert_eq!(format::parse_iso_millis(&iso), Some(millis));
        }
        prop_assert!(!format::iso_of_unix_secs(secs).is_empty());
        prop_assert!(!executions::stopped_text(millis.unsigned_abs()).is_empty());
        let size = format::byte_size(secs.unsigned_abs() as usize);
        prop_assert!(size.ends_with(" KB") || size.ends_with(" MB"), "{}", size);
    }

    /// Any text as a timestamp: `None`, or an instant that writes out and reads back the same.
    fn timestamps_take_any_text(a in text(), b in text()) {
        for t in [&a, &b] {
            if let Some(ms) = format::parse_iso_millis(t) {
                let written = format::iso_of_millis(ms);
                prop_assert_eq!(format::parse_iso_millis(&written), Some(ms), "{}", t);
            }
        }
        if let Some(ms) = format::millis_between(&a, &b) {
            prop_assert!(ms >= 0);
            shown_duration(ms);
        }
    }

    /// Any name as a file name: lower-case letters, digits and dashes, at most 80, never empty; and as
    /// a noun in a sentence.
    fn slugs_take_any_text(name in text()) {
        let slug = format::slug(&name);
        prop_assert!(!slug.is_empty() && slug.chars().count() <= 80, "{}", slug);
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{}", slug);
        prop_assert!(slug.chars().all(|c| c == '-' || c.is_alphanumeric()), "{}", slug);
        // A label as a noun: only its first character may change.
        let rest: String = name.chars().skip(1).collect();
        prop_assert!(format::lowercase_noun(&name).ends_with(rest.as_str()));
    }

    /// Key expiry with any clock and any server number.
    fn key_expiry_takes_any_number(
        at in prop::option::of(any::<i64>()),
        now in any::<i64>(),
        days in any::<u32>(),
        date in text(),
    ) {
        let state = ExpiryState::of(at, now);
        prop_assert!(!state.label().is_empty());
        if let ExpiryState::Soon(d) | ExpiryState::Later(d) = state {
            prop_assert!(d >= 0);
        }
        if let Ok(Some(end)) = Expiry::Days(days).expires_at(now) {
            prop_assert!(end >= now);
        }
        if let Ok(Some(end)) = Expiry::OnDate(date).expires_at(now) {
            prop_assert!(end > now);
        }
        prop_assert_eq!(Expiry::Never.expires_at(now), Ok(None));
    }

    /// Labels, names and keys as typed or as a server sends them.
    fn label_checks_take_any_text(
        label in text(),
        today in "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        other in text(),
    ) {
        let rotated = api_keys::rotated_label(&label, &today);
        prop_assert!(rotated.chars().count() <= api_keys::MAX_LABEL, "{}", rotated);
        let suffix = format!(" (rotated {today})");
        prop_assert!(rotated.ends_with(&suffix));
        if let Ok(checked) = api_keys::check_label(&label, &[], None) {
            prop_assert_eq!(checked.as_str(), label.trim());
        }
        let _ = api_keys::rotated_label(&label, &other);
        let _ = tags::check_name(&label, &[], None);
        let _ = variables::check_key(&label);
        let _ = variables::check_value(&label);
        if let Some(key) = ApiKey::new(&label) {
            prop_assert!(key.redacted().starts_with("******"));
        }
        let _ = normalize_base_url(&label);
    }

    /// Versions as any n8n (or anything else) writes them, and the capabilities they decide.
    fn versions_and_capabilities_take_any_input(
        text in prop_oneof![text(), "v?[0-9]{1,12}(\\.[0-9]{1,12}){0,3}([-+][a-z0-9.]{0,6})?"],
        numbers in (any::<u32>(), any::<u32>(), any::<u32>()),
        probes in (any::<[Option<bool>; 6]>()),
        scopes_flag in any::<Option<bool>>(),
        status in any::<u16>(),
    ) {
        if let Some(v) = Version::parse(&text) {
            prop_assert_eq!(Version::parse(&v.to_string()), Some(v));
        }
        let v = Version::new(numbers.0, numbers.1, numbers.2);
        prop_assert_eq!(Version::parse(&v.to_string()), Some(v));
        let probes = Probes {
            archive_route: probes[0],
            community_packages: probes[1],
            roles: probes[2],
            stop_route: probes[3],
            list_credentials: probes[4],
            source_control_status: probes[5],
        };
        let settings = EditorSettings {
            version: Version::parse(&text),
            api_key_scopes: scopes_flag,
        };
        let caps = Capabilities::from_probes(Some(&settings), &probes);
        prop_assert_eq!(caps.version, settings.version);
        prop_assert_eq!(caps.version_label().is_some(), caps.version.is_some());
        let _ = Capabilities::from_probes(None, &probes).with_editor_settings(&settings);
        let _ = (capabilities::path_exists(status), capabilities::get_exists(status));
    }
}

proptest! {
    #![proptest_config(config(1500))]

    /// Percent-decoding any text (stray `%`, escapes of invalid UTF-8) never panics, and decoding
    /// undoes encoding.
    fn components_take_any_text(raw in query_text(), plain in text()) {
        let _ = decode_component(&raw);
        prop_assert_eq!(decode_component(&encode_component(&plain)), plain);
    }

    /// Any query string parses, and what it parsed to writes out and parses back the same.
    fn queries_take_any_text(raw in query_text()) {
        let query = Query::parse(&raw);
        prop_assert_eq!(Query::parse(&query.encode()), query.clone());
        prop_assert_eq!(Query::parse(&format!("?{}", query.encode())), query);
    }

    /// Any list page URL gives a view, and the view's own URL gives the same view.
    fn list_urls_take_any_text(raw in query_text()) {
        fn round_trip<F>(raw: &str, path: &str) -> Result<(), TestCaseError>
        where
            F: UrlFilter + std::fmt::Debug,
        {
            let view = ListView::<F>::from_search(raw);
            prop_assert!(PAGE_SIZES.contains(&view.position.limit));
            prop_assert!(view.position.page_number() >= 1 && view.position.first_row() >= 1);
            let href = view.href(path);
            let search = href.split_once('?').map_or("", |(_, q)| q);
            prop_assert_eq!(&ListView::<F>::from_search(search), &view, "{}", href);
            let _ = view.position.api_query(Query::new()).encode();
            let _ = view.position.previous().next("c").first_row();
            Ok(())
        }
        round_trip::<ExecutionFilter>(&raw, "/executions")?;
        round_trip::<WorkflowFilter>(&raw, "/workflows")?;
        round_trip::<TextFilter>(&raw, "/tags")?;
        let filter = ExecutionFilter::from_url_query(&Query::parse(&raw));
        let _ = filter.api_query(true).encode();
        let _ = WorkflowFilter::from_url_query(&Query::parse(&raw)).api_query().encode();
    }

    /// Any position (any limit, any cursors) survives the URL, cursors and all.
    fn positions_round_trip(limit in any::<u16>(), cursors in prop::collection::vec(text(), 0..5)) {
        let position = cursors.iter().fold(Position::first(limit), |p, c| p.next(c));
        let query = position.to_url_query(Query::new());
        let back = Position::from_url_query(&Query::parse(&query.encode()));
        // Empty cursors are dropped on the way; any other comes back as it was.
        let kept = cursors
            .iter()
            .filter(|c| !c.is_empty())
            .fold(Position::first(limit), |p, c| p.next(c));
        prop_assert_eq!(back, kept);
        let rows_before = (position.page_number() - 1) * usize::from(position.limit);
        prop_assert_eq!(position.first_row(), rows_before + 1);
        let _ = position.api_query(Query::new()).encode();
    }

    /// The console-side filters with any text and any range.
    fn console_filters_take_any_input(
        needle in text(),
        field in text(),
        filter in status_filter(),
        started in prop::option::of(text()),
        id in "[0-9]{0,3}",
    ) {
        let text_filter = TextFilter { text: needle.clone() };
        let _ = text_filter.matches(&field);
        // Lower-casing ASCII does not depend on the neighbours (a final sigma does).
        if needle.is_ascii() {
            let holding = format!("{field}{needle}");
            prop_assert!(text_filter.matches(&holding));
        }
        let execution = serde_json::json!({ "id": id, "status": "success", "startedAt": started });
        let execution: Execution = serde_json::from_value(execution).expect("an execution");
        let keep = filter.keep(&execution);
        if !filter.has_range() {
            prop_assert_eq!(keep, Keep::Row);
        }
        let _ = filter.includes_running(&Position::default());
    }

    /// Portal messages, the operator's list of origins, origins and base paths, as anything.
    fn portal_and_base_path_take_any_text(
        message in portal_message(),
        origin in text(),
        other in text(),
    ) {
        let inbound = portal::Inbound::parse(&message);
        if let Some(portal::Inbound::Connect { api_key: Some(key), .. }) = inbound {
            prop_assert!(!key.expose().is_empty());
        }
        let origins = portal::PortalOrigins::from_config(&message);
        let _ = origins.allows(&origin);
        prop_assert!(origins.iter().all(|o| o.starts_with("http://") || o.starts_with("https://")));
        if let Some(normal) = portal::normalize_origin(&origin) {
            prop_assert!(normal.starts_with("http"));
        }
        prop_assert_eq!(portal::same_site(&origin, &other), portal::same_site(&other, &origin));
        let base = base_path::router_base(&origin);
        prop_assert!(!base.ends_with('/'));
        let _ = base_path::route_path(&other, &base);
        prop_assert!(!portal::Outbound::Error(origin.clone()).to_json().is_empty());
    }

    /// What sessionStorage holds of the tab's instances, and console URLs naming one, as anything:
    /// every instance decoded has a name that could have been added, and a route keeps its path.
    fn instances_take_any_text(stored in text(), value in json(), search in query_text(), name in text()) {
        for json in [stored.clone(), value.to_string()] {
            let decoded = instances::decode(&json);
            for (i, instance) in decoded.iter().enumerate() {
                let others = decoded[..i].iter().map(|o| o.name.as_str());
                prop_assert!(instances::check_name(&instance.name, others).is_ok());
            }
            prop_assert_eq!(instances::decode(&instances::encode(&decoded).unwrap_or_default()), decoded);
        }
        let requested = instances::requested(&search);
        let _ = instances::shown(["main", "staging"], requested.as_deref());
        let _ = instances::check_name(&name, ["main"]);
        let route = format!("/workflows?{search}");
        let on = instances::route_on(&route, Some(&name));
        prop_assert!(on.starts_with("/workflows"));
        prop_assert_eq!(instances::requested(on.split_once('?').map_or("", |(_, q)| q)), Some(name.clone()).filter(|n| !n.is_empty()));
        let _ = instances::section(&search);
    }

    /// Reading a whole collection over any sequence of pages ends, whatever cursors the server
    /// sends.
    fn collections_end_whatever_the_cursors(pages in small_pages()) {
        let pages = RefCell::new(pages.into_iter().collect::<VecDeque<_>>());
        let total: usize = pages.borrow().iter().map(|p| p.data.len()).sum();
        let all = run(paging::collect_all(|_| {
            let page = pages.borrow_mut().pop_front();
            async move { page.ok_or_else(|| ApiError::Network("no more pages".into())) }
        }));
        if let Ok(all) = all {
            prop_assert!(all.len() <= total);
        }
    }

    /// The console-side filters' paging over any pages, served round and round (a server that
    /// repeats its cursors): `kept_page` ends and shows only kept rows; `filtered_page` only
    /// matches, on one page.
    fn console_side_paging_ends_whatever_the_pages(
        pages in small_pages(),
        cursor in prop::option::of("[ab]{0,2}"),
        needle in "[0-9]{0,2}",
    ) {
        let served = std::cell::Cell::new(0usize);
        let fetch = |_cursor: Option<String>| {
            let page = pages[served.get() % pages.len()].clone();
            served.set(served.get() + 1);
            async move { Ok::<_, ApiError>(page) }
        };
        let keep = |n: &u8| match n % 3 {
            0 => Keep::Row,
            1 => Keep::Skip,
            _ => Keep::End,
        };
        let page = run(kept_page(cursor, fetch, keep)).expect("the pages never fail");
        prop_assert!(page.data.iter().all(|n| n % 3 == 0));
        prop_assert!(served.get() <= 1000, "read {} pages", served.get());

        let filter = TextFilter { text: needle };
        let texts = |p: &Page<u8>| p.data.iter().map(u8::to_string).collect::<Vec<_>>();
        let first = Page { data: texts(&pages[0]), next_cursor: pages[0].next_cursor.clone() };
        let all: Vec<String> = pages.iter().flat_map(texts).collect();
        let (first, all) = (async { Ok(first) }, async { Ok(all) });
        let shown = run(filtered_page(&filter, String::as_str, first, all))
            .expect("the pages never fail");
        if !filter.is_empty() {
            prop_assert!(shown.next_cursor.is_none());
            prop_assert!(shown.data.iter().all(|s| filter.matches(s)));
        }
    }
}

/// A portal's message: anything, or a connect message with any key and URL.
fn portal_message() -> impl Strategy<Value = String> {
    let connect = (text(), text()).prop_map(|(key, url)| {
        serde_json::json!({ "type": "n8n-console:connect", "apiKey": key, "baseUrl": url })
            .to_string()
    });
    prop_oneof![text(), json().prop_map(|v| v.to_string()), connect]
}

/// A few short pages of numbers, with cursors that repeat.
fn small_pages() -> impl Strategy<Value = Vec<Page<u8>>> {
    let page = (
        prop::collection::vec(any::<u8>(), 0..4),
        prop::option::of("[ab]{0,2}"),
    )
        .prop_map(|(data, next_cursor)| Page { data, next_cursor });
    prop::collection::vec(page, 1..8)
}

/// Generating nested JSON and polling the API layer's futures in a debug build needs more stack
/// than a test thread's 2 MiB (measured: about 8).
const STACK_BYTES: usize = 64 << 20;

fn on_big_stack(property: fn()) {
    on_stack(STACK_BYTES, property);
}

fn on_stack(bytes: usize, property: fn()) {
    let outcome = std::thread::Builder::new()
        .stack_size(bytes)
        .spawn(property)
        .expect("a test thread")
        .join();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

macro_rules! on_big_stacks {
    ($($name:ident),+ $(,)?) => {$(
        #[test]
        fn $name() {
            super::on_big_stack(super::$name);
        }
    )+};
}

/// One test per property, each on a thread with room to recurse.
mod on_big_stack_tests {
    on_big_stacks!(
        every_decoder_takes_any_body,
        every_decoder_takes_any_json,
        any_answer_is_classified,
        workflows_move_between_instances_whatever_they_hold,
        workflow_tag_and_variable_calls_survive_any_server,
        execution_calls_survive_any_server,
        key_and_capability_calls_survive_any_server,
        formatters_take_any_number,
        timestamps_take_any_text,
        slugs_take_any_text,
        key_expiry_takes_any_number,
        label_checks_take_any_text,
        versions_and_capabilities_take_any_input,
        components_take_any_text,
        queries_take_any_text,
        list_urls_take_any_text,
        positions_round_trip,
        console_filters_take_any_input,
        portal_and_base_path_take_any_text,
        collections_end_whatever_the_cursors,
        console_side_paging_ends_whatever_the_pages,
    );
}

/// Nesting far beyond any real answer is a decode error, not a stack overflow: serde_json stops at
/// 128 levels. Run on a 1 MiB stack, wasm's default; a fixed list of depths, since that limit does
/// not vary.
#[test]
fn deep_nesting_is_an_error_on_a_small_stack() {
    fn deep_nesting() {
        let openers = [
            "[",
            r#"{"data":"#,
            r#"{"data":["#,
            r#"{"resultData":{"runData":{"A":["#,
        ];
        for open in openers {
            for depth in [1, 127, 128, 129, 10_000] {
                let body = open.repeat(depth);
                decode_everything(&body, 0);
                assert!(decode_text::<Value>(&body).is_err(), "{open} x {depth}");
                assert!(portal::Inbound::parse(&body).is_none());
            }
        }
    }
    on_stack(1 << 20, deep_nesting);
}
