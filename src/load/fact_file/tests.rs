//! Tests of fact-file reading: the contract, each error class, safety limits, the schema.

use super::*;
use crate::facts::{SourceStance, Status, Tolerance};
use crate::load::error::FactFileErrorKind;
use jiff::civil::date;

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/load/facts.yaml")
}

fn errors(yaml: &str) -> Vec<FactFileError> {
    parse_fact_file(yaml.to_string(), "f.yaml").expect_err("should fail")
}

fn one(yaml: &str) -> FactFileError {
    let mut e = errors(yaml);
    assert_eq!(e.len(), 1, "{e:#?}");
    e.remove(0)
}

#[test]
fn the_contract_example_loads() {
    let f = read_fact_file(&fixture(), "facts.yaml").expect("valid fact file");
    assert_eq!(f.entities.len(), 4);
    assert_eq!(f.entities[1].key, "putin");
    assert_eq!(f.entities[3].aliases, ["the Post"]);
    let call = &f.facts[0];
    assert_eq!(call.id, "trump-putin-call");
    assert_eq!(
        &f.source[call.span.start..call.span.end],
        "trump-putin-call"
    );
    assert_eq!(call.status, Status::Disputed);
    assert_eq!(call.about.len(), 2);
    assert_eq!(call.date.expect("date").to_string(), "2024-11");
    let date_span = call.date_span.expect("date span");
    assert_eq!(&f.source[date_span.start..date_span.end], "2024-11");
    assert_eq!(call.sources.len(), 2);
    assert_eq!(f.entity(call.sources[1].by).key, "peskov");
    assert_eq!(call.sources[1].stance, SourceStance::Denies);
    assert_eq!(
        call.sources[0].date.expect("source date").start,
        date(2024, 11, 10)
    );
    assert_eq!(call.ignore, ["some-outlet"]);
    let drones = &f.facts[1];
    let v = drones.value.as_ref().expect("value");
    assert_eq!((v.value, v.raw.as_str()), (145.0, "145"));
    assert_eq!(&f.source[v.span.start..v.span.end], "145");
    assert_eq!(drones.unit.as_deref(), Some("drones"));
    assert_eq!(drones.tolerance, Some(Tolerance::Absolute(0.0)));
    assert_eq!(
        drones.date.expect("range").to_string(),
        "2024-11-09/2024-11-10"
    );
    assert_eq!(f.facts[2].tolerance, Some(Tolerance::Percent(5.0)));
}

#[test]
fn syntax_errors_point_at_the_text() {
    let e = one("version: 1\nfacts: [\n");
    assert_eq!(e.kind, FactFileErrorKind::Syntax);
    assert_eq!((e.line, e.column), (2, 8));
    assert!(
        e.to_string().starts_with("f.yaml:2:8: YAML syntax error: "),
        "{e}"
    );
    let e = one("version: 1\nfacts:\n  - id: 'x\n");
    assert_eq!((e.kind, e.line), (FactFileErrorKind::Syntax, 3));
}

#[test]
fn duplicate_keys_are_refused() {
    let e = one("version: 1\nfacts: []\nversion: 1\n");
    assert_eq!(e.kind, FactFileErrorKind::Syntax);
    assert_eq!((e.line, e.column), (3, 1));
    assert!(e.message.contains("duplicate key `version`"), "{e}");
}

#[test]
fn unknown_keys_suggest_the_right_one() {
    let e = one("version: 1\nfacts:\n  - id: x\n    cliam: y\n");
    assert_eq!(e.kind, FactFileErrorKind::Schema);
    assert_eq!((e.line, e.column), (4, 5));
    assert!(e.message.contains("did you mean `claim`?"), "{e}");
    assert_eq!(e.found.as_deref(), Some("cliam"));
    assert!(
        e.to_string()
            .starts_with("f.yaml:4:5: fact file schema error: unknown key `cliam`"),
        "{e}"
    );
}

#[test]
fn wrong_types_and_missing_keys_are_schema_errors() {
    let e = one("version: 1\nfacts:\n  - id: [x]\n    claim: c\n");
    assert_eq!(
        (e.kind, e.line, e.column),
        (FactFileErrorKind::Schema, 3, 9)
    );
    let e = one("version: 1\nfacts:\n  - id: x\n");
    assert_eq!((e.kind, e.line), (FactFileErrorKind::Schema, 3));
    assert!(e.message.contains("missing required key `claim`"), "{e}");
    let e = one("version: 1\nfacts:\n  - id: x\n    claim: c\n    status: maybe\n");
    assert_eq!(
        (e.kind, e.line, e.column),
        (FactFileErrorKind::Schema, 5, 13)
    );
    assert!(e.message.contains("asserted, denied, disputed"), "{e}");
    let e = one("version: 1\nfacts:\n - id: x\n   claim: c\n   value: {a: 1}\n");
    assert_eq!((e.kind, e.line), (FactFileErrorKind::Schema, 5));
}

#[test]
fn all_semantic_errors_are_collected_in_order() {
    let yaml = "\
version: 2
entities:
  trump: { name: Donald Trump }
facts:
  - id: a
    claim: one
    about: [trupm]
    date: 2024-02-30
  - id: a
    claim: two
    date: 2024-12/2024-01
    sources:
      - { by: nobody, stance: asserts }
    value: lots
  - id: b
    claim: three
    value: 3
    tolerance: -1
";
    let errs = errors(yaml);
    let got: Vec<(usize, usize, &str)> = errs
        .iter()
        .map(|e| (e.line, e.column, e.found.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        got,
        [
            (1, 10, "2"),
            (7, 13, "trupm"),
            (8, 11, "2024-02-30"),
            (9, 9, "a"),
            (11, 11, "2024-12/2024-01"),
            (13, 15, "nobody"),
            (14, 12, "lots"),
            (18, 16, "-1"),
        ],
        "{errs:#?}"
    );
    assert!(errs.iter().all(|e| e.kind == FactFileErrorKind::Semantic));
    assert!(
        errs[1].message.contains("did you mean `trump`?"),
        "{}",
        errs[1]
    );
    assert!(errs[2].message.contains("calendar"), "{}", errs[2]);
    assert!(
        errs[3]
            .message
            .contains("duplicate fact id `a` (first used at line 5"),
        "{}",
        errs[3]
    );
    assert!(errs[4].message.contains("inverted"), "{}", errs[4]);
    assert!(
        errs[3]
            .to_string()
            .starts_with("f.yaml:9:9: invalid fact file: duplicate"),
        "{}",
        errs[3]
    );
}

#[test]
fn alias_bombs_and_deep_nesting_hit_a_limit() {
    let mut bomb =
        String::from("version: 1\nfacts: []\nentities:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, prev) in ["b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g"])
    {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("  {i}: &{i} [{refs}]\n"));
    }
    let e = one(&bomb);
    assert!(
        matches!(e.kind, FactFileErrorKind::Limit | FactFileErrorKind::Schema),
        "{e}"
    );
    let many = format!(
        "version: 1\nfacts:\n - id: &a x\n   claim: c\n   keywords: [{}]\n",
        vec!["*a"; 20_000].join(",")
    );
    let e = one(&many);
    assert_eq!(e.kind, FactFileErrorKind::Limit, "{e}");
    let deep = format!(
        "version: 1\nfacts: {}{}\n",
        "[".repeat(300),
        "]".repeat(300)
    );
    let e = one(&deep);
    assert_eq!(e.kind, FactFileErrorKind::Limit, "{e}");
}

#[test]
fn missing_files_and_directories_are_clear() {
    let dir = tempfile::tempdir().expect("temp dir");
    let e = read_fact_file(dir.path(), "dir").expect_err("a directory");
    assert!(e[0].to_string().contains("is a directory"), "{}", e[0]);
    let e = read_fact_file(&dir.path().join("none.yaml"), "none.yaml").expect_err("missing");
    assert_eq!(e[0].kind, FactFileErrorKind::Io);
    assert!(e[0].to_string().contains("none.yaml:1:1"), "{}", e[0]);
}

#[test]
fn committed_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/facts-v1.schema.json");
    let generated = json_schema();
    if std::env::var_os("UPDATE_SCHEMAS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir schemas");
        std::fs::write(&path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/facts-v1.schema.json is out of date; run UPDATE_SCHEMAS=1 cargo test --lib schema"
    );
}

#[test]
fn numbers_that_cannot_be_kept_exactly_are_refused() {
    let head = "version: 1\nentities:\n  r: { name: Russia }\nfacts:\n  - id: a\n    claim: c\n    about: [r]\n    value: ";
    let e = one(&format!("{head}12345678901234567890123\n"));
    assert_eq!(
        (e.line, e.column, e.kind),
        (8, 12, FactFileErrorKind::Semantic)
    );
    assert!(e.message.contains("23 significant digits"), "{e}");
    let e = one(&format!("{head}18446744073709551615\n"));
    assert!(e.message.contains("20 significant digits"), "{e}");
    let e = one(&format!("{head}1e999\n"));
    assert_eq!(e.kind, FactFileErrorKind::Schema, "{e}");
    assert!(e.to_string().contains("out of range"), "{e}");
    let e = one(&format!("{head}1e-400\n"));
    assert!(e.message.contains("too small"), "{e}");
    // What an f64 holds exactly is fine, however large or small.
    for ok in [
        "1e308",
        "123456789012345",
        "0.000001",
        "0",
        "2000000000000000000000",
    ] {
        let src = format!("{head}{ok}\n");
        let file = parse_fact_file(src, "f.yaml").expect(ok);
        assert!(file.facts[0].value.is_some(), "{ok}");
    }
}

#[test]
fn values_with_words_beyond_their_number_and_unit_are_refused() {
    let head = "version: 1\nentities:\n  r: { name: Russia }\nfacts:\n  - id: a\n    claim: c\n    about: [r]\n    unit: drones\n    value: ";
    let e = one(&format!("{head}\"6 gazillion\"\n"));
    assert_eq!(
        (e.line, e.column, e.kind),
        (9, 12, FactFileErrorKind::Semantic)
    );
    assert!(e.message.contains("(`gazillion`)"), "{e}");
    let e = one(&format!("{head}\"145 drones launched\"\n"));
    assert!(e.message.contains("(`launched`)"), "{e}");
    let e = one(&format!("{head}\"six\"\n"));
    assert!(e.message.contains("written in digits"), "{e}");
    // The value's own unit, the same as `unit`, is fine and shown once.
    for ok in ["\"145 drones\"", "\"145 drone\"", "145"] {
        let src = format!("{head}{ok}\n");
        let file = parse_fact_file(src, "f.yaml").expect(ok);
        assert!(file.facts[0].value.is_some(), "{ok}");
    }
    let money = "version: 1\nfacts:\n  - id: a\n    claim: c\n    unit: dollars\n    value: ";
    for ok in ["\"6 billion\"", "\"6 billion dollars\"", "\"$6bn\""] {
        let src = format!("{money}{ok}\n");
        let file = parse_fact_file(src, "f.yaml").expect(ok);
        assert!(file.facts[0].value.is_some(), "{ok}");
    }
}
