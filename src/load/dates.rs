//! Dates as written in fact files and front matter: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, ranges.

use crate::values::DateRange;
use jiff::civil::Date;

/// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `START/END` where each side is one of those.
pub fn parse_date_range(s: &str) -> Result<DateRange, String> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once('/') {
        let start = parse_one(a.trim())?;
        let end = parse_one(b.trim())?;
        if start.start > end.end {
            return Err(format!(
                "date range `{s}` is inverted: `{}` comes after `{}`",
                a.trim(),
                b.trim()
            ));
        }
        return Ok(DateRange {
            start: start.start,
            end: end.end,
        });
    }
    parse_one(s)
}

fn parse_one(s: &str) -> Result<DateRange, String> {
    let bad = || format!("`{s}` is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY, or START/END");
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let num = |p: &str| p.parse::<i16>().map_err(|_| bad());
    let not_a_day = |e: jiff::Error| format!("`{s}` is not a calendar date: {e}");
    match parts.as_slice() {
        [y] if digits(y, 4) => {
            let y = num(y)?;
            let start = Date::new(y, 1, 1).map_err(not_a_day)?;
            let end = Date::new(y, 12, 31).map_err(not_a_day)?;
            Ok(DateRange { start, end })
        }
        [y, m] if digits(y, 4) && digits(m, 2) => {
            let start = Date::new(num(y)?, num(m)? as i8, 1).map_err(not_a_day)?;
            Ok(DateRange {
                start,
                end: start.last_of_month(),
            })
        }
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            let day = Date::new(num(y)?, num(m)? as i8, num(d)? as i8).map_err(not_a_day)?;
            Ok(DateRange::day(day))
        }
        _ => Err(bad()),
    }
}

/// A publication date: a calendar date, or an RFC 3339 date-time with an offset, whose local
/// date (the date at that offset) is kept.
pub fn parse_published(s: &str) -> Result<Date, String> {
    let s = s.trim();
    if let Ok(DateRange { start, end }) = parse_one(s)
        && start == end
    {
        return Ok(start);
    }
    if s.len() > 10 {
        // Validate the whole date-time (offset required), then keep the local date as written.
        if s.parse::<jiff::Timestamp>().is_ok()
            && let Some(day) = s.get(..10)
            && let Ok(d) = day.parse::<Date>()
        {
            return Ok(d);
        }
    }
    Err(format!(
        "`{s}` is not a publication date; expected YYYY-MM-DD or an RFC 3339 date-time with an offset"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_form_parses() {
        let r = |s| parse_date_range(s).expect(s).to_string();
        assert_eq!(r("2024-11-10"), "2024-11-10");
        assert_eq!(r("2024-11"), "2024-11");
        assert_eq!(r("2024"), "2024");
        assert_eq!(r("2024-11-09/2024-11-10"), "2024-11-09/2024-11-10");
        let span = parse_date_range("2024-02/2024").expect("mixed grains");
        assert_eq!(
            (span.start, span.end),
            (date(2024, 2, 1), date(2024, 12, 31))
        );
    }

    #[test]
    fn bad_and_inverted_dates_are_refused() {
        assert!(
            parse_date_range("2024-02-30")
                .expect_err("no such day")
                .contains("calendar")
        );
        assert!(
            parse_date_range("2024-12/2024-01")
                .expect_err("inverted")
                .contains("inverted")
        );
        assert!(parse_date_range("Nov 2024").is_err());
        assert!(parse_date_range("2024-1").is_err());
    }

    #[test]
    fn published_keeps_the_local_date_of_the_offset() {
        assert_eq!(parse_published("2024-11-10"), Ok(date(2024, 11, 10)));
        assert_eq!(
            parse_published("2024-11-10T23:30:00-05:00"),
            Ok(date(2024, 11, 10))
        );
        assert_eq!(
            parse_published("2024-11-11T01:30:00+03:00"),
            Ok(date(2024, 11, 11))
        );
        assert!(parse_published("2024-11-10T23:30:00").is_err());
        assert!(parse_published("2024-11").is_err());
    }
}
