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
                let (shown, column) = window(text, p.column.saturating_sub(1));
                out.push_str(&format!("{gutter:>5} | {shown}\n"));
                let pad: String = shown
                    .chars()
                    .take(column)
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

/// Characters of a source line shown at most: a value of a megabyte on one line is quoted
/// around the column, not whole.
const SHOWN_CHARS: usize = 160;

/// `line`, or a stretch of it around the 0-based character `column` with `…` where it is
/// cut, and the column within what is shown.
fn window(line: &str, column: usize) -> (String, usize) {
    let total = line.chars().count();
    if total <= SHOWN_CHARS {
        return (line.to_string(), column);
    }
    let skip = column
        .saturating_sub(SHOWN_CHARS / 4)
        .min(total - SHOWN_CHARS);
    let mut shown = String::new();
    if skip > 0 {
        shown.push('…');
    }
    shown.extend(line.chars().skip(skip).take(SHOWN_CHARS));
    if skip + SHOWN_CHARS < total {
        shown.push('…');
    }
    (shown, column - skip + usize::from(skip > 0))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_quoted_around_the_column() {
        assert_eq!(window("value: 145", 7), ("value: 145".to_string(), 7));
        let line = format!("claim: {}", "x".repeat(100_000));
        let (shown, column) = window(&line, 7);
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 1);
        assert!(shown.starts_with("claim: x") && shown.ends_with('…'));
        assert_eq!(column, 7);
        let line = format!("{}*c", "y".repeat(50_000));
        let (shown, column) = window(&line, 50_000);
        assert!(shown.starts_with('…'));
        assert_eq!(shown.chars().nth(column), Some('*'));
    }
}
