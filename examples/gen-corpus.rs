//! `cargo run --release --example gen-corpus -- --seed 42 --articles N --facts F OUT_DIR`:
//! writes a synthetic corpus (facts.yaml, articles/, expected.yaml, aliases.txt) for speed
//! benchmarks. The same seed always gives the same bytes. See docs/benchmarks.md.

#[path = "support/generate.rs"]
mod generate;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "gen-corpus", about = "Writes a deterministic synthetic corpus")]
struct Args {
    /// Seed of the generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Number of articles.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Number of facts in facts.yaml.
    #[arg(long, default_value_t = 100)]
    facts: usize,
    /// Where to write the corpus (created if missing).
    out_dir: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match generate::generate(&args.out_dir, args.seed, args.articles, args.facts) {
        Ok((world, w)) => {
            println!(
                "{}: {} articles ({:.1} MB, {} words each on average), {} facts, {} entities, {} planted contradictions",
                args.out_dir.display(),
                w.articles,
                w.bytes as f64 / 1e6,
                w.words / w.articles.max(1) as u64,
                world.facts.len(),
                world.entities.len(),
                w.contradictions
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", args.out_dir.display());
            ExitCode::from(2)
        }
    }
}
