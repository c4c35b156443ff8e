//! `factdiff check`: articles against a fact file.

mod finish;
mod stream;

use super::EXIT_INPUT;
use crate::align::cross::Frame;
use crate::article::{Article, ArticleId};
use crate::claims::Sentence;
use crate::cli::CheckArgs;
use crate::config::{self, Settings};
use crate::extract::entities::EntityMatcher;
use crate::facts::FactFile;
use crate::finding::Finding;
use crate::load::{self, LoadOptions};
use crate::report::{Diagnostic, Hidden, ReportData, Resolved, gate, place_in};
use crate::span::LineIndex;
use crate::{align, checks, extract};
use finish::Finisher;
use rayon::prelude::*;

pub fn run(args: &CheckArgs) -> u8 {
    run_with(args, Some(stream::batch_size()))
}

/// [`run`], with `--no-cross` reporting as it goes with at most `stream` files in flight, or
/// holding every finding until the end when `None` (the path every other run takes; tests
/// compare the two).
fn run_with(args: &CheckArgs, stream: Option<usize>) -> u8 {
    // Flags, then .factdiff.yml, then defaults (fills paths, facts and threshold).
    let (args, settings) = match config::settle(args) {
        Ok(merged) => merged,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INPUT;
        }
    };
    let args = &args;
    if args.no_cross && args.facts.is_none() {
        eprintln!(
            "error: --no-cross compares articles with a fact file only, and none is given (--facts, or `facts:` in the config file)"
        );
        return EXIT_INPUT;
    }
    let mut diagnostics = Vec::new();
    let default_published = args.published;
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
    let cfg = align::AlignConfig {
        threshold: args.threshold,
        ..align::AlignConfig::default()
    };
    if let (true, Some(facts), Some(batch)) = (args.no_cross, &facts, stream) {
        // Nothing between articles: the report is written as batches of them are checked,
        // and the files are found as the batches need them.
        let run = stream::Run {
            args,
            settings: &settings,
            opts: &opts,
            facts,
            cfg,
        };
        return run.report(load::walk_articles(&args.paths), batch);
    }
    let (files, errors) = load::find_articles(&args.paths);
    let input_failed = !errors.is_empty();
    diagnostics.extend(errors.iter().map(Diagnostic::from_error));
    let checked = check_files(
        &files,
        &opts,
        facts.as_ref(),
        cfg,
        &settings,
        !args.no_cross,
    );
    diagnostics.extend(checked.diagnostics);
    finish(
        args,
        &settings,
        &checked.articles,
        facts.as_ref(),
        Found {
            findings: checked.findings,
            resolved: Some(checked.resolved),
        },
        diagnostics,
        input_failed || checked.input_failed,
    )
}

/// mimalloc's `mi_option_purge_delay` (`include/mimalloc.h` of the mimalloc that
/// libmimalloc-sys builds, v2 and v3 alike; the crate names options only up to 21).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes mimalloc give pages it no longer uses back to the system at once, not 10 ms later.
/// Called once every article is read, when the articles are compared with each other: the
/// pairing's worker threads free large buffers that otherwise stay counted in the peak (on
/// 100k generated articles with 1k facts, 1,307 → 1,106 MB peak RSS in the same wall time).
/// Reading the articles keeps the delay: purging at once there cost 17 s of system time on
/// those 100k articles, for pages the next batch reuses anyway. Harmless when mimalloc is not
/// the allocator (the library's tests): it sets an option of an allocator that is not used.
fn return_freed_memory_at_once() {
    // SAFETY: sets one integer option; mimalloc reads its options atomically.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
}

/// What the check command keeps of a run once every article is checked.
struct Checked {
    /// Indexed by `ArticleId`. Articles without suppression comments are kept as stubs
    /// (path, metadata; no text), so memory does not grow with the size of the articles.
    articles: Vec<Article>,
    /// Sorted by (article, offset, kind), each with its resolved record beside it.
    findings: Vec<Finding>,
    resolved: Vec<Resolved>,
    diagnostics: Vec<Diagnostic>,
    input_failed: bool,
}

/// One file's share of the work, done on a worker thread.
struct FileWork {
    article: Option<Article>,
    diagnostics: Vec<Diagnostic>,
    input_failed: bool,
    /// The fact file's findings on the article, with severity overrides applied, resolved
    /// while the article's text was at hand.
    findings: Vec<Finding>,
    resolved: Vec<Resolved>,
    frames: Vec<Frame>,
    /// A hash of the article's text, to tell whether it is unchanged when it is read again
    /// (only for the comparison between articles).
    text_hash: u64,
}

/// What checking one file needs, built once per run and shared by the worker threads.
struct Checker<'a> {
    opts: &'a LoadOptions,
    facts: Option<&'a FactFile>,
    matcher: EntityMatcher,
    aligner: Option<align::Aligner>,
    /// The fact file's line index, to resolve findings one article at a time.
    fact_index: Option<LineIndex>,
    settings: &'a Settings,
    /// Whether the articles are compared with each other (their frames are kept).
    cross: bool,
}

impl<'a> Checker<'a> {
    fn new(
        opts: &'a LoadOptions,
        facts: Option<&'a FactFile>,
        cfg: align::AlignConfig,
        settings: &'a Settings,
        cross: bool,
    ) -> Self {
        let matcher = EntityMatcher::new(facts);
        let aligner = facts.map(|f| align::Aligner::new(f, &matcher, cfg));
        Self {
            opts,
            facts,
            matcher,
            aligner,
            fact_index: facts.map(|f| LineIndex::new(&f.source)),
            settings,
            cross,
        }
    }

    /// Reads the file, checks it against the fact file, applies the severity
    /// overrides and resolves the findings while the text is at hand; keeps its frames when
    /// articles are compared with each other.
    fn file(&self, path: &std::path::Path, display: &str, id: ArticleId) -> FileWork {
        let mut w = FileWork {
            article: None,
            diagnostics: Vec::new(),
            input_failed: false,
            findings: Vec::new(),
            resolved: Vec::new(),
            frames: Vec::new(),
            text_hash: 0,
        };
        let article = match load::read_article(path, display, id, self.opts) {
            Ok((article, warnings)) => {
                w.diagnostics
                    .extend(warnings.iter().map(Diagnostic::from_warning));
                article
            }
            Err(e) => {
                match e.as_skip_warning() {
                    Some(skip) => w.diagnostics.push(Diagnostic::from_warning(&skip)),
                    None => {
                        w.input_failed = true;
                        w.diagnostics.push(Diagnostic::from_error(&e));
                    }
                }
                return w;
            }
        };
        let one = check_one(
            &article,
            self.facts,
            &self.matcher,
            self.aligner.as_ref(),
            self.cross,
        );
        w.findings = one.findings;
        gate::override_severities(&mut w.findings, &self.settings.overrides);
        w.resolved = ReportData {
            articles: std::slice::from_ref(&article),
            facts: self.facts,
            findings: &w.findings,
            diagnostics: &[],
            hidden: Hidden::default(),
        }
        .resolve_with(self.fact_index.as_ref());
        w.frames = one.frames;
        if self.cross {
            w.text_hash = text_hash(&article.text);
        }
        w.article = Some(article);
        w
    }
}

/// Loads, extracts, aligns and checks every file on all cores, then runs the cross-source
/// checks on the frames. Each article is resolved for the report as soon as it is checked,
/// and only its compact frames are kept (not its text, unless it has suppression comments);
/// the few articles that cross-source findings point at are read again to resolve them. The
/// result does not depend on the number of threads: work is collected in discovery order and
/// ids are given in that order.
fn check_files(
    files: &[(std::path::PathBuf, String)],
    opts: &LoadOptions,
    facts: Option<&FactFile>,
    cfg: align::AlignConfig,
    settings: &Settings,
    cross: bool,
) -> Checked {
    let checker = Checker::new(opts, facts, cfg, settings, cross);
    let mut out = Checked {
        articles: Vec::new(),
        findings: Vec::new(),
        resolved: Vec::new(),
        diagnostics: Vec::new(),
        input_failed: false,
    };
    let mut frames = Vec::new();
    // Per article id: the file it came from, and its text's hash.
    let mut origin: Vec<(usize, u64)> = Vec::new();
    // In batches: what a batch keeps is copied on this thread into compact storage and the
    // workers' own copies are dropped before the next batch, so the workers reuse the same
    // memory batch after batch instead of leaving kept frames scattered among freed pages.
    let batch = stream::batch_size();
    for (b, chunk) in files.chunks(batch).enumerate() {
        let first = b * batch;
        let work: Vec<FileWork> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, (path, display))| {
                // A provisional id (the file's place); renumbered below once failures are
                // known.
                let mut w = checker.file(path, display, ArticleId((first + i) as u32));
                w.article = w.article.map(|a| {
                    if a.suppressions.is_empty() {
                        stub(a)
                    } else {
                        a
                    }
                });
                w
            })
            .collect();
        for (i, w) in work.into_iter().enumerate() {
            out.diagnostics.extend(w.diagnostics);
            out.input_failed |= w.input_failed;
            let Some(mut article) = w.article else {
                continue;
            };
            // Ids in discovery order, counting only the articles that loaded (as before
            // threads); a file's findings and frames are all of its own article.
            let id = ArticleId(out.articles.len() as u32);
            origin.push((first + i, w.text_hash));
            article.id = id;
            for mut f in w.findings {
                f.article = id;
                out.findings.push(f);
            }
            out.resolved.extend(w.resolved);
            frames.extend(w.frames.iter().map(|f| Frame {
                article: id,
                ..f.clone()
            }));
            out.articles.push(article);
        }
    }

    if cross {
        return_freed_memory_at_once();
    }
    let mut cross = cross_findings(&out.articles, &frames);
    drop(frames);
    gate::override_severities(&mut cross, &settings.overrides);
    let reread = |id: ArticleId| -> Option<Article> {
        let (file, hash) = *origin.get(id.0 as usize)?;
        let kept = &out.articles[id.0 as usize];
        if !kept.text.is_empty() {
            return Some(kept.clone());
        }
        let (path, display) = &files[file];
        let (article, _) = load::read_article(path, display, id, opts).ok()?;
        (text_hash(&article.text) == hash).then_some(article)
    };
    let (cross, cross_resolved, changed) = resolve_cross(cross, &out.articles, &reread);
    for id in changed {
        out.diagnostics.push(Diagnostic::new(
            crate::finding::Severity::Warning,
            format!(
                "{}: changed or unreadable while being checked; its findings against other articles are left out",
                out.articles[id.0 as usize].path
            ),
        ));
    }
    let mut both: Vec<(Finding, Resolved)> = out
        .findings
        .into_iter()
        .zip(out.resolved)
        .chain(cross.into_iter().zip(cross_resolved))
        .collect();
    both.sort_by_key(|(f, _)| (f.article, f.span.start, f.kind));
    (out.findings, out.resolved) = both.into_iter().unzip();
    out
}

/// FNV-1a over the text: enough to notice an article that changed between two reads.
fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Resolves findings between articles by reading again the articles they point at, each
/// once, one at a time (so memory holds one article's text, not all of them). Findings whose
/// articles cannot be read again unchanged are left out; their ids are returned.
fn resolve_cross(
    mut cross: Vec<Finding>,
    stubs: &[Article],
    reread: &(dyn Fn(ArticleId) -> Option<Article> + Sync),
) -> (Vec<Finding>, Vec<Resolved>, Vec<ArticleId>) {
    use crate::finding::Related;
    use crate::report::Place;
    cross.sort_by_key(|f| (f.article, f.span.start, f.kind));
    // (article, finding, None for its own words or Some(k) for its k-th related location)
    let mut wants: Vec<(ArticleId, usize, Option<usize>)> = Vec::new();
    for (i, f) in cross.iter().enumerate() {
        wants.push((f.article, i, None));
        for (k, r) in f.related.iter().enumerate() {
            if let Related::Article { article, .. } = r {
                wants.push((*article, i, Some(k)));
            }
        }
    }
    wants.sort_unstable();
    let groups: Vec<&[(ArticleId, usize, Option<usize>)]> =
        wants.chunk_by(|x, y| x.0 == y.0).collect();
    // Each article's places: its own findings' (place, sentence) and related places.
    type Found = (Option<(Place, String)>, Vec<(usize, Option<usize>, Place)>);
    let resolved: Vec<(ArticleId, Option<Found>)> = groups
        .par_iter()
        .map(|group| {
            let id = group[0].0;
            let Some(article) = reread(id) else {
                return (id, None);
            };
            let idx = LineIndex::new(&article.source);
            let mut places = Vec::with_capacity(group.len());
            for &(_, i, slot) in group.iter() {
                let f = &cross[i];
                let place = match slot.and_then(|k| f.related.get(k)) {
                    Some(Related::Article {
                        span,
                        sentence,
                        found,
                        ..
                    }) => place_in(&article, &idx, *span, *sentence, found),
                    _ => {
                        let mut p = place_in(&article, &idx, f.span, f.sentence, &f.found);
                        let s = article
                            .text
                            .get(f.sentence.start..f.sentence.end)
                            .unwrap_or_default();
                        let other = f
                            .related
                            .iter()
                            .find_map(|r| match r {
                                Related::Article { article, .. } => {
                                    stubs.get(article.0 as usize).map(|a| {
                                        format!(
                                            "article:{}",
                                            crate::report::paths::project().relative(&a.path)
                                        )
                                    })
                                }
                                Related::Fact { .. } => None,
                            })
                            .unwrap_or_default();
                        // The finding's sentence and fingerprint ride in `context`/`found`.
                        p.context = crate::report::squash(s);
                        p.found = crate::baseline::fingerprint_parts(f, &other, s);
                        p
                    }
                };
                places.push((i, slot, place));
            }
            (id, Some((None, places)))
        })
        .collect();
    let mut failed = Vec::new();
    let mut own: Vec<Option<Place>> = vec![None; cross.len()];
    let mut related: Vec<Vec<Option<Place>>> =
        cross.iter().map(|f| vec![None; f.related.len()]).collect();
    for (id, found) in resolved {
        let Some((_, places)) = found else {
            failed.push(id);
            continue;
        };
        for (i, slot, place) in places {
            match slot {
                None => own[i] = Some(place),
                Some(k) => related[i][k] = Some(place),
            }
        }
    }
    let mut kept = Vec::with_capacity(cross.len());
    let mut records = Vec::with_capacity(cross.len());
    for ((f, here), rel) in cross.into_iter().zip(own).zip(related) {
        let (Some(here), Some(rel)) = (here, rel.into_iter().collect::<Option<Vec<Place>>>())
        else {
            continue;
        };
        records.push(Resolved {
            kind: f.kind.as_str(),
            severity: f.severity,
            confidence: (f.confidence * 100.0).round() / 100.0,
            fact: None,
            file: here.file.clone(),
            line: here.line,
            column: here.column,
            end_line: here.end_line,
            end_column: here.end_column,
            found: f.found.clone(),
            expected: f.expected.clone(),
            message: f.message.clone(),
            sentence: here.context.clone(),
            fingerprint: here.found.clone(),
            related: rel,
            notes: f.notes.clone(),
            excerpt: here.excerpt,
            byte_columns: here.byte_columns,
        });
        kept.push(f);
    }
    failed.sort_unstable();
    (kept, records, failed)
}

/// An article without its text: what the report and suppressions need once its findings are
/// resolved.
fn stub(article: Article) -> Article {
    Article {
        source: String::new(),
        text: String::new(),
        map: crate::article::OffsetMap::default(),
        ..article
    }
}

/// The findings of a run, sorted, and their resolved records when the caller has them.
struct Found {
    findings: Vec<Finding>,
    resolved: Option<Vec<Resolved>>,
}

impl From<Vec<Finding>> for Found {
    fn from(findings: Vec<Finding>) -> Self {
        Self {
            findings,
            resolved: None,
        }
    }
}

/// Everything after the checks of a run that holds all its findings: severity overrides,
/// then the [`Finisher`] (suppressions, baselines, gating, output) in one batch.
fn finish(
    args: &CheckArgs,
    settings: &Settings,
    articles: &[Article],
    facts: Option<&FactFile>,
    found: Found,
    diagnostics: Vec<Diagnostic>,
    input_failed: bool,
) -> u8 {
    let Found {
        mut findings,
        resolved,
    } = found;
    gate::override_severities(&mut findings, &settings.overrides);
    let resolved = resolved.unwrap_or_else(|| {
        ReportData {
            articles,
            facts,
            findings: &findings,
            diagnostics: &[],
            hidden: Hidden::default(),
        }
        .resolve()
    });
    let mut finisher = match Finisher::start(args, settings, facts) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let found = findings.into_iter().zip(resolved).collect();
    if let Err(code) = finisher.batch(articles, found, diagnostics) {
        return code;
    }
    finisher.end(input_failed)
}

/// Runs extract, align and the checks over every article: against the fact file when there
/// is one, and against each other on what the fact file does not cover. Articles are
/// checked in parallel; the findings come back in the same order whatever the thread count.
pub fn check_articles(
    articles: &[Article],
    facts: Option<&FactFile>,
    cfg: align::AlignConfig,
) -> Vec<Finding> {
    let matcher = EntityMatcher::new(facts);
    let aligner = facts.map(|f| align::Aligner::new(f, &matcher, cfg));
    let work: Vec<ArticleWork> = articles
        .par_iter()
        .map(|article| check_one(article, facts, &matcher, aligner.as_ref(), true))
        .collect();
    let mut findings = Vec::new();
    let mut frames = Vec::new();
    for w in work {
        findings.extend(w.findings);
        frames.extend(w.frames);
    }
    findings.extend(cross_findings(articles, &frames));
    findings
}

/// The fact file's findings on one article, and its cross-source frames.
struct ArticleWork {
    findings: Vec<Finding>,
    frames: Vec<Frame>,
}

/// Extract, align and the fact checks for one article, and its frames for the cross-source
/// checks (claims the fact file covers are left to it).
fn check_one(
    article: &Article,
    facts: Option<&FactFile>,
    matcher: &EntityMatcher,
    aligner: Option<&align::Aligner>,
    cross: bool,
) -> ArticleWork {
    let with_facts = facts.zip(aligner);
    let words = match aligner {
        Some(aligner) if !cross && aligner.needs_names() => {
            extract::named_words(article, matcher, |here, before| {
                aligner.may_align(here, before)
            })
        }
        _ => extract::words(article, matcher, cross),
    };
    let aligned = with_facts.map_or_else(Vec::new, |(_, aligner)| aligner.align(words.claims()));
    let wanted = |si| match facts {
        // The comparison between articles reads every sentence whole.
        _ if cross => extract::Reading::All,
        Some(facts) => reading(facts, &aligned, si),
        None => extract::Reading::Words,
    };
    // Against the fact file alone, a sentence's dates are read only if a check asks.
    let (claims, unread_dates) = if cross {
        (words.finish(wanted), None)
    } else {
        let claims = words.finish_undated(wanted);
        let unread = checks::UnreadDates::new(&claims);
        (claims, Some(unread))
    };
    let findings = with_facts.map_or_else(Vec::new, |(facts, aligner)| {
        checks::run(&checks::Context {
            article,
            claims: &claims,
            facts,
            aligner,
            aligned: &aligned,
            unread_dates: unread_dates.as_ref(),
        })
    });
    let frames = if cross {
        article_frames(article, &claims, with_facts, &aligned)
    } else {
        Vec::new()
    };
    ArticleWork { findings, frames }
}

/// What the fact checks read of sentence `si`: nothing past its words unless it aligns with a
/// fact, and its numbers only when one of those facts has a value (only `value-mismatch`
/// reads numbers, and only for such facts).
fn reading(facts: &FactFile, aligned: &[align::Alignment], si: usize) -> extract::Reading {
    let here = align::of_sentence(aligned, si);
    if here.iter().any(|a| facts.fact(a.fact).value.is_some()) {
        extract::Reading::All
    } else if here.is_empty() {
        extract::Reading::Words
    } else {
        extract::Reading::NoNumbers
    }
}

/// The article's frames for the cross-source checks, without the claims that the facts its
/// sentences align with already cover ([`align::cross::covered_by_facts`]).
pub(crate) fn article_frames(
    article: &Article,
    claims: &crate::claims::ArticleClaims,
    facts: Option<(&FactFile, &align::Aligner)>,
    aligned: &[align::Alignment],
) -> Vec<Frame> {
    // The facts each sentence aligns with, by sentence index (a list searched per sentence
    // was quadratic on huge articles).
    let mut by_sentence: Vec<Vec<crate::facts::FactId>> = vec![Vec::new(); claims.sentences.len()];
    for a in aligned {
        if let Some(ids) = by_sentence.get_mut(a.sentence) {
            ids.push(a.fact);
        }
    }
    let event_date = |s: &Sentence| checks::event_date(&article.text, s);
    align::cross::frames(article, claims, &event_date, &|si, claim| match (
        facts,
        by_sentence.get(si),
        claims.sentences.get(si),
    ) {
        (Some((facts, aligner)), Some(ids), Some(s)) if !ids.is_empty() => {
            align::cross::covered_by_facts(claim, s, facts, &aligner.profiles, ids)
        }
        _ => false,
    })
}

/// Pairs the frames that share a key and runs the cross-source checks on them.
fn cross_findings(articles: &[Article], frames: &[Frame]) -> Vec<Finding> {
    let pairs = align::cross::pairs(frames);
    checks::run_cross(&checks::CrossContext::new(articles, &pairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::Baseline;
    use crate::cli::{Cli, Command, FailOn, Format};
    use crate::commands::{EXIT_CLEAN, EXIT_FINDINGS};
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
            testdata::findings().into(),
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
            testdata::findings().into(),
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
            findings.into(),
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
                findings.into(),
                vec![],
                input_failed,
            )
        };
        assert_eq!(run(FailOn::Error, warnings.clone(), false), EXIT_CLEAN);
        assert_eq!(run(FailOn::Warning, warnings.clone(), false), EXIT_FINDINGS);
        assert_eq!(run(FailOn::Never, testdata::findings(), false), EXIT_CLEAN);
        assert_eq!(run(FailOn::Never, vec![], true), EXIT_INPUT);
    }

    /// Against the fact file alone, numbers, dates and stances are read only in aligned
    /// sentences, and numbers only where a fact with a value aligns: the findings must be
    /// those of reading every sentence, and the aligned sentences' claims the same (but for
    /// numbers left unread), on every article of the example and the development corpora.
    /// The check reads dates only when a check asks ([`checks::UnreadDates`]): each
    /// sentence's, read alone, must be the ones read with the others.
    #[test]
    fn claims_read_only_where_aligned_change_nothing() {
        let (mut articles, mut findings, mut unread, mut dated) = (0, 0, 0, 0);
        let (mut left, mut total) = (0, 0);
        for (facts, read) in load::corpora() {
            let matcher = EntityMatcher::new(Some(&facts));
            let aligner = align::Aligner::new(&facts, &matcher, align::AlignConfig::default());
            for article in &read {
                let display = &article.path;
                let lazy = check_one(article, Some(&facts), &matcher, Some(&aligner), false);
                let full = extract::extract(article, &matcher);
                let aligned = aligner.align(&full);
                // Left without their words, the sentences that cannot align change no
                // alignment.
                if aligner.needs_names() {
                    let named = extract::named_words(article, &matcher, |here, before| {
                        aligner.may_align(here, before)
                    });
                    assert_eq!(aligner.align(named.claims()), aligned, "{display}");
                    let sentences = named.claims().sentences.iter().zip(&full.sentences);
                    for (si, (n, f)) in sentences.enumerate() {
                        total += 1;
                        if n.tokens.is_empty() && !f.tokens.is_empty() {
                            left += 1;
                            assert!(aligned.iter().all(|a| a.sentence != si), "{display}");
                        }
                    }
                }
                let eager = checks::run(&checks::Context {
                    article,
                    claims: &full,
                    facts: &facts,
                    aligner: &aligner,
                    aligned: &aligned,
                    unread_dates: None,
                });
                assert_eq!(lazy.findings, eager, "{display}");
                // Names the fact file does not know, found when a sentence is read, are the
                // ones found with its entities.
                let later =
                    extract::words(article, &matcher, false).finish(|_| extract::Reading::All);
                assert_eq!(later, full, "{display}");
                let words = extract::words(article, &matcher, false);
                let part = words.finish(|si| reading(&facts, &aligned, si));
                for a in &aligned {
                    let mut want = full.sentences[a.sentence].clone();
                    match reading(&facts, &aligned, a.sentence) {
                        extract::Reading::All => {}
                        extract::Reading::NoNumbers => {
                            unread += usize::from(!want.quantities.is_empty());
                            want.quantities.clear();
                        }
                        extract::Reading::Words => unreachable!("an aligned sentence is read"),
                    }
                    assert_eq!(part.sentences[a.sentence], want);
                }
                // Read without their dates, the sentences' dates read one at a time are the
                // ones read with the rest.
                let undated = extract::words(article, &matcher, false)
                    .finish_undated(|si| reading(&facts, &aligned, si));
                for a in &aligned {
                    let (s, want) = (&undated.sentences[a.sentence], &full.sentences[a.sentence]);
                    assert!(s.dates.is_empty(), "{display}");
                    assert_eq!(extract::dates_of(article, s), want.dates, "{display}");
                    dated += usize::from(!want.dates.is_empty());
                }
                articles += 1;
                findings += eager.len();
            }
        }
        assert!(articles > 80, "{articles} articles read");
        assert!(findings > 20, "{findings} findings compared");
        // Aligned sentences with numbers that were left unread: the test must reach them.
        assert!(
            unread > 10,
            "{unread} aligned sentences' numbers left unread"
        );
        assert!(
            dated > 50,
            "{dated} aligned sentences' dates read one at a time"
        );
        assert!(
            left > 250,
            "{left} of {total} sentences left without their words"
        );
    }
}
