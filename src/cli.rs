//! The command line, as clap reads it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "factdiff",
    version,
    about = "Checks news articles for factual consistency"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles against a fact file (and, later, against each other).
    Check(CheckArgs),
    /// Check a fact file itself: every problem at once, and its self-tests.
    Lint(crate::commands::lint::LintArgs),
    /// Propose fact-file changes from articles (new facts, aliases, sources, stale values).
    Suggest(crate::commands::suggest::SuggestArgs),
    /// Apply chosen suggestions to the fact file without losing comments or layout.
    Update(crate::commands::update::UpdateArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories of articles (.md, .markdown, .txt, .html, .htm).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The fact file to check the articles against.
    #[arg(long, value_name = "FACTS.yaml")]
    pub facts: Option<PathBuf>,

    /// Publication date (YYYY-MM-DD) for articles that do not give one.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to use colour in human output (NO_COLOR is respected).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Minimum alignment score (0..1) for a sentence to be taken as about a fact.
    #[arg(long, value_name = "SCORE", default_value_t = crate::align::DEFAULT_THRESHOLD)]
    pub threshold: f64,
}
