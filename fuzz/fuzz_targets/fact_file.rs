//! Fuzzes the fact-file reader from its bytes, as `--facts` reads them (size limit, byte-order
//! mark, UTF-8, then the parser): any bytes must load or fail with errors that point inside
//! them.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match factdiff::load::fact_file_from_bytes(data, "fuzz.yaml") {
        Ok(file) => {
            let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
            assert_eq!(file.source.as_bytes(), body, "the source is the file's text");
            for fact in &file.facts {
                assert!(fact.span.end <= file.source.len());
                assert!(file.source.is_char_boundary(fact.span.start));
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            // YAML breaks lines at LF, CRLF and a lone CR alike.
            let text = String::from_utf8_lossy(data);
            let lines = 1 + text.replace("\r\n", "\n").matches(['\n', '\r']).count();
            for e in errors {
                assert!(e.line >= 1 && e.column >= 1);
                // serde-saphyr may place an error at the line after the last one.
                assert!(e.line <= lines + 1, "line {} of {lines}", e.line);
            }
        }
    }
});
