//! `factdiff diff`: two revisions of one article, and what changed in their claims.

use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT};
use crate::align::AlignConfig;
use crate::article::{Article, ArticleId};
use crate::cli::ColorChoice;
use crate::load::{self, LoadOptions};
use crate::report;
use crate::revise::{self, render};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `factdiff diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// The changed sentences, word by word, with their claim changes.
    Human,
    /// One JSON document, version 1.
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The earlier revision of the article.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The later revision of the same article.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,

    /// Check both revisions against this fact file and say which findings the edit fixed
    /// or introduced.
    #[arg(long, value_name = "FACTS.yaml")]
    pub facts: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,

    /// Publication date (YYYY-MM-DD) for revisions that do not give one.
    #[arg(long, value_name = "DATE")]
    #[arg(value_parser = crate::cli::parse_date)]
    pub published: Option<jiff::civil::Date>,

    /// When to use colour in human output (NO_COLOR is respected).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Exit 0 when the new revision introduces no error finding (or no fact file is given), 1
/// when it does, 2 on input errors.
pub fn run(args: &DiffArgs) -> u8 {
    let published = args.published;
    let facts = match &args.facts {
        None => None,
        Some(path) => match load::read_fact_file(path, &path.display().to_string()) {
            Ok(f) => Some(f),
            Err(errors) => {
                for e in errors {
                    eprintln!("error: {e}");
                }
                return EXIT_INPUT;
            }
        },
    };
    let opts = LoadOptions {
        default_published: published,
        ..LoadOptions::default()
    };
    let read = |path: &PathBuf| -> Option<Article> {
        // Each revision is checked on its own, so both are article 0.
        match load::read_article(path, &path.display().to_string(), ArticleId(0), &opts) {
            Ok((article, warnings)) => {
                for w in warnings {
                    eprintln!("warning: {}: {}", w.path, w.message);
                }
                Some(article)
            }
            Err(e) => {
                eprintln!("error: {e}");
                None
            }
        }
    };
    let (old, new) = (read(&args.old), read(&args.new));
    let (Some(old), Some(new)) = (old, new) else {
        return EXIT_INPUT;
    };
    let comparison = revise::compare(&old, &new, facts.as_ref(), AlignConfig::default());
    let data = render::DiffReport {
        old: &old,
        new: &new,
        facts: facts.as_ref(),
        comparison: &comparison,
    };
    let color = report::use_color(args.color, false);
    let text = match args.format {
        DiffFormat::Human => render::human(&data, color),
        DiffFormat::Json => render::json(&data),
    };
    let choice = if color {
        anstream::ColorChoice::Always
    } else {
        anstream::ColorChoice::Never
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("error: cannot write the report: {e}");
        return EXIT_INPUT;
    }
    if comparison.introduces_error() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
