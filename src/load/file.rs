//! The one way factdiff reads a file, whatever it holds (article, fact file, baseline,
//! config): a regular file only, its size checked before reading, and the read capped.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read. The messages say the reason only; callers add the file's name.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("is a directory, not a file")]
    Directory,
    /// A FIFO would block the run forever and a device (`/dev/zero`) has no end.
    #[error("is not a regular file (a pipe, socket or device); not read")]
    NotRegular,
    #[error("file is {size} bytes, over the limit of {limit} bytes; not read")]
    TooLarge { size: u64, limit: u64 },
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl ReadError {
    /// Whether the file does not exist (or a link in its path is dangling).
    pub fn is_missing(&self) -> bool {
        matches!(self, Self::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// Reads the regular file at `path` whole, unless it is larger than `limit` bytes, which is
/// refused before reading. The file may grow between the size check and the read: at most one
/// byte past the limit is read, so the limit still holds.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = File::open(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// [`read_regular`] for a text file in UTF-8 (a byte-order mark is removed); invalid UTF-8 is
/// refused with the offset of the first bad byte.
pub fn read_regular_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let mut bytes = read_regular(path, limit)?;
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        3
    } else {
        0
    };
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to() + bom
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_and_others_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "\u{FEFF}hello").expect("write");
        assert_eq!(read_regular_text(&path, 100).expect("read"), "hello");
        assert!(matches!(
            read_regular(&path, 4),
            Err(ReadError::TooLarge { size: 8, limit: 4 })
        ));
        assert!(matches!(
            read_regular(dir.path(), 100),
            Err(ReadError::Directory)
        ));
        assert!(
            read_regular(&dir.path().join("none"), 100)
                .expect_err("missing")
                .is_missing()
        );
        if Path::new("/dev/zero").exists() {
            assert!(matches!(
                read_regular(Path::new("/dev/zero"), 100),
                Err(ReadError::NotRegular)
            ));
        }
        std::fs::write(&path, b"ok\xFFno").expect("write");
        let e = read_regular_text(&path, 100).expect_err("not UTF-8");
        assert_eq!(
            e.to_string(),
            "not valid UTF-8 (first bad byte at offset 2)"
        );
    }
}
