//! `factdiff suggest`: fact-file changes the articles argue for, with their evidence.

use super::{EXIT_CLEAN, EXIT_INPUT};
use crate::article::{Article, ArticleId};
use crate::edit::{self, Change};
use crate::facts::FactFile;
use crate::load::{self, LoadOptions};
use crate::suggest::{self, Suggestion, render};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SuggestFormat {
    Human,
    Json,
    /// The unified diff `update` would apply (every suggestion with a change).
    Patch,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The fact file to propose changes to.
    #[arg(long, value_name = "FACTS.yaml")]
    pub facts: PathBuf,

    /// Files or directories of articles.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Publication date (YYYY-MM-DD) for articles that do not give one.
    #[arg(long, value_name = "DATE")]
    #[arg(value_parser = crate::cli::parse_date)]
    pub published: Option<jiff::civil::Date>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SuggestFormat::Human)]
    pub format: SuggestFormat,
}

/// The fact file, its articles and the suggestions; `Err` carries the exit code after the
/// error was printed.
pub(crate) struct Inputs {
    pub facts: FactFile,
    pub suggestions: Vec<Suggestion>,
}

pub(crate) fn gather(
    facts_path: &Path,
    paths: &[PathBuf],
    published: Option<jiff::civil::Date>,
) -> Result<Inputs, u8> {
    let default_published = published;
    let display = facts_path.display().to_string();
    let facts = load::read_fact_file(facts_path, &display).map_err(|errors| {
        for e in errors {
            eprintln!("error: {e}");
        }
        EXIT_INPUT
    })?;
    let opts = LoadOptions {
        default_published,
        ..LoadOptions::default()
    };
    let (files, errors) = load::find_articles(paths);
    let mut failed = !errors.is_empty();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let mut articles: Vec<Article> = Vec::new();
    for (path, shown) in &files {
        let id = ArticleId(articles.len() as u32);
        match load::read_article(path, shown, id, &opts) {
            Ok((article, _warnings)) => articles.push(article),
            Err(e) => match e.as_skip_warning() {
                Some(w) => eprintln!("warning: {}: {}", w.path, w.message),
                None => {
                    failed = true;
                    eprintln!("error: {e}");
                }
            },
        }
    }
    if failed {
        return Err(EXIT_INPUT);
    }
    let suggestions = suggest::suggest(&facts, &articles, crate::align::AlignConfig::default());
    Ok(Inputs { facts, suggestions })
}

/// The edited text and its diff for `chosen`, checked: `Err` says why it is refused.
pub(crate) fn plan(facts: &FactFile, chosen: &[&Suggestion]) -> Result<(String, String), String> {
    let changes: Vec<Change> = chosen.iter().flat_map(|s| s.changes.clone()).collect();
    let after = edit::apply(&facts.source, &changes).map_err(|e| e.to_string())?;
    edit::verify(facts, &after, &changes, &facts.path)?;
    let diff = edit::unified_diff(&facts.path, &facts.source, &after);
    Ok((after, diff))
}

pub fn run(args: &SuggestArgs) -> u8 {
    let inputs = match gather(&args.facts, &args.paths, args.published) {
        Ok(i) => i,
        Err(code) => return code,
    };
    let text = match args.format {
        SuggestFormat::Human => render::human(&inputs.suggestions),
        SuggestFormat::Json => render::json(&inputs.suggestions),
        SuggestFormat::Patch => {
            let chosen: Vec<&Suggestion> = inputs
                .suggestions
                .iter()
                .filter(|s| !s.changes.is_empty())
                .collect();
            match plan(&inputs.facts, &chosen) {
                Ok((_, diff)) => diff,
                Err(why) => {
                    eprintln!("error: the suggestions cannot be applied safely: {why}");
                    return EXIT_INPUT;
                }
            }
        }
    };
    print!("{text}");
    EXIT_CLEAN
}
