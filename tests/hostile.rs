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
                    .map(|d| {
                        format!(
                            "{}: {}",
                            d["severity"].as_str().unwrap_or_default(),
                            d["message"].as_str().unwrap_or_default()
                        )
                    })
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
            &[
                "front-matter-not-yaml.md: 2:8: ",
                "invalid front matter",
                "its metadata is ignored and the block is not read as text",
            ],
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
        (
            "hex-too-large.yaml",
            "8:12",
            "invalid fact file",
            "is a hexadecimal number too large to compare exactly; write it in decimal",
        ),
        (
            "octal-too-large.yaml",
            "8:12",
            "invalid fact file",
            "is an octal number too large to compare exactly",
        ),
        (
            "hex-twenty-digits.yaml",
            "8:12",
            "invalid fact file",
            "value `0xFFFFFFFFFFFFFFFF` has 20 significant digits",
        ),
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

/// Found by the `fact_file` fuzz target: lone carriage returns are line breaks to YAML, so the
/// error's line counts them (an editor shows the same line).
#[test]
fn regression_fact_file_with_lone_carriage_returns() {
    let facts = fixture("regressions/fact-file-lone-carriage-returns.yaml");
    let article = fixture("articles/zero-width.md");
    let run = check(&[os("--facts"), facts.as_os_str(), article.as_os_str()]);
    assert_eq!(run.code, 2);
    let want = format!(
        "error: {}:86:1: fact file schema error: unknown key `russia`",
        facts.display()
    );
    assert!(run.stderr.starts_with(&want), "{}", run.stderr);
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
fn regression_every_dash_between_numbers_makes_a_range() {
    // "140‒150 drones" with a figure dash (or a minus sign, a non-breaking hyphen, …) was read
    // as 150 alone: a false value-mismatch against 145.
    let run = check_article(&fixture("regressions/range-dashes.txt"));
    assert_eq!(run.code, 0, "{}", run.doc);
    assert_eq!(run.doc["findings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn huge_and_tiny_values_are_shown_in_scientific_notation() {
    // 1e308 was shown with 309 digits (and 5e-324 as 324 zeros, or as 0 in the note).
    let article = fixture("regressions/range-dashes.txt");
    for (name, shown) in [
        ("huge-number-drones.yaml", "1e308"),
        ("tiny-number-drones.yaml", "5e-324"),
    ] {
        let facts = fixture(&format!("facts/{name}"));
        let run = check(&[os("--facts"), facts.as_os_str(), article.as_os_str()]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let first = &run.doc["findings"][0];
        let message = first["message"].as_str().unwrap_or_default();
        assert!(
            message.ends_with(&format!("but the fact file has {shown} drones")),
            "{message}"
        );
        let note = first["notes"][0].as_str().unwrap_or_default();
        assert!(
            note.contains(&format!("the fact's {shown} do not overlap")),
            "{note}"
        );
        assert!(!run.doc.to_string().contains("0000000000"), "{name}");
    }
}

#[test]
fn an_alias_amplified_fact_file_is_refused_in_words() {
    // 70 KB of text repeated by 999 aliases: 70 MB of values from a 75 KB file. The refusal
    // printed a Debug value (`ScalarBytes { total_scalar_bytes: … }`), and lint quoted the
    // whole 70 KB line.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("amplified.yaml");
    let aliases = vec!["*c"; 999].join(", ");
    let text = format!(
        "version: 1\nentities:\n  russia: {{ name: Russia }}\nfacts:\n  - id: a\n    claim: &c \"{}\"\n    about: [russia]\n    keywords: [{aliases}]\n",
        "x".repeat(70_000)
    );
    std::fs::write(&path, text).expect("write");
    let article = fixture("articles/dashes-quotes.txt");
    let run = check(&[os("--facts"), path.as_os_str(), article.as_os_str()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "fact file exceeds a safety limit: YAML too large or too deeply nested: its values add up to"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("ScalarBytes"), "{}", run.stderr);
    assert!(run.stderr.len() < 1000, "{} bytes", run.stderr.len());
    let out = factdiff().arg("lint").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "lint reports it as a problem");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("its values add up to"), "{text}");
    assert!(text.len() < 2000, "lint quoted {} bytes", text.len());
}

#[test]
fn the_fact_file_reader_takes_bytes_with_its_limits() {
    // The byte-level entry point the fuzz target runs: what `--facts` does after reading.
    let valid = std::fs::read(fixture("facts.yaml")).expect("fixture");
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&valid);
    assert!(load::fact_file_from_bytes(&with_bom, "f.yaml").is_ok());
    let mut bad = valid.clone();
    bad.insert(10, 0xFF);
    let e = load::fact_file_from_bytes(&bad, "f.yaml").expect_err("not UTF-8");
    assert_eq!(
        e[0].to_string(),
        "f.yaml:1:1: cannot read fact file: not valid UTF-8 (first bad byte at offset 10)"
    );
    let huge = vec![b'#'; 16 * 1024 * 1024 + 1];
    let e = load::fact_file_from_bytes(&huge, "f.yaml").expect_err("too large");
    assert!(
        e[0].to_string()
            .contains("over the limit of 16777216 bytes"),
        "{}",
        e[0]
    );
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
fn a_single_ten_megabyte_line_is_checked_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("one-line.txt");
    let sentence =
        "Russia launched 145 drones at Ukraine on Nov. 9, the Kremlin spokesman denied it. ";
    let line = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    std::fs::write(&path, line).expect("write");
    let run = check_article(&path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.articles(), 1);
    // Not timed: on a shared machine a test cannot time anything reliably. The line is cut
    // into bounded pieces (see `extract::sentences`), so the work is linear in its length.
}

/// `factdiff check --format json ARGS` with a hang guard: a run that does not end is killed
/// and the test fails, instead of the suite hanging.
fn check_within(limit_secs: u64, args: &[&std::ffi::OsStr]) -> Run {
    let out = factdiff()
        .args(["check", "--format", "json"])
        .args(args)
        .timeout(std::time::Duration::from_secs(limit_secs))
        .output()
        .expect("factdiff runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("killed after {limit_secs} s (a hang?): {stderr}"));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let doc = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e})"));
    Run { code, doc, stderr }
}

/// `bytes` of words drawn from `words` by a fixed pseudo-random sequence, space-separated.
fn word_soup(words: &[&str], bytes: usize) -> String {
    let mut x: u64 = 7;
    let mut text = String::with_capacity(bytes + 16);
    while text.len() < bytes {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        text.push_str(words[(x >> 33) as usize % words.len()]);
        text.push(' ');
    }
    text
}

#[test]
fn unpunctuated_word_soup_with_names_and_numbers_is_read_in_bounded_time() {
    // No stop anywhere: one "sentence" of 90,000 words. Binding each number to its clause
    // scanned every word and every name per number (32 KB took over a minute); now a
    // sentence is read in pieces of at most 100 words and clauses are found in one pass.
    let text = word_soup(
        &["Russia", "150", "drones", "Ukraine", "the", "and"],
        512 * 1024,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("soup.txt");
    std::fs::write(&path, &text).expect("write");
    let facts = fixture("facts.yaml");
    let run = check_within(600, &[os("--facts"), facts.as_os_str(), path.as_os_str()]);
    assert!(run.code <= 1, "{}", run.stderr);
    assert_eq!(run.articles(), 1);
    let article =
        factdiff::article::Article::plain(ArticleId(0), "soup.txt", text, Default::default());
    let claims = extract::extract(&article, &EntityMatcher::new(None));
    let longest = claims.sentences.iter().map(|s| s.tokens.len()).max();
    assert!(
        longest.is_some_and(|n| n <= extract::sentences::MAX_SENTENCE_WORDS),
        "{longest:?}"
    );
}

#[test]
fn runs_of_quote_marks_are_read_in_bounded_time() {
    // The sentence splitter pairs quote marks; on an unpaired run it was quadratic (160,000
    // backticks took 23 s, 180 KB of growing backtick runs over 20 s).
    let dir = tempfile::tempdir().expect("temp dir");
    let mut growing = String::new();
    for n in 1..=600 {
        growing.push_str(&"`".repeat(n));
        growing.push(' ');
    }
    let inputs = [
        ("backticks.txt", "`".repeat(400_000)),
        ("growing-backticks.md", growing),
        (
            "curly.txt",
            "\u{2018} \u{2018}\u{2018}\u{2018} \u{2018}\u{2018} ".repeat(16_000),
        ),
        ("ticks-and-words.txt", "``a".repeat(60_000)),
        ("apostrophes.txt", "' '' ".repeat(30_000)),
    ];
    for (name, text) in &inputs {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let run = check_within(300, &[dir.path().as_os_str()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.articles(), inputs.len() as u64);
}

#[test]
fn two_articles_repeating_one_claim_are_compared_in_bounded_pairs() {
    // Every frame of one key in one article was paired with every frame of it in the other:
    // 2,000 repetitions each made 4 million pairs and each finding listed 2,000 places.
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, n) in [("a.txt", 145), ("b.txt", 150)] {
        let sentence = format!("Russia launched {n} drones at Ukraine on Nov. 9. ");
        std::fs::write(dir.path().join(name), sentence.repeat(2_000)).expect("write");
    }
    let run = check_within(600, &[dir.path().as_os_str()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = run.doc["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        let related = f["related"].as_array().map_or(0, Vec::len);
        assert!(related <= 16, "{related} related places");
    }
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
            "file is 209715200 bytes, over the limit of 16777216 bytes; not read",
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
    // A binary file with a bad name: the warning names it, with U+FFFD for the bad byte.
    std::fs::write(
        dir.path().join(std::ffi::OsStr::from_bytes(b"bin\xFF.txt")),
        b"x\0y",
    )
    .expect("write");
    // Given directly and found in a directory, both are read.
    let run = check_article(&path);
    assert_eq!(run.articles(), 1, "{:?}", run.diagnostics());
    let run = check_article(dir.path());
    assert_eq!(run.articles(), 1, "{:?}", run.diagnostics());
    assert_one_diagnostic(&run, &["bin\u{FFFD}.txt: looks binary"]);
}

/// Property tests: any input in, no panic, spans inside the text on character boundaries, the
/// same output for the same input. 256 cases each by default; set `PROPTEST_CASES` for more.
mod properties {
    use super::*;
    use factdiff::article::{Article, ArticleFormat, ArticleMeta};
    use factdiff::extract::{dates, numbers, sentences, tokens};
    use factdiff::span::Span;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// Pieces of news prose and of everything that goes wrong with it.
    const WORDS: &[&str] = &[
        "Russia ",
        "launched ",
        "145",
        "1,450",
        "1.5",
        "6",
        "bn",
        "billion ",
        "million ",
        "drones",
        " at ",
        "Ukraine",
        "Putin",
        "the Kremlin spokesman ",
        "Peskov ",
        "denied ",
        "did not deny ",
        "said",
        " not ",
        "never ",
        "about ",
        "at least ",
        "between ",
        " and ",
        "Nov. ",
        "3",
        "November ",
        "2024",
        "2024-02-30",
        "0000-00-00",
        "yesterday",
        "Thursday",
        "last week",
        "on ",
        "$",
        "€",
        "%",
        "per cent",
        "1e308",
        "99999999999999999999",
        "½",
        "٣",
        "३",
        "é",
        "e\u{301}",
        "\u{200B}",
        "\u{200D}",
        "\u{00AD}",
        "\u{FEFF}",
        "\u{202E}",
        "\u{2067}",
        "—",
        "–",
        "‒",
        "−",
        "-",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "\"",
        "'",
        "`",
        ".",
        ",",
        ";",
        "?",
        "!",
        ":",
        "(",
        ")",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r\n",
        "U.S.",
        "Mr.",
        "Jan. 5",
        "5th",
        "twenty-five",
        "a dozen",
        "1/2",
        "10-15",
        "3–4",
        "#",
        "*",
        "<b>",
        "</b>",
        "&amp;",
        "&#8217;",
        "&#xD800;",
        "<!-- factdiff: ignore[x] y -->",
        "---",
    ];

    fn soup(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.concat())
    }

    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => soup(80),
            1 => any::<String>(),
            1 => "[0-9a-zA-Z .,\u{2013}\u{2014}\u{200B}\u{0301}\u{05D0}-\u{05EA}$%-]{0,120}",
        ]
    }

    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            2 => soup(80).prop_map(String::into_bytes),
            1 => prop::collection::vec(any::<u8>(), 0..300),
            1 => (soup(40), prop::collection::vec(any::<u8>(), 0..8), soup(40)).prop_map(
                |(a, mid, b)| [a.into_bytes(), mid, b.into_bytes()].concat()
            ),
            1 => soup(60).prop_map(|s| {
                [&b"\xFF\xFE"[..], &s.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()]
                    .concat()
            }),
        ]
    }

    fn facts() -> &'static factdiff::facts::FactFile {
        static F: OnceLock<factdiff::facts::FactFile> = OnceLock::new();
        F.get_or_init(|| {
            load::read_fact_file(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture("facts.yaml")),
                "facts.yaml",
            )
            .expect("valid fact file")
        })
    }

    fn inside(text: &str, s: Span) -> bool {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    }

    /// Every span of the claims lies inside `text` and inside its sentence.
    fn assert_claims_inside(text: &str, claims: &factdiff::claims::ArticleClaims) {
        for s in &claims.sentences {
            assert!(inside(text, s.span), "sentence {:?}", s.span);
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
                assert!(inside(text, span), "{span:?} in {text:?}");
                assert!(s.span.contains(span), "{span:?} outside {:?}", s.span);
            }
        }
    }

    fn published() -> Option<jiff::civil::Date> {
        Some(jiff::civil::date(2024, 11, 11))
    }

    proptest! {
        #[test]
        fn extract_keeps_spans_inside_and_is_deterministic(text in text()) {
            let matcher = EntityMatcher::new(Some(facts()));
            let meta = ArticleMeta { published: published(), ..ArticleMeta::default() };
            let article = Article::plain(ArticleId(0), "p.txt", text.clone(), meta);
            let claims = extract::extract(&article, &matcher);
            assert_claims_inside(&text, &claims);
            let again = extract::extract(&article, &matcher);
            prop_assert_eq!(format!("{claims:?}"), format!("{again:?}"));
        }

        #[test]
        fn numbers_and_dates_keep_spans_inside(text in text(), future: bool, dated: bool) {
            let quantities = numbers::extract_quantities(&text);
            for q in &quantities {
                prop_assert!(inside(&text, q.span), "{:?}", q.span);
                prop_assert!(q.unit_span.is_none_or(|u| inside(&text, u)));
            }
            prop_assert_eq!(
                format!("{quantities:?}"),
                format!("{:?}", numbers::extract_quantities(&text))
            );
            let day = if dated { published() } else { None };
            let found = dates::extract_dates(&text, day, future);
            for d in &found {
                prop_assert!(inside(&text, d.span), "{:?}", d.span);
            }
            prop_assert_eq!(
                format!("{found:?}"),
                format!("{:?}", dates::extract_dates(&text, day, future))
            );
        }

        #[test]
        fn tokens_and_sentences_keep_spans_inside(text in text()) {
            for t in tokens::tokenize(&text) {
                prop_assert!(inside(&text, t.span), "{:?}", t.span);
            }
            let mut last = 0;
            for s in sentences::split(&text) {
                prop_assert!(inside(&text, s), "{s:?}");
                prop_assert!(s.start >= last, "sentences overlap or go back: {s:?}");
                last = s.end;
            }
        }

        #[test]
        fn any_bytes_load_in_every_format(bytes in bytes()) {
            for format in [ArticleFormat::Text, ArticleFormat::Markdown, ArticleFormat::Html] {
                let Ok((article, _)) = load::article_from_bytes(
                    &bytes, format, "p", ArticleId(0), &LoadOptions::default(),
                ) else {
                    continue;
                };
                let len = article.text.len();
                for (a, b) in [(0, len), (0, len / 2), (len / 3, len)] {
                    let s = article.source_span(Span::new(a, b));
                    prop_assert!(s.start <= s.end && s.end <= article.source.len());
                }
                for s in &article.suppressions {
                    prop_assert!(inside(&article.text, s.covers), "{:?}", s.covers);
                    prop_assert!(inside(&article.source, s.span), "{:?}", s.span);
                }
                let claims = extract::extract(&article, &EntityMatcher::new(Some(facts())));
                assert_claims_inside(&article.text, &claims);
            }
        }

        #[test]
        fn read_article_takes_any_bytes_under_every_extension(bytes in bytes()) {
            let dir = tempfile::tempdir().expect("temp dir");
            for ext in ["txt", "md", "markdown", "html", "htm", "csv"] {
                let path = dir.path().join(format!("a.{ext}"));
                std::fs::write(&path, &bytes).expect("write");
                let first = load::read_article(&path, "a", ArticleId(0), &LoadOptions::default());
                let again = load::read_article(&path, "a", ArticleId(0), &LoadOptions::default());
                match (first, again) {
                    (Ok((a, w)), Ok((b, v))) => {
                        prop_assert_eq!(a.text, b.text);
                        prop_assert_eq!(w, v);
                    }
                    (Err(e), Err(f)) => {
                        prop_assert_eq!(e.to_string(), f.to_string());
                        prop_assert!(e.to_string().starts_with("a: "), "{}", e);
                    }
                    _ => prop_assert!(false, "not deterministic"),
                }
            }
        }

        #[test]
        fn the_fact_file_parser_takes_any_text(text in prop_oneof![
            soup(60),
            any::<String>(),
            "[a-z: \\-\\[\\]{}&*!|>'\"#\n0-9.]{0,200}",
        ]) {
            parse_and_check(text);
        }

        #[test]
        fn the_fact_file_parser_takes_mutated_fact_files(
            edits in prop::collection::vec(
                (any::<prop::sample::Index>(), 0usize..6, prop::sample::select(YAML_BITS)),
                1..6,
            )
        ) {
            let mut bytes = facts().source.clone().into_bytes();
            for (at, len, piece) in edits {
                let at = at.index(bytes.len() + 1);
                let end = (at + len).min(bytes.len());
                bytes.splice(at..end, piece.bytes());
            }
            parse_and_check(String::from_utf8_lossy(&bytes).into_owned());
        }
    }

    /// YAML fragments spliced into a valid fact file.
    const YAML_BITS: &[&str] = &[
        "",
        ":",
        " ",
        "\n",
        "\t",
        "-",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!str ",
        "|",
        ">",
        "'",
        "\"",
        "#",
        "~",
        "null",
        "1e308",
        "1e-400",
        "99999999999999999999",
        ".nan",
        "0000-00-00",
        "2024-02-30",
        "  ",
        "\n  - id: x\n    claim: y\n",
        "version: 2\n",
        "id: russia-drones\n",
        "\u{FEFF}",
        "\u{200B}",
        "é",
        "---\n",
        "...\n",
        "%YAML 1.2\n",
    ];

    fn parse_and_check(text: String) {
        // YAML breaks lines at LF, CRLF and a lone CR alike.
        let lines = 1 + text.replace("\r\n", "\n").matches(['\n', '\r']).count();
        let first = load::parse_fact_file(text.clone(), "f.yaml");
        let again = load::parse_fact_file(text, "f.yaml");
        match (first, again) {
            (Ok(a), Ok(b)) => {
                assert_eq!(a.facts.len(), b.facts.len());
                for f in &a.facts {
                    assert!(inside(&a.source, f.span), "{:?}", f.span);
                }
            }
            (Err(e), Err(f)) => {
                assert!(!e.is_empty());
                assert_eq!(e, f, "not deterministic");
                for err in e {
                    assert!(err.line >= 1 && err.column >= 1, "{err}");
                    assert!(err.line <= lines + 1, "{err} (text has {lines} lines)");
                    assert!(err.to_string().starts_with("f.yaml:"), "{err}");
                }
            }
            _ => panic!("not deterministic"),
        }
    }
}

#[test]
fn a_named_pipe_or_device_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let out = assert_cmd::Command::cargo_bin("factdiff")
        .expect("binary")
        .args(["check", "--format", "json"])
        .arg(&fifo)
        .arg("/dev/zero")
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "refused inputs exit 2, without hanging"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("pipe.md: cannot read: is not a regular file"),
        "{text}"
    );
    assert!(
        text.contains("/dev/zero: cannot read: is not a regular file"),
        "{text}"
    );
}

#[test]
fn a_pipe_or_device_as_fact_file_baseline_or_config_is_refused_without_blocking() {
    // Only articles were checked for being regular files: `--facts /dev/zero` grew to 2 GB,
    // and a FIFO given as fact file, baseline or config blocked the run forever.
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let article = fixture("articles/zero-width.md");
    let fifo = fifo.to_str().expect("a UTF-8 temp path");
    let article = article.to_str().expect("UTF-8 path");
    let refused = "is not a regular file (a pipe, socket or device); not read";
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["check", "--facts", "/dev/zero", article],
            format!("error: /dev/zero:1:1: cannot read fact file: {refused}"),
        ),
        (
            vec!["check", "--facts", fifo, article],
            format!("error: {fifo}:1:1: cannot read fact file: {refused}"),
        ),
        (
            vec!["check", "--baseline", fifo, article],
            format!("error: {fifo}: cannot read the baseline: {refused}"),
        ),
        (
            vec!["check", "--config", fifo, article],
            format!("error: {fifo}: cannot read the config file: {refused}"),
        ),
        (
            vec!["lint", "/dev/zero"],
            format!("error: /dev/zero:1:1: cannot read fact file: {refused}"),
        ),
        (
            vec!["lint", fifo],
            format!("error: {fifo}:1:1: cannot read fact file: {refused}"),
        ),
    ];
    for (args, want) in cases {
        let out = factdiff()
            .args(&args)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(&want), "{args:?}: {stderr}");
    }
}

#[test]
fn a_report_that_cannot_be_written_names_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = fixture("articles/zero-width.md");
    let dangling = dir.path().join("dangling.txt");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone/x.txt"), &dangling).expect("symlink");
    let missing_dir = dir.path().join("no/such/dir/out.txt");
    let mut targets = vec![missing_dir, dir.path().to_path_buf()];
    if cfg!(unix) {
        targets.push(dangling);
    }
    // Held to the end, and streamed as articles are checked (`--no-cross`).
    let facts = fixture("facts.yaml");
    let streamed: [&std::ffi::OsStr; 3] =
        ["--no-cross".as_ref(), "--facts".as_ref(), facts.as_os_str()];
    for (target, extra) in targets
        .iter()
        .flat_map(|t| [(t, &streamed[..0]), (t, &streamed[..])])
    {
        let out = factdiff()
            .arg("check")
            .args(extra)
            .arg("-o")
            .arg(target)
            .arg(&article)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {stderr}");
        let want = format!("error: {}: cannot write the report: ", target.display());
        assert!(stderr.contains(&want), "{extra:?}: {stderr}");
    }
}

#[test]
fn a_streamed_report_that_fails_at_the_end_leaves_the_old_file() {
    // The report streams into a temporary file; the baseline, written at the end, cannot
    // be: the old report stays, and no temporary file is left.
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.json");
    std::fs::write(&report, "old report\n").expect("write");
    let out = factdiff()
        .args(["check", "--no-cross", "--format", "json", "--facts"])
        .arg(fixture("facts.yaml"))
        .arg("-o")
        .arg(&report)
        .arg("--write-baseline")
        .arg(dir.path().join("no/such/dir/baseline.json"))
        .arg(fixture("articles"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the baseline"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&report).expect("read"),
        "old report\n"
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}
