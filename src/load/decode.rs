//! Turns an article file's bytes into text: size limit, byte-order marks, UTF-16, invalid
//! UTF-8, binary and empty files.

use super::error::{LoadError, LoadWarning};
use super::file::ReadError;
use std::path::Path;

/// How many leading bytes are searched for NUL to tell binary files from text.
const BINARY_SNIFF: usize = 8 * 1024;

/// Reads `path` whole unless it is larger than `limit` bytes, which is refused before reading;
/// only regular files (see [`super::file::read_regular`]).
pub(super) fn read_limited(path: &Path, display: &str, limit: u64) -> Result<Vec<u8>, LoadError> {
    super::file::read_regular(path, limit).map_err(|e| {
        let path = display.to_string();
        match e {
            e if e.is_missing() => LoadError::Missing { path },
            ReadError::TooLarge { size, limit } => LoadError::TooLarge { path, size, limit },
            e => LoadError::Unreadable {
                path,
                message: e.to_string(),
            },
        }
    })
}

/// The outcome of decoding: the text with any warnings, or a reason to skip the file.
#[derive(Debug)]
pub(super) enum Decoded {
    Text(String, Vec<LoadWarning>),
    Skipped(LoadWarning),
}

/// Decodes an article's bytes. UTF-8 and UTF-16 byte-order marks are honoured and removed;
/// invalid UTF-8 is replaced (with a warning naming the first bad byte).
pub(super) fn decode(bytes: &[u8], display: &str) -> Decoded {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_utf16(rest, u16::from_le_bytes, display, &mut warnings)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_utf16(rest, u16::from_be_bytes, display, &mut warnings)
    } else {
        let (rest, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (bytes, 0),
        };
        let head = &rest[..rest.len().min(BINARY_SNIFF)];
        if let Some(at) = memchr::memchr(0, head) {
            return Decoded::Skipped(LoadWarning::new(
                display,
                format!("looks binary (NUL byte at offset {}); skipped", at + bom),
            ));
        }
        match std::str::from_utf8(rest) {
            Ok(s) => s.to_string(),
            Err(e) => {
                warnings.push(
                    LoadWarning::new(
                        display,
                        format!(
                            "not valid UTF-8 (first bad byte at offset {}); bad bytes replaced with U+FFFD",
                            e.valid_up_to() + bom
                        ),
                    )
                    .placed(place_after(&rest[..e.valid_up_to()])),
                );
                String::from_utf8_lossy(rest).into_owned()
            }
        }
    };
    if text.trim().is_empty() {
        return Decoded::Skipped(LoadWarning::new(
            display,
            if text.is_empty() {
                "empty file; skipped"
            } else {
                "contains only white space; skipped"
            },
        ));
    }
    Decoded::Text(text, warnings)
}

/// The 1-based line and column (in characters) just after `prefix`: where the byte that
/// follows it stands.
fn place_after(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let last = text.rfind('\n').map_or(&text[..], |i| &text[i + 1..]);
    (line, last.chars().count() + 1)
}

fn decode_utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    display: &str,
    warnings: &mut Vec<LoadWarning>,
) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut bad = None;
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                bad.get_or_insert(i);
                out.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if let Some(i) = bad {
        warnings.push(LoadWarning::new(
            display,
            format!(
                "not valid UTF-16 (first bad unit near byte offset {}); replaced with U+FFFD",
                2 + 2 * i
            ),
        ));
    }
    if bytes.len() % 2 == 1 {
        warnings.push(LoadWarning::new(
            display,
            "UTF-16 file has an odd number of bytes; the last byte was dropped",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decoded) -> (String, Vec<LoadWarning>) {
        match d {
            Decoded::Text(t, w) => (t, w),
            Decoded::Skipped(w) => panic!("skipped: {}", w.message),
        }
    }

    #[test]
    fn boms_are_removed_and_utf16_decoded() {
        assert_eq!(text(decode(b"\xEF\xBB\xBFhi", "a")).0, "hi");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(text(decode(&le, "a")).0, "hé");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Kyiv".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(decode(&be, "a")), ("Kyiv".to_string(), vec![]));
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let (t, w) = text(decode(b"abc\xFFdef", "x.txt"));
        assert_eq!(t, "abc\u{FFFD}def");
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("offset 3"), "{}", w[0].message);
    }

    #[test]
    fn binary_and_empty_files_are_skipped() {
        for (bytes, needle) in [
            (&b"ab\0cd"[..], "binary"),
            (b"", "empty"),
            (b" \n\t ", "white space"),
        ] {
            match decode(bytes, "x") {
                Decoded::Skipped(w) => assert!(w.message.contains(needle), "{}", w.message),
                Decoded::Text(..) => panic!("not skipped: {bytes:?}"),
            }
        }
    }

    #[test]
    fn large_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("big.txt");
        std::fs::write(&p, vec![b'a'; 100]).expect("write");
        let err = read_limited(&p, "big.txt", 10).expect_err("too large");
        assert!(err.to_string().contains("over the limit"), "{err}");
        assert_eq!(read_limited(&p, "big.txt", 100).expect("fits").len(), 100);
        let err = read_limited(dir.path(), "dir", 10).expect_err("a directory");
        assert!(err.to_string().contains("directory"), "{err}");
    }
}
