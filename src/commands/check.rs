//! `factdiff check`: articles against a fact file.

use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT};
use crate::article::{Article, ArticleId};
use crate::cli::CheckArgs;
use crate::extract::entities::EntityMatcher;
use crate::facts::FactFile;
use crate::finding::{Finding, Severity};
use crate::load::{self, LoadOptions};
use crate::report::{self, Diagnostic, ReportData};
use crate::{align, checks, extract};

pub fn run(args: &CheckArgs) -> u8 {
    let mut diagnostics = Vec::new();
    let default_published = match args
        .published
        .as_deref()
        .map(str::parse::<jiff::civil::Date>)
    {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            eprintln!("error: --published: expected a date like 2024-11-10: {e}");
            return EXIT_INPUT;
        }
    };
    let facts = match &args.facts {
        None => None,
        Some(path) => match load::read_fact_file(path, &path.display().to_string()) {
            Ok(f) => Some(f),
            Err(errors) => {
                for e in errors {
                    eprintln!("error: {e}");
                }
                return EXIT_INPUT;
            }
        },
    };

    let opts = LoadOptions {
        default_published,
        max_file_bytes: args.max_file_size,
    };
    let (files, errors) = load::find_articles(&args.paths);
    let mut input_failed = !errors.is_empty();
    diagnostics.extend(errors.iter().map(Diagnostic::from_error));
    let mut articles: Vec<Article> = Vec::new();
    for (path, display) in &files {
        let id = ArticleId(articles.len() as u32);
        match load::read_article(path, display, id, &opts) {
            Ok((article, warnings)) => {
                diagnostics.extend(warnings.iter().map(Diagnostic::from_warning));
                articles.push(article);
            }
            Err(e) => match e.as_skip_warning() {
                Some(w) => diagnostics.push(Diagnostic::from_warning(&w)),
                None => {
                    input_failed = true;
                    diagnostics.push(Diagnostic::from_error(&e));
                }
            },
        }
    }

    let cfg = align::AlignConfig {
        threshold: args.threshold,
        ..align::AlignConfig::default()
    };
    let mut findings: Vec<Finding> = Vec::new();
    if let Some(facts) = &facts {
        findings = check_articles(&articles, facts, cfg);
    }
    findings.sort_by_key(|f| (f.article, f.span.start, f.kind));

    let data = ReportData {
        articles: &articles,
        facts: facts.as_ref(),
        findings: &findings,
        diagnostics: &diagnostics,
    };
    let color = report::use_color(args.color);
    if let Err(e) = report::render(args.format, &data, color) {
        eprintln!("error: cannot write the report: {e}");
        return EXIT_INPUT;
    }
    if input_failed {
        EXIT_INPUT
    } else if findings.iter().any(|f| f.severity == Severity::Error) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Runs extract, align and the checks over every article against the fact file.
pub fn check_articles(
    articles: &[Article],
    facts: &FactFile,
    cfg: align::AlignConfig,
) -> Vec<Finding> {
    let matcher = EntityMatcher::new(Some(facts));
    let aligner = align::Aligner::new(facts, &matcher, cfg);
    let mut findings = Vec::new();
    for article in articles {
        let claims = extract::extract(article, &matcher);
        let aligned = aligner.align(&claims, facts);
        let ctx = checks::Context {
            article,
            claims: &claims,
            facts,
            aligner: &aligner,
            aligned: &aligned,
        };
        findings.extend(checks::run(&ctx));
    }
    findings
}
