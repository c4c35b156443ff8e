//! Suppressions: inline `<!-- factdiff: ignore[target] reason -->` comments and a fact's
//! `ignore` list silence findings; comments that silence nothing are reported.

use crate::article::Article;
use crate::facts::FactFile;
use crate::finding::{Finding, Severity};
use crate::report::Diagnostic;

/// What applying the suppressions left.
#[derive(Debug, Default)]
pub struct Applied {
    pub kept: Vec<Finding>,
    /// How many findings were dropped.
    pub suppressed: usize,
    /// One info diagnostic per suppression comment that silenced nothing.
    pub unused: Vec<Diagnostic>,
}

/// True when the fact's `ignore` list names the article's outlet: directly, or through an
/// entity key whose name or alias is the outlet. Case does not matter.
fn ignored_by_fact(f: &Finding, article: &Article, facts: Option<&FactFile>) -> bool {
    let (Some(id), Some(facts), Some(outlet)) = (f.fact, facts, &article.meta.outlet) else {
        return false;
    };
    let same = |a: &str| a.trim().to_lowercase() == outlet.trim().to_lowercase();
    facts.fact(id).ignore.iter().any(|name| {
        same(name)
            || facts.entity_by_key(name.trim()).is_some_and(|e| {
                let e = facts.entity(e);
                same(&e.name) || e.aliases.iter().any(|a| same(a))
            })
    })
}

/// Drops suppressed findings. `articles` are indexed by `ArticleId`.
pub fn apply(findings: Vec<Finding>, articles: &[Article], facts: Option<&FactFile>) -> Applied {
    // used[article][suppression]
    let mut used: Vec<Vec<bool>> = articles
        .iter()
        .map(|a| vec![false; a.suppressions.len()])
        .collect();
    let mut applied = Applied::default();
    for f in findings {
        let Some(article) = articles.get(f.article.0 as usize) else {
            applied.kept.push(f);
            continue;
        };
        let fact_id = f.fact.zip(facts).map(|(id, fs)| fs.fact(id).id.as_str());
        let mut silenced = false;
        for (i, s) in article.suppressions.iter().enumerate() {
            let targeted = s
                .targets
                .iter()
                .any(|t| t == f.kind.as_str() || Some(t.as_str()) == fact_id);
            if targeted && s.covers.contains(f.span) {
                used[f.article.0 as usize][i] = true;
                silenced = true;
            }
        }
        if silenced || ignored_by_fact(&f, article, facts) {
            applied.suppressed += 1;
        } else {
            applied.kept.push(f);
        }
    }
    for (article, flags) in articles.iter().zip(&used) {
        for (s, _) in article.suppressions.iter().zip(flags).filter(|(_, u)| !**u) {
            let mut d = Diagnostic::new(
                Severity::Info,
                format!(
                    "unused suppression `ignore[{}]`: no such finding in the text it covers",
                    s.targets.join(", ")
                ),
            );
            d.location = Some((article.id, s.span));
            applied.unused.push(d);
        }
    }
    applied
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
            presolved: None,
        };
        let d = &data.resolve_diagnostics()[0];
        assert_eq!(
            (d.file.as_deref(), d.line, d.column),
            (Some("news/a.md"), Some(1), Some(7))
        );
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
