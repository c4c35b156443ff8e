//! YAML parsing with safety limits, and serde-saphyr errors sorted into syntax, schema and
//! limit errors with their places.

use super::raw::RawFactFile;
use crate::load::error::{FactFileError, FactFileErrorKind};
use serde_saphyr::{Budget, Error, Options};

/// Limits far above any real fact file, low enough that alias bombs and deep nesting fail
/// fast with a clear message instead of exhausting memory.
pub(crate) fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_aliases = 10_000;
    budget.max_anchors = 10_000;
    budget.max_depth = 32;
    budget.flow_nesting_limit = 32;
    budget.max_events = 1_000_000;
    let mut opts = Options::default();
    opts.budget = Some(budget);
    opts.alias_limits.max_total_replayed_events = 100_000;
    opts.alias_limits.max_replay_stack_depth = 16;
    opts.alias_limits.max_alias_expansions_per_anchor = 1_000;
    opts.with_snippet = false;
    // Nothing reads comments' text (no `Commented` values): without their events the parser
    // still checks them as YAML (a 1k-fact file: 151 M instructions to read, was 160 M).
    opts.emit_comments = false;
    opts
}

pub(super) fn parse(source: &str, display: &str) -> Result<RawFactFile, FactFileError> {
    parse_at(source, display).map_err(|(e, _)| e)
}

/// [`parse`], with the byte offset of the error when the parser knows it (what `lint` needs
/// to find the entry to leave out and try again).
pub(super) fn parse_at(
    source: &str,
    display: &str,
) -> Result<RawFactFile, (FactFileError, Option<usize>)> {
    serde_saphyr::from_str_with_options(source, options()).map_err(|e| {
        let offset = innermost(&e)
            .location()
            .and_then(|loc| loc.span().byte_offset())
            .and_then(|o| usize::try_from(o).ok());
        (to_fact_file_error(&e, source, display), offset)
    })
}

/// Which budget a YAML file broke, in words.
fn describe_breach(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Events { events } => format!("{events} parser events, more than any fact file needs"),
        B::Aliases { aliases } => format!("{aliases} aliases"),
        B::Anchors { anchors } => format!("{anchors} anchors"),
        B::Depth { depth } => format!("nested {depth} levels deep"),
        B::InclusionDepth { depth } => format!("includes nested {depth} levels deep"),
        B::Documents { documents } => format!("{documents} YAML documents in one file"),
        B::Nodes { nodes } => format!("{nodes} values"),
        B::ScalarBytes { total_scalar_bytes } => format!(
            "its values add up to {total_scalar_bytes} bytes of text, each alias counting the text it repeats"
        ),
        B::MergeKeys { merge_keys } => format!("{merge_keys} merge keys (`<<`)"),
        B::AliasAnchorRatio { aliases, anchors } => format!(
            "{aliases} aliases of {anchors} anchors, far more repetition than a fact file needs (an alias bomb?)"
        ),
        B::SequenceUnbalanced => "a closing bracket without an opening one".into(),
        B::InputBytes { input_bytes } => format!("{input_bytes} bytes of input"),
        B::RecordedAnchorEvents {
            recorded_anchor_events,
        } => format!("anchors that repeat {recorded_anchor_events} elements"),
        B::RecordedAnchorBytes {
            recorded_anchor_bytes,
        } => format!("anchors that repeat {recorded_anchor_bytes} bytes"),
        _ => "a parser budget exceeded".into(),
    }
}

/// Turns a serde-saphyr error into ours, quoting the offending text from `source`.
pub(crate) fn to_fact_file_error(e: &Error, source: &str, display: &str) -> FactFileError {
    let e = innermost(e);
    let (line, column, found) = match e.location() {
        Some(loc) => {
            let found = loc.span().byte_offset().and_then(|start| {
                let start = usize::try_from(start).ok()?;
                let len = usize::try_from(loc.span().byte_len()?).ok()?;
                let text = source.get(start..start.checked_add(len)?)?;
                let text = text.lines().next().unwrap_or("").trim();
                (!text.is_empty()).then(|| text.chars().take(60).collect::<String>())
            });
            (loc.line() as usize, loc.column() as usize, found)
        }
        None => (1, 1, None),
    };
    let (kind, message) = describe(e);
    FactFileError {
        path: display.to_string(),
        line: line.max(1),
        column: column.max(1),
        message,
        kind,
        found,
    }
}

fn innermost(e: &Error) -> &Error {
    match e {
        Error::WithSnippet { error, .. } => innermost(error),
        #[allow(deprecated)]
        Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

/// The class of a parse error and a message without serde-saphyr's location suffix.
fn describe(e: &Error) -> (FactFileErrorKind, String) {
    use FactFileErrorKind::{Limit, Schema, Syntax};
    match e {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let mut msg = format!("unknown key `{field}`");
            if let Some(best) = did_you_mean(field, expected.iter().copied()) {
                msg.push_str(&format!("; did you mean `{best}`?"));
            } else if !expected.is_empty() {
                msg.push_str(&format!("; expected one of: {}", expected.join(", ")));
            }
            (Schema, msg)
        }
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let mut msg = format!(
                "`{variant}` is not allowed here; expected one of: {}",
                expected.join(", ")
            );
            if let Some(best) = did_you_mean(variant, expected.iter().copied()) {
                msg.push_str(&format!(" (did you mean `{best}`?)"));
            }
            (Schema, msg)
        }
        Error::SerdeMissingField { field, .. } => (
            Schema,
            format!("missing required key `{field}` in this mapping"),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            Schema,
            format!("wrong type: expected {expected}, found {unexpected}"),
        ),
        Error::DuplicateMappingKey { key, .. } => (
            Syntax,
            match key {
                Some(k) => {
                    format!("duplicate key `{k}`: each key may appear only once in a mapping")
                }
                None => "duplicate key: each key may appear only once in a mapping".into(),
            },
        ),
        Error::NonFiniteFloat { .. } => (
            Schema,
            "number out of range: it is infinite or not a number; write a finite value".into(),
        ),
        Error::Budget { breach, .. } => (
            Limit,
            format!(
                "YAML too large or too deeply nested: {}; refused",
                describe_breach(breach)
            ),
        ),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. }
        | Error::RecursiveReferencesRequireWeakTypes { .. } => (
            Limit,
            "YAML aliases expand too much (an alias bomb?); refused".into(),
        ),
        other => {
            let text = strip_location(&other.to_string());
            if text.contains("recursion limit") {
                (Limit, format!("YAML nested too deeply ({text}); refused"))
            } else if is_schema_mismatch(other) {
                (Schema, format!("wrong type: {text}"))
            } else {
                (Syntax, text)
            }
        }
    }
}

/// Errors that mean well-formed YAML of the wrong shape.
fn is_schema_mismatch(e: &Error) -> bool {
    matches!(
        e,
        Error::Unexpected { .. }
            | Error::InvalidScalar { .. }
            | Error::NullIntoString { .. }
            | Error::SerdeInvalidLength { .. }
            | Error::InvalidBooleanStrict { .. }
            | Error::UnexpectedValueForUnit { .. }
    )
}

fn strip_location(s: &str) -> String {
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// The closest of `candidates` to `word`, when close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
