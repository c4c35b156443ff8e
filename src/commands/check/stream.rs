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
