//! Synthetic articles, facts and findings shared by the renderers' tests.

use super::{Diagnostic, Hidden, ReportData};
use crate::article::{Article, ArticleId, ArticleMeta};
use crate::facts::{Fact, FactFile, FactId, FactValue, Status};
use crate::finding::{Finding, Kind, Related, Severity};
use crate::span::Span;

pub const FACTS_YAML: &str = "\
facts:
  - id: drones-launched
    claim: Russia launched 145 drones overnight
    value: 145
  - id: call-date
    claim: The leaders spoke by phone
    date: 2024-11-07
";

pub const ARTICLE_A: &str = "\
Kyiv, Nov 10.

Zelenskyy’s office said Russia launched 150 drones overnight, and most were shot down.
The call took place on Thursday.
";

pub const ARTICLE_B: &str = "\
Officials said the call took place on Nov. 9.

Russia launched 160 drones, the \"air force\" said: 100% of them, 50,000 km.
";

/// The span of the first `needle` in `hay`.
pub fn find(hay: &str, needle: &str) -> Span {
    let start = hay.find(needle).expect("test text contains the needle");
    Span::new(start, start + needle.len())
}

pub fn fact(id: &str, span: Span) -> Fact {
    Fact {
        id: id.into(),
        claim: String::new(),
        about: Vec::new(),
        keywords: Vec::new(),
        date: None,
        date_span: None,
        status: Status::Asserted,
        sources: Vec::new(),
        value: None,
        unit: None,
        tolerance: None,
        ignore: Vec::new(),
        tests: Vec::new(),
        span,
    }
}

pub fn fact_file() -> FactFile {
    let mut drones = fact("drones-launched", find(FACTS_YAML, "drones-launched"));
    drones.value = Some(FactValue {
        value: 145.0,
        raw: "145".into(),
        // Runs past the line end on purpose: the report must quote one line anyway.
        span: find(FACTS_YAML, "145\n"),
    });
    let call = fact("call-date", find(FACTS_YAML, "call-date"));
    FactFile {
        path: "facts.yaml".into(),
        source: FACTS_YAML.into(),
        entities: Vec::new(),
        facts: vec![drones, call],
    }
}

pub fn articles() -> Vec<Article> {
    vec![
        Article::plain(
            ArticleId(0),
            "news/a.md",
            ARTICLE_A.into(),
            ArticleMeta::default(),
        ),
        Article::plain(
            ArticleId(1),
            "news/b.md",
            ARTICLE_B.into(),
            ArticleMeta {
                outlet: Some("Daily Example".into()),
                ..ArticleMeta::default()
            },
        ),
    ]
}

/// The sentence of `text` around `span`: from the previous line break or period to the next.
pub fn sentence_of(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind(['\n', '.']).map_or(0, |i| i + 1);
    let start = start + (text[start..].len() - text[start..].trim_start().len());
    let end = text[span.end..]
        .find(['\n'])
        .map_or(text.len(), |i| span.end + i);
    Span::new(start, end)
}

pub fn findings() -> Vec<Finding> {
    let facts = fact_file();
    let a150 = find(ARTICLE_A, "150 drones");
    let thursday = find(ARTICLE_A, "on Thursday");
    let b160 = find(ARTICLE_B, "160 drones");
    vec![
        Finding {
            kind: Kind::ValueMismatch,
            severity: Severity::Error,
            confidence: 0.913,
            fact: Some(FactId(0)),
            article: ArticleId(0),
            span: a150,
            sentence: sentence_of(ARTICLE_A, a150),
            found: "150 drones".into(),
            expected: Some("145".into()),
            message: "the article says 150 drones; the fact says 145".into(),
            related: vec![Related::Fact {
                fact: FactId(0),
                span: facts.facts[0].value.as_ref().expect("set above").span,
            }],
            notes: vec!["the values 150 and [145, 145] do not overlap".into()],
        },
        Finding {
            kind: Kind::DateMismatch,
            severity: Severity::Warning,
            confidence: 0.7,
            fact: Some(FactId(1)),
            article: ArticleId(0),
            span: thursday,
            sentence: sentence_of(ARTICLE_A, thursday),
            found: "on Thursday".into(),
            expected: Some("2024-11-07".into()),
            message: "the article dates the call 2024-11-14; the fact says 2024-11-07".into(),
            related: vec![Related::Fact {
                fact: FactId(1),
                span: find(FACTS_YAML, "2024-11-07"),
            }],
            notes: Vec::new(),
        },
        Finding {
            kind: Kind::ValueMismatch,
            severity: Severity::Error,
            confidence: 0.8,
            fact: None,
            article: ArticleId(1),
            span: b160,
            sentence: sentence_of(ARTICLE_B, b160),
            found: "160 drones".into(),
            expected: Some("150 drones".into()),
            message: "news/b.md says 160 drones, news/a.md says 150: 100% sure, 1,2".into(),
            related: vec![Related::Article {
                article: ArticleId(0),
                span: a150,
                sentence: sentence_of(ARTICLE_A, a150),
                found: "150 drones".into(),
            }],
            notes: Vec::new(),
        },
    ]
}

/// Owned inputs for one report.
pub struct Sample {
    pub articles: Vec<Article>,
    pub facts: FactFile,
    pub findings: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    pub hidden: Hidden,
}

impl Sample {
    pub fn new() -> Self {
        Self {
            articles: articles(),
            facts: fact_file(),
            findings: findings(),
            diagnostics: vec![Diagnostic {
                file: Some("news/missing.md".into()),
                ..Diagnostic::new(
                    Severity::Error,
                    "news/missing.md: No such file or directory (os error 2)",
                )
            }],
            hidden: Hidden {
                baselined: 2,
                suppressed: 1,
                below_min: 0,
            },
        }
    }

    pub fn data(&self) -> ReportData<'_> {
        ReportData {
            articles: &self.articles,
            facts: Some(&self.facts),
            findings: &self.findings,
            diagnostics: &self.diagnostics,
            hidden: self.hidden,
        }
    }
}
