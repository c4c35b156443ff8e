//! Lint output: human lines with the offending source line, or versioned JSON.

use super::Problem;
use crate::span::LineIndex;

/// `path:line:col: code: message`, the source line with a caret, and notes; then the facts
/// whose self-tests were not run.
pub fn human(
    path: &str,
    source: Option<&str>,
    problems: &[Problem],
    untested: &[String],
) -> String {
    let index = source.map(LineIndex::new);
    let mut out = String::new();
    for p in problems {
        out.push_str(&format!(
            "{path}:{}:{}: {}: {}\n",
            p.line, p.column, p.code, p.message
        ));
        if let (Some(src), Some(idx)) = (source, &index) {
            let span = idx.line_span(src, p.line);
            let text = &src[span.start..span.end];
            if !text.trim().is_empty() {
                let gutter = p.line.to_string();
                out.push_str(&format!("{gutter:>5} | {text}\n"));
                let pad: String = text
                    .chars()
                    .take(p.column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let width = p
                    .found
                    .as_deref()
                    .map_or(1, |f| f.chars().count().clamp(1, 60));
                out.push_str(&format!("{:>5} | {pad}{}\n", "", "^".repeat(width)));
            }
        }
        for n in &p.notes {
            out.push_str(&format!("      = note: {n}\n"));
        }
    }
    if !untested.is_empty() {
        let ids: Vec<String> = untested.iter().map(|id| format!("`{id}`")).collect();
        out.push_str(&format!(
            "{path}: self-tests not run for {} (the fact has problems of its own; fix them first)\n",
            ids.join(", ")
        ));
    }
    let n = problems.len();
    if n == 0 {
        out.push_str(&format!("{path}: no problems\n"));
    } else {
        out.push_str(&format!(
            "{path}: {n} problem{}\n",
            if n == 1 { "" } else { "s" }
        ));
    }
    out
}

/// `{"version": 1, "path": ..., "problems": [...], "untested": [...]}`: `untested` lists
/// the facts whose self-tests were not run because the fact has problems of its own.
pub fn json(path: &str, problems: &[Problem], untested: &[String]) -> String {
    let value = serde_json::json!({
        "version": 1,
        "path": path,
        "problems": problems,
        "untested": untested,
    });
    let mut s = serde_json::to_string_pretty(&value).expect("problems always serialise");
    s.push('\n');
    s
}
