//! Fact-file upkeep end to end: `lint` per problem kind (snapshots), self-tests refusing
//! `check`, `suggest` scenarios, and `update` dry runs, writes and refusals.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn factdiff(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("factdiff").expect("the binary is built for tests");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// (exit code, stdout, stderr)
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("factdiff runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

fn lint_case(case: &str, format: &str) -> (i32, String) {
    let dir = root().join("fixtures/lint").join(case);
    let (code, out, _) = run(factdiff(&dir).args(["lint", "facts.yaml", "--format", format]));
    (code, out)
}

#[test]
fn lint_reports_each_problem_kind_with_its_place() {
    let cases = [
        "bad-dates",
        "bad-value",
        "denied-without-denial",
        "disputed-sources",
        "duplicate-id",
        "many-problems",
        "shared-alias",
        "syntax",
        "test-failed",
        "unit-disagreement",
        "unit-read-alike",
        "unknown-entity",
        "unknown-keys",
    ];
    for case in cases {
        let (code, out) = lint_case(case, "human");
        assert_eq!(code, 1, "{case} must report problems:\n{out}");
        insta::assert_snapshot!(format!("lint__{case}"), out);
    }
    let (code, out) = lint_case("clean", "human");
    assert_eq!((code, out.as_str()), (0, "facts.yaml: no problems\n"));
}

#[test]
fn lint_reads_past_schema_errors_and_runs_the_tests_of_sound_facts() {
    let (code, out) = lint_case("many-problems", "json");
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).expect("JSON output");
    let codes: Vec<&str> = v["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["code"].as_str().expect("code"))
        .collect();
    // Schema problems, the loader's semantic ones, the rules and a self-test, all at once.
    for code in [
        "unknown-key",
        "schema",
        "duplicate-id",
        "unknown-entity",
        "inverted-date",
        "bad-date",
        "shared-alias",
        "disputed-sources",
        "unit-disagreement",
        "test-failed",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert_eq!(v["untested"], serde_json::json!(["call"]));
}

#[test]
fn lint_json_lists_every_unknown_key() {
    let (code, out) = lint_case("unknown-keys", "json");
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
}

#[test]
fn lint_exits_2_on_an_unreadable_file() {
    let (code, out, err) = run(factdiff(&root()).args(["lint", "fixtures/lint/nope.yaml"]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn check_refuses_a_fact_file_whose_self_tests_fail() {
    let (code, out, err) = run(factdiff(&root()).args([
        "check",
        "--facts",
        "fixtures/lint/test-failed/facts.yaml",
        "fixtures/update/rich/articles",
    ]));
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty());
    assert!(
        err.contains("fixtures/lint/test-failed/facts.yaml:19:17: self-test of `trump-putin-call` expects stance-conflict, nothing fired"),
        "{err}"
    );
    assert!(err.contains("run `factdiff lint`"), "{err}");
    // A file whose self-tests hold is accepted.
    let (code, _, err) = run(factdiff(&root()).args([
        "check",
        "--facts",
        "fixtures/lint/clean/facts.yaml",
        "fixtures/update/rich/articles",
    ]));
    assert_ne!(code, 2, "{err}");
}

fn suggest_json(case: &str) -> Vec<Value> {
    let dir = root().join("fixtures/suggest").join(case);
    let (code, out, err) = run(factdiff(&dir).args([
        "suggest",
        "--facts",
        "facts.yaml",
        "articles",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("JSON output");
    v["suggestions"].as_array().expect("a list").clone()
}

fn ids(list: &[Value]) -> Vec<&str> {
    list.iter().map(|s| s["id"].as_str().expect("id")).collect()
}

/// The number extractor is being finished on another branch; until it lands, a scenario about
/// figures has nothing to read.
fn numbers_extracted() -> bool {
    !factdiff::extract::numbers::extract_quantities("Russia launched 150 drones.").is_empty()
}

#[test]
fn suggest_proposes_a_corrected_toll_that_three_outlets_agree_on() {
    if !numbers_extracted() {
        eprintln!("skipped: the number extractor is not merged yet");
        return;
    }
    let list = suggest_json("corrected-toll");
    let stale = list
        .iter()
        .find(|s| s["id"] == "stale-value:russia-drones")
        .unwrap_or_else(|| panic!("no stale value in {:?}", ids(&list)));
    assert_eq!(stale["yaml"], "value: 150");
    let message = stale["message"].as_str().unwrap();
    assert!(
        message.starts_with("3 outlets (The Daily, Wire A, Wire B)"),
        "{message}"
    );
    let evidence = stale["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), 4, "{evidence:?}");
    let notes = stale["notes"].to_string();
    assert!(
        notes.contains("Early Bird"),
        "the old count is named: {notes}"
    );
}

#[test]
fn suggest_says_when_outlets_disagree_and_proposes_nothing() {
    if !numbers_extracted() {
        eprintln!("skipped: the number extractor is not merged yet");
        return;
    }
    let list = suggest_json("split-toll");
    assert!(
        !ids(&list).contains(&"stale-value:russia-drones"),
        "{:?}",
        ids(&list)
    );
    let d = list
        .iter()
        .find(|s| s["id"] == "disagreement:russia-drones:value")
        .unwrap_or_else(|| panic!("no disagreement in {:?}", ids(&list)));
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("150 (The Daily, Wire A, Wire B)"),
        "{message}"
    );
    assert!(message.contains("160 (Other Times)"), "{message}");
    assert!(d.get("yaml").is_none());
}

#[test]
fn suggest_finds_sources_status_aliases_and_new_facts_with_evidence() {
    let list = suggest_json("sources-and-aliases");
    let got = ids(&list);
    for want in [
        "new-source:trump-putin-call:peskov",
        "status-change:trump-putin-call",
        // The spelling as written, in lower case: what a user would type.
        "new-alias:kyiv:kiev",
        "new-alias:zelensky:zelenskij",
        "new-fact:putin-scholz-speak",
    ] {
        assert!(got.contains(&want), "missing {want} in {got:?}");
    }
    // Plain "said" by someone is not a new fact, and nothing about the attack is invented.
    assert!(
        !got.iter().any(|id| id.starts_with("new-fact:zelensky")),
        "{got:?}"
    );
    let source = &list[got
        .iter()
        .position(|i| *i == "new-source:trump-putin-call:peskov")
        .unwrap()];
    let ev = &source["evidence"][0];
    assert_eq!(ev["path"], "articles/kremlin.md");
    assert_eq!(ev["line"], 7);
    assert_eq!(ev["outlet"], "Wire A");
    assert_eq!(
        ev["sentence"],
        "Peskov denied that Trump spoke with Putin by phone."
    );
}

#[test]
fn suggest_proposes_one_new_fact_per_measure_with_the_majority_value() {
    if !numbers_extracted() {
        eprintln!("skipped: the number extractor is not merged yet");
        return;
    }
    let list = suggest_json("new-measure");
    // The four reports of the attack are one measure, whoever is named as the speaker; the
    // reply (other actor) is another.
    assert_eq!(
        ids(&list),
        [
            "new-fact:russia-ukraine-launch",
            "new-fact:ukraine-russia-launch"
        ]
    );
    let attack = &list[0];
    assert_eq!(attack["evidence"].as_array().map(Vec::len), Some(4));
    let yaml = attack["yaml"].as_str().expect("yaml");
    assert!(yaml.contains("value: 150\n"), "{yaml}");
    assert!(
        yaml.contains("unit: drones\n"),
        "the unit as written: {yaml}"
    );
    assert!(yaml.contains("about: [russia, ukraine]"), "{yaml}");
    let notes: Vec<&str> = attack["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        notes.contains(
            &"articles disagree: 150 (The Daily, Wire A, Wire B) vs 160 (Other Times); the value most outlets give, 150, is proposed"
        ),
        "{notes:?}"
    );
    let dir = root().join("fixtures/suggest/new-measure");
    let (code, out, _) = run(factdiff(&dir).args(["suggest", "--facts", "facts.yaml", "articles"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("suggest__new_measure", out);
}

/// Copies a fixture folder into a temporary directory.
fn scratch(fixture: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let from = root().join(fixture);
    std::fs::copy(from.join("facts.yaml"), tmp.path().join("facts.yaml")).expect("copy");
    std::fs::create_dir(tmp.path().join("articles")).expect("mkdir");
    for e in std::fs::read_dir(from.join("articles")).expect("articles") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, tmp.path().join("articles").join(p.file_name().unwrap())).expect("copy");
    }
    tmp
}

#[test]
fn update_is_a_dry_run_until_write_and_changes_only_the_intended_lines() {
    let tmp = scratch("fixtures/update/rich");
    let before = std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap();
    let args = [
        "update",
        "--facts",
        "facts.yaml",
        "articles",
        "--only",
        "new-source:trump-putin-call:peskov",
        "status-change:trump-putin-call",
    ];
    let (code, diff, err) = run(factdiff(tmp.path()).args(args));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("dry run"), "{err}");
    insta::assert_snapshot!(diff);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap(),
        before
    );

    // `suggest --format patch` shows the same diff for the same choice.
    let (_, patch, _) = run(factdiff(tmp.path()).args([
        "suggest",
        "--facts",
        "facts.yaml",
        "articles",
        "--format",
        "patch",
    ]));
    assert_eq!(patch, diff);

    let (code, written_diff, err) = run(factdiff(tmp.path()).args(args).arg("--write"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(written_diff, diff);
    let after = std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap();
    let changed: Vec<_> = similar::TextDiff::from_lines(&before, &after)
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| format!("{}{}", c.tag(), c.value().trim_end()))
        .collect();
    assert_eq!(
        changed,
        [
            "-    sources: [{ by: wapo, stance: asserts }]",
            "+    sources: [{ by: wapo, stance: asserts }, { by: peskov, stance: denies }]",
            "+    status: disputed",
        ]
    );
    // The updated file lints clean: the dispute names both sides.
    let (code, out, _) = run(factdiff(tmp.path()).args(["lint", "facts.yaml"]));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn update_refuses_to_write_when_more_than_the_intended_change_would_differ() {
    let tmp = scratch("fixtures/update/refused");
    let before = std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap();
    let (code, out, err) = run(factdiff(tmp.path()).args([
        "update",
        "--facts",
        "facts.yaml",
        "articles",
        "--only",
        "new-source:trump-putin-call:peskov",
        "--write",
    ]));
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("refusing to write")
            && err
                .contains("`sources` would be [peskov denies], not [wapo asserts, peskov denies]"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap(),
        before
    );
    let leftovers = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(leftovers, 2, "no temporary file is left behind");
}

#[test]
fn update_takes_alias_ids_as_spelled() {
    let tmp = scratch("fixtures/suggest/sources-and-aliases");
    let (code, out, err) = run(factdiff(tmp.path()).args([
        "update",
        "--facts",
        "facts.yaml",
        "articles",
        "--only",
        "new-alias:kyiv:kiev",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("+  kyiv: { name: Kyiv, aliases: [Kiev] }"),
        "{out}"
    );
}

#[test]
fn update_rejects_unknown_suggestion_ids() {
    let tmp = scratch("fixtures/update/rich");
    let (code, _, err) = run(factdiff(tmp.path()).args([
        "update",
        "--facts",
        "facts.yaml",
        "articles",
        "--only",
        "stale-value:nope",
    ]));
    assert_eq!(code, 2);
    assert!(
        err.contains("no applicable suggestion `stale-value:nope`"),
        "{err}"
    );
}

/// Runs `factdiff update` in a pseudo-terminal (`script`, from util-linux) with `answers` as
/// what the user types; `None` when there is no `script` command.
fn update_on_a_terminal(dir: &Path, answers: &str) -> Option<(bool, String)> {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` command to provide a terminal");
        return None;
    }
    let bin = env!("CARGO_BIN_EXE_factdiff");
    let mut child = std::process::Command::new("script")
        .args([
            "-qec",
            &format!("{bin} update --facts facts.yaml articles"),
            "/dev/null",
        ])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(answers.as_bytes()).expect("answers");
    }
    let out = child.wait_with_output().expect("finishes");
    let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
    Some((out.status.success(), text))
}

#[test]
fn update_asks_about_each_suggestion_on_a_terminal() {
    // Five suggestions, in order: new-source peskov, status-change, new-alias Kiev, new-alias
    // Zelenskij, new-fact. Accept the first; skip the second; answer "maybe" (asked again),
    // then skip the third; accept the fourth; quit at the fifth: the two accepted are applied.
    let tmp = scratch("fixtures/suggest/sources-and-aliases");
    let before = std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap();
    let Some((ok, text)) = update_on_a_terminal(tmp.path(), "y\nn\nmaybe\nn\ny\nq\n") else {
        return;
    };
    assert!(ok, "{text}");
    // Each question shows the evidence and the lines the change would make.
    assert!(
        text.contains("(1/5) new-source:trump-putin-call:peskov:"),
        "{text}"
    );
    assert!(
        text.contains("articles/kremlin.md:7 (Wire A, 2024-11-11): denies"),
        "{text}"
    );
    assert!(text.contains("  change:\n    @@"), "{text}");
    assert!(
        text.contains("apply? [y]es / [n]o / [q]uit, keeping the ones accepted so far"),
        "{text}"
    );
    // An answer that is not y, n or q asks again.
    assert!(
        text.contains("please answer y, n or q (not `maybe`)"),
        "{text}"
    );
    assert!(
        text.contains("(4/5) new-alias:zelensky:zelenskij:"),
        "{text}"
    );
    assert!(
        text.contains("stopped asking: the 2 suggestion(s) accepted so far will be applied; the other 1 are left out"),
        "{text}"
    );
    // The diff holds the two accepted changes and nothing else.
    let diff: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("--- a/facts.yaml"))
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        .collect();
    assert_eq!(diff.len(), 2, "{text}");
    assert!(
        diff.iter()
            .any(|l| l.contains("by: peskov, stance: denies")),
        "{text}"
    );
    assert!(diff.iter().any(|l| l.contains("Zelenskij")), "{text}");
    assert!(text.contains("dry run: 2 suggestion(s)"), "{text}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap(),
        before,
        "a dry run writes nothing"
    );
}

#[test]
fn update_quitting_before_accepting_anything_applies_nothing() {
    let tmp = scratch("fixtures/suggest/sources-and-aliases");
    let Some((ok, text)) = update_on_a_terminal(tmp.path(), "n\nq\n") else {
        return;
    };
    assert!(ok, "{text}");
    assert!(
        text.contains("stopped asking: the 0 suggestion(s)"),
        "{text}"
    );
    assert!(text.contains("nothing to apply"), "{text}");
    assert!(!text.contains("--- a/facts.yaml"), "{text}");
}

#[test]
fn update_refuses_a_status_change_without_the_denying_source() {
    let tmp = scratch("fixtures/update/rich");
    let before = std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap();
    let (code, out, err) = run(factdiff(tmp.path()).args([
        "update",
        "--facts",
        "facts.yaml",
        "articles",
        "--only",
        "status-change:trump-putin-call",
        "--write",
    ]));
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(
        err,
        "error: `status-change:trump-putin-call` would mark `trump-putin-call` disputed, but it \
         would have no source that denies; a disputed fact needs one on each side (`factdiff \
         lint` flags it); apply it together with `new-source:trump-putin-call:peskov`\n"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("facts.yaml")).unwrap(),
        before
    );
    // Together, they apply.
    let (code, out, err) = run(factdiff(tmp.path()).args([
        "update",
        "--facts",
        "facts.yaml",
        "articles",
        "--only",
        "status-change:trump-putin-call",
        "new-source:trump-putin-call:peskov",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("+    status: disputed"), "{out}");
}
