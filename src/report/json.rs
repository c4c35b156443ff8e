//! JSON output, contract v1 (schemas/findings-v1.schema.json).

use super::{ReportData, Resolved, Summary};
use serde::Serialize;

/// The JSON v1 document.
#[derive(Serialize)]
pub struct Document {
    pub version: u32,
    pub findings: Vec<Resolved>,
    pub summary: Summary,
    pub diagnostics: Vec<String>,
}

pub fn render(data: &ReportData) -> String {
    let doc = Document {
        version: 1,
        findings: data.resolve(),
        summary: data.summary(),
        diagnostics: data
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.severity, d.message))
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("findings always serialise");
    s.push('\n');
    s
}
