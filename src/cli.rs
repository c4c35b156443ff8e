//! The command line, as clap reads it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use schemars::JsonSchema;
use serde::Deserialize;
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
    /// Check articles against a fact file and against each other.
    Check(CheckArgs),
    /// Check a fact file itself: every problem at once, and its self-tests.
    Lint(crate::commands::lint::LintArgs),
    /// Propose fact-file changes from articles (new facts, aliases, sources, stale values).
    Suggest(crate::commands::suggest::SuggestArgs),
    /// Apply chosen suggestions to the fact file without losing comments or layout.
    Update(crate::commands::update::UpdateArgs),
    /// Compare two revisions of one article: changed values, dates and stances.
    Diff(crate::commands::diff::DiffArgs),
    /// Show what factdiff reads in each sentence of an article and which facts it aligns with.
    Explain(crate::commands::explain::ExplainArgs),
}

/// Output formats. The config file spells them as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// rustc-style diagnostics with the article's sentence and the fact.
    Human,
    /// One JSON document, contract v1 (schemas/findings-v1.schema.json).
    #[value(alias = "json-v1")]
    #[serde(alias = "json-v1")]
    Json,
    /// One JSON v1 finding per line.
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// reviewdog diagnostic JSON lines.
    Rdjsonl,
    /// A pull-request comment.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The lowest severity that makes the exit status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

/// A severity as written on the command line or in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SeverityName {
    Info,
    Warning,
    Error,
}

impl SeverityName {
    pub const fn severity(self) -> crate::finding::Severity {
        use crate::finding::Severity;
        match self {
            SeverityName::Info => Severity::Info,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Error => Severity::Error,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files or directories of articles (.md, .markdown, .txt, .html, .htm); default: the
    /// config file's `articles`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The fact file to check the articles against.
    #[arg(long, value_name = "FACTS.yaml")]
    pub facts: Option<PathBuf>,

    /// Publication date (YYYY-MM-DD) for articles that do not give one.
    #[arg(long, value_name = "DATE")]
    #[arg(value_parser = parse_date)]
    pub published: Option<jiff::civil::Date>,

    /// Output format [default: human].
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to use colour in human output (NO_COLOR is respected).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Articles larger than this are refused unread (bytes; K, M or G for KiB, MiB, GiB).
    /// Checking takes about 40 times an article's text in memory.
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Exit with status 1 when a finding at or above this severity remains [default: error].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,

    /// Show only findings at or above this severity [default: info]; does not change
    /// --fail-on.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<SeverityName>,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the current findings in FILE as a baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Read settings from FILE instead of the .factdiff.yml found above the current directory.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no config file.
    #[arg(long)]
    pub no_config: bool,

    /// Check articles against the fact file only, not against each other (needs a fact file,
    /// from --facts or the config file): nothing is kept between articles but their findings,
    /// and numbers, dates and stances are read only in sentences that align with a fact.
    #[arg(long)]
    pub no_cross: bool,

    /// Minimum alignment score (0..1) for a sentence to be taken as about a fact
    /// [default: 0.5].
    #[arg(long = "threshold", value_name = "SCORE")]
    pub threshold_flag: Option<f64>,

    /// The threshold in force once the config file is read (flag, then config, then default).
    #[arg(skip = crate::align::DEFAULT_THRESHOLD)]
    pub threshold: f64,
}

/// Parses a calendar date such as `2024-11-10` (for `--published`).
pub fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.trim()
        .parse()
        .map_err(|e| format!("expected a date like 2024-11-10: {e}"))
}

/// Parses a size such as `4096`, `512K`, `64M` or `1G` (binary multiples) into bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, c)) if c.eq_ignore_ascii_case(&'k') => (&t[..i], 10),
        Some((i, c)) if c.eq_ignore_ascii_case(&'m') => (&t[..i], 20),
        Some((i, c)) if c.eq_ignore_ascii_case(&'g') => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a size; write e.g. 4096, 512K, 64M or 1G"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("512k"), Ok(512 * 1024));
        assert_eq!(parse_size("64M"), Ok(64 * 1024 * 1024));
        assert_eq!(parse_size(" 1G "), Ok(1 << 30));
        assert_eq!(parse_size("16M"), Ok(crate::load::DEFAULT_MAX_FILE_BYTES));
        assert!(parse_size("").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("1.5M").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
