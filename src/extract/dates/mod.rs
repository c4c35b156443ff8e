//! Dates in text: absolute ("Nov. 3", "3 November 2024") and relative ("on Thursday",
//! "yesterday") resolved against the publication date.
//!
//! Resolution rules, chosen for news and documented here once:
//!
//! - **Direction.** A sentence points to the past unless [`is_future`] says otherwise. A date
//!   right after a past reporting verb ("said on Monday that talks will resume") points to the
//!   past even in a future sentence.
//! - **Bare weekdays.** Past: the most recent such weekday on or before publication (the
//!   publication weekday itself is that day). Future: the next one strictly after publication,
//!   so "talks will be held on Thursday" in a Thursday article means a week later. "last
//!   Thursday" is always strictly before, "next Thursday" strictly after.
//! - **Dates without a year** ("November 3", "in March", "on the 10th") take the occurrence
//!   nearest to publication in the sentence's direction, allowing a week (`GRACE_DAYS`) on the
//!   other side (reporting lag one way, sentences mixing a past and a coming event the other).
//!   Past "in December" in a January article is last December; future "January 20" in a
//!   November article is next January.
//! - **Nights** ("Saturday night", "tonight", "the night of 9 November") span the evening's day
//!   and the next. Weekends are Saturday–Sunday, weeks Monday–Sunday.
//! - **Without a publication date** everything resolved against it (relative expressions and
//!   year-less dates) is still returned, with `range: None`.
//! - `relative` is true exactly when the range depends on the publication date.
//! - Invalid dates ("February 30") are skipped; written years outside 1800–2199 are not years.
//!   Slash dates count only when the day is over 12 (11/10/2024 is skipped as ambiguous).
//! - **Spans** cover the whole expression with its leading word: "on Thursday", "in November",
//!   "on Sunday, 3 November", "the night of 9–10 November", "Thursday's".
//! - **Look-alikes.** Month and weekday names must be capitalised, and a bare month name counts
//!   only with a day, a year or a leading word ("in May", "early March"): "May said" and
//!   "March of the soldiers" are not dates. Weekdays inside names ("Good Friday Agreement",
//!   "the Sunday Times") are skipped.

mod absolute;
mod calendar;
mod forms;
mod relative;
mod tense;
#[cfg(test)]
mod tests;

pub use tense::{is_future, is_future_in};

use super::tokens::Token;
use crate::claims::DateMention;
use crate::span::Span;
use crate::values::DateRange;
use calendar::Dir;
use jiff::civil::Date;
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// Every date expression in `text` (one sentence), with spans relative to `text`.
/// `published` resolves relative expressions; without it they get `range: None`.
/// `future` says the sentence speaks of what is to come (bare weekdays point forward).
pub fn extract_dates(text: &str, published: Option<Date>, future: bool) -> Vec<DateMention> {
    // A sentence in capitals ("TRUMP SPOKE WITH ZELENSKY ON NOVEMBER 7") is read in title
    // case, where month and weekday names have their usual form. Only ASCII letters change,
    // so byte offsets stay.
    if shouting(text) {
        let text = title_case(text);
        return extract_in(&text, cues(&text), published, future);
    }
    extract_in(text, cues(text), published, future)
}

/// [`extract_dates`] on a sentence already split into `tokens` ([`tokenize`] of `text`),
/// whose date cues say which patterns to run without searching the text for them.
///
/// [`tokenize`]: super::tokens::tokenize
pub fn extract_dates_in(
    text: &str,
    tokens: &[Token],
    published: Option<Date>,
    future: bool,
) -> Vec<DateMention> {
    if shouting(text) {
        return extract_dates(text, published, future);
    }
    extract_in(text, cues_of_tokens(text, tokens), published, future)
}

/// [`extract_dates`] on text in its final case, with its cues.
fn extract_in(text: &str, cues: Cues, published: Option<Date>, future: bool) -> Vec<DateMention> {
    if !cues.any() {
        return Vec::new();
    }
    let scan = Scan {
        text,
        published,
        future,
        cues,
        base: 0,
    };
    let mut found = Found::default();
    absolute::find(&scan, &mut found);
    relative::find(&scan, &mut found);
    let Found {
        mut mentions,
        blocked,
    } = found;
    if !blocked.is_empty() {
        mentions.retain(|m| !blocked.iter().any(|b| overlap(*b, m.span)));
    }
    keep_longest(mentions)
}

/// Whether the text is written in capitals: some capital letters and no lower-case ones.
fn shouting(text: &str) -> bool {
    !text.chars().any(char::is_lowercase)
        && text.bytes().filter(u8::is_ascii_uppercase).nth(1).is_some()
}

/// Each word's first ASCII letter kept, its other ASCII letters lower-cased: "ON NOVEMBER 7"
/// -> "On November 7". Byte lengths are unchanged.
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_word = false;
    for c in text.chars() {
        out.push(if in_word { c.to_ascii_lowercase() } else { c });
        in_word = c.is_alphanumeric() || (in_word && c == '\'');
    }
    out
}

/// Candidates found by the form readers.
#[derive(Default)]
struct Found {
    mentions: Vec<DateMention>,
    /// Spans of date-shaped text that is no date ("31 April"): nothing inside them counts.
    blocked: Vec<Span>,
}

fn overlap(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// Which families of date words a sentence holds: one pass over the text decides which
/// patterns are worth running, so most sentences cost a single scan.
#[derive(Clone, Copy, Debug, Default)]
struct Cues {
    digit: bool,
    /// A capitalised month-name prefix ("Nov", "May").
    month: bool,
    weekday: bool,
    /// A stem of a fixed relative phrase ("yesterday", "week", "tonight").
    phrase: bool,
    ago: bool,
    /// Start of the first month cue and end of the last one.
    months: Option<(usize, usize)>,
}

impl Cues {
    fn any(self) -> bool {
        self.digit || self.month || self.weekday || self.phrase || self.ago
    }
}

/// Keyword families for [`Cues`], in pattern-index order.
const MONTH_CUES: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAY_CUES: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Lower case; capitalised and upper-case forms are added when the automaton is built.
const PHRASE_CUES: &[&str] = &[
    "today",
    "yesterday",
    "the day",
    "tomorrow",
    "night",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
];

fn cues(text: &str) -> Cues {
    // A plain alternation of literals: the regex engine scans for it with SIMD, several times
    // faster here than an Aho-Corasick automaton.
    static KEYWORDS: LazyLock<(Regex, HashMap<String, Family>)> = LazyLock::new(|| {
        let mut family = HashMap::default();
        for m in MONTH_CUES {
            family.insert((*m).to_string(), Family::Month);
        }
        for w in WEEKDAY_CUES {
            family.insert((*w).to_string(), Family::Weekday);
        }
        for p in PHRASE_CUES {
            let mut capital = p.to_string();
            capital[..1].make_ascii_uppercase();
            for form in [p.to_string(), capital, p.to_ascii_uppercase()] {
                family.insert(form, Family::Phrase);
            }
        }
        for a in ["ago", "AGO"] {
            family.insert(a.to_string(), Family::Ago);
        }
        let mut words: Vec<&String> = family.keys().collect();
        // Longest first, so "Monday" is not cut short by a shorter cue.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let alternation: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        let re = Regex::new(&alternation.join("|")).expect("escaped literals are valid");
        (re, family)
    });
    let (re, family) = &*KEYWORDS;
    let mut cues = Cues {
        digit: text.bytes().any(|b| b.is_ascii_digit()),
        ..Cues::default()
    };
    for m in re.find_iter(text) {
        match family.get(m.as_str()) {
            Some(Family::Month) if month_word_at(text, m.start()) => {
                cues.month = true;
                cues.months.get_or_insert((m.start(), m.end())).1 = m.end();
            }
            Some(Family::Weekday) => cues.weekday = true,
            Some(Family::Phrase) => cues.phrase = true,
            Some(Family::Ago) => cues.ago = true,
            Some(Family::Month) | None => {}
        }
    }
    cues
}

/// Months' names, and the abbreviations the month patterns know (in the patterns' order:
/// "Sept" before "Sep").
const MONTH_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTH_SHORT: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
];

/// Whether `word` is a month's name or one of [`MONTH_SHORT`].
fn is_month_word(word: &str) -> bool {
    MONTH_NAMES.contains(&word) || MONTH_SHORT.contains(&word)
}

/// Whether a month's name or abbreviation starts at byte `at` as a whole word ("Mar.", "March";
/// not "Mardelford" or "Mayor"). The month patterns match only there: they have ASCII word
/// boundaries on both sides of the month. A capitalised "Mar", "May" or "Dec" starts many
/// words, and each such cue cost three pattern searches.
fn month_word_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
    if at > 0 && bytes.get(at - 1).is_some_and(word) {
        return false;
    }
    let rest = text.get(at..).unwrap_or("");
    let len = rest.bytes().position(|b| !word(&b)).unwrap_or(rest.len());
    is_month_word(&rest[..len])
}

/// Bits of [`word_cues`].
mod word {
    pub const DIGIT: u16 = 1;
    /// The word's leading letters and digits are a month's name or abbreviation.
    pub const MONTH: u16 = 1 << 1;
    pub const WEEKDAY: u16 = 1 << 2;
    /// A phrase cue within the word ("week", "Tonight", "YESTERDAY"); "the day" spans two.
    pub const PHRASE: u16 = 1 << 3;
    pub const AGO: u16 = 1 << 4;
    /// Ends in "the" or "The", or in "THE": the first half of "the day" or "THE DAY".
    pub const END_THE: u16 = 1 << 5;
    pub const END_THE_UPPER: u16 = 1 << 6;
    /// Starts with "day", or with "DAY".
    pub const START_DAY: u16 = 1 << 7;
    pub const START_DAY_UPPER: u16 = 1 << 8;
    /// Holds an apostrophe or a character outside ASCII, where a month may start inside the
    /// word ("O'Nov", "éNovember"): its month cues are looked for in the sentence's text.
    pub const ODD: u16 = 1 << 9;
    /// Holds a stem of a future-tense cue ([`super::tense::is_future`]), in any case.
    pub const FUTURE: u16 = 1 << 10;
    /// Ends in "to", or starts with "be" or "ll", in any case: the stems "to be" and "'ll"
    /// span a space or an apostrophe between words.
    pub const END_TO: u16 = 1 << 11;
    pub const START_BE: u16 = 1 << 12;
    pub const START_LL: u16 = 1 << 13;
}

/// The date cues of one word (a token's text), which [`cues_of_tokens`] combines into a
/// sentence's. A cue counts wherever it occurs in the word, so a sentence's cues from its
/// words are never fewer than [`cues`] finds: cues only decide which patterns run, and
/// running one more pattern finds nothing the pattern would not. Month cues give the window
/// the month patterns search, so they are found exactly where [`cues`] finds them.
pub(crate) fn word_cues(raw: &str) -> u16 {
    let bytes = raw.as_bytes();
    let mut cues = 0;
    if bytes.iter().any(u8::is_ascii_digit) {
        cues |= word::DIGIT;
    }
    if !raw.is_ascii() || bytes.contains(&b'\'') {
        cues |= word::ODD;
    }
    if bytes.len() >= 2 {
        let lower = |at: usize| bytes[at].to_ascii_lowercase();
        if lower(bytes.len() - 2) == b't' && lower(bytes.len() - 1) == b'o' {
            cues |= word::END_TO;
        }
        match (lower(0), lower(1)) {
            (b'b', b'e') => cues |= word::START_BE,
            (b'l', b'l') => cues |= word::START_LL,
            _ => {}
        }
    }
    if tense::has_stem(bytes) {
        cues |= word::FUTURE;
    }
    if bytes.len() < 3 {
        // Every date cue but the digits is three letters or more.
        return cues;
    }
    if bytes[0].is_ascii_uppercase() {
        let lead = bytes
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len());
        if is_month_word(&raw[..lead]) {
            cues |= word::MONTH;
        }
    }
    for at in 0..bytes.len() - 2 {
        cues |= cue_at(&bytes[at..]);
    }
    if raw.ends_with("the") || raw.ends_with("The") {
        cues |= word::END_THE;
    }
    if raw.ends_with("THE") {
        cues |= word::END_THE_UPPER;
    }
    if raw.starts_with("day") {
        cues |= word::START_DAY;
    }
    if raw.starts_with("DAY") {
        cues |= word::START_DAY_UPPER;
    }
    cues
}

/// The cue family of a weekday, phrase or "ago" cue at the start of `rest`, written as
/// [`cues`] looks for it: weekdays capitalised, "ago" in lower case or capitals, phrase words
/// in lower case, capitalised or in capitals.
fn cue_at(rest: &[u8]) -> u16 {
    const LOWER: u8 = 1;
    const CAPITAL: u8 = 2;
    const UPPER: u8 = 4;
    const PHRASE: (u16, u8) = (word::PHRASE, LOWER | CAPITAL | UPPER);
    const WEEKDAY: (u16, u8) = (word::WEEKDAY, CAPITAL);
    // By first letter: the words of `PHRASE_CUES` but "the day", `WEEKDAY_CUES`, and "ago".
    let candidates: &[(&str, (u16, u8))] = match rest[0].to_ascii_lowercase() {
        b't' => &[
            ("today", PHRASE),
            ("tomorrow", PHRASE),
            ("tuesday", WEEKDAY),
            ("thursday", WEEKDAY),
        ],
        b'y' => &[("yesterday", PHRASE), ("year", PHRASE)],
        b'n' => &[("night", PHRASE)],
        b'w' => &[("week", PHRASE), ("wednesday", WEEKDAY)],
        b'm' => &[("month", PHRASE), ("morning", PHRASE), ("monday", WEEKDAY)],
        b'a' => &[("afternoon", PHRASE), ("ago", (word::AGO, LOWER | UPPER))],
        b'e' => &[("evening", PHRASE)],
        b'f' => &[("friday", WEEKDAY)],
        b's' => &[("saturday", WEEKDAY), ("sunday", WEEKDAY)],
        _ => return 0,
    };
    let mut found = 0;
    for &(cue, (family, forms)) in candidates {
        let Some(here) = rest.get(..cue.len()) else {
            continue;
        };
        if !here.eq_ignore_ascii_case(cue.as_bytes()) {
            continue;
        }
        let tail = &here[1..];
        let form = if here[0].is_ascii_lowercase() {
            if tail.iter().all(u8::is_ascii_lowercase) {
                LOWER
            } else {
                0
            }
        } else if tail.iter().all(u8::is_ascii_lowercase) {
            CAPITAL
        } else if tail.iter().all(u8::is_ascii_uppercase) {
            UPPER
        } else {
            0
        };
        if form & forms != 0 {
            found |= family;
        }
    }
    found
}

/// The token before `tokens[i]` when one space, and nothing else, stands between the two: the
/// cues and stems that span two words ("the day", "to be") are written so.
fn one_space_before<'t>(text: &str, tokens: &'t [Token], i: usize) -> Option<&'t Token> {
    let prev = &tokens[i.checked_sub(1)?];
    (prev.span.end + 1 == tokens[i].span.start && text.as_bytes()[prev.span.end] == b' ')
        .then_some(prev)
}

/// A sentence's [`Cues`] from its tokens' [`word_cues`]: the same month cues as [`cues`] on
/// `text`, and the other families wherever [`cues`] has them.
fn cues_of_tokens(text: &str, tokens: &[Token]) -> Cues {
    let bytes = text.as_bytes();
    let mut cues = Cues::default();
    let mut month_at = |at: usize| {
        cues.month = true;
        cues.months.get_or_insert((at, at + 3)).1 = at + 3;
    };
    let mut all = 0;
    for (i, t) in tokens.iter().enumerate() {
        let w = t.date_cues;
        all |= w;
        if w & word::ODD != 0 {
            // A month may start anywhere a word character does not come before it.
            for at in t.span.start..t.span.end {
                if bytes[at].is_ascii_uppercase()
                    && MONTH_CUES
                        .iter()
                        .any(|m| bytes[at..].starts_with(m.as_bytes()))
                    && month_word_at(text, at)
                {
                    month_at(at);
                }
            }
        } else if w & word::MONTH != 0
            && t.span.start.checked_sub(1).is_none_or(|b| bytes[b] != b'_')
            && bytes.get(t.span.end) != Some(&b'_')
        {
            month_at(t.span.start);
        }
        // "the day": the word before ends in "the", one space, this one starts with "day".
        if w & (word::START_DAY | word::START_DAY_UPPER) != 0
            && let Some(prev) = one_space_before(text, tokens, i)
        {
            let (end, start) = (prev.date_cues, w);
            if (end & word::END_THE != 0 && start & word::START_DAY != 0)
                || (end & word::END_THE_UPPER != 0 && start & word::START_DAY_UPPER != 0)
            {
                all |= word::PHRASE;
            }
        }
    }
    cues.digit = all & word::DIGIT != 0;
    cues.weekday = all & word::WEEKDAY != 0;
    cues.phrase = all & word::PHRASE != 0;
    cues.ago = all & word::AGO != 0;
    cues
}

#[derive(Clone, Copy)]
enum Family {
    Month,
    Weekday,
    Phrase,
    Ago,
}

/// Overlapping candidates (the weekday inside "Sunday, 3 November", the month inside
/// "since November 3") give way to the longest one; the result is sorted by position.
fn keep_longest(mut found: Vec<DateMention>) -> Vec<DateMention> {
    if found.len() < 2 {
        return found;
    }
    found.sort_by_key(|m| (std::cmp::Reverse(m.span.len()), m.span.start));
    let mut kept: Vec<DateMention> = Vec::with_capacity(found.len());
    for m in found {
        if !kept.iter().any(|k| overlap(k.span, m.span)) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.span.start);
    kept
}

/// One sentence being scanned, with what resolves its dates.
struct Scan<'a> {
    text: &'a str,
    published: Option<Date>,
    future: bool,
    cues: Cues,
    /// Where `text` starts in the sentence (month forms scan a window of it).
    base: usize,
}

impl Scan<'_> {
    /// The direction of a date expression starting at byte `start`.
    fn dir_at(&self, start: usize) -> Dir {
        let before = &self.text[..start];
        if self.future && !after_past_report(before) && !after_past_verb(before) {
            Dir::Future
        } else {
            Dir::Past
        }
    }

    /// A mention at `start..end` of this scan's text, as a span of the sentence.
    fn mention(
        &self,
        start: usize,
        end: usize,
        range: Option<DateRange>,
        relative: bool,
    ) -> DateMention {
        DateMention {
            span: self.span(start, end),
            range,
            relative,
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(start + self.base, end + self.base)
    }

    /// Resolves against the publication date; `None` without one.
    fn resolve(
        &self,
        start: usize,
        f: impl FnOnce(Date, Dir) -> Option<DateRange>,
    ) -> Option<DateRange> {
        self.published.and_then(|p| f(p, self.dir_at(start)))
    }
}

/// Whether `before` ends with a past reporting verb in the active voice ("Peskov said", not
/// "will be announced"): the date that follows dates the report.
fn after_past_report(before: &str) -> bool {
    const REPORTING: &[&str] = &[
        "said",
        "told",
        "announced",
        "stated",
        "confirmed",
        "denied",
        "reported",
        "wrote",
        "added",
        "warned",
        "declared",
        "revealed",
        "tweeted",
        "posted",
        "claimed",
        "insisted",
        "explained",
        "noted",
    ];
    const PASSIVE_OR_MODAL: &[&str] = &[
        "be", "been", "being", "is", "are", "was", "were", "will", "would", "to", "has", "have",
        "had",
    ];
    let mut words = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty());
    let Some(verb) = words.next() else {
        return false;
    };
    if !REPORTING.iter().any(|r| verb.eq_ignore_ascii_case(r)) {
        return false;
    }
    // The verb must end the text (only spaces between it and the date).
    if !before.trim_end().ends_with(verb) {
        return false;
    }
    !words
        .next()
        .is_some_and(|w| PASSIVE_OR_MODAL.iter().any(|p| w.eq_ignore_ascii_case(p)))
}

/// Whether a past-tense verb governs the date in a future sentence: "the delegations that met
/// in Kardel on Friday will reconvene in September" — Friday is the meeting's, in the past.
/// The verb must stand within four words before the date, in the same clause, with no modal
/// or passive auxiliary before it ("will be held on Friday" looks ahead).
fn after_past_verb(before: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "met", "spoke", "held", "took", "gave", "came", "went", "made", "fell", "hit", "struck",
        "left", "began", "won", "lost", "fought", "sent", "shot", "killed", "signed", "agreed",
    ];
    /// Past forms that announce what is to come.
    const LOOKING_AHEAD: &[&str] = &["expected", "scheduled", "planned", "slated", "intended"];
    const AUXILIARY: &[&str] = &[
        "will", "would", "shall", "to", "be", "been", "being", "ll", "is", "are", "set", "due",
    ];
    let clause = before.rsplit([',', ';', ':']).next().unwrap_or(before);
    let words: Vec<&str> = clause
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    for (i, w) in words.iter().enumerate().take(4) {
        let lower = w.to_ascii_lowercase();
        if AUXILIARY.contains(&lower.as_str()) || LOOKING_AHEAD.contains(&lower.as_str()) {
            return false;
        }
        let past =
            IRREGULAR.contains(&lower.as_str()) || (lower.len() > 4 && lower.ends_with("ed"));
        if past {
            return !words
                .get(i + 1)
                .is_some_and(|p| AUXILIARY.iter().any(|a| p.eq_ignore_ascii_case(a)));
        }
    }
    false
}

/// Month number from a month name or abbreviation ("Sept." → 9).
fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let n = match key.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// Weekday from its name, 0 for Monday.
fn weekday_number(name: &str) -> Option<i64> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let n = match key.as_str() {
        "mon" => 0,
        "tue" => 1,
        "wed" => 2,
        "thu" => 3,
        "fri" => 4,
        "sat" => 5,
        "sun" => 6,
        _ => return None,
    };
    Some(n)
}

/// Regex fragments shared by the absolute and relative forms. Month and weekday names must be
/// capitalised: "march" and "may" in lower case are verbs.
const MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b";
