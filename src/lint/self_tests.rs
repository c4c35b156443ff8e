//! Fact-file self-tests: each fact's `tests:` sentences run as one-sentence articles through
//! the real pipeline (`check_articles`), and the verdict compared with the one expected.

use crate::align::AlignConfig;
use crate::article::{Article, ArticleId, ArticleMeta};
use crate::commands::check::check_articles;
use crate::facts::{FactFile, FactId, TestExpect};
use crate::finding::Finding;
use crate::span::Span;

/// A self-test whose verdict differs from the expected one.
#[derive(Clone, Debug, PartialEq)]
pub struct TestFailure {
    pub fact: FactId,
    /// Where the test's `says:` stands in the fact file.
    pub span: Span,
    pub says: String,
    pub expect: TestExpect,
    /// What fired about the fact instead: (kind, message).
    pub fired: Vec<(String, String)>,
}

impl TestFailure {
    pub fn message(&self, fact_id: &str) -> String {
        let got = if self.fired.is_empty() {
            "nothing fired".to_string()
        } else {
            let kinds: Vec<&str> = self.fired.iter().map(|(k, _)| k.as_str()).collect();
            format!("got {}", kinds.join(", "))
        };
        format!(
            "self-test of `{fact_id}` expects {}, {got}",
            self.expect.as_str()
        )
    }
}

/// Runs every self-test in the file; returns the ones that do not hold, in file order.
pub fn run(facts: &FactFile) -> Vec<TestFailure> {
    run_where(facts, |_| true)
}

/// Runs the self-tests of the facts `keep` accepts.
pub fn run_where(facts: &FactFile, keep: impl Fn(FactId) -> bool) -> Vec<TestFailure> {
    let mut out = Vec::new();
    for (fi, fact) in facts.facts.iter().enumerate() {
        let id = FactId(fi as u32);
        if !keep(id) {
            continue;
        }
        for test in &fact.tests {
            let meta = ArticleMeta {
                published: test.published,
                ..ArticleMeta::default()
            };
            let article = Article::plain(ArticleId(0), "<test>", test.says.clone(), meta);
            let findings = check_articles(&[article], Some(facts), AlignConfig::default());
            let about: Vec<&Finding> = findings.iter().filter(|f| f.fact == Some(id)).collect();
            let holds = match test.expect {
                TestExpect::Silent => about.is_empty(),
                TestExpect::Fires(kind) => about.iter().any(|f| f.kind == kind),
            };
            if !holds {
                out.push(TestFailure {
                    fact: id,
                    span: test.span,
                    says: test.says.clone(),
                    expect: test.expect,
                    fired: about
                        .iter()
                        .map(|f| (f.kind.as_str().to_string(), f.message.clone()))
                        .collect(),
                });
            }
        }
    }
    out
}
