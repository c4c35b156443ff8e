//! Checks the raw fact file for sense and builds the model; collects every problem.

use super::raw::{
    EntityMap, RawExpect, RawFact, RawFactFile, RawFactTest, RawStance, RawStatus, Scalar,
};
use super::yaml::did_you_mean;
use crate::extract::numbers::{normalize_unit, parse_value};
use crate::facts::{
    Entity, EntityId, Fact, FactFile, FactTest, FactValue, Source, SourceStance, Status,
    TestExpect, Tolerance,
};
use crate::finding::Kind;
use crate::load::dates::parse_date_range;
use crate::load::error::{FactFileError, FactFileErrorKind};
use crate::span::{LineIndex, Span};
use crate::values::DateRange;
use serde_saphyr::Spanned;
use std::collections::HashMap;

/// Collects semantic errors with their places.
struct Errors<'a> {
    source: &'a str,
    display: &'a str,
    index: LineIndex,
    list: Vec<(Span, FactFileError)>,
}

impl Errors<'_> {
    fn push(&mut self, span: Span, message: String) {
        let lc = self.index.line_col(self.source, span.start);
        let found = self
            .source
            .get(span.start..span.end)
            .map(|s| s.lines().next().unwrap_or("").trim().to_string())
            .filter(|s| !s.is_empty());
        self.list.push((
            span,
            FactFileError {
                path: self.display.to_string(),
                line: lc.line,
                column: lc.column,
                message,
                kind: FactFileErrorKind::Semantic,
                found,
            },
        ));
    }
}

/// The byte span of a spanned value (empty at 0 when serde-saphyr does not know it).
pub(super) fn span_of<T>(s: &Spanned<T>) -> Span {
    let sp = s.referenced.span();
    match (sp.byte_offset(), sp.byte_len()) {
        (Some(start), Some(len)) => {
            let start = usize::try_from(start).unwrap_or(0);
            Span::new(start, start + usize::try_from(len).unwrap_or(0))
        }
        _ => Span::default(),
    }
}

pub(super) fn validate(
    raw: RawFactFile,
    source: String,
    display: &str,
) -> Result<FactFile, Vec<FactFileError>> {
    let (file, errors) = validate_lenient(raw, source, display);
    if errors.is_empty() {
        Ok(file)
    } else {
        Err(errors)
    }
}

/// Builds the model even when there are semantic errors (dropping what cannot be resolved:
/// unknown entities, bad dates), and returns those errors sorted by place. `lint` uses this
/// to run its own checks on a file the loader would refuse.
pub(super) fn validate_lenient(
    raw: RawFactFile,
    source: String,
    display: &str,
) -> (FactFile, Vec<FactFileError>) {
    let mut errs = Errors {
        source: &source,
        display,
        index: LineIndex::new(&source),
        list: Vec::new(),
    };
    if raw.version.value != 1 {
        errs.push(
            span_of(&raw.version),
            format!(
                "unsupported version {}; this factdiff reads fact files of version 1",
                raw.version.value
            ),
        );
    }
    let entities = entities(raw.entities.unwrap_or_default(), &mut errs);
    let keys: HashMap<&str, EntityId> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), EntityId(i as u32)))
        .collect();
    let mut facts = Vec::with_capacity(raw.facts.len());
    let mut seen: HashMap<String, Span> = HashMap::new();
    for f in raw.facts {
        let id_span = span_of(&f.id);
        if let Some(first) = seen.get(&f.id.value) {
            let lc = errs.index.line_col(&source, first.start);
            errs.push(
                id_span,
                format!(
                    "duplicate fact id `{}` (first used at line {}, column {})",
                    f.id.value, lc.line, lc.column
                ),
            );
        } else {
            seen.insert(f.id.value.clone(), id_span);
        }
        facts.push(fact(f, &keys, &mut errs));
    }
    let mut list = errs.list;
    list.sort_by_key(|(span, _)| *span);
    let errors = list.into_iter().map(|(_, e)| e).collect();
    let file = FactFile {
        path: display.to_string(),
        source,
        entities,
        facts,
    };
    (file, errors)
}

fn entities(map: EntityMap, errs: &mut Errors) -> Vec<Entity> {
    map.0
        .into_iter()
        .map(|(key, e)| {
            let span = span_of(&key);
            if !is_id(&key.value) {
                errs.push(span, bad_id("entity key", &key.value));
            }
            if e.name.value.trim().is_empty() {
                errs.push(
                    span_of(&e.name),
                    format!("entity `{}` has an empty name", key.value),
                );
            }
            let aliases: Vec<String> = e
                .aliases
                .unwrap_or_default()
                .into_iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
            Entity {
                key: key.value,
                name: e.name.value.trim().to_string(),
                aliases,
                span,
            }
        })
        .collect()
}

/// Whether `s` can be named in a suppression comment: letters, digits, `-`, `_`, `.`.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn bad_id(what: &str, s: &str) -> String {
    format!("{what} `{s}` may only contain letters, digits, `-`, `_` and `.`")
}

fn fact(f: RawFact, keys: &HashMap<&str, EntityId>, errs: &mut Errors) -> Fact {
    let id = f.id.value.clone();
    if !is_id(&id) {
        errs.push(span_of(&f.id), bad_id("fact id", &id));
    }
    if f.claim.value.trim().is_empty() {
        errs.push(span_of(&f.claim), format!("fact `{id}` has an empty claim"));
    }
    let entity = |key: &Spanned<String>, field: &str, errs: &mut Errors| {
        let found = keys.get(key.value.as_str()).copied();
        if found.is_none() {
            let mut msg = format!(
                "`{field}` names `{}`, which is not a key under `entities:`",
                key.value
            );
            if let Some(best) = did_you_mean(&key.value, keys.keys().copied()) {
                msg.push_str(&format!("; did you mean `{best}`?"));
            }
            errs.push(span_of(key), msg);
        }
        found
    };
    let about = f
        .about
        .unwrap_or_default()
        .iter()
        .filter_map(|k| entity(k, "about", errs))
        .collect();
    let sources = f
        .sources
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| {
            let by = entity(&s.by, "by", errs);
            let date = s.date.as_ref().and_then(|d| date(d, errs));
            Some(Source {
                by: by?,
                stance: match s.stance.value {
                    RawStance::Asserts => SourceStance::Asserts,
                    RawStance::Denies => SourceStance::Denies,
                },
                date,
                span: span_of(&s.by),
            })
        })
        .collect();
    let date_span = f.date.as_ref().map(span_of);
    let date = f.date.as_ref().and_then(|d| date(d, errs));
    let status = match f.status.map(|s| s.value) {
        None | Some(RawStatus::Asserted) => Status::Asserted,
        Some(RawStatus::Denied) => Status::Denied,
        Some(RawStatus::Disputed) => Status::Disputed,
    };
    let (value, value_unit) = match &f.value {
        None => (None, None),
        // YAML reads `0x1F` as 31 but leaves a hexadecimal or octal number too large for 64
        // bits as text, which would otherwise be read as the number words in it.
        Some(v) if !v.value.is_number && radix_name(&v.value.text).is_some() => {
            let text = v.value.text.trim();
            let radix = radix_name(text).unwrap_or("a hexadecimal");
            errs.push(
                span_of(v),
                format!(
                    "value `{text}` is {radix} number too large to compare exactly; write it in decimal, rounded to at most {MAX_SIGNIFICANT_DIGITS} significant digits, and give a `tolerance`"
                ),
            );
            (None, None)
        }
        Some(v) => match number(&v.value) {
            // A number written in another base is checked by its decimal digits.
            Some((n, unit)) => match lost_precision(
                match written(v, errs.source) {
                    w if radix_name(w).is_some() => &v.value.text,
                    w => w,
                },
                n,
            ) {
                Some(why) => {
                    let text = written(v, errs.source).trim().to_string();
                    errs.push(span_of(v), format!("value `{text}` {why}"));
                    (None, None)
                }
                None => (
                    Some(FactValue {
                        value: n,
                        // Shown in messages: a YAML number as a number, 1e308 not 309 digits.
                        raw: if v.value.is_number {
                            crate::values::fmt_plain(n)
                        } else {
                            v.value.text.clone()
                        },
                        span: span_of(v),
                    }),
                    unit,
                ),
            },
            None => {
                errs.push(
                    span_of(v),
                    format!(
                        "value `{}` is not a number; write e.g. `145`, \"6 billion\" or \"1.5%\"",
                        v.value.text
                    ),
                );
                (None, None)
            }
        },
    };
    let unit = f
        .unit
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    if let (Some(v), Some(_)) = (&f.value, &value)
        && !v.value.is_number
        && let Some(why) = unread_words(&v.value.text, unit.as_deref())
    {
        errs.push(span_of(v), format!("value `{}` {why}", v.value.text.trim()));
    }
    if let (Some(u), Some(vu), Some(v)) = (&unit, &value_unit, &f.value)
        && normalize_unit(u) != normalize_unit(vu)
    {
        errs.push(
            span_of(v),
            format!(
                "value `{}` is in `{vu}` but `unit` says `{u}`",
                v.value.text
            ),
        );
    }
    let tolerance = f.tolerance.as_ref().and_then(|t| {
        let parsed = tolerance(&t.value);
        if parsed.is_none() {
            errs.push(
                span_of(t),
                format!(
                    "tolerance `{}` must be a number of at least 0 or a percentage like \"5%\"",
                    t.value.text
                ),
            );
        } else if f.value.is_none() {
            errs.push(
                span_of(t),
                format!("fact `{id}` has a tolerance but no value"),
            );
        }
        parsed
    });
    let tests = f
        .tests
        .unwrap_or_default()
        .iter()
        .filter_map(|t| fact_test(t, errs))
        .collect();
    Fact {
        tests,
        span: span_of(&f.id),
        id,
        claim: f.claim.value.trim().to_string(),
        about,
        keywords: clean(f.keywords),
        date,
        date_span,
        status,
        sources,
        value,
        unit: unit.or(value_unit),
        tolerance,
        ignore: clean(f.ignore),
    }
}

fn fact_test(t: &RawFactTest, errs: &mut Errors) -> Option<FactTest> {
    if t.says.value.trim().is_empty() {
        errs.push(span_of(&t.says), "test sentence `says` is empty".into());
        return None;
    }
    let published = match &t.published {
        None => None,
        Some(p) => {
            let range = date(p, errs)?;
            if range.start != range.end {
                errs.push(
                    span_of(p),
                    format!(
                        "`published` must be one day (YYYY-MM-DD), not `{}`",
                        p.value.text
                    ),
                );
                return None;
            }
            Some(range.start)
        }
    };
    Some(FactTest {
        says: t.says.value.trim().to_string(),
        expect: match t.expect.value {
            RawExpect::ValueMismatch => TestExpect::Fires(Kind::ValueMismatch),
            RawExpect::DateMismatch => TestExpect::Fires(Kind::DateMismatch),
            RawExpect::StanceConflict => TestExpect::Fires(Kind::StanceConflict),
            RawExpect::Silent => TestExpect::Silent,
        },
        published,
        span: span_of(&t.says),
    })
}

fn clean(list: Option<Vec<String>>) -> Vec<String> {
    list.unwrap_or_default()
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn date(d: &Spanned<Scalar>, errs: &mut Errors) -> Option<DateRange> {
    parse_date_range(&d.value.text)
        .map_err(|m| errs.push(span_of(d), m))
        .ok()
}

fn number(s: &Scalar) -> Option<(f64, Option<String>)> {
    if s.is_number {
        return s
            .text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|v| (v, None));
    }
    parse_value(&s.text).filter(|(v, _)| v.is_finite())
}

/// Why a string value holds more than a number and its unit, if it does: "6 gazillion" would
/// compare as 6, "145 drones launched" as 145 drones. A number in words ("six") is refused
/// too: a fact file writes figures in digits, as its readers check them. The value's own unit
/// ("145 drones", "6 billion dollars", "$6bn", "1.5%") is accepted, and so are words that are
/// the fact's `unit` ("145 drone" with `unit: drones`); a unit the value binds itself must
/// agree with `unit` (checked by the caller).
fn unread_words(text: &str, unit: Option<&str>) -> Option<String> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Some("must be written in digits (e.g. `6`, \"6 billion\", \"1.5%\")".into());
    }
    let qs = crate::extract::numbers::extract_quantities(text);
    let [q] = qs.as_slice() else {
        return None;
    };
    let covered = |i: usize| {
        q.span.start <= i && i < q.span.end
            || q.unit_span.is_some_and(|u| u.start <= i && i < u.end)
    };
    let leftover: String = text
        .char_indices()
        .map(|(i, c)| if covered(i) { ' ' } else { c })
        .collect();
    let leftover = leftover.split_whitespace().collect::<Vec<_>>().join(" ");
    if unit.is_some_and(|u| normalize_unit(u) == normalize_unit(&leftover)) {
        return None;
    }
    leftover
        .chars()
        .any(char::is_alphanumeric)
        .then(|| format!("has words that are neither its number nor its unit (`{leftover}`); write the number alone and the unit in `unit`"))
}

/// The value as written in the file (a YAML number's own digits, before any rounding).
fn written<'s>(v: &'s Spanned<Scalar>, source: &'s str) -> &'s str {
    let span = span_of(v);
    source
        .get(span.start..span.end)
        .filter(|w| !w.is_empty())
        .unwrap_or(&v.value.text)
}

/// `a hexadecimal`, `an octal` or `a binary` when `s` is written with a `0x`, `0o` or `0b` prefix.
fn radix_name(s: &str) -> Option<&'static str> {
    let s = s.trim().trim_start_matches(['+', '-']);
    let prefix = s.get(..2)?.to_ascii_lowercase();
    match prefix.as_str() {
        "0x" => Some("a hexadecimal"),
        "0o" => Some("an octal"),
        "0b" => Some("a binary"),
        _ => None,
    }
}

/// Significant digits an `f64` always keeps: a value written with more cannot be compared
/// exactly, and one that rounds to zero would match any article's "0".
const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// Why the number written as `written` does not survive as `value`, if it does not.
/// Looks at the first run of digits (the mantissa, before any exponent).
fn lost_precision(written: &str, value: f64) -> Option<String> {
    let start = written.find(|c: char| c.is_ascii_digit())?;
    let mantissa: String = written[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '_'))
        .filter(char::is_ascii_digit)
        .collect();
    let significant = mantissa.trim_start_matches('0').trim_end_matches('0');
    if significant.is_empty() {
        return None;
    }
    if value == 0.0 {
        return Some("is too small to represent (it would round to 0)".into());
    }
    (significant.len() > MAX_SIGNIFICANT_DIGITS).then(|| {
        format!(
            "has {} significant digits; factdiff compares at most {MAX_SIGNIFICANT_DIGITS}: round it and give a `tolerance`",
            significant.len()
        )
    })
}

fn tolerance(s: &Scalar) -> Option<Tolerance> {
    let t = s.text.trim();
    let (t, percent) = match t.strip_suffix('%') {
        Some(p) if !s.is_number => (p.trim(), true),
        _ => (t, false),
    };
    let v: f64 = t
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
    Some(if percent {
        Tolerance::Percent(v)
    } else {
        Tolerance::Absolute(v)
    })
}
