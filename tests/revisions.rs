//! End-to-end tests of `factdiff diff` on fixtures/revisions/<case>/{old.md,new.md,facts.yaml}:
//! what each edit changed, what it fixed or introduced, the exit status, and snapshots of the
//! human and JSON output.

use assert_cmd::Command;
use serde_json::Value;

fn factdiff() -> Command {
    let mut cmd = Command::cargo_bin("factdiff").expect("the binary is built for tests");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `diff` on a case with its fact file; returns (exit code, stdout).
fn diff(case: &str, format: &str, with_facts: bool) -> (i32, String) {
    let dir = format!("fixtures/revisions/{case}");
    let mut cmd = factdiff();
    cmd.arg("diff");
    if with_facts {
        cmd.arg("--facts").arg(format!("{dir}/facts.yaml"));
    }
    let out = cmd
        .arg(format!("{dir}/old.md"))
        .arg(format!("{dir}/new.md"))
        .args(["--format", format])
        .output()
        .expect("factdiff runs");
    let code = out.status.code().expect("exit code");
    (code, String::from_utf8(out.stdout).expect("UTF-8 output"))
}

fn json(case: &str) -> (i32, Value) {
    let (code, text) = diff(case, "json", true);
    (code, serde_json::from_str(&text).expect("JSON output"))
}

const CASES: &[&str] = &[
    "attribution-dropped",
    "corrected-figure",
    "denial-added",
    "newly-wrong-date",
    "rewritten-figure",
    "unrelated-edit",
];

#[test]
fn snapshots_of_every_case() {
    for case in CASES {
        let (_, human) = diff(case, "human", true);
        insta::assert_snapshot!(format!("{case}__human"), human);
        let (_, json) = diff(case, "json", true);
        insta::assert_snapshot!(format!("{case}__json"), json);
    }
}

#[test]
fn corrected_figure_fixes_the_finding() {
    let (code, doc) = json("corrected-figure");
    assert_eq!(code, 0);
    assert_eq!(doc["version"], 1);
    let changes = doc["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    assert_eq!(c["kind"], "value");
    assert_eq!(c["old"]["found"], "150 drones");
    assert_eq!(c["new"]["found"], "145 drones");
    assert_eq!(
        (c["new"]["line"].as_u64(), c["new"]["column"].as_u64()),
        (Some(7), Some(14))
    );
    assert_eq!(c["fact"], "russia-drones");
    assert_eq!(c["status"], "fixed");
    assert_eq!(doc["summary"]["fixed"], 1);
    let (_, human) = diff("corrected-figure", "human", true);
    assert!(
        human.contains("Russia fired [-150-]{+145+} drones"),
        "{human}"
    );
    assert!(
        human.contains("value: 150 drones -> 145 drones (now agrees with russia-drones)"),
        "{human}"
    );
}

#[test]
fn newly_wrong_date_is_introduced_and_fails() {
    let (code, doc) = json("newly-wrong-date");
    assert_eq!(code, 1);
    let c = &doc["changes"][0];
    assert_eq!(c["kind"], "date");
    assert_eq!(c["status"], "introduced");
    assert_eq!(c["fact"], "trump-zelensky-call");
    assert_eq!(doc["findings"][0]["status"], "introduced");
    assert_eq!(doc["findings"][0]["severity"], "error");
    assert_eq!(doc["findings"][0]["old"], Value::Null);
}

#[test]
fn added_denial_is_a_stance_change() {
    let (code, doc) = json("denial-added");
    assert_eq!(code, 0);
    let changes = doc["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["claim"], "stance");
    assert_eq!(changes[0]["label"], "denial added");
    assert_eq!(changes[0]["new"]["shown"], "Dmitry Peskov denies");
}

#[test]
fn dropped_attribution_introduces_a_warning_only() {
    let (code, doc) = json("attribution-dropped");
    // A warning is reported but does not fail the review.
    assert_eq!(code, 0);
    assert_eq!(doc["changes"][0]["label"], "attribution dropped");
    assert_eq!(doc["changes"][0]["status"], "introduced");
    assert_eq!(doc["findings"][0]["severity"], "warning");
}

#[test]
fn rewritten_sentence_shows_the_figure_removed_and_added() {
    let (code, doc) = json("rewritten-figure");
    assert_eq!(code, 0);
    let kinds: Vec<&str> = doc["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    // The weekend moved into the new sentence unchanged: no date change.
    assert_eq!(kinds, vec!["removed", "added"]);
    assert_eq!(doc["changes"][0]["status"], "fixed");
    assert_eq!(doc["changes"][1]["status"], "agrees");
    assert_eq!(doc["changes"][1]["fact"], "russia-drones");
}

#[test]
fn unrelated_edit_is_silent() {
    let (code, doc) = json("unrelated-edit");
    assert_eq!(code, 0);
    assert_eq!(doc["changes"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn without_facts_changes_are_listed_and_the_exit_is_clean() {
    let (code, text) = diff("newly-wrong-date", "json", false);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&text).expect("JSON output");
    assert_eq!(doc["changes"][0]["kind"], "date");
    assert_eq!(doc["changes"][0]["status"], Value::Null);
    assert_eq!(doc["facts"], Value::Null);
}

#[test]
fn same_file_twice_changes_nothing() {
    let out = factdiff()
        .args([
            "diff",
            "fixtures/example/articles/daily-brief.md",
            "fixtures/example/articles/daily-brief.md",
            "--facts",
            "fixtures/example/facts.yaml",
        ])
        .output()
        .expect("factdiff runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("0 claims changed; findings: 0 fixed, 0 introduced, 3 unchanged"),
        "{text}"
    );
}

#[test]
fn input_errors_exit_2() {
    let missing = factdiff()
        .args([
            "diff",
            "fixtures/revisions/no-such/old.md",
            "fixtures/revisions/corrected-figure/new.md",
        ])
        .output()
        .expect("factdiff runs");
    assert_eq!(missing.status.code(), Some(2));
    let bad_date = factdiff()
        .args([
            "diff",
            "--published",
            "yesterday",
            "fixtures/revisions/corrected-figure/old.md",
            "fixtures/revisions/corrected-figure/new.md",
        ])
        .output()
        .expect("factdiff runs");
    assert_eq!(bad_date.status.code(), Some(2));
}
