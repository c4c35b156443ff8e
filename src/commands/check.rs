//! `factdiff check`: articles against a fact file.

use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT};
use crate::article::{Article, ArticleId};
use crate::baseline::Baseline;
use crate::cli::CheckArgs;
use crate::config::{self, Settings};
use crate::extract::entities::EntityMatcher;
use crate::facts::FactFile;
use crate::finding::Finding;
use crate::load::{self, LoadOptions};
use crate::report::{self, Diagnostic, Hidden, ReportData, gate};
use crate::{align, checks, extract, suppress};

pub fn run(args: &CheckArgs) -> u8 {
    // Flags, then .factdiff.yml, then defaults (fills paths, facts and threshold).
    let (args, settings) = match config::settle(args) {
        Ok(merged) => merged,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INPUT;
        }
    };
    let args = &args;
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
            Ok(f) => {
                // A fact file whose own self-tests fail would make every verdict suspect.
                let failures = crate::lint::self_tests::run(&f);
                if !failures.is_empty() {
                    for t in &failures {
                        let lc = crate::span::LineIndex::new(&f.source)
                            .line_col(&f.source, t.span.start);
                        let id = &f.fact(t.fact).id;
                        eprintln!(
                            "error: {}:{}:{}: {}",
                            f.path,
                            lc.line,
                            lc.column,
                            t.message(id)
                        );
                    }
                    eprintln!("error: the fact file's self-tests fail; run `factdiff lint` on it");
                    return EXIT_INPUT;
                }
                Some(f)
            }
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
    let mut findings = check_articles(&articles, facts.as_ref(), cfg);
    findings.sort_by_key(|f| (f.article, f.span.start, f.kind));

    finish(
        args,
        &settings,
        &articles,
        facts.as_ref(),
        findings,
        diagnostics,
        input_failed,
    )
}

/// Everything after the checks: severity overrides, suppressions, baselines, gating, output.
fn finish(
    args: &CheckArgs,
    settings: &Settings,
    articles: &[Article],
    facts: Option<&FactFile>,
    mut findings: Vec<Finding>,
    mut diagnostics: Vec<Diagnostic>,
    input_failed: bool,
) -> u8 {
    gate::override_severities(&mut findings, &settings.overrides);
    let applied = suppress::apply(findings, articles, facts);
    let mut findings = applied.kept;
    diagnostics.extend(applied.unused);
    let mut hidden = Hidden {
        suppressed: applied.suppressed,
        ..Hidden::default()
    };

    let resolved = |findings: &[Finding]| {
        ReportData {
            articles,
            facts,
            findings,
            diagnostics: &[],
            hidden,
        }
        .resolve()
    };
    if let Some(path) = &args.write_baseline {
        let text = Baseline::from_resolved(&resolved(&findings)).to_json();
        if let Err(e) = report::write_atomic(path, text.as_bytes()) {
            eprintln!("error: {}: cannot write the baseline: {e}", path.display());
            return EXIT_INPUT;
        }
    }
    if let Some(path) = &args.baseline {
        let baseline = match Baseline::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_INPUT;
            }
        };
        let keys: Vec<(String, String)> = resolved(&findings)
            .into_iter()
            .map(|r| (r.file, r.fingerprint))
            .collect();
        let known = baseline.known(&keys);
        let mut known = known.into_iter();
        findings.retain(|_| !known.next().unwrap_or(false));
        hidden.baselined = keys.len() - findings.len();
    }

    // --fail-on looks at every finding left; --min-severity only at what is shown.
    let failed = gate::fails(&findings, settings.fail_on);
    hidden.below_min = gate::keep_at_least(&mut findings, settings.min_severity);
    diagnostics.retain(|d| d.severity >= settings.min_severity);

    let data = ReportData {
        articles,
        facts,
        findings: &findings,
        diagnostics: &diagnostics,
        hidden,
    };
    let color = report::use_color(args.color, args.output.is_some());
    if let Err(e) = report::render(settings.format, &data, color, args.output.as_deref()) {
        eprintln!("error: cannot write the report: {e}");
        return EXIT_INPUT;
    }
    if input_failed {
        EXIT_INPUT
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Runs extract, align and the checks over every article: against the fact file when there
/// is one, and against each other on what the fact file does not cover.
pub fn check_articles(
    articles: &[Article],
    facts: Option<&FactFile>,
    cfg: align::AlignConfig,
) -> Vec<Finding> {
    let matcher = EntityMatcher::new(facts);
    let aligner = facts.map(|f| align::Aligner::new(f, &matcher, cfg));
    let mut findings = Vec::new();
    let mut all_claims = Vec::with_capacity(articles.len());
    let mut frames = Vec::new();
    for article in articles {
        let claims = extract::extract(article, &matcher);
        let mut covered = Vec::new();
        if let (Some(facts), Some(aligner)) = (facts, &aligner) {
            let aligned = aligner.align(&claims, facts);
            covered = aligned.iter().map(|a| a.sentence).collect();
            let ctx = checks::Context {
                article,
                claims: &claims,
                facts,
                aligner,
                aligned: &aligned,
            };
            findings.extend(checks::run(&ctx));
        }
        let event_date = |s: &crate::claims::Sentence| {
            let dates: Vec<_> = s
                .dates
                .iter()
                .filter(|d| !checks::is_report_date(&article.text, s, d.span, &[]))
                .filter_map(|d| d.range)
                .collect();
            match dates.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        };
        frames.extend(align::cross::frames(article, &claims, &event_date, &|si| {
            covered.contains(&si)
        }));
        all_claims.push(claims);
    }
    let pairs = align::cross::pairs(&frames, articles);
    findings.extend(checks::run_cross(&checks::CrossContext {
        articles,
        claims: &all_claims,
        pairs: &pairs,
    }));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command, FailOn, Format};
    use crate::report::testdata;
    use clap::Parser;

    fn args(extra: &[&str]) -> CheckArgs {
        let mut argv = vec!["factdiff", "check", "--no-config", "x.md"];
        argv.extend(extra);
        match Cli::parse_from(argv).command {
            Command::Check(a) => a,
            other => panic!("parsed a check command line as {other:?}"),
        }
    }

    fn settings(fail_on: FailOn) -> Settings {
        Settings {
            format: Format::Json,
            fail_on,
            min_severity: crate::finding::Severity::Info,
            overrides: Default::default(),
            config: None,
        }
    }

    #[test]
    fn baseline_round_trip_through_the_command() {
        let dir = tempfile::tempdir().expect("temp dir");
        let base = dir.path().join("baseline.json");
        let out = dir.path().join("report.json");
        let (articles, facts) = (testdata::articles(), testdata::fact_file());
        let b = base.to_str().expect("utf-8 path");
        let o = out.to_str().expect("utf-8 path");

        let a = args(&["--write-baseline", b, "-o", o]);
        let code = finish(
            &a,
            &settings(FailOn::Error),
            &articles,
            Some(&facts),
            testdata::findings(),
            vec![],
            false,
        );
        assert_eq!(code, EXIT_FINDINGS);
        let written = Baseline::read(&base).expect("baseline written");
        assert_eq!(written.findings.len(), 3);

        // With the baseline nothing is new: exit 0, and the summary says 3 were hidden.
        let a = args(&["--baseline", b, "-o", o]);
        let code = finish(
            &a,
            &settings(FailOn::Error),
            &articles,
            Some(&facts),
            testdata::findings(),
            vec![],
            false,
        );
        assert_eq!(code, EXIT_CLEAN);
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).expect("report written"))
                .expect("JSON");
        assert_eq!(doc["findings"].as_array().map(Vec::len), Some(0));
        assert_eq!(doc["summary"]["baselined"], 3);

        // A new finding shows up and fails.
        let mut findings = testdata::findings();
        findings[0].found = "151 drones".into();
        let code = finish(
            &a,
            &settings(FailOn::Error),
            &articles,
            Some(&facts),
            findings,
            vec![],
            false,
        );
        assert_eq!(code, EXIT_FINDINGS);
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).expect("report written"))
                .expect("JSON");
        assert_eq!(doc["findings"].as_array().map(Vec::len), Some(1));
        assert_eq!(doc["summary"]["baselined"], 2);
        // No temporary files are left beside the outputs.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
    }

    #[test]
    fn gating_and_input_errors_decide_the_exit_status() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("r.json");
        let a = args(&["-o", out.to_str().expect("utf-8 path")]);
        let (articles, facts) = (testdata::articles(), testdata::fact_file());
        let warnings: Vec<Finding> = testdata::findings()
            .into_iter()
            .filter(|f| f.severity == crate::finding::Severity::Warning)
            .collect();
        let run = |fail_on, findings: Vec<Finding>, input_failed| {
            finish(
                &a,
                &settings(fail_on),
                &articles,
                Some(&facts),
                findings,
                vec![],
                input_failed,
            )
        };
        assert_eq!(run(FailOn::Error, warnings.clone(), false), EXIT_CLEAN);
        assert_eq!(run(FailOn::Warning, warnings.clone(), false), EXIT_FINDINGS);
        assert_eq!(run(FailOn::Never, testdata::findings(), false), EXIT_CLEAN);
        assert_eq!(run(FailOn::Never, vec![], true), EXIT_INPUT);
    }
}
