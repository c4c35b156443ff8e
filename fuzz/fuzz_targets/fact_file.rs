//! Fuzzes the fact-file parser: any text must parse or fail with errors that point inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data).into_owned();
    // YAML breaks lines at LF, CRLF and a lone CR alike.
    let lines = 1 + source.replace("\r\n", "\n").matches(['\n', '\r']).count();
    match factdiff::load::parse_fact_file(source, "fuzz.yaml") {
        Ok(file) => {
            for fact in &file.facts {
                assert!(fact.span.end <= file.source.len());
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.line >= 1 && e.column >= 1);
                // serde-saphyr may place an error at the line after the last one.
                assert!(e.line <= lines + 1, "line {} of {lines}", e.line);
            }
        }
    }
});
