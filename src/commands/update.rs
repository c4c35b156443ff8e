//! `factdiff update`: applies chosen suggestions to the fact file, losslessly; a dry run
//! unless `--write`.

use super::suggest::{gather, plan};
use super::{EXIT_CLEAN, EXIT_INPUT};
use crate::suggest::Suggestion;
use clap::Args;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The fact file to update.
    #[arg(long, value_name = "FACTS.yaml")]
    pub facts: PathBuf,

    /// Files or directories of articles.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Publication date (YYYY-MM-DD) for articles that do not give one.
    #[arg(long, value_name = "DATE")]
    #[arg(value_parser = crate::cli::parse_date)]
    pub published: Option<jiff::civil::Date>,

    /// Apply only these suggestions (ids as `suggest` prints them).
    #[arg(long, value_name = "ID", num_args = 1..)]
    pub only: Vec<String>,

    /// Write the file (atomically); without it, only the diff is printed.
    #[arg(long)]
    pub write: bool,
}

pub fn run(args: &UpdateArgs) -> u8 {
    let inputs = match gather(&args.facts, &args.paths, args.published) {
        Ok(i) => i,
        Err(code) => return code,
    };
    let applicable: Vec<&Suggestion> = inputs
        .suggestions
        .iter()
        .filter(|s| !s.changes.is_empty())
        .collect();
    let chosen: Vec<&Suggestion> = if !args.only.is_empty() {
        let unknown: Vec<&String> = args
            .only
            .iter()
            .filter(|id| !applicable.iter().any(|s| s.id == **id))
            .collect();
        if !unknown.is_empty() {
            for id in unknown {
                eprintln!("error: no applicable suggestion `{id}` (run `factdiff suggest`)");
            }
            return EXIT_INPUT;
        }
        applicable
            .into_iter()
            .filter(|s| args.only.contains(&s.id))
            .collect()
    } else if std::io::stdin().is_terminal() {
        match ask(&applicable) {
            Some(c) => c,
            None => return EXIT_CLEAN,
        }
    } else {
        applicable
    };
    if chosen.is_empty() {
        eprintln!("nothing to apply");
        return EXIT_CLEAN;
    }
    let (after, diff) = match plan(&inputs.facts, &chosen) {
        Ok(p) => p,
        Err(why) => {
            eprintln!(
                "error: refusing to {}: the edit would change more than intended: {why}",
                if args.write { "write" } else { "apply" }
            );
            return EXIT_INPUT;
        }
    };
    print!("{diff}");
    if !args.write {
        eprintln!(
            "dry run: {} suggestion(s) would be applied; add --write to save",
            chosen.len()
        );
        return EXIT_CLEAN;
    }
    match crate::atomic::write_atomic(&args.facts, after.as_bytes()) {
        Ok(w) => {
            if w.left_directory {
                eprintln!(
                    "note: {} is a symbolic link; wrote its target {}",
                    args.facts.display(),
                    w.target.display()
                );
            }
            eprintln!(
                "wrote {} ({} suggestion(s) applied)",
                args.facts.display(),
                chosen.len()
            );
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", args.facts.display());
            EXIT_INPUT
        }
    }
}

/// Asks about each suggestion on the terminal; `None` when the user quits.
fn ask<'a>(list: &[&'a Suggestion]) -> Option<Vec<&'a Suggestion>> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut out = Vec::new();
    for s in list {
        eprint!("{}\n  {}\napply? [y]es / [n]o / [q]uit: ", s.id, s.message);
        let _ = std::io::stderr().flush();
        let answer = lines.next()?.ok()?;
        match answer.trim().to_lowercase().as_str() {
            "y" | "yes" => out.push(*s),
            "q" | "quit" => return None,
            _ => {}
        }
    }
    Some(out)
}
