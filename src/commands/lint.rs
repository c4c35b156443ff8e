//! `factdiff lint`: a fact file's own problems, all at once.

use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT};
use crate::lint::{self, render};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct LintArgs {
    /// The fact file to lint.
    #[arg(value_name = "FACTS.yaml")]
    pub facts: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
}

/// Output formats of `lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
}

pub fn run(args: &LintArgs) -> u8 {
    let display = args.facts.display().to_string();
    let source = match crate::load::read_fact_file_source(&args.facts, &display) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INPUT;
        }
    };
    let outcome = lint::lint_source(source.clone(), &display);
    let text = match args.format {
        LintFormat::Human => render::human(
            &display,
            Some(&source),
            &outcome.problems,
            &outcome.untested,
        ),
        LintFormat::Json => render::json(&display, &outcome.problems, &outcome.untested),
    };
    print!("{text}");
    if outcome.problems.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    }
}
