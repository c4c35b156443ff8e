//! JSON output, contract v1 (schemas/findings-v1.schema.json), and JSON lines: one finding
//! per line.

use super::stream::{End, JsonArray, Sink, Spool, write_nested_json};
use super::{ReportData, Resolved, ResolvedDiagnostic, Summary};
use schemars::JsonSchema;
use serde::Serialize;
use std::io::{self, Write};

/// The JSON v1 document. Fields are only ever added within version 1.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "factdiff findings, version 1")]
pub struct Document {
    /// Always 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    pub findings: Vec<Resolved>,
    pub summary: Summary,
    /// Input problems and unused suppressions.
    pub diagnostics: Vec<ResolvedDiagnostic>,
}

pub fn document(data: &ReportData) -> Document {
    Document {
        version: 1,
        findings: data.resolve(),
        summary: data.summary(),
        diagnostics: data.resolve_diagnostics(),
    }
}

pub fn render(data: &ReportData) -> String {
    data.render_with(Box::new(JsonSink::default()))
}

/// The JSON document, written as the findings come: they stand first, before the summary
/// and the diagnostics, so nothing is held back. The bytes are those of
/// `serde_json::to_string_pretty` on the [`Document`].
#[derive(Debug, Default)]
pub struct JsonSink {
    findings: Option<JsonArray>,
}

impl Sink for JsonSink {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{\n  \"version\": 1,\n  \"findings\": [")?;
        self.findings = Some(JsonArray::at(1));
        Ok(())
    }

    fn finding(&mut self, out: &mut dyn Write, r: &Resolved) -> io::Result<()> {
        self.findings
            .as_mut()
            .expect("begin comes first")
            .item(out, r)
    }

    fn end(self: Box<Self>, out: &mut dyn Write, end: &End) -> io::Result<()> {
        self.findings.expect("begin comes first").close(out)?;
        out.write_all(b",\n  \"summary\": ")?;
        write_nested_json(out, &end.summary, 1)?;
        out.write_all(b",\n  \"diagnostics\": ")?;
        write_nested_json(out, &end.diagnostics, 1)?;
        out.write_all(b"\n}\n")
    }
}

/// A diagnostic in JSON lines: the JSON v1 diagnostic with `"type": "diagnostic"`. Finding
/// records have no `type` (they have `kind` and `fingerprint`), so the two cannot be confused.
#[derive(Serialize, JsonSchema)]
pub struct DiagnosticRecord<'a> {
    /// Always `diagnostic`.
    #[serde(rename = "type")]
    #[schemars(schema_with = "diagnostic_type_schema")]
    pub record_type: &'static str,
    #[serde(flatten)]
    pub diagnostic: &'a ResolvedDiagnostic,
}

fn diagnostic_type_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "const": "diagnostic" })
}

/// One record per line: first the diagnostics (input problems, unused suppressions), each
/// with `"type": "diagnostic"`, then one JSON v1 finding record per finding.
pub fn render_lines(data: &ReportData) -> String {
    data.render_with(Box::new(JsonLinesSink::default()))
}

/// JSON lines: the findings wait in a spool for the diagnostics, which go first.
#[derive(Default)]
pub struct JsonLinesSink {
    findings: Spool,
}

impl Sink for JsonLinesSink {
    fn finding(&mut self, _out: &mut dyn Write, r: &Resolved) -> io::Result<()> {
        serde_json::to_writer(&mut self.findings, r)?;
        self.findings.write_all(b"\n")
    }

    fn end(self: Box<Self>, out: &mut dyn Write, end: &End) -> io::Result<()> {
        for d in end.diagnostics {
            let record = DiagnosticRecord {
                record_type: "diagnostic",
                diagnostic: d,
            };
            serde_json::to_writer(&mut *out, &record)?;
            out.write_all(b"\n")?;
        }
        self.findings.copy_to(out)
    }
}

/// The JSON Schema (draft-07, which editors read) of `T`, pretty-printed.
pub fn schema_for<T: JsonSchema>() -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut s = serde_json::to_string_pretty(&schema).expect("schemas always serialise");
    s.push('\n');
    s
}

/// Checks that the committed schema at `path` (relative to the crate) is `current`, or
/// rewrites it when `UPDATE_SCHEMAS=1`.
#[cfg(test)]
pub fn assert_schema_current(path: &str, current: &str) {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1") {
        std::fs::write(&full, current).expect("schema file is writable");
        return;
    }
    let committed = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        committed == current,
        "{path} is out of date: run `UPDATE_SCHEMAS=1 cargo test --lib schema` and commit it"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::Sample;

    #[test]
    fn findings_schema_is_current() {
        assert_schema_current("schemas/findings-v1.schema.json", &schema_for::<Document>());
    }

    #[test]
    fn json_snapshot() {
        let s = Sample::new();
        insta::assert_snapshot!(render(&s.data()));
    }

    #[test]
    fn json_has_the_contract_fields() {
        let s = Sample::new();
        let v: serde_json::Value = serde_json::from_str(&render(&s.data())).expect("valid JSON");
        assert_eq!(v["version"], 1);
        let f = &v["findings"][0];
        for key in [
            "kind",
            "severity",
            "fact",
            "file",
            "line",
            "column",
            "found",
            "expected",
            "message",
            "related",
            "fingerprint",
        ] {
            assert!(f.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["findings"][2]["fact"], serde_json::Value::Null);
        assert_eq!(v["summary"]["baselined"], 2);
        assert_eq!(v["summary"]["errors"], 2);
        assert_eq!(v["findings"][0]["related"][0]["file"], "facts.yaml");
    }

    #[test]
    fn json_validates_against_its_schema() {
        let s = Sample::new();
        let schema: serde_json::Value =
            serde_json::from_str(&schema_for::<Document>()).expect("schema is JSON");
        let doc: serde_json::Value = serde_json::from_str(&render(&s.data())).expect("JSON");
        let validator = jsonschema::validator_for(&schema).expect("schema compiles");
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn jsonl_is_one_record_per_line_diagnostics_typed() {
        let s = Sample::new();
        let text = render_lines(&s.data());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        let first: serde_json::Value = serde_json::from_str(lines[0]).expect("JSON");
        assert_eq!(first["type"], "diagnostic");
        assert_eq!(first["severity"], "error");
        assert_eq!(first["file"], "news/missing.md");
        assert!(first.get("kind").is_none() && first.get("fingerprint").is_none());
        for l in &lines[1..] {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            assert!(v["fingerprint"].is_string());
            assert!(v.get("type").is_none(), "finding records stay as they were");
        }
        assert!(!text.contains('\u{1b}'));
    }
}
