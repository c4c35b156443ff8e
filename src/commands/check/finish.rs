//! Everything after the checks, batch by batch: suppressions, `--write-baseline`,
//! `--baseline`, gating, and the report written through its format's sink. A run that holds
//! every finding gives them in one batch; `--no-cross` gives each batch of articles as soon
//! as it is checked, and nothing of a batch is kept once it is finished.

use super::super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT};
use crate::article::Article;
use crate::baseline::{Baseline, BaselinePaths, Entry, Known};
use crate::cli::{CheckArgs, FailOn, Format};
use crate::config::Settings;
use crate::facts::FactFile;
use crate::finding::{Finding, Severity};
use crate::report::stream::{End, Output, Sink};
use crate::report::{
    self, Diagnostic, Hidden, Resolved, ResolvedDiagnostic, Summary, gate, resolve_diagnostic,
};
use crate::suppress::Suppressor;
use std::path::PathBuf;

/// The state of a run's report between batches: O(facts) for the suppressions, the
/// baseline read, the diagnostics and counts; the findings themselves go to the sink.
pub(super) struct Finisher<'a> {
    args: &'a CheckArgs,
    settings: &'a Settings,
    facts: Option<&'a FactFile>,
    suppressor: Suppressor<'a>,
    /// The `--baseline` entries not matched yet.
    known: Option<Known>,
    /// `--write-baseline`: where, and one entry per finding left after the suppressions.
    /// Entries are small (file, fingerprint, kind, fact, words) and the file is sorted, so
    /// they are kept until the end rather than written as they come.
    write_baseline: Option<(PathBuf, BaselinePaths, Vec<Entry>)>,
    sink: Box<dyn Sink>,
    output: Output,
    /// Problems finding the files; then those reading them, in the order they were met;
    /// then unused suppression comments.
    walk: Vec<ResolvedDiagnostic>,
    inputs: Vec<ResolvedDiagnostic>,
    unused: Vec<ResolvedDiagnostic>,
    articles: usize,
    hidden: Hidden,
    /// Findings shown: errors, warnings, infos.
    shown: [usize; 3],
    /// Some finding left after the baseline is at or above `--fail-on`; and some shown one.
    failed: bool,
    failed_shown: bool,
}

impl<'a> Finisher<'a> {
    /// Reads `--baseline` and opens the output (a file is only replaced at the end). On
    /// failure it says why and returns the exit status.
    pub(super) fn start(
        args: &'a CheckArgs,
        settings: &'a Settings,
        facts: Option<&'a FactFile>,
    ) -> Result<Self, u8> {
        let known = match &args.baseline {
            None => None,
            Some(path) => match Baseline::read(path) {
                Ok(b) => Some(b.matcher(BaselinePaths::of(path))),
                Err(e) => {
                    eprintln!("error: {e}");
                    return Err(EXIT_INPUT);
                }
            },
        };
        let color = report::use_color(args.color, args.output.is_some());
        let mut output =
            Output::open(args.output.as_deref(), color).map_err(|e| write_failed(args, &e))?;
        let mut sink = report::sink(settings.format, color);
        sink.begin(output.writer())
            .map_err(|e| write_failed(args, &e))?;
        Ok(Self {
            args,
            settings,
            facts,
            suppressor: Suppressor::new(facts),
            known,
            write_baseline: args
                .write_baseline
                .as_ref()
                .map(|p| (p.clone(), BaselinePaths::of(p), Vec::new())),
            sink,
            output,
            walk: Vec::new(),
            inputs: Vec::new(),
            unused: Vec::new(),
            articles: 0,
            hidden: Hidden::default(),
            shown: [0; 3],
            failed: false,
            failed_shown: false,
        })
    }

    /// Takes a problem met finding the files: it goes before every other diagnostic, as
    /// in a run that finds all files first.
    pub(super) fn walk_problem(&mut self, d: Diagnostic) {
        self.walk.push(resolve_diagnostic(&d, &[]));
    }

    /// Takes the findings of `articles` (sorted, each with its resolved record), and the
    /// input problems met while reading them. An article must come in one batch with all
    /// its findings; batches come in report order.
    pub(super) fn batch(
        &mut self,
        articles: &[Article],
        found: Vec<(Finding, Resolved)>,
        diagnostics: Vec<Diagnostic>,
    ) -> Result<(), u8> {
        let resolve = |d: &Diagnostic| resolve_diagnostic(d, articles);
        self.inputs.extend(diagnostics.iter().map(resolve));
        self.articles += articles.len();
        let applied = self.suppressor.apply(found, articles);
        self.hidden.suppressed += applied.suppressed;
        self.unused.extend(applied.unused.iter().map(resolve));
        let fail_on = self.settings.fail_on;
        for (f, r) in applied.kept {
            if let Some((_, paths, entries)) = &mut self.write_baseline {
                entries.push(Entry::of(&r, paths));
            }
            if let Some(known) = &mut self.known
                && known.take(&r.file, &r.fingerprint)
            {
                self.hidden.baselined += 1;
                continue;
            }
            // --fail-on looks at every finding left; --min-severity only at what is shown.
            self.failed |= gate::fails_at(f.severity, fail_on);
            if f.severity < self.settings.min_severity {
                self.hidden.below_min += 1;
                continue;
            }
            self.failed_shown |= gate::fails_at(f.severity, fail_on);
            self.shown[match f.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            }] += 1;
            self.sink
                .finding(self.output.writer(), &r)
                .map_err(|e| write_failed(self.args, &e))?;
        }
        Ok(())
    }

    /// Writes the baseline and the end of the report, puts the report in place, and returns
    /// the exit status.
    pub(super) fn end(mut self, input_failed: bool) -> u8 {
        let (args, settings) = (self.args, self.settings);
        let mut diagnostics = std::mem::take(&mut self.walk);
        diagnostics.append(&mut self.inputs);
        diagnostics.append(&mut self.unused);
        diagnostics.extend(
            self.suppressor
                .unused_ignores()
                .iter()
                .map(|d| resolve_diagnostic(d, &[])),
        );
        diagnostics.retain(|d| d.severity >= settings.min_severity);

        if let Some((path, _, entries)) = self.write_baseline.take() {
            let text = Baseline::from_entries(entries).to_json();
            if let Err(e) = report::write_to(&path, text.as_bytes()) {
                eprintln!("error: {}: cannot write the baseline: {e}", path.display());
                return EXIT_INPUT;
            }
        }
        let [errors, warnings, infos] = self.shown;
        let end = End {
            diagnostics: &diagnostics,
            summary: Summary {
                articles: self.articles,
                facts: self.facts.map_or(0, |f| f.facts.len()),
                errors,
                warnings,
                infos,
                baselined: self.hidden.baselined,
                suppressed: self.hidden.suppressed,
                below_min_severity: self.hidden.below_min,
            },
        };
        let mut output = self.output;
        let written = self
            .sink
            .end(output.writer(), &end)
            .and_then(|()| output.commit(args.output.as_deref()));
        if let Err(e) = written {
            return write_failed(args, &e);
        }
        // Input errors are in the report whatever its format; when that report is not human
        // text on the terminal, they are also said on stderr, so an exit status 2 never goes
        // unexplained.
        if settings.format != Format::Human || args.output.is_some() {
            for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
                eprintln!("error: {}", d.message);
            }
        }
        if self.failed && !input_failed && !self.failed_shown {
            // Only findings the report does not show fail the run: say so, or the exit status
            // would contradict a report of "0 errors, 0 warnings".
            eprintln!(
                "note: exit status 1: --fail-on {} counts findings that --min-severity {} does not show",
                match settings.fail_on {
                    FailOn::Error => "error",
                    FailOn::Warning => "warning",
                    FailOn::Never => "never",
                },
                settings.min_severity.as_str(),
            );
        }
        if input_failed {
            EXIT_INPUT
        } else if self.failed {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }
}

/// Says that the report could not be written; returns the exit status.
fn write_failed(args: &CheckArgs, e: &std::io::Error) -> u8 {
    match &args.output {
        Some(path) => eprintln!("error: {}: cannot write the report: {e}", path.display()),
        None => eprintln!("error: cannot write the report to standard output: {e}"),
    }
    EXIT_INPUT
}
