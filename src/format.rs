//! Plain-Rust formatting the pages share: durations between n8n's timestamps and file names.
//! No DOM here (dates for people go through the browser's Intl in `browser::time`); tested natively.

/// Milliseconds since the Unix epoch of an ISO 8601 timestamp as n8n writes them
/// (`2026-11-22T10:00:00.123Z`, also without fraction or with a `+02:00` offset).
pub fn parse_iso_millis(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', ' '])?;
    let mut date_parts = date.split('-');
    let year: i64 = date_parts.next()?.parse().ok()?;
    let month: i64 = date_parts.next()?.parse().ok()?;
    let day: i64 = date_parts.next()?.parse().ok()?;
    // Years outside 1..=9999 are garbage here (and would overflow the day arithmetic).
    if date_parts.next().is_some()
        || !(1..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    // Split the zone off the time: `Z`, `+hh:mm`, `-hh:mm`, or none (taken as UTC).
    let (clock, offset_minutes) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else if let Some(at) = time.rfind(['+', '-']) {
        let (clock, zone) = time.split_at(at);
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let zone = zone[1..].replace(':', "");
        if zone.len() != 4 {
            return None;
        }
        // `get`, not slicing: a multi-byte character in a garbage value must not panic.
        let hours: i64 = zone.get(..2)?.parse().ok()?;
        let minutes: i64 = zone.get(2..)?.parse().ok()?;
        (clock, sign * (hours * 60 + minutes))
    } else {
        (time, 0)
    };
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut hms_parts = hms.split(':');
    let hour: i64 = hms_parts.next()?.parse().ok()?;
    let minute: i64 = hms_parts.next()?.parse().ok()?;
    let second: i64 = hms_parts.next().unwrap_or("0").parse().ok()?;
    // Lower bounds too: `-9223372036854775808` parses as an hour and would overflow below.
    if !(0..=23).contains(&hour) || !(0..=59).contains(&minute) || !(0..=60).contains(&second) {
        return None;
    }
    let millis: i64 = if fraction.is_empty() {
        0
    } else {
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let first3: String = fraction.chars().chain("000".chars()).take(3).collect();
        first3.parse().ok()?
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    // An offset can carry a year-1 or year-9999 date out of the years `iso_of_millis` writes back.
    Some(seconds * 1000 + millis).filter(|ms| (FIRST_MILLIS..=LAST_MILLIS).contains(ms))
}

/// `0001-01-01T00:00:00.000Z` and `9999-12-31T23:59:59.999Z`: the instants `parse_iso_millis` reads.
const FIRST_MILLIS: i64 = -62_135_596_800_000;
const LAST_MILLIS: i64 = 253_402_300_799_999;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// An instant (milliseconds since the epoch) as ISO 8601 in UTC, the way n8n writes and reads it:
/// `2026-11-22T10:00:00.120Z`.
pub fn iso_of_millis(millis: i64) -> String {
    let (days, rest) = (millis.div_euclid(86_400_000), millis.rem_euclid(86_400_000));
    let (year, month, day) = civil_from_days(days);
    let (hour, minute) = (rest / 3_600_000, rest / 60_000 % 60);
    let (second, milli) = (rest / 1000 % 60, rest % 1000);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{milli:03}Z")
}

/// A unix time in seconds (a key's `expiresAt`, any number a server sends) as [`iso_of_millis`]
/// writes it; beyond what milliseconds can hold, the nearest instant that they can.
pub fn iso_of_unix_secs(secs: i64) -> String {
    iso_of_millis(secs.saturating_mul(1000))
}

/// Milliseconds from `start` to `stop`, when both are readable and in order.
pub fn millis_between(start: &str, stop: &str) -> Option<i64> {
    let (a, b) = (parse_iso_millis(start)?, parse_iso_millis(stop)?);
    (b >= a).then_some(b - a)
}

/// A duration for a table cell: `340 ms`, `4.2 s`, `3 min 05 s`, `2 h 07 min`.
/// Any number is shown: a negative one as `0 ms`, `i64::MAX` without overflowing the rounding.
pub fn duration(millis: i64) -> String {
    let millis = millis.max(0);
    if millis < 1000 {
        format!("{millis} ms")
    } else if millis < 60_000 {
        let tenths = (millis + 50) / 100;
        format!("{}.{} s", tenths / 10, tenths % 10)
    } else if millis < 3_600_000 {
        let seconds = (millis + 500) / 1000;
        format!("{} min {:02} s", seconds / 60, seconds % 60)
    } else {
        let minutes = millis.saturating_add(30_000) / 60_000;
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    }
}

/// A share in tenths of a percent as the admin reads it: `125` is `12.5 %`.
pub fn permille(permille: u32) -> String {
    format!("{}.{} %", permille / 10, permille % 10)
}

/// A count with thousands separated: `5,000`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A file name stem from a workflow name: lower case letters, digits and dashes, never empty.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    // Cut first, then trim: a cut can end on a dash.
    let out: String = out.chars().take(80).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "workflow".into()
    } else {
        out.to_string()
    }
}

/// A name from n8n between curly quotes, isolated from the text around it (U+2068 FIRST STRONG
/// ISOLATE … U+2069 POP DIRECTIONAL ISOLATE): a tag named with a right-to-left override cannot
/// reorder the sentence it appears in.
pub fn quoted(name: &str) -> String {
    format!("“\u{2068}{name}\u{2069}”")
}

/// A size for the admin: "12 KB" (rounded up, so a small body never reads "0 KB"), or "1.5 MB" from
/// 1 MiB on, to one decimal. Integer arithmetic only: formatting floats would add about 10 KB of
/// code to the wasm for this one use.
pub fn byte_size(bytes: usize) -> String {
    const MIB: u64 = 1024 * 1024;
    let bytes = bytes as u64;
    if bytes >= MIB {
        let tenths = (bytes.saturating_mul(10).saturating_add(MIB / 2)) / MIB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A label as a noun inside a sentence: "Tags" -> "tags", but "API keys" stays (an acronym keeps
/// its capitals).
pub fn lowercase_noun(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_counts_read_as_the_admin_writes_them() {
        assert_eq!(permille(125), "12.5 %");
        assert_eq!(permille(0), "0.0 %");
        assert_eq!(permille(1000), "100.0 %");
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(5000), "5,000");
        assert_eq!(count(1234567), "1,234,567");
    }

    #[test]
    fn parses_n8n_timestamps() {
        assert_eq!(parse_iso_millis("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(
            parse_iso_millis("2026-11-22T10:00:00.120Z"),
            Some(1_795_341_600_120)
        );
        assert_eq!(
            parse_iso_millis("2026-11-22T12:00:00+02:00"),
            parse_iso_millis("2026-11-22T10:00:00Z")
        );
        assert_eq!(
            parse_iso_millis("2024-02-29T23:59:59.5Z"),
            Some(1_709_251_199_500)
        );
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-22",
            "2026-11-22T10:00:00.1xZ",
            "2026-01-01T10:00+1\u{e9}2",
            "99999999999999-01-01T00:00:00Z",
            "2026-01-01T10:00+\u{1f600}",
            // Signed parts: the first three overflowed `hour * 3600` and the rest (a debug panic).
            "2026-01-01T-9223372036854775808:00Z",
            "2026-01-01T00:-9223372036854775808Z",
            "2026-01-01T00:00:-9223372036854775808Z",
            "2026-01-01T-5:00:00Z",
            // An offset that moves the instant out of years 1..=9999, which could not be written back.
            "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:30:00-01:00",
        ] {
            assert_eq!(parse_iso_millis(bad), None, "{bad}");
        }
    }

    #[test]
    fn writes_iso_that_reads_back() {
        assert_eq!(iso_of_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_of_millis(1_795_341_600_120), "2026-11-22T10:00:00.120Z");
        assert_eq!(iso_of_millis(1_709_251_199_500), "2024-02-29T23:59:59.500Z");
        assert_eq!(iso_of_millis(-1), "1969-12-31T23:59:59.999Z");
        for millis in [0, 951_782_400_000, 4_102_444_799_999, 1_795_341_600_120] {
            assert_eq!(parse_iso_millis(&iso_of_millis(millis)), Some(millis));
        }
    }

    #[test]
    fn instants_at_the_ends_of_i64_are_written() {
        assert_eq!(iso_of_unix_secs(1_795_341_600), "2026-11-22T10:00:00.000Z");
        assert_eq!(iso_of_unix_secs(i64::MAX), iso_of_millis(i64::MAX));
        assert_eq!(iso_of_unix_secs(i64::MIN), iso_of_millis(i64::MIN));
        assert!(iso_of_millis(i64::MIN).ends_with('Z'));
    }

    #[test]
    fn huge_durations_do_not_overflow() {
        // `millis + 30_000` overflowed (a panic in a debug build, a negative text in release).
        assert_eq!(duration(i64::MAX), "2562047788015 h 12 min");
        assert_eq!(duration(i64::MIN), "0 ms");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(
            millis_between("2026-11-22T10:00:00.000Z", "2026-11-22T10:00:00.250Z"),
            Some(250)
        );
        assert_eq!(
            millis_between("2026-11-22T10:00:01Z", "2026-11-22T10:00:00Z"),
            None
        );
        let cases = [
            (0, "0 ms"),
            (999, "999 ms"),
            (1000, "1.0 s"),
            (4249, "4.2 s"),
            (59_949, "59.9 s"),
            (65_000, "1 min 05 s"),
            (3_600_000, "1 h 00 min"),
            (7_620_000, "2 h 07 min"),
            (-5, "0 ms"),
        ];
        for (ms, text) in cases {
            assert_eq!(duration(ms), text, "{ms}");
        }
    }

    #[test]
    fn slugs_make_safe_file_names() {
        assert_eq!(slug("Sync Stripe invoices"), "sync-stripe-invoices");
        assert_eq!(slug("  ../etc/passwd "), "etc-passwd");
        assert_eq!(slug("Größe & Ümlaut!"), "größe-ümlaut");
        assert_eq!(slug("!!!"), "workflow");
        // The cut at 80 characters fell on a dash: the name ended with one.
        let long = format!("{} b", "a".repeat(79));
        assert_eq!(slug(&long), "a".repeat(79));
    }

    #[test]
    fn quoted_isolates_a_right_to_left_override() {
        assert_eq!(quoted("ops"), "“\u{2068}ops\u{2069}”");
        // A name that ends in U+202E is closed off before the text that follows.
        let name = "evil\u{202E}gpj.exe";
        let text = format!("Deleted tag {} now", quoted(name));
        assert!(text.contains("\u{2068}evil\u{202E}gpj.exe\u{2069}” now"));
    }

    #[test]
    fn lowercase_noun_keeps_acronyms() {
        assert_eq!(lowercase_noun("Tags"), "tags");
        assert_eq!(lowercase_noun("Executions"), "executions");
        assert_eq!(lowercase_noun("API keys"), "API keys");
        assert_eq!(lowercase_noun(""), "");
        assert_eq!(lowercase_noun("É"), "É");
        assert_eq!(lowercase_noun("Ém"), "ém");
    }

    #[test]
    fn byte_size_rounds_like_the_float_it_replaces() {
        assert_eq!(byte_size(0), "0 KB");
        assert_eq!(byte_size(1), "1 KB");
        assert_eq!(byte_size(1024), "1 KB");
        assert_eq!(byte_size(1025), "2 KB");
        assert_eq!(byte_size(1024 * 1024 - 1), "1024 KB");
        assert_eq!(byte_size(1024 * 1024), "1.0 MB");
        assert_eq!(byte_size(1024 * 1024 * 3 / 2), "1.5 MB");
        assert_eq!(byte_size(5 * 1024 * 1024 + 99_999), "5.1 MB");
        assert!(byte_size(usize::MAX).ends_with(" MB"));
    }
}
