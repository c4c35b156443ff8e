//! Commands: each one wires the stages together for one subcommand.

pub mod check;
pub mod diff;
pub mod explain;
pub mod lint;
pub mod suggest;
pub mod update;

use crate::cli::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

/// Exit status: no error finding.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: at least one finding at or above the failure level.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: a usage or input error.
pub const EXIT_INPUT: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Suggest(args) => suggest::run(&args),
        Command::Update(args) => update::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Explain(args) => explain::run(&args),
    };
    ExitCode::from(code)
}
