//! Dates through the browser's Intl: "3 min ago" with the exact local time for a tooltip. No date crate.

use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// Milliseconds since the epoch of an ISO 8601 timestamp, or `None` if the browser cannot read it.
pub fn parse_millis(iso: &str) -> Option<f64> {
    let millis = Date::parse(iso);
    (!millis.is_nan()).then_some(millis)
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    object
}

thread_local! {
    // Built once: an Intl constructor resolves the locale's data, which costs far more than a
    // format call (a 250-row page formats 500 times).
    static ABSOLUTE: Function = Intl::DateTimeFormat::new(
        &Array::new(),
        &options(&[("dateStyle", "medium"), ("timeStyle", "medium")]),
    )
    .format();
    static RELATIVE: Intl::RelativeTimeFormat = Intl::RelativeTimeFormat::new(
        &Array::new(),
        &options(&[("numeric", "auto"), ("style", "long")]),
    );
}

/// "Nov 22, 2026, 10:05 AM" in the admin's locale and time zone.
pub fn absolute(iso: &str) -> String {
    let Some(millis) = parse_millis(iso) else {
        return iso.to_string();
    };
    let formatted = ABSOLUTE
        .with(|format| format.call1(&JsValue::UNDEFINED, &Date::new(&JsValue::from_f64(millis))));
    formatted
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| iso.to_string())
}

/// "3 minutes ago", "in 2 days", "now": the largest unit that fits.
pub fn relative(iso: &str) -> String {
    let Some(millis) = parse_millis(iso) else {
        return iso.to_string();
    };
    let (value, unit) = relative_parts((millis - Date::now()) / 1000.0);
    RELATIVE
        .with(|format| format.format(value, unit))
        .as_string()
        .unwrap_or_else(|| iso.to_string())
}

/// Picks the unit for a signed number of seconds (negative: in the past).
fn relative_parts(seconds: f64) -> (f64, &'static str) {
    const UNITS: [(f64, &str); 6] = [
        (60.0, "second"),
        (60.0, "minute"),
        (24.0, "hour"),
        (30.0, "day"),
        (12.0, "month"),
        (f64::INFINITY, "year"),
    ];
    let mut value = seconds;
    for (size, unit) in UNITS {
        if value.abs() < size {
            return (value.round(), unit);
        }
        value /= size;
    }
    (value.round(), "year")
}

/// Now, in unix seconds.
pub fn now_secs() -> i64 {
    (Date::now() / 1000.0) as i64
}

/// A unix time (seconds) as an ISO 8601 string, for [`absolute`] and [`relative`]. Written in Rust,
/// not by `Date.toISOString`, which throws for any instant beyond ±8.64e15 ms (a key's `expiresAt`
/// is whatever the server sends); such a text is shown as it is, since the browser cannot read it.
pub fn iso_of_unix(secs: i64) -> String {
    crate::format::iso_of_unix_secs(secs)
}

/// Today's date plus `days`, as `YYYY-MM-DD` (for a date input's minimum and default); in Rust, as
/// [`iso_of_unix`] is, so no number of days can make `toISOString` throw.
pub fn date_in_days(days: u32) -> String {
    let millis = (Date::now() as i64).saturating_add(i64::from(days) * 86_400_000);
    crate::format::iso_of_millis(millis)
        .chars()
        .take(10)
        .collect()
}

/// The instant a `datetime-local` (or `date`) input's value means in the admin's time zone
/// (`2026-12-01T13:20`), or `None` for an empty or unreadable value.
pub fn local_input_millis(value: &str) -> Option<i64> {
    let value = value.trim();
    // A date alone is read as UTC by the browser; with a time it is local, as the input means it.
    let value = if value.len() == 10 {
        format!("{value}T00:00")
    } else {
        value.to_string()
    };
    if value.is_empty() || !value.contains('T') {
        return None;
    }
    let millis = Date::new(&JsValue::from_str(&value)).get_time();
    (millis.is_finite()).then_some(millis as i64)
}

/// A `datetime-local` input's value (`2026-12-01T13:20`) for an instant, in the admin's time zone.
pub fn local_input_value(millis: i64) -> String {
    let date = Date::new(&JsValue::from_f64(millis as f64));
    if !date.get_time().is_finite() {
        return String::new();
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// Now, in milliseconds since the epoch.
pub fn now_millis() -> i64 {
    Date::now() as i64
}

thread_local! {
    static HOUR_LABEL: Function = Intl::DateTimeFormat::new(
        &Array::new(),
        &options(&[("hour", "2-digit"), ("minute", "2-digit")]),
    )
    .format();
    static DAY_LABEL: Function = Intl::DateTimeFormat::new(
        &Array::new(),
        &options(&[("weekday", "short"), ("day", "numeric"), ("month", "short")]),
    )
    .format();
}

/// A chart bucket's start in the admin's locale and time zone: `14:05` for an hour, `Tue 1 Dec`
/// for a day. An instant the browser cannot show is written as ISO.
pub fn bucket_label(millis: i64, hourly: bool) -> String {
    let date = Date::new(&JsValue::from_f64(millis as f64));
    if !date.get_time().is_finite() {
        return crate::format::iso_of_millis(millis);
    }
    let label = if hourly { &HOUR_LABEL } else { &DAY_LABEL };
    label
        .with(|format| format.call1(&JsValue::UNDEFINED, &date))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| crate::format::iso_of_millis(millis))
}
