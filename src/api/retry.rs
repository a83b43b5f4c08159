//! When a safe request (GET) is sent again, and after how long. A 429 waits what its `Retry-After`
//! says (seconds or an HTTP date), capped; without one, and after a 5xx or a lost connection, the
//! wait doubles each time, with jitter so that many tabs do not come back in step. Requests that
//! change data are never sent again (see `Client::fetch`): a lost answer does not mean nothing
//! happened.

use crate::format;

/// How many times a safe request is sent again after the first.
pub const MAX_RETRIES: usize = 3;
/// The longest single wait, whatever the server asks: the page says it is waiting meanwhile.
pub const MAX_WAIT_MS: u32 = 30_000;
/// The first backoff without a `Retry-After`; it doubles each time.
const BASE_WAIT_MS: u32 = 500;

/// Why a request waits before it is sent again (the page words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryReason {
    /// 429: n8n is rate limiting.
    RateLimited,
    /// 5xx or no answer: n8n (or the proxy) is failing or unreachable.
    Unavailable,
}

/// The wait before retry number `attempt` (0 for the first retry). `retry_after` is the header's
/// value, `now_secs` the clock (for a date), `jitter` a number in [0, 1).
pub fn delay_ms(attempt: usize, retry_after: Option<&str>, now_secs: f64, jitter: f64) -> u32 {
    if let Some(asked) = retry_after.and_then(|value| parse_retry_after(value, now_secs)) {
        return asked;
    }
    let shift = u32::try_from(attempt).unwrap_or(u32::MAX).min(16);
    let full = BASE_WAIT_MS.saturating_mul(1 << shift).min(MAX_WAIT_MS);
    // Half fixed, half random: never less than half the backoff, never more than all of it.
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let half = full / 2;
    half + (f64::from(full - half) * jitter) as u32
}

/// A `Retry-After` value in milliseconds, capped at [`MAX_WAIT_MS`]: delta-seconds (`120`) or an
/// HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`); a date in the past means now. `None` when it is
/// neither.
pub fn parse_retry_after(value: &str, now_secs: f64) -> Option<u32> {
    let value = value.trim();
    let seconds = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Any number of digits: a huge one is just a long wait, capped below.
        value.parse::<u64>().unwrap_or(u64::MAX) as f64
    } else {
        let at = parse_http_date(value)? as f64;
        let now = if now_secs.is_finite() { now_secs } else { 0.0 };
        (at - now).max(0.0)
    };
    Some((seconds * 1000.0).min(f64::from(MAX_WAIT_MS)) as u32)
}

/// Seconds since the Unix epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form
/// HTTP servers send.
fn parse_http_date(text: &str) -> Option<i64> {
    let (_, rest) = text.split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: i64 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let year: i64 = year.parse().ok().filter(|y| (1970..=9999).contains(y))?;
    let clock: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = clock.as_slice() else {
        return None;
    };
    if !(0..24).contains(h) || !(0..60).contains(m) || !(0..=60).contains(s) {
        return None;
    }
    Some(format::days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_is_honoured_and_capped() {
        assert_eq!(parse_retry_after("2", 0.0), Some(2000));
        assert_eq!(parse_retry_after(" 0 ", 0.0), Some(0));
        assert_eq!(parse_retry_after("3600", 0.0), Some(MAX_WAIT_MS));
        assert_eq!(
            parse_retry_after("99999999999999999999999999", 0.0),
            Some(MAX_WAIT_MS)
        );
        assert_eq!(parse_retry_after("-5", 0.0), None);
        assert_eq!(parse_retry_after("1.5", 0.0), None);
        assert_eq!(parse_retry_after("", 0.0), None);
    }

    #[test]
    fn retry_after_as_an_http_date_counts_from_now() {
        // 2015-10-21T07:28:00Z is 1445412480.
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        assert_eq!(parse_http_date(date), Some(1_445_412_480));
        assert_eq!(parse_retry_after(date, 1_445_412_475.0), Some(5000));
        assert_eq!(
            parse_retry_after(date, 1_445_412_490.0),
            Some(0),
            "past: now"
        );
        assert_eq!(parse_retry_after(date, 0.0), Some(MAX_WAIT_MS));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT"),
            Some(1_709_164_800)
        );
        for bad in [
            "Wed, 21 Oct 2015 07:28:00 CET",
            "Wed, 32 Oct 2015 07:28:00 GMT",
            "Wed, 21 Foo 2015 07:28:00 GMT",
            "Wed, 21 Oct 2015 25:28:00 GMT",
            "Wed, 21 Oct 2015 07:28 GMT",
            "Wednesday",
            "Wed, 21 Oct -2015 07:28:00 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn without_retry_after_the_wait_doubles_with_jitter_and_is_capped() {
        assert_eq!(delay_ms(0, None, 0.0, 0.0), 250);
        assert_eq!(delay_ms(0, None, 0.0, 1.0), 500);
        assert_eq!(delay_ms(1, None, 0.0, 0.0), 500);
        assert_eq!(delay_ms(2, None, 0.0, 0.5), 1500);
        assert_eq!(delay_ms(40, None, 0.0, 1.0), MAX_WAIT_MS);
        assert_eq!(delay_ms(usize::MAX, None, 0.0, f64::NAN), 22_500);
        assert_eq!(
            delay_ms(0, Some("garbage"), 0.0, 0.0),
            250,
            "unreadable header"
        );
        assert_eq!(delay_ms(5, Some("1"), 0.0, 0.9), 1000, "the header wins");
    }
}
