//! `factdiff update`: applies chosen suggestions to the fact file, losslessly; a dry run
//! unless `--write`.

use super::suggest::{gather, plan};
use super::{EXIT_CLEAN, EXIT_INPUT};
use crate::edit::{Change, stance_word};
use crate::facts::{FactFile, SourceStance, Status};
use crate::suggest::{Suggestion, render};
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
            .iter()
            .copied()
            .filter(|s| args.only.contains(&s.id))
            .collect()
    } else if std::io::stdin().is_terminal() {
        let stdin = std::io::stdin();
        let mut stderr = std::io::stderr();
        ask(&applicable, &inputs.facts, &mut stdin.lock(), &mut stderr)
    } else {
        applicable.clone()
    };
    if chosen.is_empty() {
        eprintln!("nothing to apply");
        return EXIT_CLEAN;
    }
    if let Err(why) = sound_statuses(&inputs.facts, &chosen, &applicable) {
        eprintln!("error: {why}");
        return EXIT_INPUT;
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

/// A `disputed` status needs a source on each side: a status change that would leave a
/// disputed fact without an asserting and a denying source (counting the sources the chosen
/// suggestions add) is refused, naming the suggestions that would supply the missing side.
fn sound_statuses(
    facts: &FactFile,
    chosen: &[&Suggestion],
    applicable: &[&Suggestion],
) -> Result<(), String> {
    let changes = |list: &[&Suggestion]| -> Vec<(String, Change)> {
        list.iter()
            .flat_map(|s| s.changes.iter().map(|c| (s.id.clone(), c.clone())))
            .collect()
    };
    let chosen_changes = changes(chosen);
    for (id, change) in &chosen_changes {
        let Change::SetStatus {
            fact,
            status: Status::Disputed,
        } = change
        else {
            continue;
        };
        let Some(recorded) = facts.facts.iter().find(|f| &f.id == fact) else {
            continue;
        };
        let mut stances: Vec<SourceStance> = recorded.sources.iter().map(|s| s.stance).collect();
        stances.extend(chosen_changes.iter().filter_map(|(_, c)| match c {
            Change::AddSource {
                fact: f, stance, ..
            } if f == fact => Some(*stance),
            _ => None,
        }));
        let missing: Vec<SourceStance> = [SourceStance::Asserts, SourceStance::Denies]
            .into_iter()
            .filter(|side| !stances.contains(side))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let helpers: Vec<String> = changes(applicable)
            .into_iter()
            .filter(|(_, c)| {
                matches!(c, Change::AddSource { fact: f, stance, .. }
                    if f == fact && missing.contains(stance))
            })
            .map(|(id, _)| id)
            .collect();
        let sides: Vec<&str> = missing.iter().map(|s| stance_word(*s)).collect();
        let mut why = format!(
            "`{id}` would mark `{fact}` disputed, but it would have no source that {}; a \
             disputed fact needs one on each side (`factdiff lint` flags it)",
            sides.join(" and none that ")
        );
        if helpers.is_empty() {
            why.push_str("; add the source by hand first");
        } else {
            why.push_str(&format!(
                "; apply it together with {}",
                helpers
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
        }
        return Err(why);
    }
    Ok(())
}

/// What the user answered to one suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Yes,
    No,
    Quit,
}

fn parse_answer(line: &str) -> Option<Answer> {
    match line.trim().to_lowercase().as_str() {
        "y" | "yes" => Some(Answer::Yes),
        "n" | "no" => Some(Answer::No),
        "q" | "quit" => Some(Answer::Quit),
        _ => None,
    }
}

/// Asks about each suggestion, showing its evidence and the lines it would change. `q` (or
/// the end of input) stops asking and keeps what was accepted so far, as `git add -p` does;
/// any other answer than y, n or q asks again.
fn ask<'a>(
    list: &[&'a Suggestion],
    facts: &FactFile,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> Vec<&'a Suggestion> {
    let mut accepted = Vec::new();
    let total = list.len();
    for (i, s) in list.iter().enumerate() {
        let _ = write!(out, "\n({}/{total}) {}", i + 1, render::one(s));
        match plan(facts, &[s]) {
            Ok((_, diff)) => {
                let _ = writeln!(out, "  change:");
                for line in diff
                    .lines()
                    .skip_while(|l| l.starts_with("---") || l.starts_with("+++"))
                {
                    let _ = writeln!(out, "    {line}");
                }
            }
            Err(why) => {
                let _ = writeln!(out, "  (cannot be applied on its own: {why})");
            }
        }
        let answer = loop {
            let _ = write!(
                out,
                "apply? [y]es / [n]o / [q]uit, keeping the ones accepted so far: "
            );
            let _ = out.flush();
            let mut line = String::new();
            match input.read_line(&mut line) {
                Ok(0) | Err(_) => break Answer::Quit,
                Ok(_) => {}
            }
            match parse_answer(&line) {
                Some(a) => break a,
                None => {
                    let _ = writeln!(out, "please answer y, n or q (not `{}`)", line.trim());
                }
            }
        };
        match answer {
            Answer::Yes => accepted.push(*s),
            Answer::No => {}
            Answer::Quit => {
                let _ = writeln!(
                    out,
                    "stopped asking: the {} suggestion(s) accepted so far will be applied; \
                     the other {} are left out",
                    accepted.len(),
                    total - i
                );
                return accepted;
            }
        }
    }
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_strictly() {
        assert_eq!(parse_answer(" Y\n"), Some(Answer::Yes));
        assert_eq!(parse_answer("no"), Some(Answer::No));
        assert_eq!(parse_answer("q"), Some(Answer::Quit));
        assert_eq!(parse_answer("maybe"), None);
        assert_eq!(parse_answer(""), None);
    }
}
