//! reviewdog diagnostic format, one JSON object per line (`-f=rdjsonl`).
//!
//! Columns count UTF-8 bytes, as reviewdog's format specifies, so they differ from the
//! character columns of the other formats on lines with non-ASCII text.

use super::ReportData;
use crate::finding::Severity;
use serde_json::{Value, json};

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

pub fn render(data: &ReportData) -> String {
    let mut out = String::new();
    for r in data.resolve() {
        let related: Vec<Value> = r
            .related
            .iter()
            .map(|p| {
                json!({
                    "message": p.found,
                    "location": {
                        "path": p.file,
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
        let d = json!({
            "message": message,
            "location": {
                "path": r.file,
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
        });
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::Sample;

    #[test]
    fn rdjsonl_lines_use_byte_columns() {
        let s = Sample::new();
        let text = render(&s.data());
        let first: Value =
            serde_json::from_str(text.lines().next().expect("a line")).expect("JSON");
        // "Zelenskyy’s" has a three-byte apostrophe: character column 41 is byte column 43.
        assert_eq!(first["location"]["range"]["start"]["column"], 43);
        assert_eq!(first["severity"], "ERROR");
        assert_eq!(first["code"]["value"], "value-mismatch");
        assert_eq!(
            first["related_locations"][0]["location"]["path"],
            "facts.yaml"
        );
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn rdjsonl_snapshot() {
        let s = Sample::new();
        insta::assert_snapshot!(render(&s.data()));
    }
}
