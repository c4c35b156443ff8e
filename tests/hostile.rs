//! Hostile and broken input: the real binary on nasty files never panics, never drops an
//! article silently, and every refusal names the file, the place and the reason.
//!
//! Committed inputs live in `fixtures/hostile/`; large or machine-specific ones (a 10 MB line,
//! a 200 MB sparse file, symbolic link loops, non-UTF-8 names) are made in a temporary
//! directory by the test that needs them.

use assert_cmd::Command;
use factdiff::article::ArticleId;
use factdiff::extract::{self, entities::EntityMatcher};
use factdiff::load::{self, LoadOptions};
use serde_json::Value;
use std::path::{Path, PathBuf};

const HOSTILE: &str = "fixtures/hostile";

fn factdiff() -> Command {
    let mut cmd = Command::cargo_bin("factdiff").expect("the binary is built for tests");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    cmd
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(HOSTILE).join(rel)
}

/// What one run of `check --format json` said.
struct Run {
    code: i32,
    doc: Value,
    stderr: String,
}

impl Run {
    fn diagnostics(&self) -> Vec<String> {
        self.doc["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|d| d.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn articles(&self) -> u64 {
        self.doc["summary"]["articles"].as_u64().unwrap_or(u64::MAX)
    }
}

/// Runs `factdiff check --format json` with `args`; fails on a panic or a signal.
fn check(args: &[&std::ffi::OsStr]) -> Run {
    let out = factdiff()
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("factdiff runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let code = out.status.code().expect("exited, not killed by a signal");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let doc = if stdout.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
    };
    Run { code, doc, stderr }
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// Checks one article against the hostile fact file.
fn check_article(article: &Path) -> Run {
    let facts = fixture("facts.yaml");
    check(&[
        os("--facts"),
        facts.as_os_str(),
        os("--published"),
        os("2024-11-11"),
        article.as_os_str(),
    ])
}

/// Asserts exactly one diagnostic, which contains every one of `parts`.
fn assert_one_diagnostic(run: &Run, parts: &[&str]) {
    let d = run.diagnostics();
    assert_eq!(d.len(), 1, "diagnostics: {d:#?}");
    for part in parts {
        assert!(d[0].contains(part), "`{part}` missing from: {}", d[0]);
    }
}

#[test]
fn each_hostile_article_is_read_or_skipped_with_a_located_reason() {
    // (file, articles read, the one warning's parts: file, place, reason) — no parts: silent.
    let cases: &[(&str, u64, &[&str])] = &[
        (
            "invalid-utf8.txt",
            1,
            &[
                "warning: ",
                "invalid-utf8.txt: ",
                "offset 23",
                "not valid UTF-8",
            ],
        ),
        ("utf16-le-bom.txt", 1, &[]),
        ("utf16-be-bom.md", 1, &[]),
        (
            "utf16-lone-surrogate.txt",
            1,
            &[
                "utf16-lone-surrogate.txt: ",
                "byte offset 10",
                "not valid UTF-16",
            ],
        ),
        (
            "nul-bytes.txt",
            0,
            &[
                "warning: ",
                "nul-bytes.txt: ",
                "offset 15",
                "binary",
                "skipped",
            ],
        ),
        (
            "binary.html",
            0,
            &["binary.html: ", "offset 8", "binary", "skipped"],
        ),
        ("malformed.html", 1, &[]),
        (
            "front-matter-unclosed.md",
            1,
            &["front-matter-unclosed.md: 1:1: ", "never closed"],
        ),
        (
            "front-matter-not-yaml.md",
            1,
            &["front-matter-not-yaml.md: 2:8: ", "invalid front matter"],
        ),
        (
            "front-matter-bad-date.md",
            1,
            &[
                "front-matter-bad-date.md: 3:12: ",
                "`2024-02-30`",
                "ignored",
            ],
        ),
        ("rtl-combining.txt", 1, &[]),
        ("zero-width.md", 1, &[]),
        ("dashes-quotes.txt", 1, &[]),
    ];
    for (name, read, parts) in cases {
        let run = check_article(&fixture(&format!("articles/{name}")));
        assert_eq!(run.code, 0, "{name}: warnings do not fail the run");
        assert_eq!(run.articles(), *read, "{name}");
        if parts.is_empty() {
            assert!(
                run.diagnostics().is_empty(),
                "{name}: {:?}",
                run.diagnostics()
            );
        } else {
            assert_one_diagnostic(&run, parts);
        }
    }
}

#[test]
fn the_whole_hostile_folder_is_checked_in_one_run() {
    let run = check_article(&fixture("articles"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.articles(), 11, "every readable article is kept");
    assert_eq!(run.diagnostics().len(), 7, "{:#?}", run.diagnostics());
}

#[test]
fn decoded_text_keeps_every_character() {
    let opts = LoadOptions::default();
    let read = |name: &str| {
        let p = fixture(&format!("articles/{name}"));
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(p);
        load::read_article(&p, name, ArticleId(0), &opts)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .0
    };
    assert_eq!(
        read("utf16-le-bom.txt").text,
        "Russia launched 145 drones at Ukraine on Sunday.\n"
    );
    assert_eq!(
        read("utf16-be-bom.md").text,
        "Drones\n\nRussia launched 145 drones at Ukraine."
    );
    let a = read("invalid-utf8.txt");
    assert!(a.text.contains("145 caf\u{FFFD} drones"), "{}", a.text);
    // Zero-width and bidi characters are kept as written: the loader never edits prose.
    for (name, needle) in [
        ("zero-width.md", "1\u{200B}45"),
        ("rtl-combining.txt", "\u{202E}Russia"),
        ("dashes-quotes.txt", "140\u{2013}150"),
    ] {
        assert!(read(name).text.contains(needle), "{name}");
    }
}

#[test]
fn extractors_keep_spans_on_char_boundaries_in_hostile_text() {
    let facts = load::read_fact_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture("facts.yaml")),
        "facts.yaml",
    )
    .expect("valid fact file");
    let matcher = EntityMatcher::new(Some(&facts));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture("articles"));
    for entry in std::fs::read_dir(&dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        let Ok((article, _)) = load::read_article(
            &path,
            &path.display().to_string(),
            ArticleId(0),
            &LoadOptions::default(),
        ) else {
            continue;
        };
        let claims = extract::extract(&article, &matcher);
        let text = &article.text;
        let ok = |s: factdiff::span::Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        for s in &claims.sentences {
            assert!(ok(s.span), "{}: sentence {:?}", path.display(), s.span);
            let spans = s
                .tokens
                .iter()
                .map(|t| t.span)
                .chain(s.mentions.iter().map(|m| m.span))
                .chain(s.stances.iter().map(|c| c.span))
                .chain(s.quantities.iter().map(|q| q.span))
                .chain(s.quantities.iter().filter_map(|q| q.unit_span))
                .chain(s.dates.iter().map(|d| d.span));
            for span in spans {
                assert!(
                    ok(span) && s.span.contains(span),
                    "{}: {span:?} outside {:?}",
                    path.display(),
                    s.span
                );
            }
        }
        // Source spans (where the report points) stay inside the source, too.
        for s in &claims.sentences {
            let src = article.source_span(s.span);
            assert!(src.end <= article.source.len(), "{}", path.display());
        }
    }
}

#[test]
fn each_hostile_fact_file_is_refused_with_file_place_and_reason() {
    // (file, line:column, class, reason)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("alias-bomb.yaml", "2:1", "schema error", "unknown key `a`"),
        (
            "alias-bomb-in-schema.yaml",
            "10:15",
            "schema error",
            "expected string",
        ),
        (
            "many-aliases.yaml",
            "8:4016",
            "safety limit",
            "aliases expand too much",
        ),
        (
            "deep-flow.yaml",
            "3:67",
            "safety limit",
            "nested too deeply",
        ),
        ("deep-block.yaml", "7:9", "schema error", "expected string"),
        (
            "infinite-number.yaml",
            "8:12",
            "schema error",
            "out of range",
        ),
        ("tiny-number.yaml", "8:12", "invalid fact file", "too small"),
        (
            "twenty-digits.yaml",
            "8:12",
            "invalid fact file",
            "significant digits",
        ),
        (
            "zero-date.yaml",
            "8:11",
            "invalid fact file",
            "`0000-00-00` is not a calendar date",
        ),
        (
            "feb-30.yaml",
            "8:11",
            "invalid fact file",
            "`2024-02-30` is not a calendar date",
        ),
        (
            "duplicate-key.yaml",
            "8:5",
            "YAML syntax error",
            "duplicate key `claim`",
        ),
        ("tabs.yaml", "3:2", "YAML syntax error", "tabs"),
        ("article.yaml", "1:1", "schema error", "expected mapping"),
    ];
    let article = fixture("articles/dashes-quotes.txt");
    for (name, place, class, reason) in cases {
        let path = fixture(&format!("facts/{name}"));
        let started = std::time::Instant::now();
        let run = check(&[os("--facts"), path.as_os_str(), article.as_os_str()]);
        assert!(
            started.elapsed().as_secs() < 20,
            "{name}: limits must fail fast"
        );
        assert_eq!(run.code, 2, "{name}");
        let want = format!("{}:{place}: ", path.display());
        assert!(run.stderr.starts_with("error: "), "{name}: {}", run.stderr);
        for part in [want.as_str(), class, reason] {
            assert!(
                run.stderr.contains(part),
                "{name}: `{part}` missing: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn huge_but_finite_numbers_are_accepted() {
    let run = check_article(&fixture("articles/dashes-quotes.txt"));
    assert_eq!(run.code, 0);
    let facts = fixture("facts/huge-number.yaml");
    let article = fixture("articles/dashes-quotes.txt");
    let run = check(&[os("--facts"), facts.as_os_str(), article.as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_fact_file_given_as_an_article_is_only_text() {
    let run = check_article(&fixture("facts.yaml"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.articles(), 1);
}

#[test]
fn a_fact_file_path_that_is_a_directory_is_refused() {
    let dir = fixture("articles");
    let run = check(&[
        os("--facts"),
        dir.as_os_str(),
        fixture("articles/zero-width.md").as_os_str(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!(
            "{}:1:1: cannot read fact file: is a directory",
            dir.display()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn a_single_ten_megabyte_line_is_read_in_bounded_time() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("one-line.txt");
    let sentence =
        "Russia launched 145 drones at Ukraine on Nov. 9, the Kremlin spokesman denied it. ";
    let line = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    std::fs::write(&path, line).expect("write");
    let started = std::time::Instant::now();
    let run = check_article(&path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.articles(), 1);
    // Generous for an unoptimised build on a shared machine: what matters is no blow-up.
    assert!(started.elapsed().as_secs() < 240, "{:?}", started.elapsed());
}

#[test]
fn a_200_megabyte_file_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    // Sparse: costs no disk and is never read, since the size check comes first.
    std::fs::File::create(&path)
        .and_then(|f| f.set_len(200 * 1024 * 1024))
        .expect("sparse file");
    let small = fixture("articles/zero-width.md");
    let facts = fixture("facts.yaml");
    let run = check(&[
        os("--facts"),
        facts.as_os_str(),
        path.as_os_str(),
        small.as_os_str(),
    ]);
    assert_eq!(run.code, 2, "a refused article is an input error");
    assert_eq!(run.articles(), 1, "the other article is still checked");
    assert_one_diagnostic(
        &run,
        &[
            &format!("error: {}: ", path.display()),
            "file is 209715200 bytes, over the limit of 67108864 bytes; not read",
        ],
    );
}

#[test]
fn the_size_limit_can_be_lowered_on_the_command_line() {
    let article = fixture("articles/dashes-quotes.txt");
    let facts = fixture("facts.yaml");
    let run = check(&[
        os("--max-file-size"),
        os("250"),
        os("--facts"),
        facts.as_os_str(),
        fixture("articles/rtl-combining.txt").as_os_str(),
        article.as_os_str(),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.articles(), 1);
    assert_one_diagnostic(
        &run,
        &["dashes-quotes.txt: file is", "over the limit of 250 bytes"],
    );
    let out = factdiff()
        .args(["check", "--max-file-size", "lots", "x.md"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`lots` is not a size"));
}

#[test]
fn one_bad_article_is_reported_and_the_rest_are_still_checked() {
    let facts = fixture("facts.yaml");
    let missing = fixture("articles/not-there.md");
    let run = check(&[
        os("--facts"),
        facts.as_os_str(),
        fixture("articles/zero-width.md").as_os_str(),
        missing.as_os_str(),
        fixture("articles/nul-bytes.txt").as_os_str(),
        fixture("articles/dashes-quotes.txt").as_os_str(),
    ]);
    assert_eq!(run.code, 2, "exit 2 at the end");
    assert_eq!(run.articles(), 2);
    let d = run.diagnostics();
    assert!(
        d.contains(&format!(
            "error: {}: no such file or directory",
            missing.display()
        )),
        "{d:#?}"
    );
    assert!(
        d.iter()
            .any(|m| m.starts_with("warning: ") && m.contains("nul-bytes.txt"))
    );
}

#[test]
fn deeply_nested_html_does_not_overflow_the_stack() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("deep.html");
    let depth = 100_000;
    let mut html = "<div><b><i>".repeat(depth);
    html.push_str("Russia launched 145 drones at Ukraine.");
    html.push_str(&"</i></b></div>".repeat(depth / 2));
    html.push_str("<p>unterminated <a href='x");
    std::fs::write(&path, html).expect("write");
    let run = check_article(&path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.articles(), 1);
}

#[cfg(unix)]
#[test]
fn directory_symlink_loops_are_reported_not_followed_forever() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("a/b")).expect("mkdir");
    std::fs::write(d.join("a/b/story.md"), "Russia launched 145 drones.").expect("write");
    std::os::unix::fs::symlink(d.join("a"), d.join("a/b/up")).expect("symlink");
    std::os::unix::fs::symlink(d.join("a/b/self"), d.join("a/b/self")).expect("symlink");
    let run = check_article(d);
    assert_eq!(run.code, 2);
    assert_eq!(run.articles(), 1, "the real article is still checked");
    let d = run.diagnostics();
    assert!(
        d.iter()
            .any(|m| m.contains("a/b/up: symbolic link loop; not followed")),
        "{d:#?}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_reported_by_name() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("secret.md");
    std::fs::write(&path, "Russia launched 145 drones.").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        eprintln!("skipped: running as root, which can read a chmod 000 file");
        return;
    }
    let run = check_article(&path);
    assert_eq!(run.code, 2);
    assert_one_diagnostic(
        &run,
        &[
            &format!("error: {}: cannot read: ", path.display()),
            "ermission denied",
        ],
    );
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_read_and_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let name = std::ffi::OsStr::from_bytes(b"caf\xE9-\xFF.md");
    let path = dir.path().join(name);
    if std::fs::write(&path, "Russia launched 145 drones.\n\ncaf\u{e9}").is_err() {
        eprintln!("skipped: this file system refuses non-UTF-8 names");
        return;
    }
    std::fs::write(dir.path().join("bad.txt"), b"x\0y").expect("write");
    // Given directly and found in a directory, both.
    for target in [path.as_os_str(), dir.path().as_os_str()] {
        let run = check_article(Path::new(target));
        assert_eq!(run.articles(), 1, "{:?}", run.diagnostics());
    }
    let run = check_article(dir.path());
    assert_one_diagnostic(&run, &["bad.txt: looks binary"]);
    // The JSON stays valid UTF-8 with the name shown lossily.
    let out = factdiff()
        .args(["check", "--format", "human", "--facts"])
        .arg(fixture("facts.yaml"))
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
}
