//! Finds article files: files as given, directories searched recursively in a fixed order.
//!
//! The walk is our own rather than `ignore`'s or `walkdir`'s: sorting a directory's entries
//! means holding all of them, and those walkers hold each one as a `DirEntry` with its own
//! path. On 100k articles in one directory that was 19 MB of a `--no-cross` run's 21 MB peak
//! heap, the one part of such a run that grew with the number of articles. Here a directory
//! being walked keeps only the names that can lead to an article, in one buffer, with eight
//! bytes of place and kind each: that run's peak heap is 9.2 MB (7.1 MB on 10k articles).

use super::error::LoadError;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// File extensions (lower case) taken as articles when searching a directory.
pub const ARTICLE_EXTENSIONS: [&str; 5] = ["md", "markdown", "txt", "html", "htm"];

/// Whether `path` has one of [`ARTICLE_EXTENSIONS`] (case-insensitive).
pub fn is_article_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| e.eq_ignore_ascii_case(a)))
}

/// The article files under `paths`, each with the path to show for it.
///
/// A file is taken as given, whatever its extension. A directory is searched recursively,
/// skipping hidden entries (names starting with a dot) but reading no ignore files (an
/// article archive is not a source tree), following symbolic links with loop detection, in
/// file-name order (byte order) so output is the same on every machine.
pub fn find_articles(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<LoadError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for item in walk_articles(paths) {
        match item {
            Ok(file) => found.push(file),
            Err(e) => errors.push(e),
        }
    }
    (found, errors)
}

/// [`find_articles`] one file (or problem) at a time, in the same order, for a caller that
/// does not keep the whole list: a directory's entries are read when the walk reaches it.
pub fn walk_articles(
    paths: &[PathBuf],
) -> impl Iterator<Item = Result<(PathBuf, String), LoadError>> + '_ {
    type Found = Box<dyn Iterator<Item = Result<(PathBuf, String), LoadError>>>;
    paths.iter().flat_map(|root| -> Found {
        match metadata(root) {
            Err(e) => Box::new(std::iter::once(Err(e))),
            Ok(meta) if meta.is_dir() => Box::new(Walk::new(root)),
            Ok(_) => Box::new(std::iter::once(Ok(found(root.clone())))),
        }
    })
}

/// What `path` leads to, symbolic links followed; a path that leads nowhere is missing.
fn metadata(path: &Path) -> Result<std::fs::Metadata, LoadError> {
    std::fs::metadata(path).map_err(|e| {
        let path = path.display().to_string();
        match e.kind() {
            // A dangling link, or a file removed during the walk.
            std::io::ErrorKind::NotFound => LoadError::Missing { path },
            _ => LoadError::Unreadable {
                path,
                message: e.to_string(),
            },
        }
    })
}

/// An article file found, with the path to show for it.
fn found(path: PathBuf) -> (PathBuf, String) {
    let display = path.display().to_string();
    (path, display)
}

/// What a directory entry is, as far as the walk cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A regular file with an article extension.
    Article,
    Dir,
    /// A symbolic link, followed when the walk reaches it.
    Link,
}

/// One entry of a [`Listing`]: its name's place in the listing's buffer.
#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    /// No file system allows a name near 64 KiB.
    len: u16,
    kind: Kind,
}

/// A directory being walked: the names in it that can lead to an article, sorted.
struct Listing {
    dir: PathBuf,
    /// Every kept name's bytes, one after another.
    names: Vec<u8>,
    entries: Vec<Entry>,
    /// The next entry to visit.
    next: usize,
    /// The directory itself, to notice a symbolic link that leads back into it.
    handle: same_file::Handle,
}

impl Listing {
    /// Reads `dir`, whose `handle` the caller opened; the problems met listing it come back
    /// beside it, to be reported before its entries.
    fn read(dir: PathBuf, handle: same_file::Handle) -> Result<(Self, Vec<LoadError>), LoadError> {
        let unreadable = |e: std::io::Error| unreadable(&dir, e);
        let mut listing = Self {
            names: Vec::new(),
            entries: Vec::new(),
            next: 0,
            handle,
            dir: PathBuf::new(),
        };
        let mut problems = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(unreadable)? {
            // Hidden names are skipped before their type is asked (which may need a stat).
            let entry = entry.and_then(|e| {
                let name = e.file_name();
                let hidden = name.as_encoded_bytes().first() == Some(&b'.');
                Ok((!hidden).then_some((name, e.file_type()?)))
            });
            let (name, file_type) = match entry {
                Ok(Some(entry)) => entry,
                Ok(None) => continue,
                Err(e) => {
                    problems.push(unreadable(e));
                    continue;
                }
            };
            let kind = if file_type.is_symlink() {
                Kind::Link
            } else if file_type.is_dir() {
                Kind::Dir
            } else if file_type.is_file() && is_article_path(Path::new(&name)) {
                Kind::Article
            } else {
                continue;
            };
            let bytes = name.as_encoded_bytes();
            let (Ok(start), Ok(len)) = (
                u32::try_from(listing.names.len()),
                u16::try_from(bytes.len()),
            ) else {
                problems.push(unreadable(std::io::Error::other(
                    "too many entries to list in one directory, or a name too long",
                )));
                break;
            };
            listing.names.extend_from_slice(bytes);
            listing.entries.push(Entry { start, len, kind });
        }
        let names = &listing.names;
        // Names in a directory are unique, so an unstable sort gives one order.
        listing
            .entries
            .sort_unstable_by(|a, b| listing_name(names, *a).cmp(listing_name(names, *b)));
        listing.dir = dir;
        Ok((listing, problems))
    }

    fn name(&self, e: Entry) -> &OsStr {
        // SAFETY: the bytes are exactly one name's `as_encoded_bytes()`, copied whole.
        unsafe { OsStr::from_encoded_bytes_unchecked(listing_name(&self.names, e)) }
    }
}

/// `dir` could not be opened or listed.
fn unreadable(dir: &Path, e: std::io::Error) -> LoadError {
    LoadError::Unreadable {
        path: dir.display().to_string(),
        message: e.to_string(),
    }
}

/// The bytes of entry `e`'s name in a listing's buffer.
fn listing_name(names: &[u8], e: Entry) -> &[u8] {
    let start = e.start as usize;
    &names[start..start + usize::from(e.len)]
}

/// A depth-first walk of one directory given on the command line.
struct Walk {
    /// The directories being walked, outermost first.
    stack: Vec<Listing>,
    /// Problems to report before going on.
    problems: std::collections::VecDeque<LoadError>,
}

impl Walk {
    fn new(root: &Path) -> Self {
        let mut walk = Self {
            stack: Vec::new(),
            problems: std::collections::VecDeque::new(),
        };
        walk.enter(root.to_path_buf());
        walk
    }

    /// Lists `dir` and walks into it.
    fn enter(&mut self, dir: PathBuf) {
        match same_file::Handle::from_path(&dir) {
            Ok(handle) => self.enter_opened(dir, handle),
            Err(e) => self.problems.push_back(unreadable(&dir, e)),
        }
    }

    /// [`Walk::enter`] with the directory's handle already opened.
    fn enter_opened(&mut self, dir: PathBuf, handle: same_file::Handle) {
        match Listing::read(dir, handle) {
            Ok((listing, problems)) => {
                self.problems.extend(problems);
                self.stack.push(listing);
            }
            Err(e) => self.problems.push_back(e),
        }
    }

    /// Follows the symbolic link at `path`: to an article, a directory to walk, or nothing.
    fn follow(&mut self, path: PathBuf) -> Option<Result<(PathBuf, String), LoadError>> {
        let meta = match metadata(&path) {
            Ok(meta) => meta,
            Err(e) => return Some(Err(e)),
        };
        if meta.is_dir() {
            let handle = match same_file::Handle::from_path(&path) {
                Ok(handle) => handle,
                Err(e) => return Some(Err(unreadable(&path, e))),
            };
            if self.stack.iter().any(|l| l.handle == handle) {
                return Some(Err(LoadError::SymlinkLoop {
                    path: path.display().to_string(),
                }));
            }
            self.enter_opened(path, handle);
            None
        } else if meta.is_file() && is_article_path(&path) {
            Some(Ok(found(path)))
        } else {
            None
        }
    }
}

impl Iterator for Walk {
    type Item = Result<(PathBuf, String), LoadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(problem) = self.problems.pop_front() {
                return Some(Err(problem));
            }
            let top = self.stack.last_mut()?;
            let Some(&entry) = top.entries.get(top.next) else {
                self.stack.pop();
                continue;
            };
            top.next += 1;
            let path = top.dir.join(top.name(entry));
            match entry.kind {
                Kind::Article => return Some(Ok(found(path))),
                Kind::Dir => self.enter(path),
                Kind::Link => {
                    if let Some(found) = self.follow(path) {
                        return Some(found);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn touch(p: &Path) {
        fs::create_dir_all(p.parent().expect("has parent")).expect("mkdir");
        fs::write(p, "text").expect("write");
    }

    #[test]
    fn directories_are_walked_in_name_order_with_article_extensions_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for name in [
            "b.md",
            "a.txt",
            "a.md",
            "a/z.md",
            "B.md",
            "sub/z.html",
            "sub/c.HTM",
            "x.markdown",
            "notes.pdf",
            ".hidden.md",
            ".git/HEAD.md",
            "c.yaml",
        ] {
            touch(&d.join(name));
        }
        let (found, errors) = find_articles(&[d.to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<String> = found
            .iter()
            .map(|(p, _)| p.strip_prefix(d).expect("under root").display().to_string())
            .collect();
        // Byte order of each name, a directory's articles where its name falls.
        assert_eq!(
            names,
            [
                "B.md",
                "a/z.md",
                "a.md",
                "a.txt",
                "b.md",
                "sub/c.HTM",
                "sub/z.html",
                "x.markdown"
            ]
        );
        // Display paths are as found under the directory given.
        assert_eq!(found[3].1, d.join("a.txt").display().to_string());
    }

    #[test]
    fn files_are_taken_as_given_and_missing_paths_are_errors() {
        let dir = tempfile::tempdir().expect("temp dir");
        let f = dir.path().join("notes.pdf");
        touch(&f);
        let missing = dir.path().join("nope.md");
        let (found, errors) = find_articles(&[f.clone(), missing.clone()]);
        assert_eq!(found, vec![(f.clone(), f.display().to_string())]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().contains("nope.md"), "{}", errors[0]);
        assert!(
            errors[0].to_string().contains("no such file"),
            "{}",
            errors[0]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_do_not_hang() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        touch(&d.join("sub/a.md"));
        std::os::unix::fs::symlink(d, d.join("sub/back")).expect("symlink");
        let (found, errors) = find_articles(&[d.to_path_buf()]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().contains("loop"), "{}", errors[0]);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_followed_in_their_place_and_broken_ones_reported() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let (d, outside) = (dir.path().join("news"), dir.path().join("elsewhere"));
        touch(&d.join("b.md"));
        touch(&d.join("d/e.md"));
        touch(&outside.join("o.txt"));
        symlink(d.join("b.md"), d.join("a-link.md")).expect("symlink");
        symlink(d.join("b.md"), d.join("a-link")).expect("symlink");
        symlink(&outside, d.join("c-out")).expect("symlink");
        symlink(&outside, d.join("d/f-out")).expect("symlink");
        symlink(d.join("gone.md"), d.join("c-dangling.md")).expect("symlink");
        symlink(d.join("d/self"), d.join("d/self")).expect("symlink");
        let got: Vec<String> = walk_articles(std::slice::from_ref(&d))
            .map(|item| match item {
                Ok((p, _)) => p
                    .strip_prefix(&d)
                    .expect("under root")
                    .display()
                    .to_string(),
                Err(e) => format!("error: {e}"),
            })
            .collect();
        let dangling = d.join("c-dangling.md").display().to_string();
        let selfish = d.join("d/self").display().to_string();
        assert_eq!(got.len(), 7, "{got:#?}");
        assert_eq!(
            got[..6],
            [
                "a-link.md".to_string(),
                "b.md".into(),
                format!("error: {dangling}: no such file or directory"),
                "c-out/o.txt".into(),
                "d/e.md".into(),
                "d/f-out/o.txt".into(),
            ]
        );
        // The operating system's words, once, after the path.
        let prefix = format!("error: {selfish}: cannot read: ");
        assert!(got[6].starts_with(&prefix), "{}", got[6]);
        assert!(!got[6][prefix.len()..].contains(&selfish), "{}", got[6]);
    }

    #[test]
    fn a_listing_keeps_only_names_that_can_lead_to_articles() {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        for name in [
            "b.md",
            "a.TXT",
            "notes.pdf",
            ".hidden.md",
            ".git/x.md",
            "sub/c.md",
        ] {
            touch(&d.join(name));
        }
        let handle = same_file::Handle::from_path(d).expect("opened");
        let (listing, problems) = Listing::read(d.to_path_buf(), handle).expect("listed");
        assert!(problems.is_empty());
        let kept: Vec<(&OsStr, Kind)> = listing
            .entries
            .iter()
            .map(|&e| (listing.name(e), e.kind))
            .collect();
        assert_eq!(
            kept,
            [
                (OsStr::new("a.TXT"), Kind::Article),
                (OsStr::new("b.md"), Kind::Article),
                (OsStr::new("sub"), Kind::Dir),
            ]
        );
        assert_eq!(listing.names.len(), "a.TXTb.mdsub".len());
        assert_eq!(std::mem::size_of::<Entry>(), 8);
    }
}
