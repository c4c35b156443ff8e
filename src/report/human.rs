//! Human output: rustc-style diagnostics (annotate-snippets) showing the article's sentence
//! with the words underlined, the fact's line or the other article's sentence, notes, and a
//! summary line.

use super::stream::{End, Sink, Spool};
use super::{Excerpt, ReportData, Resolved, ResolvedDiagnostic, Summary};
use crate::finding::Severity;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn snippet<'a>(
    path: &'a str,
    excerpt: &'a Excerpt,
    kind: AnnotationKind,
    label: String,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    Snippet::source(excerpt.text.as_str())
        .line_start(excerpt.line_start)
        .path(path)
        .fold(true)
        .annotation(kind.span(excerpt.mark.start..excerpt.mark.end).label(label))
}

fn diagnostic_group(d: &ResolvedDiagnostic) -> Group<'_> {
    let title = level(d.severity).primary_title(d.message.as_str());
    // Without an excerpt the message already names the file (and the place, if any).
    match (&d.file, &d.excerpt) {
        (Some(file), Some(ex)) => {
            title.element(snippet(file, ex, AnnotationKind::Primary, String::new()))
        }
        _ => Group::with_title(title),
    }
}

fn finding_group(r: &Resolved) -> Group<'_> {
    let found_label = match &r.expected {
        // A whole sentence is already underlined; repeating it in the label adds nothing.
        Some(_) if r.found.chars().count() > 60 => "stated here".to_string(),
        Some(_) => format!("this says {}", r.found),
        None => r.found.clone(),
    };
    let mut group = level(r.severity)
        .primary_title(r.message.as_str())
        .id(r.kind)
        .element(snippet(
            &r.file,
            &r.excerpt,
            AnnotationKind::Primary,
            found_label,
        ));
    for (i, p) in r.related.iter().enumerate() {
        let label = match (&r.fact, &r.expected) {
            (Some(id), Some(v)) if i == 0 => format!("fact `{id}` says {v}"),
            (Some(id), None) if i == 0 => format!("fact `{id}`"),
            (None, _) => format!("{} says {}", p.file, p.found),
            _ => String::new(),
        };
        group = group.element(snippet(&p.file, &p.excerpt, AnnotationKind::Context, label));
    }
    for n in &r.notes {
        group = group.element(Level::NOTE.message(n.as_str()));
    }
    group
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "3 articles, 5 facts: 2 errors, 1 warning", and what was hidden.
pub fn summary_line(s: &Summary) -> String {
    let mut line = format!(
        "{}, {}: {}, {}",
        plural(s.articles, "article", "articles"),
        plural(s.facts, "fact", "facts"),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
    );
    if s.infos > 0 {
        line.push_str(&format!(", {}", plural(s.infos, "info", "infos")));
    }
    if s.baselined > 0 {
        line.push_str(&format!(
            "; {} hidden by the baseline",
            plural(s.baselined, "known finding", "known findings")
        ));
    }
    if s.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", s.suppressed));
    }
    if s.below_min_severity > 0 {
        line.push_str(&format!(
            "; {} below --min-severity not shown",
            plural(s.below_min_severity, "finding", "findings")
        ));
    }
    line
}

pub fn render(data: &ReportData, color: bool) -> String {
    data.render_with(Box::new(HumanSink::new(color)))
}

/// Human text: input problems first (they may explain missing findings), so the findings wait
/// in a spool until the diagnostics are known; then the summary line.
pub struct HumanSink {
    renderer: Renderer,
    findings: Spool,
}

impl HumanSink {
    pub fn new(color: bool) -> Self {
        Self {
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
            findings: Spool::default(),
        }
    }
}

impl Sink for HumanSink {
    fn finding(&mut self, _out: &mut dyn Write, r: &Resolved) -> io::Result<()> {
        let text = self.renderer.render(&[finding_group(r)]);
        self.findings.write_all(text.as_bytes())?;
        self.findings.write_all(b"\n\n")
    }

    fn end(self: Box<Self>, out: &mut dyn Write, end: &End) -> io::Result<()> {
        for d in end.diagnostics {
            out.write_all(self.renderer.render(&[diagnostic_group(d)]).as_bytes())?;
            out.write_all(b"\n\n")?;
        }
        self.findings.copy_to(out)?;
        out.write_all(summary_line(&end.summary).as_bytes())?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::Sample;

    #[test]
    fn human_snapshot() {
        let s = Sample::new();
        insta::assert_snapshot!(render(&s.data(), false));
    }

    #[test]
    fn located_diagnostics_show_their_place() {
        let mut s = Sample::new();
        s.findings.clear();
        let mut d = crate::report::Diagnostic::new(
            Severity::Info,
            "unused suppression `ignore[call-date]`: no such finding in the text it covers",
        );
        d.location = Some((crate::article::ArticleId(1), crate::span::Span::new(0, 8)));
        s.diagnostics = vec![d];
        insta::assert_snapshot!(render(&s.data(), false));
    }

    #[test]
    fn colour_only_when_asked() {
        let s = Sample::new();
        assert!(!render(&s.data(), false).contains('\u{1b}'));
        assert!(render(&s.data(), true).contains('\u{1b}'));
    }

    #[test]
    fn summary_counts_and_plurals() {
        let s = Summary {
            articles: 3,
            facts: 5,
            errors: 2,
            warnings: 1,
            ..Summary::default()
        };
        assert_eq!(summary_line(&s), "3 articles, 5 facts: 2 errors, 1 warning");
        let s = Summary {
            articles: 1,
            facts: 1,
            baselined: 4,
            suppressed: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&s),
            "1 article, 1 fact: 0 errors, 0 warnings; 4 known findings hidden by the baseline; 1 suppressed"
        );
        let s = Summary {
            articles: 1,
            facts: 1,
            below_min_severity: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&s),
            "1 article, 1 fact: 0 errors, 0 warnings; 1 finding below --min-severity not shown"
        );
    }
}
