//! Finds article files: files as given, directories searched recursively in a fixed order.

use super::error::LoadError;
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
/// skipping hidden entries but no ignore files (an article archive is not a source tree),
/// following symbolic links with loop detection, in file-name order so output is the same on
/// every machine.
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
        let display = root.display().to_string();
        match std::fs::metadata(root) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Box::new(std::iter::once(Err(LoadError::Missing { path: display })))
            }
            Err(e) => Box::new(std::iter::once(Err(LoadError::Unreadable {
                path: display,
                message: e.to_string(),
            }))),
            Ok(meta) if meta.is_dir() => Box::new(walk_dir(root)),
            Ok(_) => Box::new(std::iter::once(Ok((root.clone(), display)))),
        }
    })
}

fn walk_dir(root: &Path) -> impl Iterator<Item = Result<(PathBuf, String), LoadError>> + use<> {
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    let root = root.to_path_buf();
    walker.filter_map(move |entry| match entry {
        Ok(entry) => {
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            (is_file && is_article_path(entry.path())).then(|| {
                let path = entry.path().to_path_buf();
                let display = path.display().to_string();
                Ok((path, display))
            })
        }
        Err(e) => Some(Err(walk_error(&root, e))),
    })
}

/// Turns a walker error into one naming the path it is about.
fn walk_error(root: &Path, err: ignore::Error) -> LoadError {
    let mut path = root.to_path_buf();
    let mut err = err;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path = p;
                err = *inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => err = *inner,
            ignore::Error::Loop { child, .. } => {
                return LoadError::SymlinkLoop {
                    path: child.display().to_string(),
                };
            }
            ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A dangling symbolic link, or a file removed during the walk.
                return LoadError::Missing {
                    path: path.display().to_string(),
                };
            }
            other => {
                return LoadError::Unreadable {
                    path: path.display().to_string(),
                    message: other.to_string(),
                };
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
        assert_eq!(
            names,
            ["a.txt", "b.md", "sub/c.HTM", "sub/z.html", "x.markdown"]
        );
        // Display paths are as found under the directory given.
        assert_eq!(found[0].1, d.join("a.txt").display().to_string());
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
}
