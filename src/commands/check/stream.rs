//! `check --no-cross`: articles checked as they are found, a bounded number in flight, and
//! reported in the order they were found, so memory does not grow with the number of
//! articles.
//!
//! Without the comparison between articles every finding belongs to one article, and the
//! report's order (article in discovery order, then offset, then kind) is the order the
//! articles are found in. Each article is read and checked on a worker exactly as the whole
//! run does otherwise ([`Checker::file`]); the thread that finds the files hands each run of
//! finished articles that has no unfinished one before it to the [`Finisher`], in order, and
//! drops them, while the workers go on.

use super::finish::Finisher;
use super::{Checker, FileWork};
use crate::align;
use crate::article::ArticleId;
use crate::cli::CheckArgs;
use crate::config::Settings;
use crate::facts::FactFile;
use crate::load::{LoadError, LoadOptions};
use crate::report::Diagnostic;
use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::mpsc;

/// Files in flight per thread: enough to keep every core busy past the slowest article, few
/// enough that the articles and findings waiting to be reported stay small.
const FILES_PER_THREAD: usize = 64;

/// How long the reporting thread sleeps when no job has finished.
const POLL: std::time::Duration = std::time::Duration::from_millis(1);

/// The most files one job reads.
const FILES_PER_JOB: usize = 16;

/// The number of files checked together: in flight at once with `--no-cross`, a batch of
/// the whole-run path otherwise.
pub(super) fn batch_size() -> usize {
    rayon::current_num_threads().max(1) * FILES_PER_THREAD
}

/// What a streamed run reads.
pub(super) struct Run<'a> {
    pub args: &'a CheckArgs,
    pub settings: &'a Settings,
    pub opts: &'a LoadOptions,
    pub facts: &'a FactFile,
    pub cfg: align::AlignConfig,
}

impl Run<'_> {
    /// Checks the `files` found (or the problems met finding them) against the facts, at
    /// most `in_flight` files at a time, and writes the report as it goes; returns the exit
    /// status.
    pub(super) fn report(
        &self,
        mut files: impl Iterator<Item = Result<(PathBuf, String), LoadError>>,
        in_flight: usize,
    ) -> u8 {
        let (args, settings) = (self.args, self.settings);
        let mut finisher = match Finisher::start(args, settings, Some(self.facts)) {
            Ok(f) => f,
            Err(code) => return code,
        };
        let checker = Checker::new(
            self.opts,
            Some(self.facts),
            self.cfg.clone(),
            settings,
            false,
        );
        let mut input_failed = false;
        // Ids count the articles that loaded, in discovery order, as in a run that holds
        // them all.
        let mut next = 0u32;
        let window = in_flight.max(1);
        // Files per job: a job's hand-over (spawning it, sending it back, reporting it) costs
        // the same for one file as for sixteen; a job per file, waited on, made the workers'
        // time 6% longer.
        let per_job = (window / 8).clamp(1, FILES_PER_JOB);
        let (sent, received) = mpsc::channel::<(usize, std::thread::Result<Vec<FileWork>>)>();
        // This thread finds the files and reports what the workers finish while they go on:
        // with a batch at a time, the cores waited on both between batches (a tenth of a run
        // on two cores).
        let written = rayon::in_place_scope_fifo(|scope| {
            // Jobs handed out and jobs reported, by their place in discovery order; the
            // jobs done but not yet reported wait in `done` at their place past `reported`.
            let (mut issued, mut reported) = (0usize, 0usize);
            let mut done: VecDeque<Option<Vec<FileWork>>> = VecDeque::new();
            let mut walked = false;
            loop {
                while !walked && (issued - reported) * per_job < window {
                    let mut job = Vec::with_capacity(per_job);
                    while job.len() < per_job {
                        match files.next() {
                            Some(Ok(file)) => job.push(file),
                            Some(Err(e)) => {
                                input_failed = true;
                                finisher.walk_problem(Diagnostic::from_error(&e));
                            }
                            None => {
                                walked = true;
                                break;
                            }
                        }
                    }
                    if job.is_empty() {
                        break;
                    }
                    let (checker, sent) = (&checker, sent.clone());
                    let (at, first) = (issued, issued * per_job);
                    scope.spawn_fifo(move |_| {
                        let work = std::panic::catch_unwind(AssertUnwindSafe(|| {
                            // Provisional ids, unique among the files in flight; renumbered
                            // when reported.
                            job.iter()
                                .zip(first..)
                                .map(|((path, display), id)| {
                                    checker.file(path, display, ArticleId(id as u32))
                                })
                                .collect()
                        }));
                        // The receiver outlives every job of the scope.
                        let _ = sent.send((at, work));
                    });
                    issued += 1;
                    done.push_back(None);
                }
                if issued == reported {
                    return Ok(());
                }
                // Looked for rather than waited on: a worker that finished a job would
                // otherwise wake this thread itself, and on a virtual machine a wake-up took a
                // fiftieth of the workers' time. Until one comes, this thread takes a job
                // itself when it is one of the pool's (the binary's main thread is: `main`),
                // so that it never runs beside as many workers as there are cores.
                let mut came = false;
                while !came {
                    for (at, work) in received.try_iter() {
                        // A panic in a worker is this thread's, as from a parallel loop.
                        let work = work.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                        done[at - reported] = Some(work);
                        came = true;
                    }
                    if !came && rayon::yield_now() != Some(rayon::Yield::Executed) {
                        // Every job in flight is taken, or this thread is not the pool's.
                        std::thread::sleep(POLL);
                    }
                }
                // Every work ready in discovery order from the first not yet reported.
                let mut ready = Vec::new();
                while let Some(Some(_)) = done.front() {
                    ready.extend(done.pop_front().flatten().into_iter().flatten());
                    reported += 1;
                }
                let mut articles = Vec::with_capacity(ready.len());
                let mut found = Vec::new();
                let mut diagnostics = Vec::new();
                for w in ready {
                    diagnostics.extend(w.diagnostics);
                    input_failed |= w.input_failed;
                    let Some(mut article) = w.article else {
                        continue;
                    };
                    article.id = ArticleId(next);
                    next += 1;
                    found.extend(w.findings.into_iter().zip(w.resolved).map(|(mut f, r)| {
                        f.article = article.id;
                        (f, r)
                    }));
                    articles.push(article);
                }
                // The report's order within these articles; stable, as the whole run's sort
                // is.
                found.sort_by_key(|(f, _)| (f.article, f.span.start, f.kind));
                finisher.batch(&articles, found, diagnostics)?;
            }
        });
        if let Err(code) = written {
            return code;
        }
        finisher.end(input_failed)
    }
}

#[cfg(test)]
mod tests {
    use super::super::run_with;
    use crate::cli::{Cli, Command};
    use crate::commands::EXIT_FINDINGS;
    use clap::Parser;

    /// A folder for comparing the two ways of reporting: the example's articles three times
    /// over (several jobs), one with a used, a half-used and an unused suppression comment, a fact
    /// `ignore` entry that silences nothing, and hostile files that load with warnings or are
    /// skipped.
    fn mixed_corpus() -> tempfile::TempDir {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let dir = tempfile::tempdir().expect("temp dir");
        let copy = |from: &std::path::Path, to: &std::path::Path| {
            std::fs::create_dir_all(to).expect("mkdir");
            for entry in std::fs::read_dir(from).expect("fixture dir") {
                let path = entry.expect("entry").path();
                std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
            }
        };
        for sub in ["a", "b", "c"] {
            copy(&root.join("example/articles"), &dir.path().join(sub));
        }
        copy(&root.join("hostile/articles"), &dir.path().join("d"));
        let brief = dir.path().join("b/daily-brief.md");
        let text = std::fs::read_to_string(&brief).expect("brief");
        let text = text
            .replacen(
                "Russia fired 150 drones",
                "<!-- factdiff: ignore[russia-drones] known wrong -->\nRussia fired 150 drones",
                1,
            )
            .replacen(
                "Trump also held a call",
                "<!-- factdiff: ignore[date-mismatch, russia-drones] misspoke -->\nTrump also held a call",
                1,
            )
            .replacen(
                "The White House plans",
                "<!-- factdiff: ignore[ukraine-aid] right -->\nThe White House plans",
                1,
            );
        std::fs::write(&brief, text).expect("write");
        let facts = std::fs::read_to_string(root.join("example/facts.yaml")).expect("facts");
        let facts = facts.replacen(
            "    unit: drones\n",
            "    unit: drones\n    ignore: [Northwind Wire, Southgate Times]\n",
            1,
        );
        std::fs::write(dir.path().join("facts.yaml"), facts).expect("write facts");
        dir
    }

    /// The exit status, the report's bytes, and the baseline written, for `check --no-cross`
    /// on the mixed corpus with `extra` flags, streamed with `stream` files in flight or held.
    fn report_of(
        dir: &std::path::Path,
        extra: &[&str],
        stream: Option<usize>,
    ) -> (u8, Vec<u8>, Vec<u8>) {
        let (facts, out, base) = (
            dir.join("facts.yaml"),
            dir.join("report.out"),
            dir.join("written.json"),
        );
        let path = |p: &std::path::Path| p.to_str().expect("UTF-8 path").to_string();
        let mut argv: Vec<String> = ["factdiff", "check", "--no-config", "--no-cross"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        argv.extend(["--facts".into(), path(&facts), "-o".into(), path(&out)]);
        argv.extend(["--write-baseline".into(), path(&base)]);
        argv.extend(extra.iter().map(|s| s.to_string()));
        for sub in ["a", "b", "c", "d"] {
            argv.push(path(&dir.join(sub)));
        }
        let args = match Cli::parse_from(argv).command {
            Command::Check(a) => a,
            other => panic!("parsed a check command line as {other:?}"),
        };
        let code = run_with(&args, stream);
        let read = |p: &std::path::Path| std::fs::read(p).unwrap_or_default();
        let got = (code, read(&out), read(&base));
        let _ = std::fs::remove_file(&out);
        let _ = std::fs::remove_file(&base);
        got
    }

    #[test]
    fn the_bundled_example_streams_byte_identical_reports() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("report");
        let o = out.to_str().expect("UTF-8 path");
        for format in [
            "human", "json", "jsonl", "sarif", "github", "rdjsonl", "markdown",
        ] {
            let run = |stream| {
                let argv = [
                    "factdiff",
                    "check",
                    "--no-config",
                    "--no-cross",
                    "--facts",
                    "fixtures/example/facts.yaml",
                    "fixtures/example/",
                    "--format",
                    format,
                    "-o",
                    o,
                ];
                let Command::Check(args) = Cli::parse_from(argv).command else {
                    panic!("a check command line");
                };
                let code = run_with(&args, stream);
                (code, std::fs::read(&out).expect("report written"))
            };
            let held = run(None);
            assert_eq!(held.0, EXIT_FINDINGS, "{format}");
            for in_flight in [1, 2, 1000] {
                assert!(
                    run(Some(in_flight)) == held,
                    "{format} with {in_flight} files in flight"
                );
            }
        }
    }

    #[test]
    fn streamed_reports_are_byte_identical_to_held_ones() {
        let corpus = mixed_corpus();
        let dir = corpus.path();
        let known = dir.join("known.json");
        std::fs::write(&known, report_of(dir, &["--format", "json"], None).2).expect("baseline");
        let missing = dir.join("missing.md");
        let variants: Vec<Vec<&str>> = vec![
            vec![],
            vec!["--min-severity", "error", "--fail-on", "warning"],
            vec!["--baseline", known.to_str().expect("UTF-8 path")],
            // Two articles over the size limit fail to load; a path that does not exist.
            vec![
                "--max-file-size",
                "600",
                missing.to_str().expect("UTF-8 path"),
            ],
        ];
        for format in [
            "human", "json", "jsonl", "sarif", "github", "rdjsonl", "markdown",
        ] {
            for extra in &variants {
                let mut flags = vec!["--format", format];
                flags.extend(extra);
                let held = report_of(dir, &flags, None);
                assert!(!held.1.is_empty(), "{flags:?}: a report is written");
                for in_flight in [1, 2, 7, 1000] {
                    let streamed = report_of(dir, &flags, Some(in_flight));
                    assert!(
                        streamed == held,
                        "{flags:?} with {in_flight} in flight:\n{}\n---- held ----\n{}",
                        String::from_utf8_lossy(&streamed.1),
                        String::from_utf8_lossy(&held.1)
                    );
                }
            }
        }
        // The corpus exercises what the comparison is about.
        let (code, text, _) = report_of(dir, &["--format", "json"], Some(2));
        let doc: serde_json::Value = serde_json::from_slice(&text).expect("JSON");
        assert_eq!(code, EXIT_FINDINGS);
        assert_eq!(doc["summary"]["suppressed"], 2);
        assert!(doc["findings"].as_array().map_or(0, Vec::len) > 6);
        let messages = doc["diagnostics"].to_string();
        for said in [
            "unused suppression `",
            "unused suppression target",
            "unused `ignore` entry",
            "binary",
        ] {
            assert!(messages.contains(said), "{said}: {messages}");
        }
    }
}
