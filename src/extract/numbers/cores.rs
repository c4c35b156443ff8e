//! Finds the bare numbers of a sentence: digit runs, spelled numbers (read by `text2num`),
//! "a dozen", and vague plurals such as "hundreds" or "tens of thousands".

use super::lexicon::{Lower, Text, is_number_word};
use super::token::{DigitNum, Tok, TokKind, parse_digits};
use std::borrow::Cow;
use text2num::lang::English;

/// How a bare number was written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Source {
    Digits(DigitNum),
    Words {
        ordinal: bool,
    },
    /// "a dozen", "two dozen": loose by habit, read as "about".
    Dozen,
    /// "dozens", "hundreds of thousands": `value` is the low end, `hi` the open high end.
    Vague {
        hi: f64,
    },
}

/// A bare number: tokens `first..end`, before hedges, scales, currency and units are read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Core {
    pub first: usize,
    pub end: usize,
    pub value: f64,
    pub source: Source,
}

fn word<'a>(text: Text<'a>, toks: &[Tok], i: usize) -> Option<&'a str> {
    toks.get(i)
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| text.lower(t.start, t.end))
}

fn word_is(text: Text<'_>, toks: &[Tok], i: usize, w: &str) -> bool {
    word(text, toks, i).is_some_and(|l| l == w)
}

/// The order of magnitude a plural scale word stands for ("hundreds" -> 100).
fn plural_scale(lower: &str) -> Option<f64> {
    Some(match lower {
        "tens" => 1e1,
        "dozens" => 12.0,
        "hundreds" => 1e2,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        _ => return None,
    })
}

fn singular_scale(lower: &str) -> Option<f64> {
    Some(match lower {
        "dozen" => 12.0,
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        _ => return None,
    })
}

/// The interval of a vague magnitude: twice the unit up to ten times it, "dozens" [24, 100).
fn vague_interval(unit: f64) -> (f64, f64) {
    if unit == 12.0 {
        (24.0, 100.0)
    } else {
        (2.0 * unit, 10.0 * unit)
    }
}

/// "dozens", "hundreds of thousands", "several hundred", "a few thousand" at token `i`.
fn vague_at(text: Text<'_>, toks: &[Tok], i: usize) -> Option<Core> {
    let w = word(text, toks, i)?;
    let (unit, end) = if let Some(unit) = plural_scale(w) {
        // "hundreds of thousands", "tens of millions": the second plural multiplies.
        let bigger = (word_is(text, toks, i + 1, "of"))
            .then(|| word(text, toks, i + 2))
            .flatten()
            .and_then(|l| plural_scale(l).filter(|&s| s >= 1e3));
        match bigger {
            Some(b) if unit <= 1e2 => (unit * b, i + 3),
            _ if w == "tens" => return None,
            _ => (unit, i + 1),
        }
    } else if matches!(w, "several" | "few") || (w == "a" && word_is(text, toks, i + 1, "few")) {
        let at = if w == "a" { i + 2 } else { i + 1 };
        let unit = singular_scale(word(text, toks, at)?)?;
        (unit, at + 1)
    } else {
        return None;
    };
    let (lo, hi) = vague_interval(unit);
    Some(Core {
        first: i,
        end,
        value: lo,
        source: Source::Vague { hi },
    })
}

/// "a dozen", "half a dozen" at token `i`.
fn dozen_at(text: Text<'_>, toks: &[Tok], i: usize) -> Option<Core> {
    let w = word(text, toks, i)?;
    let (value, end) = match w {
        "a" if word_is(text, toks, i + 1, "dozen") => (12.0, i + 2),
        "half" if word_is(text, toks, i + 1, "a") && word_is(text, toks, i + 2, "dozen") => {
            (6.0, i + 3)
        }
        _ => return None,
    };
    Some(Core {
        first: i,
        end,
        value,
        source: Source::Dozen,
    })
}

/// A token of a spelled-number run, as `text2num` reads it.
struct RunTok<'a>(Cow<'a, str>);

impl text2num::Token for &RunTok<'_> {
    fn text(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }

    fn text_lowercase(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

fn is_big_scale(lower: &str) -> bool {
    matches!(
        lower,
        "hundred" | "thousand" | "million" | "billion" | "trillion"
    )
}

/// The end of a run of number words starting at `i` (`i` itself when there is none).
fn run_end(text: Text<'_>, toks: &[Tok], i: usize) -> usize {
    let mut j = i;
    while let Some(w) = word(text, toks, j) {
        let next_is_number = word(text, toks, j + 1).is_some_and(is_number_word);
        let member = is_number_word(w)
            || (j == i && w == "a" && word(text, toks, j + 1).is_some_and(is_big_scale))
            || (j > i && matches!(w, "and" | "point") && next_is_number);
        if !member {
            break;
        }
        j += 1;
    }
    j
}

/// Spelled numbers in the run `i..end`, read by `text2num`; "dozen" after one multiplies it.
fn spelled_in_run(text: Text<'_>, toks: &[Tok], i: usize, end: usize, out: &mut Vec<Core>) {
    // "no one", "any one", "one another" are not counts.
    if end == i + 1 && word_is(text, toks, i, "one") {
        let before = i.checked_sub(1).and_then(|p| word(text, toks, p));
        if before.is_some_and(|b| matches!(b, "no" | "any" | "every" | "some"))
            || word_is(text, toks, end, "another")
        {
            return;
        }
    }
    let run: Vec<RunTok> = (i..end)
        .map(|k| {
            let raw = toks[k].text(text.raw);
            if k == i && raw.eq_ignore_ascii_case("a") {
                RunTok(Cow::Borrowed("one"))
            } else if raw.bytes().any(|b| b.is_ascii_uppercase()) {
                RunTok(Cow::Owned(raw.to_ascii_lowercase()))
            } else {
                RunTok(Cow::Borrowed(raw))
            }
        })
        .collect();
    let english = English::new();
    for occ in text2num::find_numbers(run.iter(), &english, 0.0) {
        let (first, mut last) = (i + occ.start, i + occ.end);
        let mut value = occ.value;
        let mut source = Source::Words {
            ordinal: occ.is_ordinal,
        };
        if last == end && !occ.is_ordinal && word_is(text, toks, last, "dozen") {
            value *= 12.0;
            last += 1;
            source = Source::Dozen;
        }
        if value.is_finite() {
            out.push(Core {
                first,
                end: last,
                value,
                source,
            });
        }
    }
}

/// Whether `text` may hold a bare number: it has an ASCII digit, or a run of ASCII letters
/// that is a number word, a scale or "dozen(s)". Every core [`find_cores`] finds starts at a
/// digit or contains such a word, and every word it reads is a run of ASCII letters (or
/// several joined by hyphens), so `false` means it finds none. A new kind of core must keep
/// this true (debug builds check it on every sentence).
pub(super) fn may_hold_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.iter().any(u8::is_ascii_digit) {
        return true;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            return true;
        }
        if !b.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let lower = Lower::new(&text[start..i]);
        let w = lower.as_str();
        if is_number_word(w) || plural_scale(w).is_some() || singular_scale(w).is_some() {
            return true;
        }
    }
    false
}

/// Every bare number of the sentence, in order.
pub(super) fn find_cores(text: Text<'_>, toks: &[Tok], out: &mut Vec<Core>) {
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        match t.kind {
            TokKind::Digits => {
                if let Some(d) = parse_digits(t.text(text.raw)) {
                    out.push(Core {
                        first: i,
                        end: i + 1,
                        value: d.value,
                        source: Source::Digits(d),
                    });
                }
                i += 1;
            }
            TokKind::Word => {
                // Most words start nothing: one look at the lower-cased word settles it.
                let w = text.lower(t.start, t.end);
                let may_start = !w.is_empty()
                    && (is_number_word(w)
                        || plural_scale(w).is_some()
                        || matches!(w, "a" | "several" | "few" | "half"));
                if !may_start {
                    i += 1;
                    continue;
                }
                if let Some(core) = vague_at(text, toks, i).or_else(|| dozen_at(text, toks, i)) {
                    i = core.end;
                    out.push(core);
                    continue;
                }
                let end = run_end(text, toks, i);
                if end > i {
                    spelled_in_run(text, toks, i, end, out);
                    i = out.last().map_or(end, |c| c.end.max(end));
                } else {
                    i += 1;
                }
            }
            TokKind::Punct => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;

    fn cores(text: &str) -> Vec<(String, f64)> {
        let mut toks = Vec::new();
        tokenize(text, &mut toks);
        let mut out = Vec::new();
        let mut lower = String::new();
        find_cores(Text::new(text, &mut lower), &toks, &mut out);
        out.iter()
            .map(|c| {
                let span = &text[toks[c.first].start..toks[c.end - 1].end];
                (span.to_string(), c.value)
            })
            .collect()
    }

    #[test]
    fn finds_spelled_numbers() {
        assert_eq!(
            cores("One hundred and forty-five drones and thirty-four missiles"),
            vec![
                ("One hundred and forty-five".to_string(), 145.0),
                ("thirty-four".to_string(), 34.0)
            ]
        );
        assert_eq!(
            cores("a hundred people"),
            vec![("a hundred".to_string(), 100.0)]
        );
        assert_eq!(cores("a dozen"), vec![("a dozen".to_string(), 12.0)]);
        assert_eq!(cores("two dozen"), vec![("two dozen".to_string(), 24.0)]);
        assert_eq!(cores("no one came, one another"), vec![]);
        assert_eq!(cores("a man"), vec![]);
    }

    #[test]
    fn finds_vague_plurals() {
        assert_eq!(cores("dozens of"), vec![("dozens".to_string(), 24.0)]);
        assert_eq!(
            cores("tens of thousands of people"),
            vec![("tens of thousands".to_string(), 20000.0)]
        );
        assert_eq!(
            cores("a few hundred"),
            vec![("a few hundred".to_string(), 200.0)]
        );
        assert_eq!(cores("tens"), vec![]);
    }
}
