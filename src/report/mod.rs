//! Stage 5: renders findings for people and machines. The only stage that writes output, and
//! the one place where byte spans become line and column.

pub mod gate;
pub mod github;
pub mod human;
pub mod json;
pub mod markdown;
pub mod paths;
pub mod rdjson;
pub mod sarif;
pub mod stream;

use crate::article::{Article, ArticleId};
use crate::cli::{ColorChoice, Format};
use crate::facts::FactFile;
use crate::finding::{Finding, Related, Severity};
use crate::load::{LoadError, LoadWarning};
use crate::span::{LineIndex, Span};
use schemars::JsonSchema;
use serde::Serialize;
use std::cell::OnceCell;
use std::io::{self, IsTerminal};
use std::path::Path;

/// A problem with an input (or an unused suppression), shown before the findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where in an article it points: a byte span into the article's *source*.
    pub location: Option<(ArticleId, Span)>,
    /// The file it is about, as given on the command line, when no loaded article's span
    /// says so (an unreadable file, a decoding problem).
    pub file: Option<String>,
    /// 1-based line and column (in characters) in `file`, when known.
    pub line_col: Option<(usize, usize)>,
}

impl Diagnostic {
    pub fn new(severity: Severity, message: impl Into<String>) -> Self {
        Self {
            severity,
            message: message.into(),
            location: None,
            file: None,
            line_col: None,
        }
    }

    pub fn from_error(e: &LoadError) -> Self {
        Self {
            file: Some(e.path().to_string()),
            ..Self::new(Severity::Error, e.to_string())
        }
    }

    pub fn from_warning(w: &LoadWarning) -> Self {
        Self {
            file: Some(w.path.clone()),
            line_col: w.line_col,
            ..Self::new(Severity::Warning, format!("{}: {}", w.path, w.message))
        }
    }
}

/// Findings that were found but are not shown, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Known findings recorded in the `--baseline` file.
    pub baselined: usize,
    /// Findings silenced by inline suppressions or a fact's `ignore`.
    pub suppressed: usize,
    /// Findings below `--min-severity`.
    pub below_min: usize,
}

/// Everything a reporter needs.
pub struct ReportData<'a> {
    pub articles: &'a [Article],
    pub facts: Option<&'a FactFile>,
    /// The findings to show, sorted.
    pub findings: &'a [Finding],
    pub diagnostics: &'a [Diagnostic],
    pub hidden: Hidden,
}

/// Whole source lines around a quoted stretch, for snippet renderers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// The 1-based line number of the excerpt's first line.
    pub line_start: usize,
    /// The words to underline, as a byte span into `text`.
    pub mark: Span,
}

/// A place in a file, resolved for output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Place {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in Unicode characters.
    pub column: usize,
    pub end_line: usize,
    /// Exclusive end column, in Unicode characters.
    pub end_column: usize,
    /// The words there: the fact file's line, or the other article's words.
    pub found: String,
    /// The fact file's line, or the other article's sentence on one line.
    #[serde(skip)]
    pub context: String,
    #[serde(skip)]
    pub excerpt: Excerpt,
    /// Byte columns (1-based), for formats that count bytes (reviewdog).
    #[serde(skip)]
    pub byte_columns: (usize, usize),
}

/// A finding with its places resolved: the JSON v1 record, and what every format reads.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Resolved {
    /// The kind of contradiction (kebab-case).
    #[schemars(schema_with = "kind_schema")]
    pub kind: &'static str,
    #[schemars(schema_with = "severity_schema")]
    pub severity: Severity,
    /// How sure the alignment is, 0..=1, rounded to two places.
    pub confidence: f64,
    /// The fact's id, or null for a finding between articles.
    pub fact: Option<String>,
    /// The article, as given on the command line.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The article's words.
    pub found: String,
    /// The fact's value or the other source's, as text.
    pub expected: Option<String>,
    pub message: String,
    /// The sentence the words stand in, on one line.
    pub sentence: String,
    /// A hash that survives unrelated edits of the article (see docs/pr-review.md).
    pub fingerprint: String,
    /// The fact in the fact file, or the other article's words.
    pub related: Vec<Place>,
    pub notes: Vec<String>,
    #[serde(skip)]
    pub excerpt: Excerpt,
    #[serde(skip)]
    pub byte_columns: (usize, usize),
}

/// A diagnostic with its place resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ResolvedDiagnostic {
    #[schemars(schema_with = "severity_schema")]
    pub severity: Severity,
    pub message: String,
    /// The file it is about, when it is about one.
    pub file: Option<String>,
    /// 1-based line in `file`, when the diagnostic is about one place.
    pub line: Option<usize>,
    /// 1-based column, in Unicode characters.
    pub column: Option<usize>,
    #[serde(skip)]
    pub excerpt: Option<Excerpt>,
    /// Byte column (1-based), for formats that count bytes (reviewdog).
    #[serde(skip)]
    pub byte_column: Option<usize>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Summary {
    pub articles: usize,
    pub facts: usize,
    /// Findings shown, by severity.
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Known findings hidden because the `--baseline` file records them.
    pub baselined: usize,
    /// Findings silenced by suppression comments or a fact's `ignore`.
    pub suppressed: usize,
    /// Findings found but not shown because they are below `--min-severity` (they still
    /// count for `--fail-on`).
    pub below_min_severity: usize,
}

fn kind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let kinds: Vec<&str> = crate::finding::Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    schemars::json_schema!({ "type": "string", "enum": kinds })
}

fn severity_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "enum": ["info", "warning", "error"] })
}

impl ReportData<'_> {
    pub fn summary(&self) -> Summary {
        let count = |s| self.findings.iter().filter(|f| f.severity == s).count();
        Summary {
            articles: self.articles.len(),
            facts: self.facts.map_or(0, |f| f.facts.len()),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            baselined: self.hidden.baselined,
            suppressed: self.hidden.suppressed,
            below_min_severity: self.hidden.below_min,
        }
    }

    /// Resolves every finding's spans into lines and columns.
    pub fn resolve(&self) -> Vec<Resolved> {
        let fact_index = self.facts.map(|f| LineIndex::new(&f.source));
        self.resolve_with(fact_index.as_ref())
    }

    /// [`Self::resolve`] with the fact file's line index built once by the caller, for
    /// callers that resolve one article at a time (the index is as large as the fact file).
    pub fn resolve_with(&self, fact_index: Option<&LineIndex>) -> Vec<Resolved> {
        // Built for the articles with a finding only: most have none.
        let article_index: Vec<OnceCell<LineIndex>> =
            self.articles.iter().map(|_| OnceCell::new()).collect();
        self.findings
            .iter()
            .map(|f| {
                let at = find_article(self.articles, f.article)
                    .expect("every finding names a loaded article");
                let article = &self.articles[at];
                let index = article_index[at].get_or_init(|| LineIndex::new(&article.source));
                let words = article.source_span(f.span);
                let sentence = article.source_span(f.sentence).cover(words);
                let here = locate(&article.source, index, words, sentence);
                let related = f
                    .related
                    .iter()
                    .filter_map(|r| match r {
                        Related::Fact { span, .. } => {
                            let facts = self.facts?;
                            let idx = fact_index?;
                            let line = idx.line_col(&facts.source, span.start).line;
                            let whole = idx.line_span(&facts.source, line);
                            // Quote one line of YAML, however far the value's span runs.
                            let words = Span::new(span.start, span.end.min(whole.end));
                            let mut p = locate(&facts.source, idx, words, whole);
                            p.file = facts.path.clone();
                            p.found = facts.source[whole.start..whole.end].trim().to_string();
                            p.context = p.found.clone();
                            Some(p)
                        }
                        Related::Article {
                            article,
                            span,
                            sentence,
                            found,
                        } => {
                            let at = find_article(self.articles, *article)?;
                            let other = &self.articles[at];
                            let text_sentence = clamp(&other.text, *sentence);
                            let words = other.source_span(*span);
                            let sentence = other.source_span(*sentence).cover(words);
                            let idx =
                                article_index[at].get_or_init(|| LineIndex::new(&other.source));
                            let mut p = locate(&other.source, idx, words, sentence);
                            p.file = other.path.clone();
                            p.found = found.clone();
                            p.context = squash(&other.text[text_sentence.start..text_sentence.end]);
                            Some(p)
                        }
                    })
                    .collect();
                Resolved {
                    kind: f.kind.as_str(),
                    severity: f.severity,
                    confidence: (f.confidence * 100.0).round() / 100.0,
                    fact: f
                        .fact
                        .and_then(|id| self.facts.map(|fs| fs.fact(id).id.clone())),
                    file: article.path.clone(),
                    line: here.line,
                    column: here.column,
                    end_line: here.end_line,
                    end_column: here.end_column,
                    found: f.found.clone(),
                    expected: f.expected.clone(),
                    message: f.message.clone(),
                    sentence: {
                        let s = clamp(&article.text, f.sentence);
                        squash(&article.text[s.start..s.end])
                    },
                    fingerprint: crate::baseline::fingerprint(f, self.articles, self.facts),
                    related,
                    notes: f.notes.clone(),
                    excerpt: here.excerpt,
                    byte_columns: here.byte_columns,
                }
            })
            .collect()
    }

    /// Resolves the diagnostics' places (see [`resolve_diagnostic`]).
    pub fn resolve_diagnostics(&self) -> Vec<ResolvedDiagnostic> {
        self.diagnostics
            .iter()
            .map(|d| resolve_diagnostic(d, self.articles))
            .collect()
    }

    /// The whole report, through `sink`.
    pub fn render_with(&self, sink: Box<dyn stream::Sink>) -> String {
        stream::render(
            sink,
            &self.resolve(),
            &self.resolve_diagnostics(),
            self.summary(),
        )
    }
}

/// A diagnostic's place: an article span to its line, column and excerpt (the article is
/// looked up in `articles`, which must hold its text); otherwise the file, line and column
/// the diagnostic carries.
pub fn resolve_diagnostic(d: &Diagnostic, articles: &[Article]) -> ResolvedDiagnostic {
    let place = d.location.and_then(|(id, span)| {
        let article = &articles[find_article(articles, id)?];
        let idx = LineIndex::new(&article.source);
        let line = idx.line_col(&article.source, span.start).line;
        let whole = idx.line_span(&article.source, line).cover(span);
        let mut p = locate(&article.source, &idx, span, whole);
        p.file = article.path.clone();
        Some(p)
    });
    match place {
        Some(p) => ResolvedDiagnostic {
            severity: d.severity,
            message: d.message.clone(),
            file: Some(p.file),
            line: Some(p.line),
            column: Some(p.column),
            excerpt: Some(p.excerpt),
            byte_column: Some(p.byte_columns.0),
        },
        None => ResolvedDiagnostic {
            severity: d.severity,
            message: d.message.clone(),
            file: d.file.clone(),
            line: d.line_col.map(|(l, _)| l),
            column: d.line_col.map(|(_, c)| c),
            excerpt: None,
            // Without the text the byte column is unknown (rdjsonl leaves it out).
            byte_column: None,
        },
    }
}

/// The place of `words` in one article (`span` and `sentence` are byte spans into its text),
/// as a related location showing `found`: for resolving findings between articles one article
/// at a time.
pub fn place_in(
    article: &Article,
    idx: &LineIndex,
    span: Span,
    sentence: Span,
    found: &str,
) -> Place {
    let text_sentence = clamp(&article.text, sentence);
    let words = article.source_span(span);
    let context = article.source_span(sentence).cover(words);
    let mut p = locate(&article.source, idx, words, context);
    p.file = article.path.clone();
    p.found = found.to_string();
    p.context = squash(&article.text[text_sentence.start..text_sentence.end]);
    p
}

/// Where article `id` stands in `articles`: at its index when the slice holds every article,
/// else found by id (a caller may resolve one article at a time).
pub fn find_article(articles: &[Article], id: ArticleId) -> Option<usize> {
    let i = id.0 as usize;
    match articles.get(i) {
        Some(a) if a.id == id => Some(i),
        _ => articles.iter().position(|a| a.id == id),
    }
}

/// Bytes of a line kept on either side of the quoted words in an excerpt: more than any
/// sentence, far less than a file that is one line of megabytes.
const EXCERPT_MARGIN: usize = 1024;

/// The place of `words` in `source`, with an excerpt of the whole lines around `context`
/// (cut [`EXCERPT_MARGIN`] bytes either side of `words` on a longer line).
fn locate(source: &str, idx: &LineIndex, words: Span, context: Span) -> Place {
    let words = clamp(source, words);
    let context = clamp(source, context).cover(words);
    let start = idx.line_col(source, words.start);
    let end = idx.line_col(source, words.end);
    let first = idx.line_col(source, context.start).line;
    let last = idx.line_col(source, context.end).line;
    let lines = idx
        .line_span(source, first)
        .cover(idx.line_span(source, last));
    // Whole lines, but not megabytes of one line copied into every finding on it.
    let lines = clamp(
        source,
        Span::new(
            lines.start.max(words.start.saturating_sub(EXCERPT_MARGIN)),
            lines.end.min(words.end.saturating_add(EXCERPT_MARGIN)),
        ),
    );
    let first = idx.line_col(source, lines.start).line;
    let line_start_byte = |line| idx.line_span(source, line).start;
    Place {
        file: String::new(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        found: String::new(),
        context: String::new(),
        excerpt: Excerpt {
            text: source[lines.start..lines.end].to_string(),
            line_start: first,
            mark: Span::new(words.start - lines.start, words.end - lines.start),
        },
        byte_columns: (
            words.start - line_start_byte(start.line) + 1,
            words.end - line_start_byte(end.line) + 1,
        ),
    }
}

/// `span` shrunk to lie within `text` on character boundaries.
fn clamp(text: &str, span: Span) -> Span {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = fix(span.start);
    Span::new(start, fix(span.end).max(start))
}

/// Collapses runs of white space, for quoting a sentence on one line.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether to colour human output: `--color`, then `NO_COLOR`, then whether the output is a
/// terminal (never when writing to a file).
pub fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    color_wanted(
        choice,
        std::env::var_os("NO_COLOR").as_deref(),
        io::stdout().is_terminal(),
        to_file,
    )
}

fn color_wanted(
    choice: ColorChoice,
    no_color: Option<&std::ffi::OsStr>,
    terminal: bool,
    to_file: bool,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // NO_COLOR counts when set to anything but the empty string (no-color.org).
        ColorChoice::Auto => !to_file && no_color.is_none_or(|v| v.is_empty()) && terminal,
    }
}

/// The sink that writes `format`, with paths named from the project root where the format
/// wants them so.
pub fn sink(format: Format, color: bool) -> Box<dyn stream::Sink> {
    let project = || paths::project().clone();
    match format {
        Format::Human => Box::new(human::HumanSink::new(color)),
        Format::Json => Box::new(json::JsonSink::default()),
        Format::Jsonl => Box::new(json::JsonLinesSink::default()),
        Format::Sarif => Box::new(sarif::SarifSink::new(project())),
        Format::Github => Box::new(github::GithubSink::new(project())),
        Format::Rdjsonl => Box::new(rdjson::RdjsonSink::new(project())),
        Format::Markdown => Box::new(markdown::MarkdownSink::default()),
    }
}

/// Writes a report or baseline atomically, saying so when `path` is a link to a file in
/// another directory (the write follows it).
pub fn write_to(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let written = crate::atomic::write_atomic(path, bytes)?;
    say_if_followed(path, &written);
    Ok(())
}

/// Says on stderr when the write to `path` followed a link into another directory.
pub(crate) fn say_if_followed(path: &Path, written: &crate::atomic::Written) {
    if written.left_directory {
        eprintln!(
            "note: {} is a link; wrote its target {}",
            path.display(),
            written.target.display()
        );
    }
}

#[cfg(test)]
pub(crate) mod testdata;

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_follows_flag_then_no_color_then_terminal() {
        use ColorChoice::*;
        assert!(color_wanted(Always, Some(OsStr::new("1")), false, true));
        assert!(!color_wanted(Never, None, true, false));
        assert!(color_wanted(Auto, None, true, false));
        assert!(color_wanted(Auto, Some(OsStr::new("")), true, false));
        assert!(!color_wanted(Auto, Some(OsStr::new("1")), true, false));
        assert!(!color_wanted(Auto, None, false, false));
        assert!(!color_wanted(Auto, None, true, true));
    }

    #[test]
    fn related_fact_quotes_one_line_even_if_the_span_runs_on() {
        let s = testdata::Sample::new();
        let r = &s.data().resolve()[0];
        let fact = &r.related[0];
        assert_eq!((fact.line, fact.column, fact.end_line), (4, 12, 4));
        assert_eq!(fact.excerpt.text, "    value: 145");
        assert_eq!(fact.found, "value: 145");
    }
}
