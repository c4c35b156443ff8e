//! `cargo run --release --example bench -- [--quick | --articles N,...] [--facts-only]
//! [--runs N]`: times `factdiff check` on generated corpora of 1k, 10k and 100k articles
//! against 100, 1k and 10k facts, with and without a fact file, beside the floor of a plain
//! `rg -c -F -f aliases.txt` over the same files. A benchmark run by hand, not a test. See
//! docs/benchmarks.md.

#[path = "support/generate.rs"]
mod generate;

use clap::Parser;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

#[derive(Debug, Parser)]
#[command(name = "bench", about = "Speed of factdiff check on synthetic corpora")]
struct Args {
    /// Only 1k and 10k articles.
    #[arg(long, conflicts_with = "articles")]
    quick: bool,
    /// Corpus sizes to run, in articles (comma-separated; default 1000,10000,100000).
    #[arg(long, value_name = "N,...", value_delimiter = ',',
          value_parser = clap::value_parser!(u64).range(1..))]
    articles: Vec<u64>,
    /// Only the row of the speed target: 1k facts, `--no-cross`, against rg. With `--runs`,
    /// a quick way to see how far the ratio moves from one run to the next.
    #[arg(long)]
    facts_only: bool,
    /// Seed of the corpus generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Write the corpora here and keep them (default: a temp dir, removed at the end).
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
    /// Runs per row, factdiff and rg in turn: the table gives the median wall times and the
    /// highest peak RSS, so a moment of load on a shared machine moves a row less, and the
    /// lowest and highest ratio of one run's factdiff to the same turn's rg.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
}

const ARTICLES: [usize; 3] = [1_000, 10_000, 100_000];
const FACTS: [usize; 3] = [100, 1_000, 10_000];

/// One timed child process.
struct Measured {
    secs: f64,
    /// Peak resident set size in bytes.
    max_rss: u64,
    exit: Option<i32>,
}

/// The row's figures from several runs of one command: the median wall time (the mean of the
/// middle two for an even count), the highest peak RSS, the first exit code that is not 0 or 1
/// (an input error), else the last one.
fn summarise(runs: &[Measured]) -> Option<Measured> {
    let mut secs: Vec<f64> = runs.iter().map(|m| m.secs).collect();
    secs.sort_by(f64::total_cmp);
    let mid = secs.len() / 2;
    let median = match secs.len() {
        0 => return None,
        n if n % 2 == 1 => secs[mid],
        _ => (secs[mid - 1] + secs[mid]) / 2.0,
    };
    let exit = runs
        .iter()
        .map(|m| m.exit)
        .find(|e| !matches!(e, Some(0 | 1)))
        .unwrap_or_else(|| runs.last().and_then(|m| m.exit));
    Some(Measured {
        secs: median,
        max_rss: runs.iter().map(|m| m.max_rss).max().unwrap_or(0),
        exit,
    })
}

/// The ratio of each of factdiff's runs to rg's run in the same turn, lowest first.
fn turn_ratios(ours: &[Measured], floor: &[Measured]) -> Vec<f64> {
    let mut ratios: Vec<f64> = ours
        .iter()
        .zip(floor)
        .filter(|(_, rg)| rg.secs > 0.0)
        .map(|(run, rg)| run.secs / rg.secs)
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios
}

/// The corpus sizes to run: `--articles`, else 1k and 10k with `--quick`, else all three.
fn sizes(args: &Args) -> Vec<usize> {
    if !args.articles.is_empty() {
        args.articles.iter().map(|&n| n as usize).collect()
    } else if args.quick {
        ARTICLES[..2].to_vec()
    } else {
        ARTICLES.to_vec()
    }
}

/// The rows of one corpus: every fact file size with the comparison between articles (the
/// default), the middle one also with `--no-cross`, and no fact file at all; or with
/// `--facts-only` the `--no-cross` row alone.
fn row_kinds(facts_only: bool) -> Vec<(Option<usize>, bool)> {
    if facts_only {
        return vec![(Some(FACTS[1]), true)];
    }
    let mut kinds: Vec<(Option<usize>, bool)> = FACTS.iter().map(|&f| (Some(f), false)).collect();
    kinds.push((Some(FACTS[1]), true));
    kinds.push((None, false));
    kinds
}

/// Runs `program args`, stdout to `stdout` (or nowhere), and reads its own resource usage
/// with wait4, so the peak RSS is the child's and no one else's.
fn measure(program: &Path, args: &[OsString], stdout: Option<&Path>) -> Result<Measured, String> {
    let out = match stdout {
        Some(p) => {
            Stdio::from(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?)
        }
        None => Stdio::null(),
    };
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data that wait4 fills in; all-zero is a valid value of it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped (we never call `Child::wait`), and both
    // out-pointers point to live locals.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    if rc != pid {
        return Err(format!("wait4 failed for {}", program.display()));
    }
    let exit = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Ok(Measured {
        secs,
        // ru_maxrss is in kilobytes on Linux.
        max_rss: usage.ru_maxrss.max(0) as u64 * 1024,
        exit,
    })
}

fn factdiff_bin() -> PathBuf {
    match std::env::var_os("FACTDIFF_BIN") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/factdiff"),
    }
}

/// ripgrep on PATH, if installed.
fn find_rg() -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("rg"))
            .find(|p| p.is_file())
    })
}

/// Findings in a JSON v1 document, if the run printed one. Counted while the file is read,
/// without building the document: a child process starts with its parent's resident pages
/// counted in its peak RSS, so the bench must stay small between runs (a 100k-article report
/// parsed whole took 500 MB, which then showed in every later row).
fn count_findings(path: &Path) -> Option<usize> {
    use serde::de::{Deserialize, Deserializer, IgnoredAny, SeqAccess, Visitor};
    use std::fmt;

    /// The length of a sequence, its elements skipped.
    struct Count(usize);
    impl<'de> Deserialize<'de> for Count {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Count;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("an array")
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
                    let mut n = 0;
                    while seq.next_element::<IgnoredAny>()?.is_some() {
                        n += 1;
                    }
                    Ok(Count(n))
                }
            }
            d.deserialize_seq(V)
        }
    }

    /// The document's `findings`, counted; serde skips every other member unread.
    #[derive(serde::Deserialize)]
    struct Doc {
        findings: Option<Count>,
    }

    let file = std::io::BufReader::new(std::fs::File::open(path).ok()?);
    Some(serde_json::from_reader::<_, Doc>(file).ok()?.findings?.0)
}

struct Row {
    articles: usize,
    facts: Option<usize>,
    /// `--no-cross`: the fact file only, no comparison between articles.
    no_cross: bool,
    bytes: u64,
    run: Measured,
    findings: Option<usize>,
    rg: Option<Measured>,
    /// Each turn's factdiff over rg, lowest first ([`turn_ratios`]).
    ratios: Vec<f64>,
}

impl Row {
    /// The fact file's size, or "none".
    fn facts_label(&self) -> String {
        self.facts.map_or("none".to_string(), |f| f.to_string())
    }
}

fn print_row(r: &Row) {
    let mb = r.bytes as f64 / 1e6;
    let rg = r.rg.as_ref();
    println!(
        "| {:>8} | {:>6} | {:>11} | {:>6.1} | {:>8.2} | {:>10.0} | {:>7.1} | {:>11.1} | {:>8} | {:>4} | {:>6} | {:>7} | {:>13} |",
        r.articles,
        r.facts_label(),
        match (r.facts, r.no_cross) {
            (None, _) => "cross",
            (Some(_), false) => "facts+cross",
            (Some(_), true) => "facts",
        },
        mb,
        r.run.secs,
        r.articles as f64 / r.run.secs,
        mb / r.run.secs,
        r.run.max_rss as f64 / 1e6,
        r.findings.map_or("-".to_string(), |n| n.to_string()),
        r.run.exit.map_or("-".to_string(), |c| c.to_string()),
        rg.map_or("-".to_string(), |m| format!("{:.2}", m.secs)),
        rg.map_or("-".to_string(), |m| format!("{:.1}x", r.run.secs / m.secs)),
        // One turn's ratio is the row's: the range says something only over several.
        match (r.ratios.first(), r.ratios.last()) {
            (Some(lo), Some(hi)) if r.ratios.len() > 1 => format!("{lo:.1}x–{hi:.1}x"),
            _ => "-".to_string(),
        },
    );
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    // Read before the runs: the load average then is the machine's, not the bench's own.
    let machine = machine();
    let bin = factdiff_bin();
    if !bin.is_file() {
        return Err(format!(
            "no factdiff binary at {} (run `cargo build --release` first, or set FACTDIFF_BIN)",
            bin.display()
        ));
    }
    let rg = find_rg();
    if rg.is_none() {
        eprintln!("note: rg not found, the floor is skipped (Debian: apt-get install -y ripgrep)");
    }
    let tmp;
    let root = match &args.keep {
        Some(dir) => dir.clone(),
        None => {
            tmp = tempfile::tempdir().map_err(|e| format!("cannot make a temp dir: {e}"))?;
            tmp.path().to_path_buf()
        }
    };
    let sizes = sizes(args);
    let max_facts = *FACTS.iter().max().expect("FACTS is not empty");

    let mut rows = Vec::new();
    for &n in &sizes {
        let dir = root.join(format!("n{n}"));
        eprintln!(
            "generating {n} articles, {max_facts} facts in {} ...",
            dir.display()
        );
        let started = Instant::now();
        let (world, written) = generate::generate(&dir, args.seed, n, max_facts)
            .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        for &f in &FACTS {
            generate::write_facts(&dir.join(format!("facts-{f}.yaml")), &world, f)
                .and_then(|()| {
                    generate::write_aliases(&dir.join(format!("aliases-{f}.txt")), &world, f)
                })
                .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
        }
        eprintln!(
            "  {:.1} MB in {:.1} s",
            written.bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
        let articles = dir.join("articles");
        let out = dir.join("findings.json");
        for (facts, no_cross) in row_kinds(args.facts_only) {
            let mut a: Vec<OsString> = vec!["check".into()];
            if let Some(f) = facts {
                a.push("--facts".into());
                a.push(dir.join(format!("facts-{f}.yaml")).into());
            }
            if no_cross {
                a.push("--no-cross".into());
            }
            a.extend([articles.clone().into(), "--format".into(), "json".into()]);
            eprintln!(
                "  factdiff check, facts: {}{}",
                facts.map_or("none".into(), |f| f.to_string()),
                if no_cross { ", --no-cross" } else { "" }
            );
            // The floor: find every alias the fact file knows in every article, and nothing
            // else. Without a fact file, the floor uses every alias of the largest one.
            let aliases = dir.join(format!("aliases-{}.txt", facts.unwrap_or(max_facts)));
            let rg_args: [OsString; 5] = [
                "-c".into(),
                "-F".into(),
                "-f".into(),
                aliases.into(),
                articles.clone().into(),
            ];
            // factdiff and rg in turn, so that a spell of load falls on both.
            let (mut ours, mut floor) = (Vec::new(), Vec::new());
            for _ in 0..args.runs {
                ours.push(measure(&bin, &a, Some(&out))?);
                if let Some(rg) = &rg {
                    floor.push(measure(rg, &rg_args, None)?);
                }
            }
            let run = summarise(&ours).ok_or("no run")?;
            let rg_run = summarise(&floor);
            let ratios = turn_ratios(&ours, &floor);
            let findings = count_findings(&out);
            rows.push(Row {
                articles: n,
                facts,
                no_cross,
                bytes: written.bytes,
                run,
                findings,
                rg: rg_run,
                ratios,
            });
        }
    }

    println!("\nfactdiff: {}", bin.display());
    println!("machine: {machine}");
    if args.runs > 1 {
        println!(
            "{} runs per row, factdiff and rg in turn: median wall times, highest peak RSS, \
             lowest and highest ratio of one turn",
            args.runs
        );
    }
    if let Some(rg) = &rg {
        println!("floor: {} -c -F -f aliases.txt DIR", rg.display());
    }
    println!();
    println!(
        "| articles |  facts |     compare |     MB |   wall s | articles/s |    MB/s | peak RSS MB | findings | exit |   rg s |   vs rg |  turns vs rg |"
    );
    println!(
        "|---------:|-------:|------------:|-------:|---------:|-----------:|--------:|------------:|---------:|-----:|-------:|--------:|--------------:|"
    );
    for r in &rows {
        print_row(r);
    }
    if args.runs > 1 {
        println!("\nfactdiff / rg in each turn, lowest first:");
        for r in rows.iter().filter(|r| !r.ratios.is_empty()) {
            let ratios: Vec<String> = r.ratios.iter().map(|x| format!("{x:.1}")).collect();
            println!(
                "  {} articles, facts {}{}: {}",
                r.articles,
                r.facts_label(),
                if r.no_cross { ", --no-cross" } else { "" },
                ratios.join(" ")
            );
        }
    }
    if rows
        .iter()
        .any(|r| r.run.exit != Some(0) && r.run.exit != Some(1))
    {
        println!(
            "\nnote: rows whose exit is not 0 or 1 stopped on an input error: their times do not measure a full check"
        );
    }
    Ok(())
}

/// The processor, the threads the runs can use and the load average when the bench started:
/// ratios to rg move from one machine to another (a processor twice as fast at factdiff's
/// branchy work may be no faster at rg's reads), so a table says where it was measured.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| cpu_model(&text))
        .unwrap_or_else(|| "unknown processor".to_string());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .map_or(String::new(), |one| format!(", load average {one}"));
    format!("{cpu}, {threads} threads{load}")
}

/// The first `model name` in the text of /proc/cpuinfo.
fn cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "model name").then(|| value.trim().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(secs: f64, max_rss: u64, exit: Option<i32>) -> Measured {
        Measured {
            secs,
            max_rss,
            exit,
        }
    }

    #[test]
    fn rows_take_the_median_time_and_the_highest_memory() {
        let three = [
            m(3.0, 10, Some(1)),
            m(1.0, 30, Some(1)),
            m(2.0, 20, Some(1)),
        ];
        let s = summarise(&three).expect("runs");
        assert_eq!((s.secs, s.max_rss, s.exit), (2.0, 30, Some(1)));
        let four = [
            m(4.0, 1, Some(0)),
            m(1.0, 1, Some(0)),
            m(2.0, 1, Some(0)),
            m(3.0, 1, Some(0)),
        ];
        assert_eq!(summarise(&four).expect("runs").secs, 2.5);
        assert!(summarise(&[]).is_none());
    }

    #[test]
    fn an_input_error_in_any_run_shows() {
        let runs = [m(1.0, 1, Some(1)), m(1.0, 1, Some(2)), m(1.0, 1, Some(1))];
        assert_eq!(summarise(&runs).expect("runs").exit, Some(2));
        let killed = [m(1.0, 1, Some(0)), m(1.0, 1, None)];
        assert_eq!(summarise(&killed).expect("runs").exit, None);
    }

    #[test]
    fn each_turn_is_compared_with_its_own_floor() {
        let ours = [m(9.0, 1, Some(1)), m(8.0, 1, Some(1)), m(10.0, 1, Some(1))];
        let floor = [m(1.0, 1, Some(0)), m(0.5, 1, Some(0)), m(1.0, 1, Some(0))];
        assert_eq!(turn_ratios(&ours, &floor), vec![9.0, 10.0, 16.0]);
        // No floor (rg missing), or a floor too fast to time, gives no ratio.
        assert!(turn_ratios(&ours, &[]).is_empty());
        assert!(turn_ratios(&ours[..1], &[m(0.0, 1, Some(0))]).is_empty());
    }

    #[test]
    fn the_sizes_and_rows_follow_the_flags() {
        let args = |list: &[&str]| Args::parse_from(["bench"].iter().chain(list));
        assert_eq!(sizes(&args(&[])), vec![1_000, 10_000, 100_000]);
        assert_eq!(sizes(&args(&["--quick"])), vec![1_000, 10_000]);
        assert_eq!(
            sizes(&args(&["--articles", "100000,500"])),
            vec![100_000, 500]
        );
        assert!(Args::try_parse_from(["bench", "--articles", "0"]).is_err());
        assert!(Args::try_parse_from(["bench", "--quick", "--articles", "10"]).is_err());
        assert_eq!(row_kinds(true), vec![(Some(1_000), true)]);
        let all = row_kinds(false);
        assert_eq!(all.len(), 5);
        assert!(all.contains(&(Some(1_000), true)) && all.contains(&(None, false)));
    }

    #[test]
    fn the_processor_is_the_first_model_name() {
        let text = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Example CPU @ 2.10GHz\n\nprocessor\t: 1\nmodel name\t: Other\n";
        assert_eq!(cpu_model(text).as_deref(), Some("Example CPU @ 2.10GHz"));
        assert_eq!(cpu_model("processor\t: 0\n"), None);
        assert!(machine().contains("threads"));
    }
}
