//! Human output: each finding with the article's sentence and the fact, then a summary line.

use super::ReportData;
use std::fmt::Write;

pub fn render(data: &ReportData, _color: bool) -> String {
    let mut out = String::new();
    for d in data.diagnostics {
        let _ = writeln!(out, "{}: {}", d.severity, d.message);
    }
    for r in data.resolve() {
        let fact = r
            .fact
            .as_deref()
            .map(|f| format!("[{f}]"))
            .unwrap_or_default();
        let _ = writeln!(out, "{}[{}]{fact}: {}", r.severity, r.kind, r.message);
        let _ = writeln!(out, "  --> {}:{}:{}", r.file, r.line, r.column);
        let _ = writeln!(out, "   | {}", r.sentence);
        for p in &r.related {
            let _ = writeln!(out, "  ::: {}:{}:{}", p.file, p.line, p.column);
            let _ = writeln!(out, "   | {}", p.found);
        }
        for n in &r.notes {
            let _ = writeln!(out, "   = note: {n}");
        }
        out.push('\n');
    }
    let s = data.summary();
    let _ = writeln!(
        out,
        "{} articles, {} facts: {} errors, {} warnings",
        s.articles, s.facts, s.errors, s.warnings
    );
    out
}
