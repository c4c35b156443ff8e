//! Value types shared by the fact file and the extractors: number intervals and date ranges.

use jiff::civil::Date;
use serde::Serialize;
use std::fmt;

/// A closed-or-open interval of real numbers. `f64::INFINITY` stands for "no upper bound".
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NumInterval {
    pub lo: f64,
    pub hi: f64,
    pub lo_open: bool,
    pub hi_open: bool,
}

impl NumInterval {
    pub const fn exact(v: f64) -> Self {
        Self {
            lo: v,
            hi: v,
            lo_open: false,
            hi_open: false,
        }
    }

    pub const fn closed(lo: f64, hi: f64) -> Self {
        Self {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        }
    }

    pub fn is_exact(&self) -> bool {
        self.lo == self.hi && !self.lo_open && !self.hi_open
    }

    /// True when the two intervals share at least one point.
    pub fn overlaps(&self, other: &NumInterval) -> bool {
        let below = |a: &NumInterval, b: &NumInterval| {
            // a lies entirely below b
            a.hi < b.lo || (a.hi == b.lo && (a.hi_open || b.lo_open))
        };
        !below(self, other) && !below(other, self)
    }
}

impl fmt::Display for NumInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_exact() {
            return write!(f, "{}", fmt_num(self.lo));
        }
        let open = if self.lo_open { '(' } else { '[' };
        let close = if self.hi_open || self.hi.is_infinite() {
            ')'
        } else {
            ']'
        };
        let hi = if self.hi.is_infinite() {
            "∞".to_string()
        } else {
            fmt_num(self.hi)
        };
        write!(f, "{open}{}, {hi}{close}", fmt_num(self.lo))
    }
}

/// Formats a number without a trailing `.0`, and large round numbers with a scale word.
pub fn fmt_num(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if v.abs() >= scale && v.abs() < 1e15 && (v / scale * 100.0).fract() == 0.0 {
            return format!("{} {word}", trim_float(v / scale));
        }
    }
    trim_float(v)
}

/// Formats a number without a trailing `.0` or a scale word; past 15 digits, or below
/// 0.0001, in scientific notation (`1e308`, `5e-324`), not hundreds of digits or a `0`.
pub fn fmt_plain(v: f64) -> String {
    if v.is_infinite() {
        return fmt_num(v);
    }
    trim_float(v)
}

fn trim_float(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e15 || v.abs() < 1e-4) {
        // The shortest form that reads back as the same number: at most 17 digits.
        format!("{v:e}")
    } else if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// An inclusive range of calendar days, with the grain it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateRange {
    pub start: Date,
    pub end: Date,
}

impl DateRange {
    pub const fn day(d: Date) -> Self {
        Self { start: d, end: d }
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }

    /// Whether the range is one whole calendar year ("2030").
    pub fn is_year(&self) -> bool {
        let (s, e) = (self.start, self.end);
        s.month() == 1 && s.day() == 1 && e.month() == 12 && e.day() == 31 && s.year() == e.year()
    }
}

impl Serialize for DateRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for DateRange {
    /// Prints the shortest faithful form: `2024-11-10`, `2024-11`, `2024`, or `START/END`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (s, e) = (self.start, self.end);
        if s == e {
            return write!(f, "{s}");
        }
        let month_end = s.last_of_month();
        if s.day() == 1 && e == month_end {
            return write!(f, "{:04}-{:02}", s.year(), s.month());
        }
        if self.is_year() {
            return write!(f, "{:04}", s.year());
        }
        write!(f, "{s}/{e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn intervals_overlap_at_closed_ends_only() {
        let at_least_140 = NumInterval {
            lo: 140.0,
            hi: f64::INFINITY,
            lo_open: false,
            hi_open: true,
        };
        assert!(at_least_140.overlaps(&NumInterval::exact(145.0)));
        assert!(!NumInterval::exact(150.0).overlaps(&NumInterval::exact(145.0)));
        let more_than_145 = NumInterval {
            lo_open: true,
            lo: 145.0,
            ..at_least_140
        };
        assert!(!more_than_145.overlaps(&NumInterval::exact(145.0)));
        assert_eq!(at_least_140.to_string(), "[140, ∞)");
        assert_eq!(fmt_num(6e9), "6 billion");
        assert_eq!(fmt_num(6.5e6), "6.5 million");
        assert_eq!(fmt_num(1.5), "1.5");
    }

    #[test]
    fn huge_and_tiny_numbers_print_in_scientific_notation() {
        assert_eq!(fmt_num(1e308), "1e308");
        assert_eq!(fmt_num(-1.5e20), "-1.5e20");
        assert_eq!(fmt_num(5e-324), "5e-324");
        assert_eq!(fmt_num(1.5e-7), "1.5e-7");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(999_999_999_999_999.0), "999999999999999");
        assert_eq!(fmt_plain(145.0), "145");
        assert_eq!(fmt_plain(6e9), "6000000000");
        assert_eq!(fmt_plain(1e308), "1e308");
    }

    #[test]
    fn date_ranges_print_their_grain() {
        let nov = DateRange {
            start: date(2024, 11, 1),
            end: date(2024, 11, 30),
        };
        assert_eq!(nov.to_string(), "2024-11");
        assert_eq!(DateRange::day(date(2024, 11, 10)).to_string(), "2024-11-10");
        assert!(nov.contains(date(2024, 11, 10)));
    }
}
