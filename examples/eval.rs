//! Measures factdiff's accuracy: on a labelled corpus (`eval DIR`) or on the VitaminC pairs
//! (`eval --vitaminc pairs.jsonl`). Runs the release binary; build it first with
//! `cargo build --release` (or point `FACTDIFF_BIN` at another one). See corpus/README.md.

#[path = "support/matching.rs"]
mod matching;
#[path = "support/vitaminc.rs"]
mod vitaminc;

use clap::Parser;
use matching::{Counts, Expected, KINDS, Reported, Score};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[derive(Debug, Parser)]
#[command(
    name = "eval",
    about = "Precision and recall of factdiff on a labelled corpus or on the VitaminC pairs"
)]
struct Args {
    /// A corpus directory with facts.yaml, articles/ and expected.yaml.
    #[arg(
        value_name = "DIR",
        required_unless_present = "vitaminc",
        conflicts_with = "vitaminc"
    )]
    dir: Option<PathBuf>,
    /// Score cross-source findings on VitaminC claim/evidence pairs (a pairs.jsonl file).
    #[arg(long, value_name = "FILE")]
    vitaminc: Option<PathBuf>,
    /// Print the metrics as JSON instead of tables.
    #[arg(long)]
    json: bool,
}

/// Exit code for usage and setup errors (clap uses the same for bad arguments).
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse();
    let bin = factdiff_bin();
    if !bin.is_file() {
        eprintln!(
            "error: no factdiff binary at {} (run `cargo build --release` first, or set FACTDIFF_BIN)",
            bin.display()
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let result = match (&args.dir, &args.vitaminc) {
        (_, Some(file)) => eval_vitaminc(&bin, file, args.json),
        (Some(dir), None) => eval_corpus(&bin, dir, args.json),
        (None, None) => Err("give a corpus DIR or --vitaminc FILE".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn factdiff_bin() -> PathBuf {
    match std::env::var_os("FACTDIFF_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/factdiff"),
    }
}

/// One factdiff run: its findings, or why there are none (the run failed or printed no JSON).
struct Run {
    findings: Vec<Reported>,
    exit: Option<i32>,
    problem: Option<String>,
}

fn run_factdiff(bin: &Path, args: &[&std::ffi::OsStr]) -> Result<Run, String> {
    let out = Command::new(bin)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let exit = out.status.code();
    let stdout = String::from_utf8_lossy(&out.stdout);
    Ok(match matching::parse_findings(&stdout) {
        Ok(findings) => Run {
            findings,
            exit,
            problem: None,
        },
        Err(e) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first: Vec<&str> = stderr.lines().take(3).collect();
            Run {
                findings: Vec::new(),
                exit,
                problem: Some(format!(
                    "no findings read ({e}); stderr: {}",
                    first.join(" | ")
                )),
            }
        }
    })
}

fn eval_corpus(bin: &Path, dir: &Path, as_json: bool) -> Result<(), String> {
    let facts = dir.join("facts.yaml");
    let articles = dir.join("articles");
    let labels = dir.join("expected.yaml");
    let text = std::fs::read_to_string(&labels)
        .map_err(|e| format!("cannot read {}: {e}", labels.display()))?;
    let expected = Expected::parse(&text).map_err(|e| format!("{}: {e}", labels.display()))?;
    let mut names: Vec<String> = std::fs::read_dir(&articles)
        .map_err(|e| format!("cannot read {}: {e}", articles.display()))?
        .filter_map(Result::ok)
        .map(|d| d.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    let mut problems = expected.validate(&names);
    match std::fs::read_to_string(&facts)
        .map_err(|e| e.to_string())
        .and_then(|t| matching::fact_ids(&t))
    {
        Ok(ids) => problems.extend(expected.unknown_facts(&ids)),
        Err(e) => problems.push(format!(
            "cannot read fact ids from {}: {e}",
            facts.display()
        )),
    }
    for p in &problems {
        eprintln!("warning: {}: {p}", labels.display());
    }

    let run = run_factdiff(
        bin,
        &["--facts".as_ref(), facts.as_os_str(), articles.as_os_str()],
    )?;
    if let Some(p) = &run.problem {
        eprintln!("warning: factdiff exited with {:?}: {p}", run.exit);
    }
    let root = articles.display().to_string();
    let score = matching::score(&expected, &run.findings, &root);

    if as_json {
        let doc = json!({
            "corpus": dir.display().to_string(),
            "articles": names.len(),
            "expected": expected.keys().len(),
            "reported": run.findings.len(),
            "factdiff_exit": run.exit,
            "overall": counts_json(&score.overall),
            "per_kind": score.per_kind.iter().map(|(k, c)| (k.clone(), counts_json(c))).collect::<serde_json::Map<_, _>>(),
            "false_positives": score.false_positives.iter().map(|(k, f)| json!({
                "key": k.to_string(), "file": f.file, "line": f.line, "column": f.column,
                "found": f.found, "message": f.message,
            })).collect::<Vec<_>>(),
            "misses": score.misses.iter().map(|(k, e, _)| json!({
                "key": k.to_string(), "found": e.found,
            })).collect::<Vec<_>>(),
            "redundant": score.redundant.len(),
            "duplicates": score.duplicates,
            "label_problems": problems,
        });
        println!("{}", pretty(&doc));
        return Ok(());
    }
    print_corpus_report(dir, names.len(), &expected, &run, &score);
    Ok(())
}

fn print_corpus_report(dir: &Path, articles: usize, expected: &Expected, run: &Run, s: &Score) {
    println!(
        "{}: {articles} articles, {} expected findings, {} reported (factdiff exit {})\n",
        dir.display(),
        expected.keys().len(),
        run.findings.len(),
        run.exit.map_or("-".to_string(), |c| c.to_string()),
    );
    print_table(
        "kind",
        KINDS
            .iter()
            .map(|k| {
                (
                    k.to_string(),
                    s.per_kind.get(*k).copied().unwrap_or_default(),
                )
            })
            .chain(std::iter::once(("all".to_string(), s.overall))),
    );
    println!("\nfalse positives ({}):", s.false_positives.len());
    for (key, f) in &s.false_positives {
        println!(
            "  {key}\n    at {}:{}:{} {:?}: {}",
            f.file, f.line, f.column, f.found, f.message
        );
    }
    println!("\nmisses ({}):", s.misses.len());
    for (key, e, near) in &s.misses {
        let words = e
            .found
            .as_deref()
            .map(|w| format!(" ({w:?})"))
            .unwrap_or_default();
        println!("  {key}{words}");
        for f in near {
            println!(
                "    reported instead: {} at {}:{}: {}",
                f.kind, f.line, f.column, f.message
            );
        }
    }
    if !s.redundant.is_empty() {
        println!(
            "\ncross-article findings restating a fact finding, not counted ({}):",
            s.redundant.len()
        );
        for (key, f) in &s.redundant {
            println!("  {key}: {}", f.message);
        }
    }
    if s.duplicates > 0 {
        println!(
            "\n{} duplicate findings (same key) were counted once",
            s.duplicates
        );
    }
}

fn print_table(first: &str, rows: impl Iterator<Item = (String, Counts)>) {
    println!(
        "{first:<16} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
        "tp", "fp", "fn", "precision", "recall", "f1"
    );
    for (name, c) in rows {
        println!(
            "{name:<16} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
            c.tp,
            c.fp,
            c.fn_,
            fmt_ratio(c.precision()),
            fmt_ratio(c.recall()),
            fmt_ratio(c.f1())
        );
    }
}

fn fmt_ratio(r: Option<f64>) -> String {
    r.map_or("-".to_string(), |r| format!("{r:.3}"))
}

fn counts_json(c: &Counts) -> Value {
    json!({
        "tp": c.tp, "fp": c.fp, "fn": c.fn_,
        "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
    })
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("a JSON value always serialises")
}

fn eval_vitaminc(bin: &Path, file: &Path, as_json: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let pairs = vitaminc::parse_pairs(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let tmp = tempfile::tempdir().map_err(|e| format!("cannot make a temp dir: {e}"))?;
    let mut score = vitaminc::PairScore::default();
    let mut failed_runs = 0;
    for (i, pair) in pairs.iter().enumerate() {
        // One directory and one run per pair: a single run over all pairs would compare
        // articles of different pairs with each other.
        let dir = tmp.path().join(format!("p{i:04}"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (name, side, body) in [
            (vitaminc::CLAIM_FILE, "claim", &pair.claim),
            (vitaminc::EVIDENCE_FILE, "evidence", &pair.evidence),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, vitaminc::article(pair, side, body))
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        let run = run_factdiff(bin, &[dir.as_os_str()])?;
        if run.problem.is_some() {
            failed_runs += 1;
        }
        let root = dir.display().to_string();
        score.add(pair, vitaminc::links(&run.findings, &root));
    }
    let refutes = pairs.iter().filter(|p| p.refutes()).count();

    if as_json {
        let doc = json!({
            "pairs": pairs.len(),
            "refutes": refutes,
            "failed_runs": failed_runs,
            "overall": counts_json(&score.overall),
            "per_phenomenon": score.per_phenomenon.iter().map(|(k, c)| (k.clone(), counts_json(c))).collect::<serde_json::Map<_, _>>(),
            "false_positives": score.false_positives.iter().map(|(id, f)| json!({
                "id": id, "kind": f.kind, "found": f.found, "message": f.message,
            })).collect::<Vec<_>>(),
            "misses": score.misses,
        });
        println!("{}", pretty(&doc));
        return Ok(());
    }
    println!(
        "{}: {} pairs ({refutes} REFUTES); a pair counts as flagged when a finding links its two articles",
        file.display(),
        pairs.len()
    );
    if failed_runs > 0 {
        println!("warning: {failed_runs} factdiff runs printed no JSON findings");
    }
    println!();
    print_table(
        "phenomenon",
        score
            .per_phenomenon
            .iter()
            .map(|(k, c)| (format!("{k} ({})", score.pairs_per_phenomenon[k]), *c))
            .chain(std::iter::once(("all".to_string(), score.overall))),
    );
    println!(
        "\nfalse positives: SUPPORTS pairs flagged ({}):",
        score.false_positives.len()
    );
    for (id, f) in &score.false_positives {
        println!("  {id} {} {:?}: {}", f.kind, f.found, f.message);
    }
    println!(
        "\nmisses: REFUTES pairs not flagged ({}):",
        score.misses.len()
    );
    for id in &score.misses {
        println!("  {id}");
    }
    Ok(())
}
