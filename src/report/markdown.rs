//! Markdown output: a pull-request comment with summary tables per fact and per article, and
//! each finding with both quotes (the article's and the fact's or other article's).

use super::stream::{End, Sink};
use super::{ReportData, Resolved, ResolvedDiagnostic, Summary};
use crate::finding::Severity;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::io;

/// Findings past this many go into a collapsed `<details>` block.
const OPEN_FINDINGS: usize = 5;
/// Quotes longer than this (in characters) are shortened around the words.
const QUOTE_CHARS: usize = 300;

/// Escapes text for Markdown outside code: HTML is neutralised, emphasis, links, tables and
/// headings cannot start, and `@name` cannot notify anyone (a zero-width joiner after the `@`
/// keeps GitHub from reading a mention; the text looks the same).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '@' if chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                out.push('@');
                out.push('\u{200D}');
            }
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Inline code that shows `s` verbatim, whatever backticks it holds (a fence one longer
/// than its longest run). Code spans are never read as mentions or links.
pub fn code(s: &str) -> String {
    let s = s.replace(['\r', '\n'], " ");
    let longest_run = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// [`code`] for a table cell: there a `|` must be escaped even inside code (GitHub's tables
/// split cells before reading code spans, and drop the backslash), while anywhere else the
/// backslash would show.
pub fn code_cell(s: &str) -> String {
    code(&s.replace('|', "\\|"))
}

/// The sentence with the found words in bold, shortened when long.
fn quote(sentence: &str, found: &str) -> String {
    let mut text = sentence.to_string();
    if text.chars().count() > QUOTE_CHARS {
        let at = text.find(found).unwrap_or(0);
        let start = text[..at]
            .char_indices()
            .rev()
            .nth(QUOTE_CHARS / 2)
            .map_or(0, |(i, _)| i);
        let tail: String = text[start..].chars().take(QUOTE_CHARS).collect();
        text = format!("{}{tail}…", if start > 0 { "…" } else { "" });
    }
    match text.find(found).filter(|_| !found.is_empty()) {
        Some(i) => format!(
            "{}**{}**{}",
            escape(&text[..i]),
            escape(found),
            escape(&text[i + found.len()..])
        ),
        None => escape(&text),
    }
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn finding(out: &mut String, r: &Resolved) {
    let fact = r
        .fact
        .as_deref()
        .map(|f| format!(" · fact {}", code(f)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "#### {} {}: {}\n\n{}{fact}\n",
        icon(r.severity),
        code(r.kind),
        escape(&r.message),
        code(&format!("{}:{}:{}", r.file, r.line, r.column)),
    );
    let _ = writeln!(out, "> {}\n", quote(&r.sentence, &r.found));
    for p in &r.related {
        let _ = writeln!(
            out,
            "{} says:\n\n> {}\n",
            code(&format!("{}:{}", p.file, p.line)),
            quote(&p.context, &p.found)
        );
    }
    if let Some(expected) = &r.expected {
        let _ = writeln!(
            out,
            "Found {}, expected {}.\n",
            code(&r.found),
            code(expected)
        );
    }
    for n in &r.notes {
        let _ = writeln!(out, "- note: {}", escape(n));
    }
    if !r.notes.is_empty() {
        out.push('\n');
    }
}

/// Counts per key: (errors, warnings, infos).
fn table(out: &mut String, head: &str, rows: &BTreeMap<String, [usize; 3]>) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "| {head} | errors | warnings | infos |\n| --- | ---: | ---: | ---: |"
    );
    for (key, [e, w, i]) in rows {
        let _ = writeln!(out, "| {key} | {e} | {w} | {i} |");
    }
    out.push('\n');
}

pub fn render(data: &ReportData) -> String {
    data.render_with(Box::new(MarkdownSink::default()))
}

/// A pull-request comment: its tables and its count of folded findings stand above the
/// findings, so the findings are kept until the end (a comment is short, and GitHub cuts
/// comments past 64 KB anyway).
#[derive(Default)]
pub struct MarkdownSink {
    findings: Vec<Resolved>,
}

impl Sink for MarkdownSink {
    fn finding(&mut self, _out: &mut dyn io::Write, r: &Resolved) -> io::Result<()> {
        self.findings.push(r.clone());
        Ok(())
    }

    fn end(self: Box<Self>, out: &mut dyn io::Write, end: &End) -> io::Result<()> {
        out.write_all(comment(&self.findings, end.diagnostics, &end.summary).as_bytes())
    }
}

fn comment(findings: &[Resolved], diagnostics: &[ResolvedDiagnostic], s: &Summary) -> String {
    let mut out = String::new();
    let verdict = if s.errors > 0 {
        "contradictions found"
    } else if s.warnings > 0 {
        "warnings"
    } else {
        "no contradictions"
    };
    let _ = writeln!(out, "### factdiff: {verdict}\n");
    let _ = writeln!(out, "{}.\n", escape(&super::human::summary_line(s)));
    for d in diagnostics {
        let at = match (&d.file, d.line) {
            (Some(f), Some(l)) => format!(" ({})", code(&format!("{f}:{l}"))),
            _ => String::new(),
        };
        let _ = writeln!(out, "- **{}**{at}: {}", d.severity, escape(&d.message));
    }
    if !diagnostics.is_empty() {
        out.push('\n');
    }
    if findings.is_empty() {
        return out;
    }
    let slot = |s: Severity| match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    };
    let mut by_fact: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut by_article: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for r in findings {
        let fact = r
            .fact
            .as_deref()
            .map_or("(between articles)".into(), code_cell);
        by_fact.entry(fact).or_default()[slot(r.severity)] += 1;
        by_article.entry(code_cell(&r.file)).or_default()[slot(r.severity)] += 1;
    }
    table(&mut out, "fact", &by_fact);
    table(&mut out, "article", &by_article);
    let (open, folded) = findings.split_at(findings.len().min(OPEN_FINDINGS));
    for r in open {
        finding(&mut out, r);
    }
    if !folded.is_empty() {
        let _ = writeln!(
            out,
            "<details>\n<summary>{} more findings</summary>\n",
            folded.len()
        );
        for r in folded {
            finding(&mut out, r);
        }
        out.push_str("</details>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::Sample;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(
            escape("a *b* <script> | c_d"),
            "a \\*b\\* &lt;script&gt; \\| c\\_d"
        );
        assert_eq!(code("x"), "`x`");
        // Mentions are neutralised in text, and pipes escaped only where tables need it.
        assert_eq!(
            escape("ask @octocat, not a@"),
            "ask @\u{200D}octocat, not a@"
        );
        assert_eq!(code("a|b"), "`a|b`");
        assert_eq!(code_cell("a|b"), "`a\\|b`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("`a"), "`` `a ``");
    }

    #[test]
    fn quotes_bold_the_found_words_and_shorten_long_sentences() {
        assert_eq!(
            quote("It was 150 drones.", "150 drones"),
            "It was **150 drones**."
        );
        let long = format!("{} 150 drones {}", "word ".repeat(100), "tail ".repeat(100));
        let q = quote(&long, "150 drones");
        assert!(q.contains("**150 drones**"));
        assert!(q.starts_with('…') && q.ends_with('…'));
        assert!(q.chars().count() < 340);
    }

    #[test]
    fn long_reports_fold_into_details() {
        let mut s = Sample::new();
        let more = s.findings.clone();
        s.findings.extend(more.clone());
        s.findings.extend(more);
        let text = render(&s.data());
        assert!(text.contains("<details>\n<summary>4 more findings</summary>"));
        assert!(text.trim_end().ends_with("</details>"));
    }

    #[test]
    fn markdown_snapshot() {
        let s = Sample::new();
        insta::assert_snapshot!(render(&s.data()));
    }
}
