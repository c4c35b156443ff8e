//! Validation of SARIF logs against the official SARIF 2.1.0 JSON Schema (the OASIS schema, as
//! bundled by the `serde-sarif` crate, a test dependency) and against that crate's model,
//! which is generated from the same schema. Shared by `tests/formats.rs` and the report
//! module's unit tests.

use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The host's target triple, as `rustc -vV` says.
fn host() -> String {
    let out = std::process::Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string()
}

/// The folder of the `serde-sarif` package Cargo resolved for this crate. Offline: it is
/// already fetched, as a dependency of the tests; the packages of other platforms, which are
/// not, are filtered out.
fn serde_sarif_dir() -> PathBuf {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host(), "--manifest-path", manifest])
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let package = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .expect("serde-sarif is a dev-dependency");
    PathBuf::from(package["manifest_path"].as_str().expect("manifest path"))
        .parent()
        .expect("a manifest is in a folder")
        .to_path_buf()
}

/// The official SARIF 2.1.0 schema.
pub fn official_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = serde_sarif_dir().join("src/schema.json");
        let text = std::fs::read_to_string(&path).expect("serde-sarif ships src/schema.json");
        let mut schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
        // The one change: the schema's `pattern` for the `language` properties (of a run,
        // a tool component, …) has an unbalanced `]`, which the validator refuses to compile
        // as a regular expression. factdiff never writes `language`, so those patterns are
        // dropped and nothing else is touched.
        let dropped = drop_language_patterns(&mut schema);
        assert!(
            dropped > 0,
            "the schema changed: no `language` pattern to drop"
        );
        assert_eq!(
            schema["title"],
            "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
            "{}",
            path.display()
        );
        schema
    })
}

/// The `language` pattern the official schema writes with an unbalanced `]`.
const BAD_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

/// Removes every `"pattern": BAD_LANGUAGE_PATTERN`; returns how many.
fn drop_language_patterns(v: &mut Value) -> usize {
    match v {
        Value::Object(map) => {
            let mut n = 0;
            if map.get("pattern").and_then(Value::as_str) == Some(BAD_LANGUAGE_PATTERN) {
                map.remove("pattern");
                n += 1;
            }
            n + map.values_mut().map(drop_language_patterns).sum::<usize>()
        }
        Value::Array(items) => items.iter_mut().map(drop_language_patterns).sum(),
        _ => 0,
    }
}

/// The schema's complaints about `doc`, each with where it is.
pub fn schema_errors(doc: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(official_schema()).expect("the schema compiles");
    validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Fails unless `doc` is valid against the official schema, and reads into the `serde-sarif`
/// model and back without losing or changing anything (so every property we write is one
/// the model knows, with the type it expects).
pub fn assert_valid(doc: &Value) {
    let errors = schema_errors(doc);
    assert!(errors.is_empty(), "{errors:#?}");
    let model: serde_sarif::sarif::Sarif =
        serde_json::from_value(doc.clone()).expect("reads into the SARIF model");
    let back = serde_json::to_value(&model).expect("the model serialises");
    assert_eq!(
        &back, doc,
        "the SARIF model does not read our log as written"
    );
}
