//! SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers: one rule per finding
//! kind, the article's words as the location, the fact or the other article as related
//! locations, and stable partial fingerprints.

use super::paths::{self, Project};
use super::stream::{End, JsonArray, Sink, Spool};
use super::{ReportData, Resolved, ResolvedDiagnostic};
use crate::finding::{Kind, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

/// The key under `partialFingerprints`; bump its version if the fingerprint changes.
pub const FINGERPRINT_KEY: &str = "factdiff/v1";

/// A rule's short description and help text.
pub fn rule_help(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::ValueMismatch => (
            "A number in the article contradicts the fact file or another article.",
            "The article gives a figure for a measure whose recorded value (with its tolerance) \
             does not overlap it, after both were read as intervals: \"at least 20\" agrees \
             with 23, \"20\" does not. Check the figure, or record an update in the fact file.",
        ),
        Kind::DateMismatch => (
            "A date in the article contradicts the fact file or another article.",
            "The article dates an event outside the recorded date range. Relative dates \
             (\"on Thursday\") are resolved against the article's publication date, so a wrong \
             publication date can also cause this.",
        ),
        Kind::StanceConflict => (
            "The article contradicts the recorded stance of a source or the event's status.",
            "The article states as settled what is disputed, or attributes to a source the \
             opposite of its recorded stance (\"X confirmed\" where X denied). Attribute the \
             claim, or correct the stance.",
        ),
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: forward slashes, and everything but unreserved
/// characters and `/` percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The base every artifact URI is relative to: the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// An artifact location: the path relative to the repository root, under [`SRCROOT`].
fn artifact(path: &str, project: &Project) -> Value {
    json!({ "uri": uri(&project.relative(path)), "uriBaseId": SRCROOT })
}

fn result(r: &Resolved, project: &Project) -> Value {
    let rule_index = Kind::ALL
        .iter()
        .position(|k| k.as_str() == r.kind)
        .expect("every kind has a rule");
    let mut text = r.message.clone();
    if let Some(expected) = &r.expected {
        text.push_str(&format!(" (found: {}; expected: {expected})", r.found));
    }
    let related: Vec<Value> = r
        .related
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({
                "id": i + 1,
                "physicalLocation": {
                    "artifactLocation": artifact(&p.file, project),
                    "region": {
                        "startLine": p.line,
                        "startColumn": p.column,
                        "endLine": p.end_line,
                        "endColumn": p.end_column,
                    },
                },
                "message": { "text": p.found },
            })
        })
        .collect();
    json!({
        "ruleId": r.kind,
        "ruleIndex": rule_index,
        "level": level(r.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(&r.file, project),
                "region": {
                    "startLine": r.line,
                    "startColumn": r.column,
                    "endLine": r.end_line,
                    "endColumn": r.end_column,
                    "snippet": { "text": r.sentence },
                },
            },
        }],
        "relatedLocations": related,
        "partialFingerprints": { FINGERPRINT_KEY: r.fingerprint },
        "properties": {
            "fact": r.fact,
            "found": r.found,
            "expected": r.expected,
            "confidence": r.confidence,
        },
    })
}

/// The SARIF log, with artifact URIs relative to the repository root under `%SRCROOT%`,
/// whichever folder factdiff ran in.
pub fn log(data: &ReportData) -> Value {
    log_in(data, paths::project())
}

pub fn log_in(data: &ReportData, project: &Project) -> Value {
    let results: Vec<Value> = data.resolve().iter().map(|r| result(r, project)).collect();
    document(results, &data.resolve_diagnostics(), project)
}

/// The SARIF log around `results`.
fn document(results: Vec<Value>, diagnostics: &[ResolvedDiagnostic], project: &Project) -> Value {
    let rules: Vec<Value> = Kind::ALL
        .iter()
        .map(|&k| {
            let (short, help) = rule_help(k);
            json!({
                "id": k.as_str(),
                "name": k.as_str(),
                "shortDescription": { "text": short },
                "help": { "text": help },
                "defaultConfiguration": { "level": "error" },
            })
        })
        .collect();
    let notifications: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut n = json!({
                "level": level(d.severity),
                "message": { "text": d.message },
            });
            if let Some(file) = &d.file {
                let mut physical = json!({ "artifactLocation": artifact(file, project) });
                if let Some(line) = d.line {
                    physical["region"] = json!({ "startLine": line });
                    if let Some(column) = d.column {
                        physical["region"]["startColumn"] = json!(column);
                    }
                }
                n["locations"] = json!([{ "physicalLocation": physical }]);
            }
            n
        })
        .collect();
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "factdiff",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "invocations": [{
                "executionSuccessful": !failed,
                "toolExecutionNotifications": notifications,
            }],
            // The root's absolute location is left out, so the log is the same on every
            // machine; viewers such as GitHub code scanning resolve it to the checkout.
            "originalUriBaseIds": {
                SRCROOT: {
                    "description": {
                        "text": "The repository root: the nearest folder holding .git above where factdiff ran (without one, that folder itself).",
                    },
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

pub fn render(data: &ReportData) -> String {
    data.render_with(Box::new(SarifSink::new(paths::project().clone())))
}

/// Where the results array stands in the pretty-printed log. Keys are sorted, so the
/// notifications (the diagnostics) come before it: the results wait in a spool.
const RESULTS: &str = "\n      \"results\": []";
/// The nesting level of the results array's `[` (document, runs, run).
const RESULTS_DEPTH: usize = 3;

/// The SARIF log, its results rendered as they come into a spool and set into the log at
/// the end.
pub struct SarifSink {
    project: Project,
    results: Spool,
    array: JsonArray,
}

impl SarifSink {
    pub fn new(project: Project) -> Self {
        Self {
            project,
            results: Spool::default(),
            array: JsonArray::at(RESULTS_DEPTH),
        }
    }
}

impl Sink for SarifSink {
    fn finding(&mut self, _out: &mut dyn Write, r: &Resolved) -> io::Result<()> {
        self.array
            .item(&mut self.results, &result(r, &self.project))
    }

    fn end(self: Box<Self>, out: &mut dyn Write, end: &End) -> io::Result<()> {
        let log = document(Vec::new(), end.diagnostics, &self.project);
        let text = serde_json::to_string_pretty(&log).expect("SARIF always serialises");
        let at = text
            .find(RESULTS)
            .expect("the log has an empty results array")
            + RESULTS.len();
        // Up to the `[`, the results, then from the `]` on.
        out.write_all(&text.as_bytes()[..at - 1])?;
        self.results.copy_to(out)?;
        self.array.close(out)?;
        out.write_all(&text.as_bytes()[at..])?;
        out.write_all(b"\n")
    }
}

/// Validation against the official SARIF 2.1.0 schema and the `serde-sarif` model, shared
/// with the integration tests.
#[cfg(test)]
#[path = "../../tests/common/sarif.rs"]
mod official_sarif;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::Sample;

    use super::official_sarif as official;

    #[test]
    fn sarif_validates_against_the_official_schema() {
        let s = Sample::new();
        let doc: Value = serde_json::from_str(&render(&s.data())).expect("SARIF is JSON");
        official::assert_valid(&doc);
        // The schema is strict enough to reject a broken log.
        let mut broken = doc.clone();
        broken["runs"][0]["results"][0]["level"] = json!("fatal");
        assert!(!official::schema_errors(&broken).is_empty());
        let mut broken = doc.clone();
        broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            json!(0);
        assert!(!official::schema_errors(&broken).is_empty());
        // A property the format does not define is refused, by the schema and by the model.
        let mut broken = doc;
        broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["path"] =
            json!("news/a.md");
        assert!(!official::schema_errors(&broken).is_empty());
        let model: serde_sarif::sarif::Sarif =
            serde_json::from_value(broken.clone()).expect("reads leniently");
        assert_ne!(serde_json::to_value(&model).expect("serialises"), broken);
    }

    #[test]
    fn sarif_has_rules_locations_and_fingerprints() {
        let s = Sample::new();
        let v = log(&s.data());
        let run = &v["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().map(Vec::len),
            Some(3)
        );
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "value-mismatch");
        assert_eq!(r["ruleIndex"], 0);
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "facts.yaml"
        );
        assert_eq!(
            r["partialFingerprints"][FINGERPRINT_KEY]
                .as_str()
                .map(str::len),
            Some(16)
        );
        assert_eq!(run["results"][1]["level"], "warning");
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    }

    #[test]
    fn uris_are_relative_to_the_repository_root() {
        let s = Sample::new();
        let project = Project {
            cwd: "/repo/site".into(),
            root: "/repo".into(),
        };
        let v = log_in(&s.data(), &project);
        let run = &v["runs"][0];
        assert!(run["originalUriBaseIds"][SRCROOT].is_object());
        let at = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(at["uri"], "site/news/a.md");
        assert_eq!(at["uriBaseId"], SRCROOT);
        let fact =
            &run["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(fact["uri"], "site/facts.yaml");
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("./news/a b.md"), "news/a%20b.md");
        assert_eq!(uri("news\\ü.md"), "news/%C3%BC.md");
    }

    #[test]
    fn sarif_snapshot() {
        let s = Sample::new();
        // Keep the snapshot valid across version bumps.
        let text = render(&s.data()).replace(
            &format!("\"semanticVersion\": \"{}\"", env!("CARGO_PKG_VERSION")),
            "\"semanticVersion\": \"[version]\"",
        );
        insta::assert_snapshot!(text);
    }
}
