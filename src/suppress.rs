//! Suppressions: inline `<!-- factdiff: ignore[target] reason -->` comments and a fact's
//! `ignore` list silence findings; comments that silence nothing are reported.

use crate::article::Article;
use crate::facts::FactFile;
use crate::finding::{Finding, Severity};
use crate::report::Diagnostic;
use crate::span::LineIndex;
use std::collections::{BTreeMap, BTreeSet};

/// What applying the suppressions left.
#[derive(Debug, Default)]
pub struct Applied {
    pub kept: Vec<Finding>,
    /// How many findings were dropped.
    pub suppressed: usize,
    /// One info diagnostic per suppression comment that silenced nothing.
    pub unused: Vec<Diagnostic>,
}

/// Whether the `ignore` entry `name` names `outlet`: directly, or through an entity key whose
/// name or alias is the outlet. Case does not matter.
fn names_outlet(name: &str, outlet: &str, facts: &FactFile) -> bool {
    let same = |a: &str| a.trim().to_lowercase() == outlet.trim().to_lowercase();
    same(name)
        || facts.entity_by_key(name.trim()).is_some_and(|e| {
            let e = facts.entity(e);
            same(&e.name) || e.aliases.iter().any(|a| same(a))
        })
}

/// The first entry of the fact's `ignore` list that names the article's outlet.
fn ignoring_entry(f: &Finding, article: &Article, facts: Option<&FactFile>) -> Option<usize> {
    let (id, facts, outlet) = (f.fact?, facts?, article.meta.outlet.as_deref()?);
    facts
        .fact(id)
        .ignore
        .iter()
        .position(|name| names_outlet(name, outlet, facts))
}

/// Drops suppressed findings. `articles` are indexed by `ArticleId`.
pub fn apply(findings: Vec<Finding>, articles: &[Article], facts: Option<&FactFile>) -> Applied {
    let mut suppressor = Suppressor::new(facts);
    let batch = suppressor.apply(findings.into_iter().map(|f| (f, ())).collect(), articles);
    let mut unused = batch.unused;
    unused.extend(suppressor.unused_ignores());
    Applied {
        kept: batch.kept.into_iter().map(|(f, ())| f).collect(),
        suppressed: batch.suppressed,
        unused,
    }
}

/// What [`Suppressor::apply`] left of one batch of articles: the findings kept (each with
/// what the caller carries beside it), how many were dropped, and one info diagnostic per
/// suppression comment in those articles that silenced nothing.
#[derive(Debug)]
pub struct Batch<T> {
    pub kept: Vec<(Finding, T)>,
    pub suppressed: usize,
    pub unused: Vec<Diagnostic>,
}

/// Applies suppressions to articles given in batches (all of them at once, or a few hundred
/// at a time while they are checked). Inline comments concern their own article only, so
/// they are settled batch by batch; a fact's `ignore` entries concern every article, so what
/// is kept across batches is which entries silenced something and how many articles each
/// outlet had: as much as the fact file and the outlets, not the articles.
pub struct Suppressor<'a> {
    facts: Option<&'a FactFile>,
    /// (fact index, entry index) of every `ignore` entry that silenced a finding.
    ignore_used: BTreeSet<(usize, usize)>,
    /// Checked articles per outlet, counted only when some fact has an `ignore` list.
    outlets: BTreeMap<String, usize>,
    any_ignore: bool,
}

impl<'a> Suppressor<'a> {
    pub fn new(facts: Option<&'a FactFile>) -> Self {
        Self {
            facts,
            ignore_used: BTreeSet::new(),
            outlets: BTreeMap::new(),
            any_ignore: facts.is_some_and(|fs| fs.facts.iter().any(|f| !f.ignore.is_empty())),
        }
    }

    /// Drops the suppressed findings among `findings`, which are on `articles` (each
    /// article is given once, in one batch, with all its findings).
    pub fn apply<T>(&mut self, findings: Vec<(Finding, T)>, articles: &[Article]) -> Batch<T> {
        let facts = self.facts;
        // used[article][suppression][target]
        let mut used: Vec<Vec<Vec<bool>>> = articles
            .iter()
            .map(|a| {
                a.suppressions
                    .iter()
                    .map(|s| vec![false; s.targets.len()])
                    .collect()
            })
            .collect();
        let mut batch = Batch {
            kept: Vec::with_capacity(findings.len()),
            suppressed: 0,
            unused: Vec::new(),
        };
        for (f, payload) in findings {
            let Some(at) = crate::report::find_article(articles, f.article) else {
                batch.kept.push((f, payload));
                continue;
            };
            let article = &articles[at];
            let fact_id = f.fact.zip(facts).map(|(id, fs)| fs.fact(id).id.as_str());
            let mut silenced = false;
            for (i, s) in article.suppressions.iter().enumerate() {
                if !s.covers.contains(f.span) {
                    continue;
                }
                for (t, target) in s.targets.iter().enumerate() {
                    if target == f.kind.as_str() || Some(target.as_str()) == fact_id {
                        used[at][i][t] = true;
                        silenced = true;
                    }
                }
            }
            if !silenced && let Some(entry) = ignoring_entry(&f, article, facts) {
                self.ignore_used
                    .insert((f.fact.map_or(0, |id| id.0 as usize), entry));
                silenced = true;
            }
            if silenced {
                batch.suppressed += 1;
            } else {
                batch.kept.push((f, payload));
            }
        }
        for (article, flags) in articles.iter().zip(&used) {
            batch.unused.extend(unused_in(article, flags));
            if self.any_ignore
                && let Some(outlet) = &article.meta.outlet
            {
                *self.outlets.entry(outlet.clone()).or_default() += 1;
            }
        }
        batch
    }

    /// One info diagnostic per `ignore` entry that silenced nothing in any batch although
    /// articles from its outlet were checked.
    pub fn unused_ignores(&self) -> Vec<Diagnostic> {
        match self.facts {
            Some(facts) if self.any_ignore => {
                unused_ignores(facts, &self.outlets, &self.ignore_used)
            }
            _ => Vec::new(),
        }
    }
}

/// One info diagnostic per suppression comment of `article` whose targets (`used` says which)
/// silenced nothing.
fn unused_in(article: &Article, used: &[Vec<bool>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (s, targets) in article.suppressions.iter().zip(used) {
        let all = s.targets.join(", ");
        let unused: Vec<&String> = s
            .targets
            .iter()
            .zip(targets)
            .filter(|(_, used)| !**used)
            .map(|(t, _)| t)
            .collect();
        let message = if unused.len() == s.targets.len() {
            format!("unused suppression `ignore[{all}]`: no such finding in the text it covers")
        } else if unused.is_empty() {
            continue;
        } else {
            let names: Vec<String> = unused.iter().map(|t| format!("`{t}`")).collect();
            format!(
                "unused suppression target{} {} in `ignore[{all}]`: no such finding in the \
                 text it covers",
                if unused.len() == 1 { "" } else { "s" },
                names.join(", ")
            )
        };
        let mut d = Diagnostic::new(Severity::Info, message);
        d.location = Some((article.id, s.span));
        out.push(d);
    }
    out
}

/// One info diagnostic per `ignore` entry that silenced nothing although articles from its
/// outlet were checked (`outlets` counts the checked articles per outlet). An entry whose
/// outlet no checked article comes from says nothing: a run over part of a site (a pull
/// request's articles) cannot tell whether it is stale.
fn unused_ignores(
    facts: &FactFile,
    outlets: &BTreeMap<String, usize>,
    used: &BTreeSet<(usize, usize)>,
) -> Vec<Diagnostic> {
    let mut layout = None;
    let mut out = Vec::new();
    for (fi, fact) in facts.facts.iter().enumerate() {
        for (ei, name) in fact.ignore.iter().enumerate() {
            if used.contains(&(fi, ei)) {
                continue;
            }
            let from: usize = outlets
                .iter()
                .filter(|(o, _)| names_outlet(name, o, facts))
                .map(|(_, n)| n)
                .sum();
            if from == 0 {
                continue;
            }
            // The entry's place, from the syntax tree (read once, only when needed).
            let layout = layout.get_or_insert_with(|| crate::lint::layout::read(&facts.source));
            let span = layout
                .as_ref()
                .and_then(|l| l.fact_places(fact.span))
                .and_then(|p| p.ignore.get(ei).copied())
                .unwrap_or(fact.span);
            let lc = LineIndex::new(&facts.source).line_col(&facts.source, span.start);
            let mut d = Diagnostic::new(
                Severity::Info,
                format!(
                    "{}:{}:{}: unused `ignore` entry `{name}` of fact `{}`: no finding on it in \
                     the {} from that outlet",
                    facts.path,
                    lc.line,
                    lc.column,
                    fact.id,
                    if from == 1 {
                        "article".to_string()
                    } else {
                        format!("{from} articles")
                    }
                ),
            );
            d.file = Some(facts.path.clone());
            d.line_col = Some((lc.line, lc.column));
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Suppression;
    use crate::facts::Entity;
    use crate::report::testdata::{self, ARTICLE_A, find};
    use crate::span::Span;

    fn suppression(targets: &[&str], span: Span, covers: Span) -> Suppression {
        Suppression {
            targets: targets.iter().map(|t| t.to_string()).collect(),
            reason: "known".into(),
            span,
            covers,
        }
    }

    #[test]
    fn suppressions_drop_covered_targeted_findings_and_report_unused_ones() {
        let mut articles = testdata::articles();
        let facts = testdata::fact_file();
        let line3 = find(
            ARTICLE_A,
            "Zelenskyy’s office said Russia launched 150 drones overnight, and most were shot down.",
        );
        articles[0].suppressions = vec![
            // By fact id, covering the sentence: used.
            suppression(&["drones-launched"], Span::new(0, 5), line3),
            // By kind, but covering another line: unused.
            suppression(&["date-mismatch"], Span::new(6, 9), line3),
            // Wrong target where the date finding is: unused.
            suppression(
                &["stance-conflict"],
                Span::new(0, 4),
                Span::new(0, ARTICLE_A.len()),
            ),
        ];
        let applied = apply(testdata::findings(), &articles, Some(&facts));
        assert_eq!(applied.suppressed, 1);
        assert_eq!(applied.kept.len(), 2);
        assert!(
            applied
                .kept
                .iter()
                .all(|f| f.fact != Some(crate::facts::FactId(0)))
        );
        assert_eq!(applied.unused.len(), 2);
        assert_eq!(applied.unused[0].severity, Severity::Info);
        assert!(applied.unused[0].message.contains("ignore[date-mismatch]"));
        assert_eq!(
            applied.unused[0].location,
            Some((articles[0].id, Span::new(6, 9)))
        );

        // The report resolves the unused suppression's place to line:column.
        let data = crate::report::ReportData {
            articles: &articles,
            facts: Some(&facts),
            findings: &applied.kept,
            diagnostics: &applied.unused,
            hidden: Default::default(),
        };
        let d = &data.resolve_diagnostics()[0];
        assert_eq!(
            (d.file.as_deref(), d.line, d.column),
            (Some("news/a.md"), Some(1), Some(7))
        );
    }

    #[test]
    fn an_unused_target_is_reported_even_when_another_target_is_used() {
        let mut articles = testdata::articles();
        let facts = testdata::fact_file();
        let line3 = find(
            ARTICLE_A,
            "Zelenskyy’s office said Russia launched 150 drones overnight, and most were shot down.",
        );
        articles[0].suppressions = vec![suppression(
            &["drones-launched", "date-mismatch", "stance-conflict"],
            Span::new(0, 5),
            line3,
        )];
        let applied = apply(testdata::findings(), &articles, Some(&facts));
        assert_eq!(applied.suppressed, 1);
        assert_eq!(applied.unused.len(), 1);
        assert_eq!(
            applied.unused[0].message,
            "unused suppression targets `date-mismatch`, `stance-conflict` in \
             `ignore[drones-launched, date-mismatch, stance-conflict]`: no such finding in the \
             text it covers"
        );
    }

    #[test]
    fn an_ignore_entry_that_silenced_nothing_is_reported_when_its_outlet_was_checked() {
        let mut articles = testdata::articles();
        articles[1].meta.outlet = Some("Daily Example".into());
        let mut facts = testdata::fact_file();
        // news/b.md (Daily Example) has no finding on `drones-launched`.
        facts.facts[0].ignore = vec!["Daily Example".into(), "Other Times".into()];
        articles[0].meta.outlet = None;
        let applied = apply(testdata::findings(), &articles, Some(&facts));
        assert_eq!(applied.suppressed, 0);
        // "Other Times" is silent: no article from it was checked.
        assert_eq!(applied.unused.len(), 1, "{:#?}", applied.unused);
        let d = &applied.unused[0];
        assert_eq!(d.severity, Severity::Info);
        assert!(
            d.message.ends_with(
                "unused `ignore` entry `Daily Example` of fact `drones-launched`: no finding on \
                 it in the article from that outlet"
            ),
            "{}",
            d.message
        );
        assert_eq!(d.file.as_deref(), Some("facts.yaml"));
        assert!(d.line_col.is_some());
        // Used, it says nothing.
        articles[0].meta.outlet = Some("Daily Example".into());
        let applied = apply(testdata::findings(), &articles, Some(&facts));
        assert_eq!(applied.suppressed, 1);
        assert!(applied.unused.is_empty(), "{:#?}", applied.unused);
    }

    #[test]
    fn fact_ignore_matches_outlet_or_entity_case_insensitively() {
        let mut articles = testdata::articles();
        articles[0].meta.outlet = Some("daily EXAMPLE".into());
        let mut facts = testdata::fact_file();
        facts.facts[0].ignore = vec!["Daily Example".into()];
        let applied = apply(testdata::findings(), &articles, Some(&facts));
        assert_eq!((applied.suppressed, applied.kept.len()), (1, 2));

        // Through an entity key whose alias is the outlet.
        facts.facts[0].ignore = vec!["dex".into()];
        facts.entities.push(Entity {
            key: "dex".into(),
            name: "Daily Example Newspaper".into(),
            aliases: vec!["Daily Example".into()],
            span: Span::default(),
        });
        let applied = apply(testdata::findings(), &articles, Some(&facts));
        assert_eq!(applied.suppressed, 1);

        // Another outlet is not ignored.
        articles[0].meta.outlet = Some("Other Times".into());
        let applied = apply(testdata::findings(), &articles, Some(&facts));
        assert_eq!(applied.suppressed, 0);
    }
}
