//! The month forms and weekdays read by hand: what `DAY_MONTH`, `MONTH_DAY` and
//! `MONTH_ONLY` in [`super::absolute`] and `WEEKDAY_RE` in [`super::relative`] match, found
//! without a regex engine.
//!
//! Each pattern's matches are its leftmost-first matches, one after another as
//! `captures_iter` gives them, with the same groups. A regex search for these patterns runs
//! three engines (a forward and a reverse scan for the match, a backtracker for the groups)
//! over a pattern of hundreds of states, about a third of a sentence's date reading. Here a
//! month form is tried at the word starts before each month name, back as far as a match of
//! it could start ([`matches`]), and a weekday match is read from each weekday name
//! ([`weekdays`]). Each pattern's few choices are tried in the pattern's order: the one
//! choice a later failure can undo (an ordinal "th" that was the start of "through") is tried
//! both ways, and every other choice, once made, leaves nothing else that could match (the
//! comments say why).
//!
//! The regexes' case-insensitive words also match the long s (ſ) and the Kelvin sign (K),
//! the only characters outside ASCII that fold to ASCII letters; text holding either is left
//! to the regexes ([`readable`]). White space is Unicode's, as `\s` is.
//! Proptests (`forms_read_by_hand_match_the_patterns`, `weekdays_read_by_hand_match_the_pattern`)
//! hold every reader to its pattern.

use super::{MONTH_NAMES, MONTH_SHORT, WEEKDAY_CUES};

/// A byte range of the text.
pub(super) type Group = Option<(usize, usize)>;

/// One match: its whole span and its groups, as the patterns name them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Form {
    pub start: usize,
    pub end: usize,
    pub pre: Group,
    pub lead: Group,
    pub d1: Group,
    pub o1: Group,
    pub d2: Group,
    pub o2: Group,
    pub of: Group,
    pub mon: Group,
    pub y: Group,
}

impl Form {
    pub fn text<'t>(&self, text: &'t str, group: Group) -> Option<&'t str> {
        group.map(|(s, e)| &text[s..e])
    }
}

/// Whether the readers read `text` as the patterns do: it holds no character outside ASCII
/// that a case-insensitive ASCII letter matches.
pub(super) fn readable(text: &str) -> bool {
    text.is_ascii() || !(text.contains('\u{17F}') || text.contains('\u{212A}'))
}

/// Where the month names in `text` start: the word starts where [`month`] reads one. Every
/// match holds one, and the words before it in a match are never a month's name.
pub(super) fn months(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| {
            starts_like_month(&b[i..]) && (i == 0 || !is_word(b[i - 1])) && month(b, i).is_some()
        })
        .collect()
}

/// The matches of one reader over `text` (whose month names start at `months`), left to
/// right without overlaps. A match's month is the first month name after its start, so the
/// leftmost match is found by taking the month names in turn and trying the reader at each
/// word start from the farthest place a match of that month could start ([`lead_in`]).
pub(super) fn matches(
    text: &str,
    months: &[usize],
    reader: fn(&[u8], &str, usize) -> Option<Form>,
) -> Vec<Form> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for &m in months {
        if m < from {
            continue;
        }
        let start = lead_in(text, m).max(from);
        // Every pattern starts at a word boundary with a word character.
        if let Some(form) = (start..=m)
            .filter(|&at| is_word(b[at]) && (at == 0 || !is_word(b[at - 1])))
            .find_map(|at| reader(b, text, at))
        {
            from = form.end;
            out.push(form);
        }
    }
    out
}

/// The farthest back a match ending in the month name at `m` could start: back over white
/// space, commas, dashes, digits and the patterns' words before a month (an ordinal suffix,
/// a joining word and "the" may be glued: "9thto11", "tothe").
fn lead_in(text: &str, m: usize) -> usize {
    let b = text.as_bytes();
    let mut p = m;
    while p > 0 {
        let c = b[p - 1];
        if c.is_ascii_digit() || matches!(c, b',' | b'-') || c.is_ascii_whitespace() || c == 0x0B {
            p -= 1;
        } else if c.is_ascii_alphabetic() {
            let start = b[..p]
                .iter()
                .rposition(|c| !c.is_ascii_alphabetic())
                .map_or(0, |i| i + 1);
            if !lead_word(&b[start..p]) {
                break;
            }
            p = start;
        } else if c.is_ascii() {
            break;
        } else {
            // A character outside ASCII: white space or a dash may be part of a match.
            let at = text[..p].char_indices().next_back().map_or(0, |(i, _)| i);
            let ch = text[at..p].chars().next().unwrap_or('x');
            if !(ch.is_whitespace() || matches!(ch, '–' | '—')) {
                break;
            }
            p = at;
        }
    }
    p
}

/// Whether a run of letters may stand before a month in a match: one of the patterns' words,
/// or an ordinal suffix, a joining word and "the" run together, in that order.
fn lead_word(run: &[u8]) -> bool {
    const WORDS: &[&str] = &[
        "on",
        "from",
        "the",
        "night",
        "nights",
        "of",
        "between",
        "in",
        "during",
        "through",
        "throughout",
        "early",
        "late",
        "mid",
        "last",
        "this",
        "next",
        "at",
        "end",
        "beginning",
        "start",
        "middle",
    ];
    if WORDS
        .iter()
        .chain(WEEKDAY_CUES)
        .any(|w| run.eq_ignore_ascii_case(w.as_bytes()))
    {
        return true;
    }
    let mut rest = run;
    for group in [
        &["st", "nd", "rd", "th"][..],
        &["to", "and", "until", "through"],
        &["the"],
    ] {
        if let Some(g) = group.iter().find(|g| {
            rest.get(..g.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(g.as_bytes()))
        }) {
            rest = &rest[g.len()..];
        }
    }
    rest.is_empty()
}

/// `DAY_MONTH` at `at`: "on Sunday, 3 November 2024", "the night of 9–10 November",
/// "between 9 and 11 November", "the 3rd of November".
pub(super) fn day_month(b: &[u8], t: &str, at: usize) -> Option<Form> {
    let (mut form, mut i) = opening(b, t, at);
    // "the" before the day: if it is there and no day follows, nothing else could start
    // with it.
    if let Some(j) = word_ci(b, i, "the").and_then(|j| ws1(t, j)) {
        i = j;
    }
    let d1 = day(b, i)?;
    form.d1 = Some((i, d1));
    // An ordinal suffix, and, if the rest fails after it, none: "9through 11 November" is
    // 9 through 11.
    if let Some(o1) = ordinal(b, d1) {
        let mut with = form;
        with.o1 = Some((d1, o1));
        if let Some(done) = day_month_rest(b, t, o1, with) {
            return Some(done);
        }
    }
    day_month_rest(b, t, d1, form)
}

/// `DAY_MONTH` after the first day (and its suffix).
fn day_month_rest(b: &[u8], t: &str, mut i: usize, mut form: Form) -> Option<Form> {
    // A second day. Once its joining word is read, what follows it could not be read
    // without it (no joining word is "of" or starts a month's name).
    if let Some(j) = joiner(b, t, ws0(t, i)) {
        let mut k = ws0(t, j);
        if let Some(l) = word_ci(b, k, "the").and_then(|l| ws1(t, l))
            && b.get(l).is_some_and(u8::is_ascii_digit)
        {
            k = l;
        }
        if let Some(d2) = day(b, k) {
            form.d2 = Some((k, d2));
            i = d2;
            if let Some(o2) = ordinal(b, d2) {
                form.o2 = Some((d2, o2));
                i = o2;
            }
        }
    }
    let mut i = ws1(t, i)?;
    // "of" with its white space (the group holds both), when a month follows it.
    if let Some(j) = word_ci(b, i, "of").and_then(|j| ws1(t, j))
        && month(b, j).is_some()
    {
        form.of = Some((i, j));
        i = j;
    }
    let mon = month(b, i)?;
    form.mon = Some((i, mon));
    form.end = mon;
    year_after(b, t, mon, &mut form);
    Some(form)
}

/// `MONTH_DAY` at `at`: "Sunday, November 3, 2024", "Nov. 3", "November 3rd", "between
/// November 9 and 11", "January 31 , 1892".
pub(super) fn month_day(b: &[u8], t: &str, at: usize) -> Option<Form> {
    let (mut form, i) = opening(b, t, at);
    let mon = month(b, i)?;
    form.mon = Some((i, mon));
    let i = ws1(t, mon)?;
    let d1 = day(b, i)?;
    form.d1 = Some((i, d1));
    let mut end = d1;
    if let Some(o1) = ordinal(b, d1) {
        form.o1 = Some((d1, o1));
        end = o1;
    }
    if !boundary(b, end) {
        return None;
    }
    form.end = end;
    // A second day, whole or not at all.
    if let Some(j) = joiner(b, t, ws0(t, end)) {
        let k = ws0(t, j);
        if let Some(d2) = day(b, k) {
            let (o2, stop) = match ordinal(b, d2) {
                Some(o2) => (Some((d2, o2)), o2),
                None => (None, d2),
            };
            if boundary(b, stop) {
                form.d2 = Some((k, d2));
                form.o2 = o2;
                form.end = stop;
            }
        }
    }
    // The year: an optional space, a comma, optional white space, four digits.
    let mut i = form.end;
    if b.get(i) == Some(&b' ') && b.get(i + 1) == Some(&b',') {
        i += 1;
    }
    if b.get(i) == Some(&b',') {
        let j = ws0(t, i + 1);
        if let Some(y) = four_digits(b, j) {
            form.y = Some((j, y));
            form.end = y;
        }
    }
    Some(form)
}

/// `MONTH_ONLY` at `at`: "in November", "November 2024", "early March", "the end of March",
/// "last November", "mid-March".
pub(super) fn month_only(b: &[u8], t: &str, at: usize) -> Option<Form> {
    let mut form = Form {
        start: at,
        ..Form::default()
    };
    let first = b[at].to_ascii_lowercase();
    // The leading words, in the pattern's order; the first after which a month follows.
    let with_pre = PRE
        .iter()
        .filter(|words| words[0].as_bytes()[0] == first)
        .filter_map(|words| pre_words(b, t, at, words))
        .find_map(|end| {
            let sep = match ws1(t, end) {
                Some(s) => s,
                None if b.get(end) == Some(&b'-') => end + 1,
                None => return None,
            };
            month(b, sep).map(|mon| (end, sep, mon))
        });
    let (i, mon) = match with_pre {
        Some((end, sep, mon)) => {
            form.pre = Some((at, end));
            (sep, mon)
        }
        None => (at, month(b, at)?),
    };
    form.mon = Some((i, mon));
    form.end = mon;
    year_after(b, t, mon, &mut form);
    Some(form)
}

/// The leading words of `MONTH_ONLY`, each alternative spelled out with its optional words
/// taken before left out: "in", "during", …, "in early", "early", …, "at the end of", "in the
/// end of", "the end of", …, "end of".
static PRE: std::sync::LazyLock<Vec<Vec<&'static str>>> = std::sync::LazyLock::new(|| {
    let mut out: Vec<Vec<&str>> = ["in", "during", "through", "throughout", "from"]
        .iter()
        .map(|w| vec![*w])
        .collect();
    for w in ["early", "late", "mid"] {
        out.push(vec!["in", w]);
        out.push(vec![w]);
    }
    for w in ["last", "this", "next"] {
        out.push(vec![w]);
    }
    for first in [Some("at"), Some("in"), None] {
        for part in ["end", "beginning", "start", "middle"] {
            out.push(first.into_iter().chain(["the", part, "of"]).collect());
        }
    }
    out.push(vec!["end", "of"]);
    out
});

/// Where `words` (case-insensitive, white space between) end when they start at `at`.
fn pre_words(b: &[u8], t: &str, at: usize, words: &[&str]) -> Option<usize> {
    let mut i = at;
    for (n, w) in words.iter().enumerate() {
        if n > 0 {
            i = ws1(t, i)?;
        }
        i = word_ci(b, i, w)?;
    }
    Some(i)
}

/// The words both day-and-month forms may open with at `at` ("on" or "from", a weekday, a
/// lead such as "the night of"), skipped: a form to fill and where the rest starts.
fn opening(b: &[u8], t: &str, at: usize) -> (Form, usize) {
    let mut form = Form {
        start: at,
        ..Form::default()
    };
    let mut i = on_from(b, t, at);
    i = weekday_comma(b, t, i);
    i = lead(b, t, i, &mut form);
    (form, i)
}

/// "on " or "from " at `i`, skipped; once read, nothing after it could be read without it
/// (no weekday, leading word, "the", day or month starts with "on" or "from").
fn on_from(b: &[u8], t: &str, i: usize) -> usize {
    ["on", "from"]
        .iter()
        .find_map(|w| word_ci(b, i, w).and_then(|j| ws1(t, j)))
        .unwrap_or(i)
}

/// A weekday with an optional comma and white space, skipped (a weekday starts neither a
/// leading word nor a day nor a month).
fn weekday_comma(b: &[u8], t: &str, i: usize) -> usize {
    let Some(mut j) = weekday(b, i) else {
        return i;
    };
    if b.get(j) == Some(&b',') {
        j += 1;
    }
    ws1(t, j).unwrap_or(i)
}

/// "the night of", "the nights between", "the night between", "between", with white space
/// after, into `form.lead`; nothing after them could be read without them.
fn lead(b: &[u8], t: &str, i: usize, form: &mut Form) -> usize {
    let night = || -> Option<usize> {
        let j = ws1(t, word_ci(b, i, "the")?)?;
        let j = word_ci(b, j, "night")?;
        let j = if b.get(j).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) {
            // "nights" only before "between"; "the nights of" is not a lead.
            return ws1(t, j + 1).and_then(|k| word_ci(b, k, "between"));
        } else {
            j
        };
        let k = ws1(t, j)?;
        word_ci(b, k, "of").or_else(|| word_ci(b, k, "between"))
    };
    let end = night().or_else(|| word_ci(b, i, "between"));
    match end.and_then(|e| ws1(t, e).map(|next| (e, next))) {
        Some((e, next)) => {
            form.lead = Some((i, e));
            next
        }
        None => i,
    }
}

/// A dash or one of "to", "and", "until", "through" at `i`: where it ends.
fn joiner(b: &[u8], t: &str, i: usize) -> Option<usize> {
    if let Some(c) = t.get(i..).and_then(|r| r.chars().next())
        && matches!(c, '-' | '–' | '—')
    {
        return Some(i + c.len_utf8());
    }
    ["to", "and", "until", "through"]
        .iter()
        .find_map(|w| word_ci(b, i, w))
}

/// One or two ASCII digits at `i`: where they end. Three or more are no day (`\d{1,2}`
/// matches their start, but nothing in the patterns may follow it with a digit).
fn day(b: &[u8], i: usize) -> Option<usize> {
    let n = b
        .get(i..)?
        .iter()
        .take(3)
        .take_while(|c| c.is_ascii_digit())
        .count();
    matches!(n, 1 | 2).then_some(i + n)
}

fn ordinal(b: &[u8], i: usize) -> Option<usize> {
    let pair = b.get(i..i + 2)?;
    matches!(pair, b"st" | b"nd" | b"rd" | b"th").then_some(i + 2)
}

fn four_digits(b: &[u8], i: usize) -> Option<usize> {
    let digits = b.get(i..i + 4)?;
    (digits.iter().all(u8::is_ascii_digit) && boundary(b, i + 4)).then_some(i + 4)
}

/// `(?:,?\s+(?P<y>\d{4})\b)?` after the month, into `form.y` and `form.end`.
fn year_after(b: &[u8], t: &str, mon: usize, form: &mut Form) {
    let i = if b.get(mon) == Some(&b',') {
        mon + 1
    } else {
        mon
    };
    if let Some(j) = ws1(t, i)
        && let Some(y) = four_digits(b, j)
    {
        form.y = Some((j, y));
        form.end = y;
    }
}

/// A month's name or abbreviation at `i` as `MONTH` reads it: a whole name, or an
/// abbreviation ending a word, with its full stop if one follows.
pub(super) fn month(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    if !starts_like_month(rest) {
        return None;
    }
    if let Some(n) = MONTH_NAMES
        .iter()
        .find(|n| rest.starts_with(n.as_bytes()) && boundary(b, i + n.len()))
    {
        return Some(i + n.len());
    }
    let n = MONTH_SHORT
        .iter()
        .find(|n| rest.starts_with(n.as_bytes()) && boundary(b, i + n.len()))?;
    let end = i + n.len();
    Some(if b.get(end) == Some(&b'.') {
        end + 1
    } else {
        end
    })
}

/// Whether `rest` starts with the two letters a month's name or abbreviation starts with
/// ("Ja", "Fe", "Ma", "Ap", "Ju", "Au", "Se", "Oc", "No", "De"): most capitalised words do
/// not ("Salenkel", "Officials", "According"), and are turned away before the names are
/// compared with them.
fn starts_like_month(rest: &[u8]) -> bool {
    matches!(
        rest,
        [b'J', b'a' | b'u', ..]
            | [b'F', b'e', ..]
            | [b'M', b'a', ..]
            | [b'A', b'p' | b'u', ..]
            | [b'S', b'e', ..]
            | [b'O', b'c', ..]
            | [b'N', b'o', ..]
            | [b'D', b'e', ..]
    )
}

/// A weekday's name at `i` ending a word: where it ends.
pub(super) fn weekday(b: &[u8], i: usize) -> Option<usize> {
    let rest = b.get(i..)?;
    WEEKDAY_CUES
        .iter()
        .find(|d| rest.starts_with(d.as_bytes()) && boundary(b, i + d.len()))
        .map(|d| i + d.len())
}

/// `w` (lower-case ASCII) at `i`, in any case: where it ends.
pub(super) fn word_ci(b: &[u8], i: usize, w: &str) -> Option<usize> {
    let here = b.get(i..i + w.len())?;
    here.eq_ignore_ascii_case(w.as_bytes())
        .then_some(i + w.len())
}

/// A word character for `\b` in ASCII mode.
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `(?-u:\b)` at `i`.
pub(super) fn boundary(b: &[u8], i: usize) -> bool {
    let before = i > 0 && b.get(i - 1).copied().is_some_and(is_word);
    let after = b.get(i).copied().is_some_and(is_word);
    before != after
}

/// `\s*` from `i`: where the white space ends.
pub(super) fn ws0(t: &str, i: usize) -> usize {
    let b = t.as_bytes();
    let mut j = i;
    while let Some(&c) = b.get(j) {
        if c.is_ascii() {
            if !matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                break;
            }
            j += 1;
        } else {
            match t[j..].chars().next() {
                Some(ch) if ch.is_whitespace() => j += ch.len_utf8(),
                _ => break,
            }
        }
    }
    j
}

/// `\s+` from `i`: where the white space ends, if there is any.
pub(super) fn ws1(t: &str, i: usize) -> Option<usize> {
    let j = ws0(t, i);
    (j > i).then_some(j)
}

/// One weekday match (`WEEKDAY_RE`): its whole span, the word before the weekday ("on",
/// "last"…), the weekday, and the part of the day after it ("night", "morning"…).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct WeekdayForm {
    pub start: usize,
    pub end: usize,
    pub q: Group,
    pub wd: (usize, usize),
    pub part: Group,
}

/// The weekday matches in `text`, left to right. Every weekday name that ends a word is one
/// (nothing after it is required), starting at the word before it when that is one of the
/// pattern's and not inside the match before.
pub(super) fn weekdays(text: &str) -> Vec<WeekdayForm> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for w in 0..b.len() {
        if w < from
            || !matches!(b[w], b'M' | b'T' | b'W' | b'F' | b'S')
            || (w > 0 && is_word(b[w - 1]))
        {
            continue;
        }
        let Some(wd_end) = weekday(b, w) else {
            continue;
        };
        let q = word_before(b, ws_back(text, w)).filter(|&(s, e)| {
            s >= from
                && e < w
                && QUALIFIERS
                    .iter()
                    .any(|q| b[s..e].eq_ignore_ascii_case(q.as_bytes()))
        });
        let form = weekday_rest(b, text, w, wd_end, q);
        from = form.end;
        out.push(form);
    }
    out
}

/// The words `WEEKDAY_RE` takes before a weekday.
const QUALIFIERS: &[&str] = &["on", "last", "this", "next", "early", "late", "from"];

/// Where the white space that ends at `w` starts (`w` when there is none): `\s*` backwards.
fn ws_back(text: &str, w: usize) -> usize {
    let mut p = w;
    while let Some((i, c)) = text[..p].char_indices().next_back() {
        if !c.is_whitespace() {
            break;
        }
        p = i;
    }
    p
}

/// The word of ASCII word characters ending at `end` (after white space before a weekday),
/// if white space separates it from the weekday.
fn word_before(b: &[u8], end: usize) -> Option<(usize, usize)> {
    let start = b[..end]
        .iter()
        .rposition(|&c| !is_word(c))
        .map_or(0, |i| i + 1);
    (start < end).then_some((start, end))
}

/// A weekday match from its weekday at `w..wd_end` on: "'s" and the part of the day after
/// it, each kept only when a word ends after it.
fn weekday_rest(b: &[u8], t: &str, w: usize, wd_end: usize, q: Group) -> WeekdayForm {
    let poss = ["'s", "’s"]
        .iter()
        .find(|p| b[wd_end..].starts_with(p.as_bytes()))
        .map(|p| wd_end + p.len());
    let part = |from: usize| -> Option<(usize, usize)> {
        let s = ws1(t, from)?;
        ["night", "morning", "afternoon", "evening"]
            .iter()
            .find_map(|p| word_ci(b, s, p))
            .filter(|&e| boundary(b, e))
            .map(|e| (s, e))
    };
    // In the pattern's order: "'s" and a part, "'s" alone, a part alone, neither.
    let (end, part) = match poss.map(|p| (p, part(p))) {
        Some((_, Some(part))) => (part.1, Some(part)),
        Some((p, None)) if boundary(b, p) => (p, None),
        _ => part(wd_end).map_or((wd_end, None), |part| (part.1, Some(part))),
    };
    WeekdayForm {
        start: q.map_or(w, |(s, _)| s),
        end,
        q,
        wd: (w, wd_end),
        part,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_starts_like_one_and_other_capitals_do_not() {
        for name in MONTH_NAMES.iter().chain(MONTH_SHORT) {
            assert!(starts_like_month(name.as_bytes()), "{name}");
        }
        for word in [
            "Salenkel",
            "Officials",
            "According",
            "J",
            "",
            "june",
            "JUNE",
            "Mr",
        ] {
            assert!(!starts_like_month(word.as_bytes()), "{word}");
        }
        assert_eq!(month(b"Mardelford", 0), None);
        assert_eq!(month(b"in Sept. 2024", 3), Some(8));
    }
}
