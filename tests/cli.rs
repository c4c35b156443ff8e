//! End-to-end tests of the `factdiff` binary on the fixtures: real CLI output, snapshotted.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

const KINDS: &[&str] = &["value-mismatch", "date-mismatch", "stance-conflict"];

fn factdiff() -> Command {
    let mut cmd = Command::cargo_bin("factdiff").expect("the binary is built for tests");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `check` on a case folder and returns (exit code, stdout). A case without a fact
/// file compares its articles with each other.
fn check(case: &Path, format: &str) -> (i32, String) {
    let mut cmd = factdiff();
    cmd.arg("check");
    let facts = case.join("facts.yaml");
    if Path::new(env!("CARGO_MANIFEST_DIR")).join(&facts).exists() {
        cmd.arg("--facts").arg(facts);
    }
    let out = cmd
        .arg(case)
        .args(["--format", format])
        .output()
        .expect("factdiff runs");
    let code = out.status.code().expect("exit code");
    (code, String::from_utf8(out.stdout).expect("UTF-8 output"))
}

fn cases(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(kind);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

fn relative(p: &Path) -> PathBuf {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .expect("inside the crate")
        .to_path_buf()
}

#[test]
fn every_fixture_fires_or_stays_silent_as_named() {
    let mut failures = Vec::new();
    for kind in KINDS {
        let all = cases(kind);
        assert!(
            all.iter().any(|c| c.ends_with_name("fires-")),
            "{kind}: no case that fires"
        );
        assert!(
            all.iter().any(|c| c.ends_with_name("silent-")),
            "{kind}: no silent case"
        );
        for case in all {
            let case = relative(&case);
            let (code, json) = check(&case, "json");
            let doc: Value = serde_json::from_str(&json).expect("JSON output");
            let findings = doc["findings"].as_array().expect("findings array");
            let kinds: Vec<&str> = findings
                .iter()
                .map(|f| f["kind"].as_str().unwrap_or("?"))
                .collect();
            let name = case
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let ok = if name.starts_with("fires-") {
                !kinds.is_empty() && kinds.iter().all(|k| k == kind) && code != 2
            } else {
                kinds.is_empty() && code == 0
            };
            if !ok {
                failures.push(format!(
                    "{}: exit {code}, findings {kinds:?}",
                    case.display()
                ));
            }
            let (_, human) = check(&case, "human");
            insta::assert_snapshot!(format!("{kind}__{name}"), human);
        }
    }
    assert!(
        failures.is_empty(),
        "fixtures not as named:\n{}",
        failures.join("\n")
    );
}

trait NamePrefix {
    fn ends_with_name(&self, prefix: &str) -> bool;
}

impl NamePrefix for PathBuf {
    fn ends_with_name(&self, prefix: &str) -> bool {
        self.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(prefix))
    }
}

#[test]
fn bundled_example_human() {
    let (code, out) = check(Path::new("fixtures/example"), "human");
    assert_eq!(code, 1, "the example has errors, so exit 1");
    insta::assert_snapshot!(out);
}

#[test]
fn bundled_example_json() {
    let (code, out) = check(Path::new("fixtures/example"), "json");
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).expect("JSON output");
    assert_eq!(doc["version"], 1);
    let found: Vec<(String, String, String)> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["kind"].as_str().unwrap_or_default().to_string(),
                f["fact"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let want = [
        (
            "fixtures/example/articles/daily-brief.md",
            "stance-conflict",
            "trump-putin-call",
        ),
        (
            "fixtures/example/articles/daily-brief.md",
            "value-mismatch",
            "russia-drones",
        ),
        (
            "fixtures/example/articles/daily-brief.md",
            "date-mismatch",
            "trump-zelensky-call",
        ),
        (
            "fixtures/example/articles/kremlin-view.html",
            "stance-conflict",
            "trump-putin-call",
        ),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into()))
        .collect();
    assert_eq!(found, want);
    insta::assert_snapshot!(out);
}

#[test]
fn missing_article_is_an_input_error_but_others_are_checked() {
    let out = factdiff()
        .args(["check", "--facts", "fixtures/example/facts.yaml"])
        .args([
            "fixtures/example/articles/daily-brief.md",
            "fixtures/no-such-article.md",
        ])
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["summary"]["articles"], 1);
    assert!(!doc["findings"].as_array().expect("findings").is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no-such-article.md")
            || doc["diagnostics"]
                .to_string()
                .contains("no-such-article.md")
    );
}

#[test]
fn explain_shows_what_each_sentence_holds_and_what_it_aligns_with() {
    let out = factdiff()
        .args(["explain", "--facts", "fixtures/example/facts.yaml"])
        .arg("fixtures/example/articles/daily-brief.md")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    // The number the check flags is read with its unit and aligned with its fact.
    assert!(
        text.contains("number: \"150 drones\" -> 150 drone"),
        "{text}"
    );
    assert!(text.contains("aligned: russia-drones"), "{text}");
    insta::assert_snapshot!(text);

    // --grep keeps only the sentences that hold the text.
    let out = factdiff()
        .args(["explain", "--grep", "DRONES"])
        .arg("fixtures/example/articles/daily-brief.md")
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(
        text.lines()
            .skip(1)
            .all(|l| !l.starts_with("fixtures/") || l.to_lowercase().contains("drones"))
    );
    assert!(
        !text.contains("aligned:"),
        "no fact file, no alignment: {text}"
    );

    // A missing article is an input error naming it.
    let out = factdiff()
        .args(["explain", "fixtures/no-such-article.md"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-article.md"));
}

#[test]
fn no_cross_leaves_the_comparison_between_articles_out() {
    let case = "fixtures/value-mismatch/fires-cross-beside-a-fact";
    let facts = format!("{case}/facts.yaml");
    let kinds = |extra: &[&str]| -> (i32, Vec<Value>) {
        let out = factdiff()
            .args([
                "check",
                "--no-config",
                "--format",
                "json",
                "--facts",
                &facts,
            ])
            .args(extra)
            .arg(case)
            .output()
            .expect("runs");
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let findings = doc["findings"].as_array().expect("findings").clone();
        (out.status.code().expect("exit code"), findings)
    };
    let (code, both) = kinds(&[]);
    assert_eq!(code, 1);
    assert_eq!(both.len(), 1, "{both:?}");
    assert!(
        both[0]["fact"].is_null(),
        "a finding between articles: {both:?}"
    );
    let (code, facts_only) = kinds(&["--no-cross"]);
    assert_eq!(code, 0);
    assert!(facts_only.is_empty(), "{facts_only:?}");

    // Without a fact file there is nothing left to check: a usage error that says so.
    let out = factdiff()
        .args(["check", "--no-config", "--no-cross", case])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-cross"));
}

/// The report is the same bytes whatever the number of threads: the development corpus (44
/// articles, several jobs in flight with `--no-cross`), against its facts alone and with the
/// comparison between articles, in JSON and as text. With the binary's main thread one of the
/// pool's, one thread means the main thread checks every article itself.
#[test]
fn reports_do_not_depend_on_the_number_of_threads() {
    let run = |threads: &str, extra: &[&str]| {
        let out = factdiff()
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--no-config", "--facts", "corpus/dev/facts.yaml"])
            .args(extra)
            .arg("corpus/dev/articles")
            .output()
            .expect("factdiff runs");
        (out.status.code(), out.stdout, out.stderr)
    };
    for extra in [
        &["--no-cross", "--format", "json"][..],
        &["--no-cross", "--color", "never"],
        &["--format", "json"],
    ] {
        let one = run("1", extra);
        assert_eq!(one.0, Some(1), "{extra:?}: findings");
        assert!(one.1.len() > 1000, "{extra:?}: a report");
        for threads in ["2", "3", "8"] {
            assert!(
                run(threads, extra) == one,
                "{extra:?}: {threads} threads differ from one"
            );
        }
    }
}
