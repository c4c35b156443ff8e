//! Numbers in text: digits, number words, scales and currency, hedges as intervals, units.
//!
//! [`extract_quantities`] reads one sentence in four steps: split it into tokens
//! (`token`), find the bare numbers (`cores`: digits, spelled numbers read by `text2num`,
//! "a dozen", vague plurals), grow each into a quantity (scale, currency, percent, hedge,
//! range, unit, kind: `build`), and lend units to numbers whose noun is elided.
//!
//! # Forms
//!
//! - Digits: "145", "1,200", "6.5", "1 200" (a plain space groups digits only after a word
//!   that is not a month and only in groups of three; no-break and thin spaces always group),
//!   invisible characters inside digits are dropped ("14\u{200B}5" is 145).
//! - Words: "thirty-four", "one hundred and forty-five", "a hundred", "a dozen" (12),
//!   "two dozen" (24), "half a dozen" (6). "no one" and "one another" are not numbers.
//! - Scales: "thousand", "million", "billion", "trillion", "mn", "bn", "tn" apart or glued
//!   ("6bn", "1.2m", "US$6B", "5k"), and "6,000 million".
//! - Currency: "$", "€", "£", "¥", "₴", "₽", "US$", "A$", "C$", codes before the number ("USD
//!   5m") and currency nouns after it ("6 billion dollars"). Kind [`QuantityKind::Money`].
//! - Percent: "%", "percent", "per cent", "pct" (unit "percent"); "percentage points" (unit
//!   "percentage point") and "basis points" are different units. Kind
//!   [`QuantityKind::Percent`].
//!
//! # Hedges and intervals
//!
//! | words before the number | interval | hedge |
//! | --- | --- | --- |
//! | about, around, approximately, roughly, some, (an) estimated, circa, "~" | [0.9v, 1.1v] | About |
//! | more than, over, above, in excess of, upwards of, (well / just) over | (v, ∞) | MoreThan |
//! | at least, no fewer than, no less than, a minimum of | [v, ∞) | AtLeast |
//! | up to, as many as, as much as | [0, v] | UpTo |
//! | at most, no more than, a maximum of | [0, v] | AtMost |
//! | less than, fewer than, under, below | [0, v) | LessThan |
//! | nearly, almost, just under, just below, just shy of | [0.9v, v) | Nearly |
//! | close to | [0.9v, v] | Nearly |
//!
//! After the number: "or more" and "+"/"-plus" give [v, ∞) (AtLeast), "or so" and "-odd"
//! [0.9v, 1.1v] (About), "or fewer"/"or less" [0, v] (AtMost). "a dozen" and "two dozen"
//! without another hedge read as About.
//!
//! Ranges give [lo, hi] with hedge Range: "between 140 and 150", "140-150", "140–150",
//! "140 to 150", "two or three"; a scale or unit on the second end applies to the first
//! ("$5-6 billion", "5 to 6%"). "from 140 to 150" is two numbers (usually a change), and a
//! descending pair ("150 to 140") is no range. "about" before a range widens both ends.
//!
//! Vague plurals (hedge Vague, high end open): "dozens" [24, 100), "hundreds" [200, 1000),
//! "thousands" [2000, 10000), "millions" [2e6, 1e7), "billions" [2e9, 1e10), "tens of
//! thousands" [2e4, 1e5), "hundreds of thousands" [2e5, 1e6), "several/a few hundred"
//! [200, 1000): twice the magnitude up to ten times it.
//!
//! # Kinds
//!
//! Only [`QuantityKind::is_measure`] kinds are compared; the rest are incidental:
//!
//! - Year: "1990s"; a plain four-digit 1900–2100 after a date word ("in", "since", "by",
//!   "mid-", a month, "November 10, 2024"), in a year range ("2022-2024", "2022-23"), or not
//!   followed by a plural noun ("the 2024 election"). "2000 soldiers" stays a count.
//! - Other, for date parts: a day 1–31 next to a month ("November 10", "10 November",
//!   "Nov. 3", "9-10 November", "10th of November"); and for identifiers: letters glued to
//!   digits ("3D", "1e308"), words joined by a hyphen ("Su-34", "COVID-19"), "#5", "No. 5",
//!   "flight 370", a capitalised word before the number inside the sentence ("Resolution
//!   2334"), house numbers before a capitalised street name ("12 Marin Avenue"), dotted or
//!   slashed chains ("1.2.3", "10/11/2024"), and scores (a descending hyphen pair, "3-1");
//!   and for shares: both ends of a proportion ("one in five voters"), fractions
//!   ("two-thirds"), and the whole a part is taken from ("nine of the 12 ministers").
//! - TimeOfDay: "10:30", "10 a.m.", "6pm", "10 o'clock", "0600" (a leading zero), a number
//!   before a time zone ("0600 GMT") or "hours".
//! - Age: "aged 45", "45-year-old", "45 years old", and "Smith, 45," (a bare number between
//!   commas after a capitalised name).
//! - Duration: a number counting a time unit ("10 days", "for three years", "a 40-minute
//!   meeting", "1,000 days of war").
//! - Ordinal: "third", "3rd", "1,000th".
//!
//! # Units
//!
//! The unit is the counted noun after the number, normalised by [`normalize_unit`]: the
//! first plural among up to four words ("145 attack drones" -> "drone"), after "of" for vague
//! plurals and scales ("dozens of drones") or "of the" ("12 of the drones"). Capitalised words
//! are modifiers, never the head ("145 Shahed drones"); a singular noun is the head only for
//! "one" or a unit abbreviation ("5 km"). A hyphenated word glued to the number is the unit
//! ("40-minute" -> "minute"); between a number and its noun, such a compound is a modifier
//! ("32 four-car trains" -> "train"). A currency or percent sign is the unit of money and percent.
//!
//! A count with no noun of its own ("12 over the capital, 9 over the border region" after
//! "21 drones") takes the unit and unit span of the nearest preceding count that has one;
//! "two others" takes none.

mod cores;
mod lexicon;
mod token;
mod unit;

pub use lexicon::is_number_word;
pub use unit::normalize_unit;

use crate::claims::{Hedge, Quantity, QuantityKind};
use crate::span::Span;
use crate::values::NumInterval;
use cores::{Core, Source, find_cores};
use lexicon::{HEDGES, HedgeWord, Text};
use std::cell::RefCell;
use token::{Tok, TokKind, tokenize};

thread_local! {
    /// Token and number buffers reused between calls, so a sentence costs no allocation
    /// beyond its output.
    static SCRATCH: RefCell<(Vec<Tok>, Vec<Core>, String)> = const {
        RefCell::new((Vec::new(), Vec::new(), String::new()))
    };
}

/// Every number in `text` (one sentence), with spans relative to `text`.
pub fn extract_quantities(text: &str) -> Vec<Quantity> {
    // Most sentences of prose hold no number at all, and one pass over the bytes says so.
    // Debug builds read every sentence anyway and check that the test was right.
    let may = cores::may_hold_number(text);
    if !may && !cfg!(debug_assertions) {
        return Vec::new();
    }
    let out = read_quantities(text);
    debug_assert!(
        may || out.is_empty(),
        "may_hold_number missed a number in {text:?}"
    );
    out
}

fn read_quantities(text: &str) -> Vec<Quantity> {
    SCRATCH.with_borrow_mut(|(toks, cores, lower)| {
        toks.clear();
        cores.clear();
        tokenize(text, toks);
        let low = Text::new(text, lower);
        find_cores(low, toks, cores);
        let mut out = Vec::with_capacity(cores.len());
        let ctx = build::Ctx { text, low, toks };
        let mut units = build::UnitMemory::default();
        let mut i = 0;
        while i < cores.len() {
            let (mut built, used) = ctx.build(cores, i);
            units.apply(&mut built);
            out.push(built.quantity);
            i += used.max(1);
        }
        out
    })
}

/// Parses a fact file's value (`145`, `"6 billion"`, `"1.5%"`, `"$6bn"`) into a number and,
/// when the value carries one, a normalised unit (`"145 drones"` -> `"drone"`, `"$6bn"` ->
/// `"usd"`, `"1.5%"` -> `"percent"`). Hedged values ("about 150") give `None`: a fact's value
/// is exact.
pub fn parse_value(s: &str) -> Option<(f64, Option<String>)> {
    let s = s.trim();
    let qs = extract_quantities(s);
    if let [q] = qs.as_slice() {
        let before = &s[..q.span.start];
        let after = &s[q.span.end..];
        let only_words_after = after
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-' || c == '\'');
        if before.trim().is_empty() && only_words_after {
            return q
                .interval
                .is_exact()
                .then(|| (q.interval.lo, q.unit.clone()));
        }
    }
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| (v, None))
}

mod build;

#[cfg(test)]
mod tests;
