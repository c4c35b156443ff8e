//! `factdiff explain`: what factdiff reads in each sentence of an article, and which facts the
//! sentence aligns with. The answer to "why is this sentence silent?".

use super::{EXIT_CLEAN, EXIT_INPUT};
use crate::align::{self, AlignConfig, Aligner};
use crate::article::{Article, ArticleId};
use crate::claims::{EntityRef, Polarity, Sentence};
use crate::extract::{self, entities::EntityMatcher};
use crate::facts::FactFile;
use crate::load::{self, LoadOptions};
use crate::span::{LineIndex, Span};
use clap::Args;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// The article to explain.
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,

    /// Align the sentences with this fact file's facts, and use its entities.
    #[arg(long, value_name = "FACTS.yaml")]
    pub facts: Option<PathBuf>,

    /// Publication date (YYYY-MM-DD) when the article does not give one.
    #[arg(long, value_name = "DATE")]
    #[arg(value_parser = crate::cli::parse_date)]
    pub published: Option<jiff::civil::Date>,

    /// Only sentences containing this text (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,

    /// Minimum alignment score, as for `check`.
    #[arg(long, value_name = "SCORE", default_value_t = align::DEFAULT_THRESHOLD)]
    pub threshold: f64,
}

pub fn run(args: &ExplainArgs) -> u8 {
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
        default_published: args.published,
        ..LoadOptions::default()
    };
    let display = args.article.display().to_string();
    let article = match load::read_article(&args.article, &display, ArticleId(0), &opts) {
        Ok((article, warnings)) => {
            for w in warnings {
                eprintln!("warning: {}: {}", w.path, w.message);
            }
            article
        }
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INPUT;
        }
    };
    let cfg = AlignConfig {
        threshold: args.threshold,
        ..AlignConfig::default()
    };
    let text = explain(&article, facts.as_ref(), cfg, args.grep.as_deref());
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("error: cannot write the explanation: {e}");
        return EXIT_INPUT;
    }
    EXIT_CLEAN
}

/// The explanation of every sentence (or those containing `grep`), as plain text.
pub fn explain(
    article: &Article,
    facts: Option<&FactFile>,
    cfg: AlignConfig,
    grep: Option<&str>,
) -> String {
    let matcher = EntityMatcher::new(facts);
    let claims = extract::extract(article, &matcher);
    let threshold = cfg.threshold;
    let aligner = facts.map(|f| Aligner::new(f, &matcher, cfg));
    let aligned = aligner.as_ref().map_or_else(Vec::new, |a| a.align(&claims));
    // Computed once, as `check` does, then shown sentence by sentence.
    let frames = crate::commands::check::article_frames(
        article,
        &claims,
        facts.zip(aligner.as_ref()),
        &aligned,
    );
    let index = LineIndex::new(&article.source);
    let needle = grep.map(str::to_lowercase);
    let mut out = String::new();
    let published = article.meta.published.map_or_else(
        || "unknown (relative dates stay unresolved)".into(),
        |d| d.to_string(),
    );
    let _ = writeln!(out, "{}: published {published}", article.path);
    for (si, s) in claims.sentences.iter().enumerate() {
        let words = &article.text[s.span.start..s.span.end];
        if needle
            .as_ref()
            .is_some_and(|n| !words.to_lowercase().contains(n.as_str()))
        {
            continue;
        }
        let at = index.line_col(&article.source, article.source_span(s.span).start);
        let _ = writeln!(
            out,
            "\n{}:{}:{}: {}",
            article.path,
            at.line,
            at.column,
            one_line(words)
        );
        describe(&mut out, article, facts, s);
        let mut here: Vec<_> = aligned.iter().filter(|a| a.sentence == si).collect();
        here.sort_by(|a, b| b.score.total_cmp(&a.score));
        match (facts, here.as_slice()) {
            (None, _) => {}
            (Some(_), []) => {
                let _ = writeln!(out, "  aligned: no fact at or above {threshold:.2}");
            }
            (Some(f), many) => {
                for a in many {
                    let _ = writeln!(out, "  aligned: {} ({:.2})", f.fact(a.fact).id, a.score);
                }
            }
        }
        for f in frames.iter().filter(|f| f.sentence == si) {
            let _ = writeln!(out, "  frame: {}", readable_key(&f.key(), facts));
        }
    }
    out
}

/// What the extractor found in one sentence.
fn describe(out: &mut String, article: &Article, facts: Option<&FactFile>, s: &Sentence) {
    let words = |span: Span| one_line(&article.text[span.start..span.end]);
    let name = |e: &EntityRef| match (e, facts) {
        (EntityRef::Known(id), Some(f)) => f.entity(*id).key.clone(),
        (EntityRef::Known(id), None) => format!("#{}", id.0),
        (EntityRef::Named(n), _) => format!("\"{n}\" (not in the fact file)"),
    };
    for m in &s.mentions {
        let _ = match m.entity {
            EntityRef::Known(_) => {
                writeln!(
                    out,
                    "  entity: {} <- \"{}\"",
                    name(&m.entity),
                    words(m.span)
                )
            }
            EntityRef::Named(_) => {
                writeln!(out, "  name: \"{}\" (not in the fact file)", words(m.span))
            }
        };
    }
    for q in &s.quantities {
        let unit = q.unit.as_deref().unwrap_or("no unit");
        let kind = format!("{:?}", q.kind).to_lowercase();
        let compared = if q.kind.is_measure() {
            ""
        } else {
            ", never compared"
        };
        let _ = writeln!(
            out,
            "  number: \"{}\" -> {} {unit} ({kind}, {:?}{compared})",
            words(q.unit_span.map_or(q.span, |u| q.span.cover(u))),
            q.interval,
            q.hedge
        );
    }
    for d in &s.dates {
        let range = d
            .range
            .map_or_else(|| "unresolved".to_string(), |r| r.to_string());
        let relative = if d.relative { ", relative" } else { "" };
        let _ = writeln!(out, "  date: \"{}\" -> {range}{relative}", words(d.span));
    }
    for c in &s.stances {
        let polarity = match c.polarity {
            Polarity::Affirms => "affirms",
            Polarity::Denies => "denies",
        };
        let by = c
            .source
            .as_ref()
            .map_or_else(|| "no named source".to_string(), &name);
        let how = if c.attributed {
            "attributed"
        } else {
            "own voice"
        };
        let _ = writeln!(
            out,
            "  stance: {polarity}, {by}, {how} <- \"{}\"",
            words(c.span)
        );
    }
    let flags: Vec<&str> = [
        (s.modal, "modal (not a statement of what happened)"),
        (s.future, "future tense"),
        (s.question, "question"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, what)| *what)
    .collect();
    if !flags.is_empty() {
        let _ = writeln!(out, "  reads as: {}", flags.join(", "));
    }
}

/// A frame key with the fact file's entity keys in place of their numbers (`#3` -> `trump`).
fn readable_key(key: &str, facts: Option<&FactFile>) -> String {
    let Some(f) = facts else {
        return key.to_string();
    };
    let mut out = String::new();
    let mut rest = key;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let digits = rest[at + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len() - at - 1, |n| n);
        match rest[at + 1..at + 1 + digits].parse::<u32>() {
            Ok(n) if (n as usize) < f.entities.len() => {
                out.push_str(&f.entity(crate::facts::EntityId(n)).key);
            }
            _ => out.push_str(&rest[at..at + 1 + digits]),
        }
        rest = &rest[at + 1 + digits..];
    }
    out.push_str(rest);
    out
}

/// Text on one line: newlines inside a sentence become spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
