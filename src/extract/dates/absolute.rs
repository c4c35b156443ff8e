//! Dates written with a day, month or year: ISO, "3 November 2024", "Nov. 3", "9–10 November",
//! "in November", "in 2024", and unambiguous slash dates.

use super::calendar::{
    self, Dir, YEARS, add_days, day_exists, infer_day, infer_month, month_range, range, year_range,
    ymd,
};
use super::forms::{self, Form};
use super::{Found, MONTH, Scan, WEEKDAY, month_number};
use crate::values::DateRange;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// Builds a pattern with ASCII word boundaries and digits: Unicode `\b` makes the fast regex
/// engines give up on non-ASCII text (curly quotes are everywhere in news), and Unicode `\d`
/// would accept digits `str::parse` rejects.
pub(super) fn compile(pattern: &str) -> Regex {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]");
    Regex::new(&pattern).expect("date patterns are fixed and valid")
}

/// "Sunday, 3 November 2024", "the night of 9–10 November", "between 9 and 11 November",
/// "the 3rd of November".
pub(super) static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:(?i:on|from)\s+)?(?:{WEEKDAY},?\s+)?(?:(?P<lead>(?i:the\s+night\s+of|the\s+nights?\s+between|between))\s+)?(?:(?i:the)\s+)?(?P<d1>\d{{1,2}})(?P<o1>st|nd|rd|th)?(?:\s*(?:[-–—]|(?i:to|and|until|through))\s*(?:(?i:the)\s+)?(?P<d2>\d{{1,2}})(?P<o2>st|nd|rd|th)?)?\s+(?P<of>(?i:of)\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>\d{{4}})\b)?"
    ))
});

/// "Sunday, November 3, 2024", "Nov. 3", "November 3rd", "between November 9 and 11";
/// "January 31 , 1892" (a space before the comma, as tokenised text writes it).
pub(super) static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:(?i:on|from)\s+)?(?:{WEEKDAY},?\s+)?(?:(?P<lead>(?i:the\s+night\s+of|the\s+nights?\s+between|between))\s+)?(?P<mon>{MONTH})\s+(?P<d1>\d{{1,2}})(?P<o1>st|nd|rd|th)?\b(?:\s*(?:[-–—]|(?i:to|and|until|through))\s*(?P<d2>\d{{1,2}})(?P<o2>st|nd|rd|th)?\b)?(?: ?,\s*(?P<y>\d{{4}})\b)?"
    ))
});

/// Month grain: "in November", "November 2024", "early March", "the end of March",
/// "last November".
pub(super) static MONTH_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:(?P<pre>(?i:in|during|through|throughout|from|(?:in\s+)?(?:early|late|mid)|last|this|next|(?:at\s+|in\s+)?the\s+(?:end|beginning|start|middle)\s+of|end\s+of))(?:\s+|-))?(?P<mon>{MONTH})(?:,?\s+(?P<y>\d{{4}})\b)?"
    ))
});

/// Year grain: "in 2024", "early 2025", "the end of 2024". Found as four digits, then the
/// words before them are checked with a pattern anchored at their end: one regex with the
/// words in front could not skip ahead to the digits and was the slowest pattern here.
static YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| compile(r"\b\d{4}\b"));

static YEAR_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?i:in|during|through|throughout|(?:in\s+)?(?:early|late|mid)|(?:at\s+|in\s+)?the\s+(?:end|beginning|start|middle)\s+of|end\s+of)(?:\s+|-)$",
    )
});

static ISO: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:(?i:on)\s+)?(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"));

static SLASH: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:(?i:on)\s+)?(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b"));

pub(super) fn find(scan: &Scan<'_>, out: &mut Found) {
    let text = scan.text;
    if let Some((first, last)) = scan.cues.months {
        month_forms(scan, first, last, out);
    }
    if !scan.cues.digit {
        return;
    }
    for y in YEAR_ONLY.find_iter(text) {
        let Some(r) = written_year(y.as_str()).and_then(year_range) else {
            continue;
        };
        let Some(lead) = YEAR_LEAD.find(&text[..y.start()]) else {
            continue;
        };
        if looks_like_count(&text[y.end()..]) {
            continue;
        }
        out.mentions
            .push(scan.mention(lead.start(), y.end(), Some(r), false));
    }
    if !text.contains('-') {
        return absolute_slash(scan, out);
    }
    for caps in ISO.captures_iter(text) {
        let whole = group(&caps, 0);
        if text[whole.end()..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let day = written_year(group(&caps, "y").as_str()).and_then(|y| {
            ymd(
                y,
                number(group(&caps, "m").as_str())?,
                number(group(&caps, "d").as_str())?,
            )
        });
        if let Some(d) = day {
            out.mentions.push(scan.mention(
                whole.start(),
                whole.end(),
                Some(DateRange::day(d)),
                false,
            ));
        }
    }
    absolute_slash(scan, out);
}

fn absolute_slash(scan: &Scan<'_>, out: &mut Found) {
    let text = scan.text;
    if !text.contains('/') {
        return;
    }
    for caps in SLASH.captures_iter(text) {
        let whole = group(&caps, 0);
        let (Some(a), Some(b)) = (
            number(group(&caps, "a").as_str()),
            number(group(&caps, "b").as_str()),
        ) else {
            continue;
        };
        // 11/10/2024 is the 10th of November or the 11th of October: read only what cannot be
        // misread.
        let (month, day) = match (a > 12, b > 12) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            _ => continue,
        };
        let d = written_year(group(&caps, "y").as_str()).and_then(|y| ymd(y, month, day));
        if let Some(d) = d {
            out.mentions.push(scan.mention(
                whole.start(),
                whole.end(),
                Some(DateRange::day(d)),
                false,
            ));
        }
    }
}

/// Reads the forms built around a month name, in a window from a little before the first
/// month name to a little after the last: the patterns cannot skip ahead to the month name
/// by themselves, and long sentences would otherwise be scanned three times in full.
fn month_forms(scan: &Scan<'_>, first: usize, last: usize, out: &mut Found) {
    /// Enough for "on Wednesday, the night of 9–10 " before and "9 and 11, 2024" after.
    const BEFORE: usize = 64;
    const AFTER: usize = 40;
    let text = scan.text;
    // Start after a space, so the window's edge is a true word boundary.
    let start = if first <= BEFORE {
        0
    } else {
        let mut s = first - BEFORE;
        while !text.is_char_boundary(s) {
            s += 1;
        }
        text[s..first].find(char::is_whitespace).map_or(first, |i| {
            let ws = s + i;
            ws + text[ws..].chars().next().map_or(1, char::len_utf8)
        })
    };
    let mut end = (last + AFTER).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let window = Scan {
        text: &text[start..end],
        published: scan.published,
        future: scan.future,
        cues: scan.cues,
        base: scan.base + start,
    };
    // Where the window's month names start, for the readers by hand.
    let months = forms::readable(window.text).then(|| forms::months(window.text));
    month_only(&window, months.as_deref(), out);
    if scan.cues.digit {
        for form in form_matches(window.text, months.as_deref(), forms::day_month, &DAY_MONTH) {
            day_and_month(&window, &form, out);
        }
        for form in form_matches(window.text, months.as_deref(), forms::month_day, &MONTH_DAY) {
            day_and_month(&window, &form, out);
        }
    }
}

/// The matches of a month form in `text`: read by hand ([`forms`]) when the month names'
/// places are given (the readers read the text as the pattern does), else by the pattern.
fn form_matches(
    text: &str,
    months: Option<&[usize]>,
    reader: fn(&[u8], &str, usize) -> Option<Form>,
    pattern: &Regex,
) -> Vec<Form> {
    match months {
        Some(months) => forms::matches(text, months, reader),
        None => pattern.captures_iter(text).map(|c| form_of(&c)).collect(),
    }
}

/// A pattern's match as a [`Form`].
pub(super) fn form_of(caps: &Captures<'_>) -> Form {
    let at = |name: &str| caps.name(name).map(|m| (m.start(), m.end()));
    let whole = group(caps, 0);
    Form {
        start: whole.start(),
        end: whole.end(),
        pre: at("pre"),
        lead: at("lead"),
        d1: at("d1"),
        o1: at("o1"),
        d2: at("d2"),
        o2: at("o2"),
        of: at("of"),
        mon: at("mon"),
        y: at("y"),
    }
}

/// Both day-and-month forms: resolve the day (or day range) and push it.
fn day_and_month(scan: &Scan<'_>, form: &Form, out: &mut Found) {
    let text = scan.text;
    let (Some(mon), Some(day)) = (form.mon, form.d1) else {
        return;
    };
    let Some(month) = month_number(&text[mon.0..mon.1]) else {
        return;
    };
    // "the 5 of May" is not English; "the 5th of May" is, and "5 of May's ministers" is not a date.
    if form.of.is_some() && form.o1.is_none() {
        return;
    }
    let Some(d1) = number(&text[day.0..day.1]) else {
        return;
    };
    let d2 = match form.text(text, form.d2) {
        Some(m) => match number(m) {
            Some(d2) if d2 > d1 && day_exists(month, d2) => Some(d2),
            _ => {
                out.blocked.push(scan.span(form.start, form.end));
                return;
            }
        },
        None => None,
    };
    // "31 April 2024" is no date, and its "April 2024" must not stand in for one.
    if !day_exists(month, d1) {
        out.blocked.push(scan.span(form.start, form.end));
        return;
    }
    let year = form.text(text, form.y).and_then(written_year);
    // The span ends at the year when it is one, else at the last day-or-month part.
    let end = match (year, form.y) {
        (Some(_), Some(y)) => y.1,
        _ => [form.d1, form.o1, form.d2, form.o2, form.mon]
            .iter()
            .filter_map(|g| g.map(|(_, e)| e))
            .max()
            .unwrap_or(form.end),
    };
    // "May 2,000 people": the day number is the start of a bigger number.
    if year.is_none() && mon.0 < day.0 {
        let rest = &text.as_bytes()[end..];
        if rest.len() > 1 && matches!(rest[0], b',' | b'.') && rest[1].is_ascii_digit() {
            return;
        }
    }
    let night = form
        .text(text, form.lead)
        .is_some_and(|l| l.to_ascii_lowercase().contains("night"));
    let make = |start: jiff::civil::Date| -> Option<DateRange> {
        let last = match d2 {
            Some(d2) => ymd(i32::from(start.year()), month, d2)?,
            None if night => add_days(start, 1)?,
            None => start,
        };
        Some(range(start, last))
    };
    let mention = match year {
        Some(y) => {
            let Some(start) = ymd(y, month, d1) else {
                return;
            };
            scan.mention(form.start, end, make(start), false)
        }
        None => match year_named_after(text, end) {
            Some((to, offset)) => {
                let r = scan.resolve(form.start, |p, _| {
                    make(ymd(i32::from(p.year()) + offset, month, d1)?)
                });
                scan.mention(form.start, to, r, true)
            }
            None => {
                let r = scan.resolve(form.start, |p, dir| make(infer_day(p, month, d1, dir)?));
                scan.mention(form.start, end, r, true)
            }
        },
    };
    out.mentions.push(mention);
}

/// A year named by its distance from the publication year right after a date without one:
/// "March 3 last year", "in May, next year". The end of those words and the year's offset.
fn year_named_after(text: &str, end: usize) -> Option<(usize, i32)> {
    let rest = text.get(end..)?;
    let trimmed = rest.strip_prefix(',').unwrap_or(rest);
    let words = trimmed.trim_start();
    let skipped = rest.len() - words.len();
    if skipped == 0 {
        return None;
    }
    let lower = words.get(..9)?.to_ascii_lowercase();
    let offset = match lower.as_str() {
        "last year" => -1,
        "this year" => 0,
        "next year" => 1,
        _ => return None,
    };
    // A whole word: not "last years'" nor "next yearly".
    if words[9..].starts_with(|c: char| c.is_alphanumeric() || c == '\'') {
        return None;
    }
    Some((end + skipped + 9, offset))
}

/// Month grain, with or without a year. A bare month name needs a year or a leading word:
/// "March of the soldiers" and "May said" are not dates.
fn month_only(scan: &Scan<'_>, months: Option<&[usize]>, out: &mut Found) {
    let text = scan.text;
    for form in form_matches(text, months, forms::month_only, &MONTH_ONLY) {
        let Some(mon) = form.mon else {
            continue;
        };
        let Some(month) = month_number(&text[mon.0..mon.1]) else {
            continue;
        };
        if let Some(y) = form.text(text, form.y).and_then(written_year) {
            out.mentions
                .push(scan.mention(form.start, form.end, month_range(y, month), false));
            continue;
        }
        let Some(pre) = form.text(text, form.pre) else {
            continue;
        };
        let rest = &text[mon.1..];
        if rest.starts_with("'s") || rest.starts_with("’s") || rest.starts_with('-') {
            // "in May's cabinet" names a person, "at Mar-a-Lago" a place.
            continue;
        }
        let mut end = mon.1;
        let pre = pre.to_ascii_lowercase();
        if let Some((to, offset)) = year_named_after(text, end) {
            end = to;
            let r = scan.resolve(form.start, |p, _| {
                month_range(i32::from(p.year()) + offset, month)
            });
            out.mentions.push(scan.mention(form.start, end, r, true));
            continue;
        }
        let r = scan.resolve(form.start, |p, dir| match pre.as_str() {
            "last" => calendar::adjacent_month(p, month, Dir::Past),
            "next" => calendar::adjacent_month(p, month, Dir::Future),
            "this" => month_range(i32::from(p.year()), month),
            _ => infer_month(p, month, dir),
        });
        out.mentions.push(scan.mention(form.start, end, r, true));
    }
}

/// After "in 2000": a following percentage, bigger number or plural noun ("in 2000 cases")
/// means a count rather than a year.
fn looks_like_count(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    if bytes.first() == Some(&b'%')
        || (bytes.len() > 1 && matches!(bytes[0], b',' | b'.') && bytes[1].is_ascii_digit())
    {
        return true;
    }
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return false;
    }
    let word: &str = trimmed
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    const NOT_NOUNS: &[&str] = &["was", "has", "is", "as", "this", "its", "his", "thus"];
    word.len() > 3
        && word.ends_with('s')
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && !NOT_NOUNS.contains(&word)
        || word == "percent"
}

fn group<'h>(caps: &Captures<'h>, name: impl GroupName) -> regex::Match<'h> {
    name.get(caps).expect("group present in every match")
}

/// Named or numbered capture lookup, so [`group`] takes either.
trait GroupName {
    fn get<'h>(self, caps: &Captures<'h>) -> Option<regex::Match<'h>>;
}

impl GroupName for &str {
    fn get<'h>(self, caps: &Captures<'h>) -> Option<regex::Match<'h>> {
        caps.name(self)
    }
}

impl GroupName for usize {
    fn get<'h>(self, caps: &Captures<'h>) -> Option<regex::Match<'h>> {
        caps.get(self)
    }
}

fn number(s: &str) -> Option<u32> {
    s.parse().ok()
}

fn written_year(s: &str) -> Option<i32> {
    s.parse().ok().filter(|y| YEARS.contains(y))
}
