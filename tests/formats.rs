//! Every `--format` of `factdiff check` on the bundled example, snapshotted from the real
//! binary, and the options around the report: `-o`, `--fail-on`, `--min-severity`,
//! baselines (and their fingerprints surviving unrelated edits), inline suppressions, and
//! the SARIF log against the official SARIF 2.1.0 schema (see `tests/common/sarif.rs`).

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const FORMATS: &[&str] = &[
    "human", "json", "jsonl", "sarif", "github", "rdjsonl", "markdown",
];

/// The example's command line, after `check`.
const EXAMPLE: &[&str] = &[
    "--no-config",
    "--facts",
    "fixtures/example/facts.yaml",
    "fixtures/example/",
];

mod common;

fn factdiff(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("factdiff").expect("the binary is built for tests");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `factdiff check` with `args` in `dir`; returns (exit code, stdout).
fn check_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = factdiff(dir)
        .arg("check")
        .args(args)
        .output()
        .expect("factdiff runs");
    let code = out.status.code().expect("exit code");
    (code, String::from_utf8(out.stdout).expect("UTF-8 output"))
}

fn example(extra: &[&str]) -> (i32, String) {
    let mut args = EXAMPLE.to_vec();
    args.extend(extra);
    check_in(root(), &args)
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON output")
}

/// Keeps snapshots valid across version bumps.
fn without_version(text: &str) -> String {
    text.replace(
        &format!("\"semanticVersion\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"semanticVersion\": \"[version]\"",
    )
}

#[test]
fn every_format_of_the_example() {
    for format in FORMATS {
        let (code, out) = example(&["--format", format]);
        assert_eq!(code, 1, "{format}: three errors fail the check");
        insta::assert_snapshot!(format!("example__{format}"), without_version(&out));
    }
}

#[test]
fn the_example_has_four_findings_in_every_machine_format() {
    let (_, json) = example(&["--format", "json"]);
    assert_eq!(json_of(&json)["findings"].as_array().map(Vec::len), Some(4));
    let (_, jsonl) = example(&["--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), 4);
    let (_, rd) = example(&["--format", "rdjsonl"]);
    assert_eq!(rd.lines().count(), 4);
    let (_, gh) = example(&["--format", "github"]);
    assert_eq!(gh.lines().filter(|l| l.starts_with("::")).count(), 4);
    // GitHub shows only the first annotations of a step: errors come first.
    let lines: Vec<&str> = gh.lines().collect();
    let first_warning = lines.iter().position(|l| l.starts_with("::warning"));
    let last_error = lines.iter().rposition(|l| l.starts_with("::error"));
    assert!(last_error < first_warning, "{gh}");
    let (_, sarif) = example(&["--format", "sarif"]);
    assert_eq!(
        json_of(&sarif)["runs"][0]["results"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );
}

#[test]
fn output_file_holds_what_stdout_shows() {
    let dir = tempfile::tempdir().expect("temp dir");
    for format in FORMATS {
        let path = dir.path().join(format!("report.{format}"));
        let file = path.to_str().expect("UTF-8 path");
        let (code, stdout) = example(&["--format", format, "-o", file]);
        assert_eq!(code, 1, "{format}");
        assert!(stdout.is_empty(), "{format}: nothing on stdout with -o");
        let (_, expected) = example(&["--format", format]);
        let written = std::fs::read_to_string(&path).expect("report written");
        assert_eq!(written, expected, "{format}");
    }
}

#[test]
fn fail_on_and_min_severity_decide_exit_and_view_separately() {
    assert_eq!(example(&["--fail-on", "never"]).0, 0);
    assert_eq!(example(&["--fail-on", "warning"]).0, 1);
    assert_eq!(example(&["--fail-on", "error"]).0, 1);
    // Showing only errors hides the warning but keeps the failure.
    let (code, out) = example(&["--min-severity", "error", "--format", "json"]);
    assert_eq!(code, 1);
    let doc = json_of(&out);
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 3);
    assert!(findings.iter().all(|f| f["severity"] == "error"));
    // Hiding everything shown still fails on what was found.
    let (code, _) = example(&["--min-severity", "error", "--fail-on", "warning"]);
    assert_eq!(code, 1);
    let (code, _) = example(&["--min-severity", "error", "--fail-on", "never"]);
    assert_eq!(code, 0);
    // A usage error is exit 2.
    assert_eq!(example(&["--fail-on", "sometimes"]).0, 2);
}

#[test]
fn baseline_hides_everything_it_records() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().join("baseline.json");
    let b = base.to_str().expect("UTF-8 path");
    let (code, _) = example(&["--write-baseline", b]);
    assert_eq!(code, 1, "writing a baseline still reports");
    let (code, out) = example(&["--baseline", b]);
    assert_eq!(code, 0);
    assert!(
        out.contains("4 known findings hidden by the baseline"),
        "{out}"
    );
    let (_, out) = example(&["--baseline", b, "--format", "json"]);
    let doc = json_of(&out);
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["summary"]["baselined"], 4);
}

/// Copies `fixtures/example` into a fresh temporary folder (as `example/`).
fn copy_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let to = dir.path().join("example");
    copy_dir(&root().join("fixtures/example"), &to);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// Inserts `text` into `file` right before the first occurrence of `before`.
fn insert_before(file: &Path, before: &str, text: &str) {
    let source = std::fs::read_to_string(file).expect("read article");
    let at = source.find(before).expect("anchor text is in the article");
    let edited = format!("{}{text}{}", &source[..at], &source[at..]);
    std::fs::write(file, edited).expect("write article");
}

const COPY: &[&str] = &["--no-config", "--facts", "example/facts.yaml", "example/"];

fn in_copy(dir: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = COPY.to_vec();
    args.extend(extra);
    check_in(dir, &args)
}

#[test]
fn fingerprints_survive_an_unrelated_paragraph_above() {
    let dir = copy_example();
    let (code, _) = in_copy(dir.path(), &["--write-baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let brief = dir.path().join("example/articles/daily-brief.md");
    insert_before(
        &brief,
        "Donald Trump spoke with Putin",
        "Markets in Asia opened quietly on Tuesday as traders waited for news from Washington.\n\n",
    );
    // The findings moved down two lines...
    let (_, out) = in_copy(dir.path(), &["--format", "json"]);
    let doc = json_of(&out);
    let lines: Vec<u64> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"] == "example/articles/daily-brief.md")
        .filter_map(|f| f["line"].as_u64())
        .collect();
    assert_eq!(lines, vec![9, 12, 15], "{out}");
    // ...and the baseline still knows every one of them.
    let (code, out) = in_copy(
        dir.path(),
        &["--baseline", "baseline.json", "--format", "json"],
    );
    assert_eq!(code, 0, "{out}");
    let doc = json_of(&out);
    assert_eq!(doc["findings"].as_array().map(Vec::len), Some(0));
    assert_eq!(doc["summary"]["baselined"], 4);
}

#[test]
fn inline_suppression_hides_its_finding_and_unused_ones_are_reported() {
    let dir = copy_example();
    let brief = dir.path().join("example/articles/daily-brief.md");
    insert_before(
        &brief,
        "Russia fired 150 drones",
        "<!-- factdiff: ignore[russia-drones] known wrong -->\n",
    );
    insert_before(
        &brief,
        "The White House plans",
        "<!-- factdiff: ignore[ukraine-aid] the figure is right -->\n",
    );
    let (code, out) = in_copy(dir.path(), &["--format", "json"]);
    // The date and stance errors remain.
    assert_eq!(code, 1);
    let doc = json_of(&out);
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 3);
    assert!(
        findings.iter().all(|f| f["fact"] != "russia-drones"),
        "{out}"
    );
    assert_eq!(doc["summary"]["suppressed"], 1);
    let diagnostics = doc["diagnostics"].as_array().expect("diagnostics");
    let unused: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.contains("ukraine-aid"))
        })
        .collect();
    assert_eq!(unused.len(), 1, "{out}");
    assert_eq!(unused[0]["severity"], "info");
    assert_eq!(unused[0]["file"], "example/articles/daily-brief.md");
    // Nothing is said about the suppression that was used.
    assert!(
        !diagnostics.iter().any(|d| d["message"]
            .as_str()
            .is_some_and(|m| m.contains("russia-drones"))),
        "{out}"
    );
    let (_, human) = in_copy(dir.path(), &[]);
    insta::assert_snapshot!("suppressed__human", human);
}

#[test]
fn sarif_of_the_example_validates_against_the_official_schema() {
    let (_, out) = example(&["--format", "sarif"]);
    let doc = json_of(&out);
    common::sarif::assert_valid(&doc);
    let results = doc["runs"][0]["results"].as_array().expect("results");
    for r in results {
        assert!(r["partialFingerprints"].is_object(), "{r}");
        assert_eq!(
            r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "fixtures/example/facts.yaml"
        );
    }
    // The schema rejects a broken log, so passing means something.
    let mut broken = doc;
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!common::sarif::schema_errors(&broken).is_empty());
}

/// Articles with input problems: a path that does not exist, invalid UTF-8 (line 1, column
/// 24), a front-matter `published` that is no date (line 3, column 12).
const BROKEN_INPUTS: &[&str] = &[
    "--no-config",
    "fixtures/hostile/articles/invalid-utf8.txt",
    "fixtures/hostile/articles/front-matter-bad-date.md",
    "fixtures/hostile/articles/gone.md",
];

#[test]
fn diagnostics_reach_every_machine_format_with_their_places() {
    for format in ["json", "jsonl", "rdjsonl", "github"] {
        let mut args = BROKEN_INPUTS.to_vec();
        args.extend(["--format", format]);
        let out = factdiff(root())
            .arg("check")
            .args(&args)
            .output()
            .expect("factdiff runs");
        assert_eq!(out.status.code(), Some(2), "{format}: an unreadable path");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        // The report carries them; stderr says why the run failed, for people.
        assert_eq!(
            stderr, "error: fixtures/hostile/articles/gone.md: no such file or directory\n",
            "{format}"
        );
        insta::assert_snapshot!(format!("diagnostics__{format}"), stdout);
    }
    // In JSON lines, a diagnostic is typed and a finding is not.
    let mut args = BROKEN_INPUTS.to_vec();
    args.extend(["--format", "jsonl"]);
    let (_, out) = check_in(root(), &args);
    for line in out.lines() {
        let v = json_of(line);
        assert_eq!(v["type"], "diagnostic", "{line}");
        assert!(v.get("fingerprint").is_none(), "{line}");
    }
}

#[test]
fn a_baseline_matches_however_the_paths_are_written() {
    let dir = copy_example();
    let (code, _) = in_copy(dir.path(), &["--write-baseline", "baseline.json"]);
    assert_eq!(code, 1);
    let written = std::fs::read_to_string(dir.path().join("baseline.json")).expect("baseline");
    assert!(
        written.contains("\"file\": \"example/articles/daily-brief.md\""),
        "{written}"
    );
    let abs = dir.path().join("example");
    let abs = abs.to_str().expect("UTF-8 path");
    let abs_facts = dir.path().join("example/facts.yaml");
    let abs_facts = abs_facts.to_str().expect("UTF-8 path");
    for args in [
        vec!["--facts", "./example/facts.yaml", "./example/"],
        vec!["--facts", abs_facts, abs],
        vec!["--facts", "example/facts.yaml", "example/articles/../"],
    ] {
        let mut all = vec![
            "--no-config",
            "--baseline",
            "baseline.json",
            "--format",
            "json",
        ];
        all.extend(&args);
        let (code, out) = check_in(dir.path(), &all);
        assert_eq!(code, 0, "{args:?}: {out}");
        assert_eq!(json_of(&out)["summary"]["baselined"], 4, "{args:?}");
    }
    // From inside the folder, with the baseline one level up.
    let (code, out) = check_in(
        &dir.path().join("example"),
        &[
            "--no-config",
            "--baseline",
            "../baseline.json",
            "--format",
            "json",
            "--facts",
            "facts.yaml",
            ".",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(json_of(&out)["summary"]["baselined"], 4);
}

#[test]
fn cross_article_fingerprints_do_not_depend_on_how_paths_are_written() {
    let case = "fixtures/value-mismatch/fires-cross-one-outlier";
    let fingerprints = |dir: &Path, path: &str| -> Vec<String> {
        let (_, out) = check_in(dir, &["--no-config", "--format", "json", path]);
        json_of(&out)["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["fingerprint"].as_str().expect("fingerprint").to_string())
            .collect()
    };
    let plain = fingerprints(root(), case);
    assert!(!plain.is_empty());
    assert_eq!(fingerprints(root(), &format!("./{case}/")), plain);
    let abs = root().join(case);
    assert_eq!(
        fingerprints(root(), abs.to_str().expect("UTF-8 path")),
        plain
    );
    assert_eq!(fingerprints(&root().join(case), "."), plain);
}

#[test]
fn review_formats_name_paths_from_the_repository_root_wherever_factdiff_runs() {
    // From inside the example's folder: human and JSON keep paths as given...
    let here = root().join("fixtures/example");
    let run = |format: &str| {
        check_in(
            &here,
            &[
                "--no-config",
                "--facts",
                "facts.yaml",
                ".",
                "--format",
                format,
            ],
        )
        .1
    };
    let json = json_of(&run("json"));
    assert_eq!(json["findings"][0]["file"], "./articles/daily-brief.md");
    // ...while github, rdjsonl and SARIF name them from the repository root, so annotations
    // anchor on the pull request's files.
    let github = run("github");
    assert!(
        github.contains("::error file=fixtures/example/articles/daily-brief.md,line=10,"),
        "{github}"
    );
    assert!(
        github.contains("see fixtures/example/facts.yaml:38"),
        "{github}"
    );
    let rd = run("rdjsonl");
    let first = json_of(rd.lines().next().expect("a line"));
    assert_eq!(
        first["location"]["path"],
        "fixtures/example/articles/daily-brief.md"
    );
    let sarif = json_of(&run("sarif"));
    common::sarif::assert_valid(&sarif);
    let at =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(at["uri"], "fixtures/example/articles/daily-brief.md");
    assert_eq!(at["uriBaseId"], "%SRCROOT%");
    // The same report as from the root, but for the paths the other formats keep as given.
    assert_eq!(
        without_version(&run("sarif")),
        without_version(&example(&["--format", "sarif"]).1)
    );
}

#[test]
fn sarif_with_input_problems_validates_against_the_official_schema() {
    let mut args = BROKEN_INPUTS.to_vec();
    args.extend(["--format", "sarif"]);
    let (code, out) = check_in(root(), &args);
    assert_eq!(code, 2);
    let doc = json_of(&out);
    common::sarif::assert_valid(&doc);
    let notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 3);
    assert_eq!(
        notes[2]["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}

#[test]
fn hidden_findings_that_fail_the_run_are_said() {
    // One warning, shown only from --min-severity warning, failing with --fail-on warning.
    let out = factdiff(root())
        .args([
            "check",
            "--no-config",
            "fixtures/stance-conflict/fires-cross-dispute",
        ])
        .args(["--min-severity", "error", "--fail-on", "warning"])
        .output()
        .expect("factdiff runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        stdout,
        "3 articles, 0 facts: 0 errors, 0 warnings; 1 finding below --min-severity not shown\n"
    );
    assert_eq!(
        String::from_utf8(out.stderr).expect("UTF-8"),
        "note: exit status 1: --fail-on warning counts findings that --min-severity error does not show\n"
    );
    let (_, json) = check_in(
        root(),
        &[
            "--no-config",
            "fixtures/stance-conflict/fires-cross-dispute",
            "--min-severity",
            "error",
            "--format",
            "json",
        ],
    );
    assert_eq!(json_of(&json)["summary"]["below_min_severity"], 1);
}

#[test]
fn markdown_neither_mentions_anyone_nor_shows_stray_backslashes() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        root().join("fixtures/example/facts.yaml"),
        dir.path().join("facts.yaml"),
    )
    .expect("copy facts");
    std::fs::write(
        dir.path().join("a|b.md"),
        "---\noutlet: Pipe | Post\npublished: 2024-11-12\n---\n\n\
         Russia fired 150 drones into Ukraine over the weekend, @octocat wrote | somewhere.\n",
    )
    .expect("write article");
    let (code, out) = check_in(
        dir.path(),
        &[
            "--no-config",
            "--facts",
            "facts.yaml",
            "a|b.md",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(code, 1, "{out}");
    // `@` is followed by a zero-width joiner: no notification, same look.
    assert!(out.contains("@\u{200D}octocat"), "{out}");
    assert!(!out.contains("@octocat"), "{out}");
    // In the table the pipe is escaped; in the finding's place it is not.
    assert!(out.contains("| `a\\|b.md` | 1 | 0 | 0 |"), "{out}");
    assert!(out.contains("`a|b.md:6:14`"), "{out}");
    insta::assert_snapshot!("markdown__mentions_and_pipes", out);
}

#[test]
fn unused_suppression_targets_and_ignore_entries_are_reported_as_info() {
    let dir = copy_example();
    let brief = dir.path().join("example/articles/daily-brief.md");
    // Used for the date, unused for the drones (that finding is in another sentence).
    insert_before(
        &brief,
        "Trump also held a call",
        "<!-- factdiff: ignore[date-mismatch, russia-drones] the aides misspoke -->\n",
    );
    // Northwind Wire has no finding on `russia-drones`; no article of Southgate Times was
    // checked, so that entry says nothing.
    let facts = dir.path().join("example/facts.yaml");
    let text = std::fs::read_to_string(&facts).expect("facts");
    let text = text.replacen(
        "    unit: drones\n",
        "    unit: drones\n    ignore: [Northwind Wire, Southgate Times]\n",
        1,
    );
    std::fs::write(&facts, text).expect("write facts");
    let (code, out) = in_copy(dir.path(), &["--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let doc = json_of(&out);
    let infos: Vec<(String, Value, Value)> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "info")
        .map(|d| {
            (
                d["message"].as_str().unwrap_or_default().to_string(),
                d["file"].clone(),
                d["line"].clone(),
            )
        })
        .collect();
    assert_eq!(infos.len(), 2, "{infos:#?}");
    assert_eq!(
        infos[0].0,
        "unused suppression target `russia-drones` in `ignore[date-mismatch, russia-drones]`: \
         no such finding in the text it covers"
    );
    assert_eq!(infos[0].1, "example/articles/daily-brief.md");
    assert_eq!(
        infos[1].0,
        "example/facts.yaml:40:14: unused `ignore` entry `Northwind Wire` of fact \
         `russia-drones`: no finding on it in the 2 articles from that outlet"
    );
    assert_eq!(
        (&infos[1].1, &infos[1].2),
        (&Value::from("example/facts.yaml"), &Value::from(40))
    );
    let (_, human) = in_copy(dir.path(), &[]);
    insta::assert_snapshot!("unused_suppressions__human", human);
}

#[test]
fn the_ready_workflow_is_yaml_that_installs_lints_and_comments_by_marker() {
    let text = std::fs::read_to_string(root().join("docs/factdiff.yml")).expect("workflow");
    let doc: Value = serde_saphyr::from_str(&text).expect("the workflow is YAML");
    let steps = doc["jobs"]["factdiff"]["steps"].as_array().expect("steps");
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step {name}"))
    };
    let run = |name: &str| step(name)["run"].as_str().expect("run").to_string();
    // factdiff comes from a named repository (or this one, when it is factdiff's own).
    assert_eq!(
        step("Fetch factdiff's source")["with"]["repository"],
        "${{ vars.FACTDIFF_REPOSITORY }}"
    );
    assert!(run("Install factdiff").contains("cargo install --locked --path .factdiff-src"));
    // The fact file is linted when it changes, and then every article is checked.
    assert!(run("Lint the fact file").contains("factdiff lint \"$FACTS\""));
    assert!(run("What changed").contains("echo \"$ARTICLES\" > changed.txt"));
    // The comment is found again by its hidden marker, not by being the last one.
    let comment = run("Comment");
    assert!(comment.contains("marker='<!-- factdiff -->'"), "{comment}");
    assert!(!text.contains("--edit-last"));
}
