//! Dates relative to publication: "yesterday", "on Thursday", "Saturday night", "last week",
//! "over the weekend", "earlier this month", "on the 10th", "two days ago".

use super::absolute::compile;
use super::calendar::{
    Dir, add_days, infer_day_of_month, month_range, range, week_of, weekday_index, weekday_near,
    weekend_near, year_range,
};
use super::forms::{self, WeekdayForm};
use super::{Found, Scan, WEEKDAY, weekday_number};
use crate::values::DateRange;
use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

/// What a fixed relative phrase means.
#[derive(Clone, Copy, Debug)]
enum Phrase {
    /// A span of days from publication, `(first, last)` offsets.
    Days(i64, i64),
    /// "overnight": the night before publication, or the coming one in a future sentence.
    Overnight,
    /// The Monday–Sunday week shifted by the given number of weeks.
    Week(i64),
    EarlierThisWeek,
    LaterThisWeek,
    Weekend,
    LastWeekend,
    NextWeekend,
    /// The calendar month shifted by the given number of months.
    Month(i32),
    EarlierThisMonth,
    LaterThisMonth,
    Year(i32),
    EarlierThisYear,
    LaterThisYear,
}

/// Fixed phrases, longest alternatives first where they share a start.
const PHRASES: &[(&str, Phrase)] = &[
    (r"the\s+day\s+before\s+yesterday", Phrase::Days(-2, -2)),
    (r"the\s+day\s+after\s+tomorrow", Phrase::Days(2, 2)),
    (
        r"yesterday(?:\s+(?:morning|afternoon|evening))?",
        Phrase::Days(-1, -1),
    ),
    (r"tomorrow\s+night", Phrase::Days(1, 2)),
    (
        r"tomorrow(?:\s+(?:morning|afternoon|evening))?",
        Phrase::Days(1, 1),
    ),
    (
        r"(?:earlier|later)\s+(?:in\s+the\s+day|today)|today|this\s+(?:morning|afternoon|evening)",
        Phrase::Days(0, 0),
    ),
    (r"tonight", Phrase::Days(0, 1)),
    (r"last\s+night", Phrase::Days(-1, 0)),
    (r"overnight", Phrase::Overnight),
    (r"earlier\s+this\s+week", Phrase::EarlierThisWeek),
    (r"later\s+this\s+week", Phrase::LaterThisWeek),
    (r"this\s+week", Phrase::Week(0)),
    (r"last\s+week|the\s+previous\s+week", Phrase::Week(-1)),
    (
        r"next\s+week|the\s+(?:following|coming)\s+week",
        Phrase::Week(1),
    ),
    (r"(?:the\s+)?past\s+week", Phrase::Days(-7, 0)),
    (
        r"(?:over|at|on|during)\s+the\s+weekend|this\s+weekend",
        Phrase::Weekend,
    ),
    (
        r"last\s+weekend|(?:over|at|on|during)\s+the\s+(?:past|previous)\s+weekend",
        Phrase::LastWeekend,
    ),
    (
        r"next\s+weekend|(?:over|at|on|during)\s+the\s+(?:coming|next)\s+weekend",
        Phrase::NextWeekend,
    ),
    (r"earlier\s+this\s+month", Phrase::EarlierThisMonth),
    (r"later\s+this\s+month", Phrase::LaterThisMonth),
    (r"this\s+month", Phrase::Month(0)),
    (r"last\s+month|the\s+previous\s+month", Phrase::Month(-1)),
    (
        r"next\s+month|the\s+(?:following|coming)\s+month",
        Phrase::Month(1),
    ),
    (r"earlier\s+this\s+year", Phrase::EarlierThisYear),
    (r"later\s+this\s+year", Phrase::LaterThisYear),
    (r"this\s+year", Phrase::Year(0)),
    (r"last\s+year|the\s+previous\s+year", Phrase::Year(-1)),
    (r"next\s+year|the\s+following\s+year", Phrase::Year(1)),
];

/// All fixed phrases in one automaton.
static PHRASE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<String> = PHRASES.iter().map(|(p, _)| format!("({p})")).collect();
    compile(&format!(r"(?i)\b(?:{})\b", alternatives.join("|")))
});

/// "on Thursday", "last Friday", "Thursday's", "Saturday night".
pub(super) static WEEKDAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?:(?P<q>(?i:on|last|this|next|early|late|from))\s+)?(?P<wd>{WEEKDAY})(?P<poss>'s|’s)?(?:\s+(?P<part>(?i:night|morning|afternoon|evening)))?\b"
    ))
});

/// "on the 10th".
static DAY_OF_MONTH: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?i:on\s+the)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b"));

/// "two days ago", "a week ago".
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?)\s+ago\b",
    )
});

pub(super) fn find(scan: &Scan<'_>, out: &mut Found) {
    if scan.cues.phrase {
        phrases(scan, out);
    }
    if scan.cues.weekday {
        weekdays(scan, out);
    }
    if scan.cues.digit && has_ordinal(scan.text) {
        days_of_month(scan, out);
    }
    if scan.cues.ago {
        ago(scan, out);
    }
}

fn phrases(scan: &Scan<'_>, out: &mut Found) {
    for caps in PHRASE_RE.captures_iter(scan.text) {
        let whole = caps.get(0).expect("group 0 is the match");
        // Group i + 1 is PHRASES[i]: the phrases themselves capture nothing.
        let Some(phrase) = (0..PHRASES.len())
            .find(|i| caps.get(i + 1).is_some())
            .map(|i| PHRASES[i].1)
        else {
            continue;
        };
        let r = scan.resolve(whole.start(), |p, dir| phrase_range(p, dir, phrase));
        out.mentions
            .push(scan.mention(whole.start(), whole.end(), r, true));
    }
}

fn weekdays(scan: &Scan<'_>, out: &mut Found) {
    let text = scan.text;
    let found = if forms::readable(text) {
        forms::weekdays(text)
    } else {
        WEEKDAY_RE
            .captures_iter(text)
            .filter_map(|c| weekday_form_of(&c))
            .collect()
    };
    for form in found {
        let (start, end) = (form.start, form.end);
        let Some(wd) = weekday_number(&text[form.wd.0..form.wd.1]) else {
            continue;
        };
        if form.q.is_none() && names_not_a_day(text, form.wd.0, end) {
            continue;
        }
        let q = form.q.map(|(s, e)| text[s..e].to_ascii_lowercase());
        let night = form
            .part
            .is_some_and(|(s, e)| text[s..e].to_ascii_lowercase().starts_with("night"));
        let r = scan.resolve(start, |p, dir| {
            let day = match q.as_deref() {
                Some("last") => weekday_near(p, wd, Dir::Past, false),
                Some("next") => weekday_near(p, wd, Dir::Future, false),
                Some("this") => weekday_near(p, wd, dir, true),
                _ => weekday_near(p, wd, dir, dir == Dir::Past),
            }?;
            let last = if night { add_days(day, 1)? } else { day };
            Some(range(day, last))
        });
        out.mentions.push(scan.mention(start, end, r, true));
    }
}

/// A `WEEKDAY_RE` match as a [`WeekdayForm`].
pub(super) fn weekday_form_of(caps: &regex::Captures<'_>) -> Option<WeekdayForm> {
    let whole = caps.get(0)?;
    let wd = caps.name("wd")?;
    let at = |name: &str| caps.name(name).map(|m| (m.start(), m.end()));
    Some(WeekdayForm {
        start: whole.start(),
        end: whole.end(),
        q: at("q"),
        wd: (wd.start(), wd.end()),
        part: at("part"),
    })
}

/// Whether an ASCII digit is followed by an ordinal suffix ("10th"), which "on the 10th" needs
/// (its pattern's digits are ASCII). Most sentences with a digit have none, and this scan is
/// cheaper than the pattern's.
fn has_ordinal(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && matches!(&w[1..], b"st" | b"nd" | b"rd" | b"th"))
}

fn days_of_month(scan: &Scan<'_>, out: &mut Found) {
    let text = scan.text;
    {
        for caps in DAY_OF_MONTH.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 is the match");
            if !ends_date_phrase(&text[whole.end()..]) {
                continue;
            }
            let Some(day) = caps.name("d").and_then(|m| m.as_str().parse::<u32>().ok()) else {
                continue;
            };
            if !(1..=31).contains(&day) {
                continue;
            }
            let r = scan.resolve(whole.start(), |p, dir| {
                infer_day_of_month(p, day, dir).map(DateRange::day)
            });
            out.mentions
                .push(scan.mention(whole.start(), whole.end(), r, true));
        }
    }
}

fn ago(scan: &Scan<'_>, out: &mut Found) {
    for caps in AGO.captures_iter(scan.text) {
        let whole = caps.get(0).expect("group 0 is the match");
        let Some(n) = caps.name("n").and_then(|m| count(m.as_str())) else {
            continue;
        };
        let weeks = caps
            .name("unit")
            .is_some_and(|m| m.as_str().to_ascii_lowercase().starts_with("week"));
        let r = scan.resolve(whole.start(), |p, _| {
            if weeks {
                // "a week ago" is loose: allow half a week either way.
                let centre = add_days(p, -7 * n)?;
                Some(range(add_days(centre, -3)?, add_days(centre, 3)?))
            } else {
                add_days(p, -n).map(DateRange::day)
            }
        });
        out.mentions
            .push(scan.mention(whole.start(), whole.end(), r, true));
    }
}

/// "Good Friday Agreement", "Black Friday", "the Sunday Times": a weekday inside a name.
/// `start` is where the weekday begins, `end` where the matched expression ends.
fn names_not_a_day(text: &str, start: usize, end: usize) -> bool {
    const BEFORE: &[&str] = &[
        "Good", "Black", "Super", "Bloody", "Ash", "Cyber", "Holy", "Maundy", "Palm", "Easter",
        "Shrove", "Giving", "Blue", "Orange",
    ];
    const AFTER: &[&str] = &[
        "Times",
        "Telegraph",
        "Mirror",
        "Express",
        "Herald",
        "Independent",
        "Mail",
        "Post",
        "Tribune",
        "Star",
        "Sport",
        "Agreement",
        "Club",
        "Prayers",
    ];
    let previous = text[..start]
        .rsplit(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let touching = text[..start].trim_end().ends_with(previous);
    let next = text[end..]
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let next_touching = text[end..].trim_start().starts_with(next);
    (touching && BEFORE.contains(&previous))
        || (next_touching && AFTER.contains(&next))
        || (touching
            && matches!(previous, "the" | "The" | "a" | "A")
            && next_touching
            && next.starts_with(|c: char| c.is_uppercase())
            && super::month_number(next).is_none())
}

fn phrase_range(p: Date, dir: Dir, phrase: Phrase) -> Option<DateRange> {
    let (year, month) = (i32::from(p.year()), i32::from(p.month()));
    let shifted_month = |by: i32| {
        let index = year * 12 + month - 1 + by;
        month_range(
            index.div_euclid(12),
            u32::try_from(index.rem_euclid(12) + 1).ok()?,
        )
    };
    match phrase {
        Phrase::Days(a, b) => Some(range(add_days(p, a)?, add_days(p, b)?)),
        Phrase::Overnight => match dir {
            Dir::Past => Some(range(add_days(p, -1)?, p)),
            Dir::Future => Some(range(p, add_days(p, 1)?)),
        },
        Phrase::Week(by) => week_of(p, by),
        Phrase::EarlierThisWeek => Some(range(add_days(p, -weekday_index(p))?, p)),
        Phrase::LaterThisWeek => Some(range(p, add_days(p, 6 - weekday_index(p))?)),
        Phrase::Weekend => weekend_near(p, dir, false),
        Phrase::LastWeekend => weekend_near(p, Dir::Past, false),
        // Said on a Saturday or Sunday, "next weekend" skips the one under way.
        Phrase::NextWeekend => weekend_near(p, Dir::Future, weekday_index(p) >= 5),
        Phrase::Month(by) => shifted_month(by),
        Phrase::EarlierThisMonth => Some(range(p.first_of_month(), p)),
        Phrase::LaterThisMonth => Some(range(p, p.last_of_month())),
        Phrase::Year(by) => year_range(year + by),
        Phrase::EarlierThisYear => Some(range(year_range(year)?.start, p)),
        Phrase::LaterThisYear => Some(range(p, year_range(year)?.end)),
    }
}

/// After "on the 10th": the phrase must end there. "on the 10th anniversary" or "on the 3rd
/// floor" are not dates; punctuation, the end, or a function word may follow.
fn ends_date_phrase(rest: &str) -> bool {
    const FOLLOWERS: &[&str] = &[
        "and", "or", "but", "at", "when", "in", "as", "after", "before", "while", "the", "he",
        "she", "they", "it", "we", "of", "to", "for", "with", "from", "a", "an",
    ];
    let trimmed = rest.trim_start();
    let Some(first) = trimmed.chars().next() else {
        return true;
    };
    if !first.is_alphabetic() {
        return true;
    }
    if trimmed.len() == rest.len() {
        return false;
    }
    let word = trimmed
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    first.is_uppercase() || FOLLOWERS.contains(&word)
}

fn count(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return Some(n);
    }
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let lower = word.to_ascii_lowercase();
    if lower == "a" || lower == "an" {
        return Some(1);
    }
    WORDS
        .iter()
        .position(|w| *w == lower)
        .and_then(|i| i64::try_from(i + 1).ok())
}
