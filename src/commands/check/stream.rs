//! `check --no-cross`: articles checked in bounded batches and reported batch by batch, so
//! memory does not grow with the number of articles.
//!
//! Without the comparison between articles every finding belongs to one article, and the
//! report's order (article in discovery order, then offset, then kind) is the order the
//! batches come in. Each batch is read and checked on all cores exactly as the whole run is
//! otherwise ([`Checker::file`]), then handed in order to the [`Finisher`] and dropped.

use super::finish::Finisher;
use super::{Checker, FileWork};
use crate::align;
use crate::article::ArticleId;
use crate::cli::CheckArgs;
use crate::config::Settings;
use crate::facts::FactFile;
use crate::load::{LoadError, LoadOptions};
use crate::report::Diagnostic;
use rayon::prelude::*;
use std::path::PathBuf;

/// Files per batch and thread: enough to keep every core busy past the slowest article of a
/// batch, few enough that a batch's articles and findings stay small.
const FILES_PER_THREAD: usize = 64;

/// The number of files checked together.
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
    /// Checks the `files` found (or the problems met finding them) against the facts,
    /// `batch` files at a time, and writes the report as it goes; returns the exit status.
    pub(super) fn report(
        &self,
        mut files: impl Iterator<Item = Result<(PathBuf, String), LoadError>>,
        batch: usize,
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
        loop {
            let mut chunk = Vec::with_capacity(batch.max(1));
            while chunk.len() < batch.max(1) {
                match files.next() {
                    Some(Ok(file)) => chunk.push(file),
                    Some(Err(e)) => {
                        input_failed = true;
                        finisher.walk_problem(Diagnostic::from_error(&e));
                    }
                    None => break,
                }
            }
            if chunk.is_empty() {
                break;
            }
            let work: Vec<FileWork> = chunk
                .par_iter()
                .enumerate()
                // A provisional id, unique in the batch; renumbered below.
                .map(|(i, (path, display))| checker.file(path, display, ArticleId(next + i as u32)))
                .collect();
            let mut articles = Vec::with_capacity(work.len());
            let mut found = Vec::new();
            let mut diagnostics = Vec::new();
            for w in work {
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
            // The report's order within the batch; stable, as the whole run's sort is.
            found.sort_by_key(|(f, _)| (f.article, f.span.start, f.kind));
            if let Err(code) = finisher.batch(&articles, found, diagnostics) {
                return code;
            }
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
    /// over (several batches), one with a used, a half-used and an unused suppression comment, a fact
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
    /// on the mixed corpus with `extra` flags, streamed in batches of `stream` files or held.
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
            for batch in [1, 2, 1000] {
                assert!(run(Some(batch)) == held, "{format} in batches of {batch}");
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
                for batch in [1, 2, 7, 1000] {
                    let streamed = report_of(dir, &flags, Some(batch));
                    assert!(
                        streamed == held,
                        "{flags:?} in batches of {batch}:\n{}\n---- held ----\n{}",
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
