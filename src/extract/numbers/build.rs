//! Grows a bare number into a [`Quantity`]: scale, currency, percent, hedge, range, unit and
//! kind. The rules are listed in the parent module's documentation.

use super::lexicon::{
    Lower, attached_scale, is_attached_unit, is_id_word, is_irregular_plural, is_month,
    is_number_word, is_pronoun_head, is_time_unit, is_time_zone, is_unit_stop, is_year_context,
    scale_word,
};
use super::unit::{currency_code, dollar_prefix, normalize_unit};
use super::*;

pub(super) struct Ctx<'a> {
    pub text: &'a str,
    /// `text` with its words in lower case.
    pub low: Text<'a>,
    pub toks: &'a [Tok],
}

/// The number itself with what is glued to it: currency, scale, percent, ordinal suffix.
#[derive(Clone, Copy, Debug)]
struct NumPart {
    /// First token, currency prefix included.
    first: usize,
    /// Token after the number (scale, percent and ordinal suffix included).
    end: usize,
    value: f64,
    core: Core,
    ordinal: bool,
    scaled: bool,
    decade: bool,
    /// Letters glued to the digits that are neither scale nor unit ("3D", "1e308").
    glued_id: bool,
    currency: Option<(&'static str, Span)>,
    percent: Option<(&'static str, Span)>,
}

/// A quantity, and whether it must not inherit a unit ("two others").
pub(super) struct Built {
    pub quantity: Quantity,
    pub no_inherit: bool,
}

/// What follows a number: a hedge such as "or more".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AfterHedge {
    AtLeast,
    About,
    AtMost,
}

/// The counted noun found after a number.
#[derive(Debug, Default)]
struct Binding {
    unit: Option<(String, Span)>,
    currency: Option<(&'static str, Span)>,
    /// "two others": no unit of its own and none to inherit.
    no_inherit: bool,
    time_unit: bool,
    age: bool,
    /// The head noun is plural (a count rather than a year for "2000 soldiers").
    plural: bool,
}

/// A word glued to a number by a hyphen that hedges or sizes it rather than naming what it
/// counts: "40-odd", "20-plus", "5,000-strong", "30-something", "tenfold".
fn is_glued_hedge(lower: &str) -> bool {
    matches!(lower, "strong" | "odd" | "plus" | "something" | "fold")
}

/// A share of a whole: "a third", "two-thirds", "three quarters", "half".
fn is_fraction_word(lower: &str) -> bool {
    matches!(
        lower.strip_suffix('s').unwrap_or(lower),
        "half"
            | "halve"
            | "third"
            | "quarter"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
    )
}

/// Words that take a part of a whole after them: "half of the 400 homes", "most of the 12
/// ministers" (not "all" or "each", which take the whole).
fn is_part_word(lower: &str) -> bool {
    is_fraction_word(lower)
        || matches!(
            lower,
            "most" | "many" | "some" | "several" | "few" | "none" | "majority" | "minority"
        )
}

fn is_title_case(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none_or(char::is_lowercase)
}

/// The last word of a street's name. Words that end other names too ("Supreme Court",
/// "Red Square", "Milky Way") are left out: "20 Supreme Court judges" is a count.
fn is_street_word(lower: &str) -> bool {
    matches!(
        lower,
        "street" | "avenue" | "road" | "boulevard" | "lane" | "terrace" | "crescent" | "embankment"
    )
}

fn looks_plural(lower: &str) -> bool {
    is_irregular_plural(lower)
        || (lower.len() > 3
            && lower.ends_with('s')
            && !lower.ends_with("ss")
            && !lower.ends_with("us")
            && !lower.ends_with("is")
            && !lower.ends_with("'s"))
}

impl<'a> Ctx<'a> {
    fn tok(&self, i: usize) -> Option<Tok> {
        self.toks.get(i).copied()
    }

    fn raw(&self, i: usize) -> &str {
        self.tok(i).map_or("", |t| t.text(self.text))
    }

    fn span(&self, first: usize, end: usize) -> Span {
        Span::new(self.toks[first].start, self.toks[end - 1].end)
    }

    /// The lower-cased word at `i`, or "" for anything but a word.
    /// Token `i` lower-cased as [`Lower`] does, if it is a word; else "".
    fn lower(&self, i: usize) -> &'a str {
        match self.tok(i) {
            Some(t) if t.kind == TokKind::Word => self.low.lower(t.start, t.end),
            _ => "",
        }
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        self.lower(i) == w
    }

    fn is_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn punct_is(&self, i: usize, p: &str) -> bool {
        self.tok(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.text(self.text) == p)
    }

    /// Whether number `i` of `cores` (its words from token `first` to `end`) is a share
    /// rather than a count of what its sentence tells: either end of a proportion ("one in
    /// five voters", "six in 10 residents": how many of every so many), or the whole a part
    /// is taken from ("nine of the 12 ministers attended", "half of the 400 homes": the act
    /// is the part's, not the whole's).
    fn is_share(&self, cores: &[Core], i: usize, first: usize, end: usize, range: bool) -> bool {
        if range {
            return false;
        }
        let value = cores[i].value;
        // The smaller end: "one" of "one in five". The larger is a small whole number, not a
        // year ("killed 12 in 2024") nor fewer than the first ("12 in three attacks").
        let small_whole = |v: f64| v.fract() == 0.0 && v < 1000.0;
        let first_end = self.word_is(end, "in")
            && cores
                .get(i + 1)
                .is_some_and(|n| n.first == end + 1 && small_whole(n.value) && value < n.value);
        let second_end = first >= 2
            && self.word_is(first - 1, "in")
            && small_whole(value)
            && i > 0
            && cores[i - 1].end == first - 1
            && cores[i - 1].value < value;
        // The whole: "of the" after a number or a word that takes a part.
        let whole = first >= 3
            && self.word_is(first - 1, "the")
            && self.word_is(first - 2, "of")
            && ((i > 0 && cores[i - 1].end == first - 2) || is_part_word(self.lower(first - 3)));
        first_end || second_end || whole
    }

    /// A number-noun compound at `i` used as a modifier: a number (digits or a spelled
    /// number), a hyphen and a word, all glued, then the word it describes ("four-car
    /// trains", "10-storey buildings", "12-year-old pupils").
    fn compound_modifier_at(&self, i: usize) -> bool {
        let number = self.is_digits(i) || is_number_word(self.lower(i));
        number
            && self.punct_is(i + 1, "-")
            && self.glued(i, i + 1)
            && self.is_word(i + 2)
            && self.glued(i + 1, i + 2)
            && self.is_word(i + 3)
            && !self.lower(i + 2).starts_with("odd")
            && !is_glued_hedge(self.lower(i + 2))
    }

    fn is_digits(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Digits)
    }

    /// Tokens `a` and `b` touch, with no space between.
    fn glued(&self, a: usize, b: usize) -> bool {
        matches!((self.tok(a), self.tok(b)), (Some(x), Some(y)) if x.end == y.start)
    }

    /// The word before `i`, skipping one "." ("Nov. 3", "No. 5").
    fn word_before(&self, i: usize) -> Option<usize> {
        let p = i.checked_sub(1)?;
        if self.is_word(p) {
            return Some(p);
        }
        let pp = p.checked_sub(1)?;
        (self.punct_is(p, ".") && self.is_word(pp)).then_some(pp)
    }

    fn num_part(&self, core: Core) -> NumPart {
        let mut p = NumPart {
            first: core.first,
            end: core.end,
            value: core.value,
            core,
            ordinal: matches!(core.source, Source::Words { ordinal: true }),
            scaled: false,
            decade: false,
            glued_id: false,
            currency: None,
            percent: None,
        };
        let digits = matches!(core.source, Source::Digits(_));
        if digits && self.is_word(p.end) && self.glued(p.end - 1, p.end) {
            let raw = self.raw(p.end);
            let low = Lower::new(raw);
            let low = low.as_str();
            if matches!(low, "st" | "nd" | "rd" | "th") {
                p.ordinal = true;
                p.end += 1;
            } else if let Some(s) = attached_scale(raw) {
                p.value *= s;
                p.scaled = true;
                p.end += 1;
            } else if low == "s" {
                p.decade = true;
                p.end += 1;
            } else if !(is_attached_unit(low) || self.clock_suffix(p.end) || is_time_zone(raw)) {
                p.glued_id = true;
                p.end += 1;
            }
        }
        if !p.scaled
            && !p.ordinal
            && !p.glued_id
            && let Some(s) = scale_word(self.lower(p.end))
        {
            p.value *= s;
            p.scaled = true;
            p.end += 1;
        }
        if digits && !p.scaled && self.word_is(p.end, "dozen") {
            p.value *= 12.0;
            p.end += 1;
            p.core.source = Source::Dozen;
        }
        self.read_percent(&mut p);
        self.read_currency(&mut p);
        if !p.value.is_finite() {
            p.value = f64::MAX;
        }
        p
    }

    fn read_percent(&self, p: &mut NumPart) {
        let e = p.end;
        let (unit, len) = if self.punct_is(e, "%") {
            ("percent", 1)
        } else {
            match self.lower(e) {
                "percent" | "pct" => ("percent", 1),
                "per" if self.word_is(e + 1, "cent") => ("percent", 2),
                "percentage" if matches!(self.lower(e + 1), "point" | "points") => {
                    ("percentage point", 2)
                }
                "basis" if matches!(self.lower(e + 1), "point" | "points") => ("basis point", 2),
                _ => return,
            }
        };
        p.percent = Some((unit, self.span(e, e + len)));
        p.end += len;
    }

    fn read_currency(&self, p: &mut NumPart) {
        if let Some(b) = p.first.checked_sub(1) {
            let raw = self.raw(b);
            let is_symbol = self.tok(b).is_some_and(|t| t.kind == TokKind::Punct);
            if is_symbol && let Some(code) = currency_code(raw) {
                let mut first = b;
                let mut code = code;
                // "US$", "A$": a country prefix glued to the dollar sign.
                if raw == "$"
                    && let Some(pre) = b.checked_sub(1)
                    && self.is_word(pre)
                    && self.glued(pre, b)
                    && let Some(c) = dollar_prefix(self.raw(pre))
                {
                    first = pre;
                    code = c;
                }
                p.currency = Some((code, self.span(first, b + 1)));
                p.first = first;
                return;
            }
            // "USD 5m", "EUR 300": an upper-case code before the number.
            if self.is_word(b)
                && raw.len() == 3
                && raw.bytes().all(|c| c.is_ascii_uppercase())
                && let Some(code) = currency_code(raw)
            {
                p.currency = Some((code, self.span(b, b + 1)));
                p.first = b;
                return;
            }
        }
        // "5 €": a sign after the number.
        if self.tok(p.end).is_some_and(|t| t.kind == TokKind::Punct)
            && let Some(code) = currency_code(self.raw(p.end))
        {
            p.currency = Some((code, self.span(p.end, p.end + 1)));
            p.end += 1;
        }
    }

    /// "am", "pm", "a.m.", "p.m.", "o'clock", "h" at token `i`.
    fn clock_suffix(&self, i: usize) -> bool {
        match self.lower(i) {
            "am" | "pm" | "o'clock" | "oclock" | "h" | "hrs" => true,
            "a" | "p" => self.punct_is(i + 1, ".") && self.word_is(i + 2, "m"),
            _ => false,
        }
    }

    /// The hedge phrase ending just before token `at`, and its first token.
    fn hedge_before(&self, at: usize) -> Option<(HedgeWord, usize)> {
        if let Some(p) = at.checked_sub(1)
            && self.punct_is(p, "~")
        {
            return Some((HedgeWord::About, p));
        }
        // The three words before the number, nearest first; "" where there is none.
        let prev = [1, 2, 3].map(|k| match at.checked_sub(k) {
            Some(i) => self.lower(i),
            None => "",
        });
        if prev[0].is_empty() {
            return None;
        }
        for (words, hedge) in HEDGES {
            let n = words.len();
            if !words.iter().rev().zip(&prev).all(|(w, l)| w == l) {
                continue;
            }
            let start = at - n;
            // "three each over two others", "12 over the capital and 9 over": after a
            // number, "over" and "under" say where, not how many.
            let spatial = n == 1 && matches!(words[0], "over" | "above" | "under" | "below");
            let after_number = start.checked_sub(1).is_some_and(|p| {
                self.is_digits(p)
                    || matches!(self.lower(p), "each" | "apiece")
                    || is_number_word(self.lower(p))
            });
            if spatial && after_number {
                return None;
            }
            return Some((*hedge, start));
        }
        None
    }

    /// A range connector at `k`: any dash ("-", "–", "‒", "−", …), "to", "or", or "and" after
    /// "between".
    fn range_connector(&self, k: usize, between: bool) -> Option<RangeWord> {
        if self
            .tok(k)
            .is_some_and(|t| t.kind == TokKind::Punct && super::lexicon::is_dash(t.text(self.text)))
        {
            return Some(RangeWord::Dash);
        }
        match self.lower(k) {
            "to" => Some(RangeWord::Word),
            "or" if self.is_digits(k + 1) || self.is_word(k + 1) => Some(RangeWord::Word),
            "and" if between => Some(RangeWord::Word),
            _ => None,
        }
    }

    /// Builds the quantity of `cores[i]`; returns it and how many cores it used.
    pub fn build(&self, cores: &[Core], i: usize) -> (Built, usize) {
        let a = self.num_part(cores[i]);
        let mut used = 1;
        let mut end = a.end;

        // Chains of digits: "10:30", "10/11/2024", "1.2.3".
        let mut chain = None;
        if matches!(a.core.source, Source::Digits(_)) && !a.scaled && a.percent.is_none() {
            while let Some(c) = [":", "/", "."].into_iter().find(|p| self.punct_is(end, p))
                && self.glued(end - 1, end)
                && self.is_digits(end + 1)
                && self.glued(end, end + 1)
            {
                chain = Some(c);
                end += 2;
                while cores.get(i + used).is_some_and(|c| c.first < end) {
                    used += 1;
                }
            }
        }

        let hedge = self.hedge_before(a.first);
        let between = matches!(hedge, Some((HedgeWord::Between, _)));
        let from = matches!(hedge, Some((HedgeWord::From, _)));

        // Ranges: "140-150", "between 140 and 150", "$5 to $6 billion".
        let mut range: Option<(f64, f64)> = None;
        let mut score = false;
        let mut year_range = false;
        let mut currency = a.currency;
        let mut percent = a.percent;
        let mut last_part = a;
        if chain.is_none()
            && !a.ordinal
            && !a.glued_id
            && !matches!(a.core.source, Source::Vague { .. })
            && let Some(conn) = self.range_connector(end, between)
            && !(from && conn == RangeWord::Word)
            && let Some(next) = cores.get(i + 1)
        {
            let b = self.num_part(*next);
            // Both ends measure the same thing: "dropped 28% to $312m" is two numbers.
            // "by 0.25 percentage points to 5.75%" is a change and a level, not a range.
            let same_kind = a.percent.map(|p| p.0) == b.percent.map(|p| p.0)
                && (a.currency.is_none()
                    || b.currency.is_none()
                    || a.currency.map(|c| c.0) == b.currency.map(|c| c.0))
                && !(a.percent.is_some() && b.currency.is_some())
                && !(a.currency.is_some() && b.percent.is_some());
            if same_kind && b.first == end + 1 && !b.ordinal && !b.glued_id {
                let (lo, hi) = self.range_values(&a, &b, conn);
                let years = self.is_year_like(&a) && (self.is_year_like(&b) || hi > 1900.0);
                if lo < hi {
                    range = Some((lo, hi));
                    year_range = years && conn == RangeWord::Dash;
                    used = 2;
                    end = b.end;
                    currency = currency.or(b.currency);
                    percent = percent.or(b.percent);
                    last_part = b;
                } else if conn == RangeWord::Dash && self.glued(end - 1, end) {
                    score = true;
                    used = 2;
                    end = b.end;
                }
            }
        }

        // Hedges after the number: "or more", "+", "-plus", "-odd", "or so".
        let mut after = None;
        if self.word_is(end, "or") {
            after = match self.lower(end + 1) {
                "more" => Some(AfterHedge::AtLeast),
                "so" => Some(AfterHedge::About),
                "fewer" | "less" => Some(AfterHedge::AtMost),
                _ => None,
            };
            if after.is_some() {
                end += 2;
            }
        } else if self.punct_is(end, "+") && self.glued(end - 1, end) {
            after = Some(AfterHedge::AtLeast);
            end += 1;
        } else if self.punct_is(end, "-") && self.glued(end - 1, end) {
            after = match self.lower(end + 1) {
                "plus" => Some(AfterHedge::AtLeast),
                "odd" => Some(AfterHedge::About),
                _ => None,
            };
            if after.is_some() {
                end += 2;
            }
        }

        let vague_or_scaled = matches!(last_part.core.source, Source::Vague { .. } | Source::Dozen)
            || last_part.scaled;
        let binding = if percent.is_some() || chain.is_some() || score {
            Binding::default()
        } else {
            self.bind_unit(end, last_part.value, vague_or_scaled)
        };
        currency = currency.or(binding.currency);

        let start_tok = match hedge {
            Some((HedgeWord::Between | HedgeWord::From, _)) if range.is_none() => a.first,
            Some((HedgeWord::From, _)) => a.first,
            Some((_, h)) => h,
            None => a.first,
        };
        let span = self.span(start_tok, end);

        let kind = self.classify(&Classify {
            share: self.is_share(cores, i, start_tok, end, range.is_some()),
            a: &a,
            binding: &binding,
            chain,
            score,
            year_range,
            currency: currency.is_some(),
            percent: percent.is_some(),
            hedge_first: start_tok,
            end,
            range_end: last_part.end,
        });

        let (interval, hedge_kind) = interval_of(&a, range, hedge.map(|(h, _)| h), after);
        let (unit, unit_span) = match (kind, currency, percent) {
            (QuantityKind::Money, Some((code, s)), _) => (Some(code.to_string()), Some(s)),
            (QuantityKind::Percent, _, Some((u, s))) => (Some(u.to_string()), Some(s)),
            _ => match binding.unit {
                Some((u, s)) => (Some(u), Some(s)),
                None => (None, None),
            },
        };
        let quantity = Quantity {
            span,
            interval,
            hedge: hedge_kind,
            kind,
            unit,
            unit_span,
        };
        while cores.get(i + used).is_some_and(|c| c.first < end) {
            used += 1;
        }
        let built = Built {
            quantity,
            no_inherit: binding.no_inherit,
        };
        (built, used)
    }

    fn is_year_like(&self, p: &NumPart) -> bool {
        self.is_year_digits(p) && (1900.0..=2100.0).contains(&p.value)
    }

    /// Four plain digits up to 2100: a year when the words around say so ("in 1891").
    fn is_year_digits(&self, p: &NumPart) -> bool {
        matches!(p.core.source, Source::Digits(d) if d.plain && d.int_digits == 4)
            && p.value <= 2100.0
            && !p.scaled
    }

    /// The two ends of a range; a scale on the second end applies to a bare first end, and
    /// "2022-23" reads as 2022 to 2023.
    fn range_values(&self, a: &NumPart, b: &NumPart, conn: RangeWord) -> (f64, f64) {
        let mut lo = a.value;
        let hi = b.value;
        if !a.scaled && b.scaled && a.core.value < b.core.value {
            lo = a.core.value * (b.value / b.core.value);
        }
        if conn == RangeWord::Dash
            && self.is_year_like(a)
            && matches!(b.core.source, Source::Digits(d) if d.plain && d.int_digits == 2)
        {
            let century = (a.value / 100.0).floor() * 100.0;
            return (lo, century + b.value);
        }
        (lo, hi)
    }

    /// The counted noun after the number, starting at token `at`. A part of a whole
    /// ("eight of the nine delegations signed") counts the whole's noun, unless a participle
    /// or a relative clause after the noun describes the whole ("six of the 38 people released
    /// … were civilians", "nine of the 23 people who died were from the island": the six were
    /// not what was released); then it counts nothing, not even a noun before.
    fn bind_unit(&self, at: usize, value: f64, vague_or_scaled: bool) -> Binding {
        let b = self.bind_noun(at, value, vague_or_scaled);
        let of_a_whole = self.word_is(at, "of")
            && self.word_is(at + 1, "the")
            && (self.is_digits(at + 2) || is_number_word(self.lower(at + 2)));
        let described = || {
            b.unit.as_ref().is_some_and(|(_, noun)| {
                let next = self.toks.iter().position(|t| t.start >= noun.end);
                next.is_some_and(|n| {
                    let w = self.lower(n);
                    (w.len() > 3 && (w.ends_with("ed") || w.ends_with("en")))
                        || matches!(w, "who" | "which" | "that" | "whose" | "whom")
                })
            })
        };
        if of_a_whole && described() {
            return Binding {
                no_inherit: true,
                ..Binding::default()
            };
        }
        b
    }

    /// [`Self::bind_unit`] without the check on a part of a whole.
    fn bind_noun(&self, at: usize, value: f64, vague_or_scaled: bool) -> Binding {
        let mut b = Binding::default();
        let mut k = at;
        // "32 four-car trains", "three 10-storey buildings": a number-noun compound between
        // the number and its noun describes each of them; the noun after it is the unit.
        if self.compound_modifier_at(k) {
            k += 3;
        }
        // "a 40-minute meeting", "45-year-old": the hyphenated word is the unit.
        if self.punct_is(k, "-")
            && k > 0
            && self.glued(k - 1, k)
            && self.is_word(k + 1)
            && self.glued(k, k + 1)
        {
            let raw = self.raw(k + 1);
            let low = Lower::new(raw);
            let low = low.as_str();
            let first_part = low.split('-').next().unwrap_or(low);
            if low.starts_with("year-old") || low.starts_with("years-old") {
                b.age = true;
            } else if is_time_unit(first_part) {
                b.time_unit = true;
            }
            if !is_glued_hedge(low) && !b.age {
                b.unit = Some((normalize_unit(first_part), self.span(k + 1, k + 2)));
            }
            return b;
        }
        if self.word_is(k, "of") {
            if vague_or_scaled {
                k += 1;
            } else if matches!(
                self.lower(k + 1),
                "the" | "these" | "those" | "its" | "their"
            ) {
                // "one of the largest attacks" ranks, it does not count.
                let next = self.lower(k + 2);
                if next == "most" || (next.len() > 4 && next.ends_with("est")) {
                    b.no_inherit = true;
                    return b;
                }
                k += 2;
                // "eight of the nine delegations": the part counts the whole's noun.
                if self.is_digits(k) || is_number_word(self.lower(k)) {
                    k += 1;
                    while scale_word(self.lower(k)).is_some() {
                        k += 1;
                    }
                }
            } else {
                return b;
            }
        }
        let mut first_noun = None;
        for _ in 0..4 {
            let Some(t) = self.tok(k).filter(|t| t.kind == TokKind::Word) else {
                break;
            };
            let raw = t.text(self.text);
            let low = Lower::new(raw);
            let low = low.as_str();
            if low.is_empty() || is_month(raw) {
                break;
            }
            if let Some(code) = currency_code(raw) {
                b.currency = Some((code, self.span(k, k + 1)));
                return b;
            }
            if is_pronoun_head(low) {
                b.no_inherit = true;
                break;
            }
            if is_unit_stop(low) || is_number_word(low) || scale_word(low).is_some() {
                break;
            }
            if is_time_unit(low) {
                b.time_unit = true;
                b.age = matches!(low, "year" | "years") && self.word_is(k + 1, "old");
                b.plural = low.ends_with('s');
                b.unit = Some((normalize_unit(raw), self.span(k, k + 1)));
                return b;
            }
            if low.ends_with("ly") {
                break;
            }
            let acronym = raw.len() > 1 && raw.chars().take(2).all(char::is_uppercase);
            if is_title_case(raw) && !acronym {
                k += 1;
                continue;
            }
            if looks_plural(low) {
                b.plural = true;
                b.unit = Some((normalize_unit(raw), self.span(k, k + 1)));
                return b;
            }
            let verb_like = low.ends_with("ed")
                || low.ends_with("ing")
                || matches!(low, "more" | "less" | "fewer" | "new" | "other" | "further");
            if first_noun.is_none() && !verb_like && !acronym {
                first_noun = Some(k);
            }
            if is_attached_unit(low) {
                b.unit = Some((low.to_string(), self.span(k, k + 1)));
                return b;
            }
            k += 1;
        }
        if value == 1.0
            && let Some(n) = first_noun
        {
            b.unit = Some((normalize_unit(self.raw(n)), self.span(n, n + 1)));
        }
        b
    }

    fn classify(&self, c: &Classify) -> QuantityKind {
        use QuantityKind::*;
        let a = c.a;
        let before = c.hedge_first.checked_sub(1);
        let digits = match a.core.source {
            Source::Digits(d) => Some(d),
            _ => None,
        };
        let int_value = a.value.fract() == 0.0;
        if a.glued_id || c.chain == Some(".") || c.score {
            return Other;
        }
        if self.is_identifier(a.first, c.hedge_first) || self.is_address(c.end) {
            return Other;
        }
        // Ratings and scores: "9.0 out of 10", "60 out of 100".
        let out_of_after = self.word_is(c.end, "out") && self.word_is(c.end + 1, "of");
        let out_of_before = c.hedge_first >= 2
            && self.word_is(c.hedge_first - 2, "out")
            && self.word_is(c.hedge_first - 1, "of");
        if out_of_after || out_of_before || c.share {
            return Other;
        }
        // "two-thirds", "a quarter": a share, not a count of thirds.
        if c.binding
            .unit
            .as_ref()
            .is_some_and(|(u, _)| is_fraction_word(u))
        {
            return Other;
        }
        if c.currency {
            return Money;
        }
        if c.percent {
            return Percent;
        }
        if c.chain == Some(":") {
            return TimeOfDay;
        }
        let after = a.end;
        let clock = self.clock_suffix(after)
            || self.is_word(after) && is_time_zone(self.raw(after))
            || digits.is_some_and(|d| {
                d.plain
                    && d.int_digits == 4
                    && a.value < 2400.0
                    && a.value % 100.0 < 60.0
                    && (d.leading_zero || matches!(self.lower(after), "hours" | "hrs" | "local"))
            });
        if clock && !a.scaled {
            return TimeOfDay;
        }
        // Parts of dates: "November 10", "10 November", "Nov. 3", "9-10 November".
        let day_like = int_value && (1.0..=31.0).contains(&a.value) && !a.scaled;
        if day_like {
            let month_before = self
                .word_before(c.hedge_first)
                .is_some_and(|w| is_month(self.raw(w)));
            let month_after = is_month(self.raw(c.range_end))
                || (self.word_is(c.range_end, "of") && is_month(self.raw(c.range_end + 1)));
            if month_before || month_after {
                return Other;
            }
        }
        if c.chain == Some("/") {
            return if self.is_year_like(a) { Year } else { Other };
        }
        if a.ordinal {
            return Ordinal;
        }
        // Ages: "aged 45", "45-year-old", "45 years old", "Smith, 45,".
        if c.binding.age
            || before.is_some_and(|p| {
                matches!(self.lower(p), "aged" | "age" | "ages")
                    || (self.word_is(p, "of") && p > 0 && self.word_is(p - 1, "age"))
            })
        {
            return Age;
        }
        if c.binding.unit.is_none()
            && digits.is_some_and(|d| d.plain && a.value < 120.0)
            && before.is_some_and(|p| self.punct_is(p, ","))
            && before
                .and_then(|p| p.checked_sub(1))
                .is_some_and(|w| self.is_word(w) && is_title_case(self.raw(w)))
            && (self.punct_is(c.end, ",") || self.tok(c.end).is_none())
        {
            return Age;
        }
        if c.binding.time_unit {
            return Duration;
        }
        if a.decade {
            // "1990s" is a decade; "'90s" or "her 40s" an age or an era: never a count.
            return if digits.is_some_and(|d| d.int_digits == 4) {
                Year
            } else {
                Other
            };
        }
        if c.year_range {
            return Year;
        }
        if self.is_year_digits(a) {
            let context = before.is_some_and(|p| {
                is_year_context(self.lower(p))
                    || is_month(self.raw(p))
                    // "mid-2024"
                    || (self.punct_is(p, "-") && p > 0 && self.is_word(p - 1))
                    // "November 10, 2024"
                    || (self.punct_is(p, ",")
                        && p >= 2
                        && self.is_digits(p - 1)
                        && self.word_before(p - 1).is_some_and(|w| is_month(self.raw(w))))
            });
            if context || (self.is_year_like(a) && !c.binding.plural) {
                return Year;
            }
        }
        Count
    }

    /// A house number: the number is followed by a capitalised street name ending in a street
    /// word ("12 Marin Avenue", "10 Downing Street"), `end` being the token after it.
    fn is_address(&self, end: usize) -> bool {
        (1..=3).any(|names| {
            let street = end + names;
            (end..=street).all(|i| self.is_word(i) && is_title_case(self.raw(i)))
                && is_street_word(self.lower(street))
        })
    }

    /// "#5", "No. 5", "flight 370", "Su-34", "Resolution 2334".
    fn is_identifier(&self, num_first: usize, hedge_first: usize) -> bool {
        let Some(p) = num_first.checked_sub(1) else {
            return false;
        };
        if self.punct_is(p, "#") {
            return true;
        }
        // "Su-34", "COVID-19": a word joined to the number by a hyphen.
        if self.punct_is(p, "-")
            && self.glued(p, num_first)
            && p > 0
            && self.is_word(p - 1)
            && self.glued(p - 1, p)
            && !is_year_context(self.lower(p - 1))
        {
            return true;
        }
        if hedge_first != num_first {
            return false;
        }
        let Some(w) = self.word_before(num_first) else {
            return false;
        };
        let low = Lower::new(self.raw(w));
        if is_id_word(low.as_str()) {
            return true;
        }
        let raw = self.raw(w);
        // A capitalised word inside the sentence names the number ("Resolution 2334"), unless
        // it is a month, a function word or a possessive.
        let acronym = raw.len() >= 2
            && raw.bytes().all(|b| b.is_ascii_uppercase())
            && super::unit::currency_code(raw).is_none();
        w == p
            && w > 0
            && (is_title_case(raw) || acronym)
            && !is_month(raw)
            && !is_unit_stop(low.as_str())
            && !low.as_str().is_empty()
            && !raw.ends_with('s')
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RangeWord {
    Dash,
    Word,
}

struct Classify<'a> {
    /// A proportion or a part's whole ([`Ctx::is_share`]).
    share: bool,
    a: &'a NumPart,
    binding: &'a Binding,
    chain: Option<&'static str>,
    score: bool,
    year_range: bool,
    currency: bool,
    percent: bool,
    hedge_first: usize,
    end: usize,
    range_end: usize,
}

/// The interval and hedge of a number from its hedge words, range and vague form.
fn interval_of(
    a: &NumPart,
    range: Option<(f64, f64)>,
    hedge: Option<HedgeWord>,
    after: Option<AfterHedge>,
) -> (NumInterval, Hedge) {
    let v = a.value;
    let (mut lo, mut hi, mut hi_open, mut base) = match (range, a.core.source) {
        (Some((lo, hi)), _) => (lo, hi, false, Hedge::Range),
        (None, Source::Vague { hi }) => (v, hi, true, Hedge::Vague),
        (None, Source::Dozen) if hedge.is_none() && after.is_none() => {
            (0.9 * v, 1.1 * v, false, Hedge::About)
        }
        _ => (v, v, false, Hedge::Exact),
    };
    let mut lo_open = false;
    let hedge = hedge.or(match after {
        Some(AfterHedge::AtLeast) => Some(HedgeWord::AtLeast),
        Some(AfterHedge::About) => Some(HedgeWord::About),
        Some(AfterHedge::AtMost) => Some(HedgeWord::AtMost),
        None => None,
    });
    let range_only_about = range.is_some();
    match hedge {
        Some(HedgeWord::About) => {
            if base == Hedge::Exact || range_only_about {
                lo *= 0.9;
                hi *= 1.1;
            }
            if base == Hedge::Exact {
                base = Hedge::About;
            }
        }
        _ if range_only_about => {}
        Some(HedgeWord::MoreThan) => {
            (hi, lo_open, hi_open, base) = (f64::INFINITY, true, true, Hedge::MoreThan);
        }
        Some(HedgeWord::AtLeast) => {
            (hi, hi_open, base) = (f64::INFINITY, true, Hedge::AtLeast);
        }
        Some(HedgeWord::UpTo) => (lo, hi_open, base) = (0.0, false, Hedge::UpTo),
        Some(HedgeWord::AtMost) => (lo, hi_open, base) = (0.0, false, Hedge::AtMost),
        Some(HedgeWord::LessThan) => (lo, hi_open, base) = (0.0, true, Hedge::LessThan),
        Some(HedgeWord::Nearly) => (lo, hi_open, base) = (0.9 * hi, true, Hedge::Nearly),
        Some(HedgeWord::CloseTo) => (lo, hi_open, base) = (0.9 * hi, false, Hedge::Nearly),
        Some(HedgeWord::Between | HedgeWord::From) | None => {}
    }
    (
        NumInterval {
            lo,
            hi,
            lo_open,
            hi_open,
        },
        base,
    )
}

/// Lends each unit-less count the unit of the nearest preceding count that has one
/// ("21 drones: 12 over the capital, 9 over the border region").
#[derive(Default)]
pub(super) struct UnitMemory {
    last: Option<(String, Option<Span>)>,
}

impl UnitMemory {
    pub fn apply(&mut self, built: &mut Built) {
        let q = &mut built.quantity;
        if q.kind != QuantityKind::Count {
            return;
        }
        match &q.unit {
            Some(u) => self.last = Some((u.clone(), q.unit_span)),
            None if built.no_inherit => {}
            None => {
                if let Some((u, s)) = &self.last {
                    q.unit = Some(u.clone());
                    q.unit_span = *s;
                }
            }
        }
    }
}
