//! Atomic file replacement: write a temporary file beside the target, fsync it, rename it over.
//!
//! A reader (or a crash) sees either the old file or the new one, never half of each. When the
//! path is a symbolic link, the link is kept and the file it points to is replaced; if that
//! file lies outside the link's directory, the caller is told so it can say so.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What [`write_atomic`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The file actually replaced (the link's target when `path` was a symbolic link).
    pub target: PathBuf,
    /// `path` was a symbolic link whose target lies in another directory.
    pub left_directory: bool,
}

/// Replaces the contents of `path` with `bytes` atomically, keeping the file's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<Written> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Like [`write_atomic`], with the contents written by `write`. When `write` fails half-way,
/// the old file is left as it was and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<Written> {
    let mut file = AtomicFile::create(path)?;
    write(&mut file.file)?;
    file.commit()
}

/// A file being replaced: writes go to a temporary file beside the target, which
/// [`AtomicFile::commit`] renames over it. Dropped without a commit (an error half-way), the
/// temporary file is removed and the old file stays as it was. For writers that produce their
/// contents bit by bit, such as a report written while articles are still being checked.
#[derive(Debug)]
pub struct AtomicFile {
    file: File,
    tmp_path: PathBuf,
    target: PathBuf,
    dir: PathBuf,
    permissions: Option<fs::Permissions>,
    left_directory: bool,
    committed: bool,
}

impl AtomicFile {
    /// Starts replacing `path` (the file a symbolic link points to, when it is one).
    pub fn create(path: &Path) -> io::Result<Self> {
        let meta = fs::symlink_metadata(path).ok();
        let is_link = meta.as_ref().is_some_and(|m| m.file_type().is_symlink());
        let (target, left_directory) = if is_link {
            let target = fs::canonicalize(path)?;
            let link_dir = fs::canonicalize(parent_of(path))?;
            let outside = target.parent() != Some(link_dir.as_path());
            (target, outside)
        } else {
            (path.to_path_buf(), false)
        };
        let dir = parent_of(&target).to_path_buf();
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
        let permissions = fs::metadata(&target).ok().map(|m| m.permissions());
        let (tmp_path, file) = create_temp(&dir, &name.to_string_lossy())?;
        Ok(Self {
            file,
            tmp_path,
            target,
            dir,
            permissions,
            left_directory,
            committed: false,
        })
    }

    /// Makes the written contents the file's: keeps its permissions, syncs, renames.
    pub fn commit(mut self) -> io::Result<Written> {
        if let Some(p) = &self.permissions {
            self.file.set_permissions(p.clone())?;
        }
        self.file.sync_all()?;
        fs::rename(&self.tmp_path, &self.target)?;
        self.committed = true;
        sync_dir(&self.dir);
        Ok(Written {
            target: self.target.clone(),
            left_directory: self.left_directory,
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp_path);
        }
    }
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Creates a new, unique temporary file in `dir` (never an existing one: `create_new`).
pub(crate) fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let candidate = dir.join(format!(".{name}.factdiff-{pid}-{attempt}.tmp"));
        // Readable too: a report's spool reads back what it wrote.
        match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => return Ok((candidate, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "could not create a temporary file beside the target",
    ))
}

/// Makes the rename durable where the platform allows syncing a directory.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_that_fails_half_way_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("facts.yaml");
        fs::write(&path, "old contents\n").expect("write");
        let failed = write_atomic_with(&path, |f| {
            f.write_all(b"new con")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).expect("read"), "old contents\n");
        let left: Vec<_> = fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn an_atomic_file_dropped_uncommitted_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("report.json");
        fs::write(&path, "old\n").expect("write");
        let mut f = AtomicFile::create(&path).expect("temp file");
        f.write_all(b"half a rep").expect("write");
        drop(f);
        assert_eq!(fs::read_to_string(&path).expect("read"), "old\n");
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
        let mut f = AtomicFile::create(&path).expect("temp file");
        f.write_all(b"new\n").expect("write");
        f.commit().expect("commit");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new\n");
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn replaces_contents_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts.yaml");
        fs::write(&path, "old\n").unwrap();
        let w = write_atomic(&path, b"new\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert!(!w.left_directory);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_a_symlink_and_says_when_it_leaves_the_directory() {
        let outer = tempfile::tempdir().unwrap();
        let inner = outer.path().join("inner");
        fs::create_dir(&inner).unwrap();
        let real = outer.path().join("real.yaml");
        fs::write(&real, "old\n").unwrap();
        let link = inner.join("facts.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let w = write_atomic(&link, b"new\n").unwrap();
        assert!(w.left_directory);
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
    }
}
