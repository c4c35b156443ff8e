//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
//! finding, errors first because GitHub shows only about ten annotations of each step.

use super::paths::{self, Project};
use super::stream::{End, Sink, Spool};
use super::{ReportData, Resolved, ResolvedDiagnostic};
use crate::finding::Severity;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as messages, plus `:` and `,`, which delimit properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn message(r: &Resolved, project: &Project) -> String {
    let mut m = r.message.clone();
    if let Some(expected) = &r.expected {
        let _ = write!(m, "\nfound: {}\nexpected: {expected}", r.found);
    }
    for p in &r.related {
        let _ = write!(
            m,
            "\nsee {}:{}: {}",
            project.relative(&p.file),
            p.line,
            p.context
        );
    }
    for n in &r.notes {
        let _ = write!(m, "\nnote: {n}");
    }
    m
}

/// Annotations with paths relative to the repository root (where GitHub anchors them),
/// whichever folder factdiff ran in.
pub fn render(data: &ReportData) -> String {
    render_in(data, paths::project())
}

pub fn render_in(data: &ReportData, project: &Project) -> String {
    data.render_with(Box::new(GithubSink::new(project.clone())))
}

/// Workflow commands: input errors, then the findings by severity (errors first; within one
/// severity the report's own order, file, offset, kind), then the other diagnostics. Each
/// severity's findings wait in a spool of their own.
pub struct GithubSink {
    project: Project,
    /// Errors, warnings, infos.
    findings: [Spool; 3],
}

impl GithubSink {
    pub fn new(project: Project) -> Self {
        Self {
            project,
            findings: Default::default(),
        }
    }
}

impl Sink for GithubSink {
    fn finding(&mut self, _out: &mut dyn Write, r: &Resolved) -> io::Result<()> {
        let title = match &r.fact {
            Some(f) => format!("{} ({f})", r.kind),
            None => r.kind.to_string(),
        };
        let slot = match r.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        writeln!(
            self.findings[slot],
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(r.severity),
            escape_property(&self.project.relative(&r.file)),
            r.line,
            r.column,
            r.end_line,
            r.end_column,
            escape_property(&title),
            escape_data(&message(r, &self.project)),
        )
    }

    fn end(self: Box<Self>, out: &mut dyn Write, end: &End) -> io::Result<()> {
        let project = &self.project;
        let mut diagnostics: Vec<&ResolvedDiagnostic> = end.diagnostics.iter().collect();
        diagnostics.sort_by_key(|d| std::cmp::Reverse(d.severity));
        // Input errors first of all: they explain what was not checked.
        for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            writeln!(
                out,
                "::error {}title=factdiff::{}",
                diagnostic_place(d, project),
                escape_data(&d.message)
            )?;
        }
        for spool in self.findings {
            spool.copy_to(out)?;
        }
        for d in diagnostics.iter().filter(|d| d.severity != Severity::Error) {
            writeln!(
                out,
                "::{} {}title=factdiff::{}",
                command(d.severity),
                diagnostic_place(d, project),
                escape_data(&d.message)
            )?;
        }
        Ok(())
    }
}

/// `file=…,line=…,col=…,` for a diagnostic, as far as its place is known.
fn diagnostic_place(d: &ResolvedDiagnostic, project: &Project) -> String {
    let mut props = String::new();
    if let Some(file) = &d.file {
        let _ = write!(props, "file={},", escape_property(&project.relative(file)));
        if let Some(line) = d.line {
            let _ = write!(props, "line={line},");
            if let Some(col) = d.column {
                let _ = write!(props, "col={col},");
            }
        }
    }
    props
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::Sample;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn errors_come_first_and_lines_are_single() {
        let s = Sample::new();
        let text = render(&s.data());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(
            lines[0].starts_with("::error file=news/missing.md,title=factdiff::news/missing.md")
        );
        assert!(lines[1].starts_with("::error file=news/a.md,line=3,col=41,"));
        assert!(lines[2].starts_with("::error file=news/b.md,"));
        assert!(lines[3].starts_with("::warning file=news/a.md,line=4,"));
        // The message's "%" and line breaks are escaped; its ":" and "," are not.
        assert!(lines[2].contains("150: 100%25 sure, 1,2%0Afound: 160 drones"));
        assert!(lines[1].contains("title=value-mismatch (drones-launched)::"));
    }

    #[test]
    fn paths_are_named_from_the_repository_root() {
        let s = Sample::new();
        let project = Project {
            cwd: "/repo/site/today".into(),
            root: "/repo".into(),
        };
        let text = render_in(&s.data(), &project);
        assert!(
            text.contains("::error file=site/today/news/a.md,line=3,"),
            "{text}"
        );
        assert!(text.contains("see site/today/facts.yaml:4"), "{text}");
        assert!(
            text.starts_with("::error file=site/today/news/missing.md,"),
            "{text}"
        );
    }

    #[test]
    fn github_snapshot() {
        let mut s = Sample::new();
        // A load warning without a place (a file skipped as binary, say).
        s.diagnostics.push(crate::report::Diagnostic::new(
            Severity::Warning,
            "news/photo.md: looks binary (NUL byte at offset 12); skipped",
        ));
        insta::assert_snapshot!(render(&s.data()));
    }
}
