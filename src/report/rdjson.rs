//! reviewdog diagnostic format, one JSON object per line (`-f=rdjsonl`).
//!
//! Columns count UTF-8 bytes, as reviewdog's format specifies, so they differ from the
//! character columns of the other formats on lines with non-ASCII text.

use super::paths::{self, Project};
use super::stream::{End, Sink, Spool};
use super::{ReportData, Resolved, ResolvedDiagnostic};
use crate::finding::Severity;
use serde_json::{Value, json};
use std::io::{self, Write};

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

/// A position: the line, and the byte column when known (reviewdog counts bytes).
fn position(line: usize, byte_column: Option<usize>) -> Value {
    match byte_column {
        Some(column) => json!({ "line": line, "column": column }),
        None => json!({ "line": line }),
    }
}

/// A diagnostic (an input problem, an unused suppression) as a reviewdog diagnostic: code
/// `factdiff/input` (or `factdiff/unused-suppression`), its severity, and its file and place
/// when known.
fn diagnostic(d: &ResolvedDiagnostic, project: &Project) -> Value {
    let code = if d.message.starts_with("unused suppression") {
        "factdiff/unused-suppression"
    } else {
        "factdiff/input"
    };
    let mut v = json!({
        "message": d.message,
        "severity": severity(d.severity),
        "source": { "name": "factdiff" },
        "code": { "value": code },
    });
    if let Some(file) = &d.file {
        let mut location = json!({ "path": project.relative(file) });
        if let Some(line) = d.line {
            location["range"] = json!({ "start": position(line, d.byte_column) });
        }
        v["location"] = location;
    }
    v
}

/// Diagnostics and findings, with paths relative to the repository root (where reviewdog
/// anchors them), whichever folder factdiff ran in.
pub fn render(data: &ReportData) -> String {
    render_in(data, paths::project())
}

pub fn render_in(data: &ReportData, project: &Project) -> String {
    data.render_with(Box::new(RdjsonSink::new(project.clone())))
}

/// A finding as a reviewdog diagnostic.
fn finding(r: &Resolved, project: &Project) -> Value {
    let related: Vec<Value> = r
        .related
        .iter()
        .map(|p| {
            json!({
                "message": p.found,
                "location": {
                    "path": project.relative(&p.file),
                    "range": {
                        "start": { "line": p.line, "column": p.byte_columns.0 },
                        "end": { "line": p.end_line, "column": p.byte_columns.1 },
                    },
                },
            })
        })
        .collect();
    let mut message = r.message.clone();
    if let Some(expected) = &r.expected {
        message.push_str(&format!(" (found: {}; expected: {expected})", r.found));
    }
    json!({
        "message": message,
        "location": {
            "path": project.relative(&r.file),
            "range": {
                "start": { "line": r.line, "column": r.byte_columns.0 },
                "end": { "line": r.end_line, "column": r.byte_columns.1 },
            },
        },
        "severity": severity(r.severity),
        "source": { "name": "factdiff" },
        "code": { "value": r.kind },
        "original_output": r.sentence,
        "related_locations": related,
    })
}

/// reviewdog lines: the diagnostics go first, so the findings wait in a spool.
pub struct RdjsonSink {
    project: Project,
    findings: Spool,
}

impl RdjsonSink {
    pub fn new(project: Project) -> Self {
        Self {
            project,
            findings: Spool::default(),
        }
    }
}

impl Sink for RdjsonSink {
    fn finding(&mut self, _out: &mut dyn Write, r: &Resolved) -> io::Result<()> {
        serde_json::to_writer(&mut self.findings, &finding(r, &self.project))?;
        self.findings.write_all(b"\n")
    }

    fn end(self: Box<Self>, out: &mut dyn Write, end: &End) -> io::Result<()> {
        for d in end.diagnostics {
            serde_json::to_writer(&mut *out, &diagnostic(d, &self.project))?;
            out.write_all(b"\n")?;
        }
        self.findings.copy_to(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::Sample;

    #[test]
    fn rdjsonl_lines_use_byte_columns() {
        let s = Sample::new();
        let text = render(&s.data());
        let diag: Value = serde_json::from_str(text.lines().next().expect("a line")).expect("JSON");
        assert_eq!(diag["severity"], "ERROR");
        assert_eq!(diag["code"]["value"], "factdiff/input");
        assert_eq!(diag["location"]["path"], "news/missing.md");
        let first: Value =
            serde_json::from_str(text.lines().nth(1).expect("a line")).expect("JSON");
        // "Zelenskyy’s" has a three-byte apostrophe: character column 41 is byte column 43.
        assert_eq!(first["location"]["range"]["start"]["column"], 43);
        assert_eq!(first["severity"], "ERROR");
        assert_eq!(first["code"]["value"], "value-mismatch");
        assert_eq!(
            first["related_locations"][0]["location"]["path"],
            "facts.yaml"
        );
        assert_eq!(text.lines().count(), 4);
    }

    #[test]
    fn rdjsonl_snapshot() {
        let s = Sample::new();
        insta::assert_snapshot!(render(&s.data()));
    }
}
