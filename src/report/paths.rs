//! Paths as reports and baselines name them, whatever way they were given on the command line
//! (`articles/x.md`, `./articles/x.md`, `$PWD/articles/x.md`, run from a subfolder).
//!
//! Two bases: the *project root* (the nearest folder holding `.git`, walking up from the
//! current directory; outside a repository the current directory), which the formats read by
//! code review tools (github, rdjsonl, sarif) and cross-article fingerprints use; and any
//! other folder, such as a baseline file's. Paths are resolved lexically (`.` dropped, `..`
//! taken back), so a path need not exist; an absolute path under a symbolic link to the base
//! is also tried through the real paths.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// The nearest folder at or above `from` that holds `.git` (a folder, or a file in a worktree).
pub fn git_root(from: &Path) -> Option<PathBuf> {
    from.ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Where factdiff runs, and the project root found from there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    pub cwd: PathBuf,
    pub root: PathBuf,
}

impl Project {
    /// The current directory and its git root (or itself outside a repository).
    pub fn discover() -> Self {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let root = git_root(&cwd).unwrap_or_else(|| cwd.clone());
        Self { cwd, root }
    }

    /// `shown` (relative to the current directory, or absolute) relative to the root.
    pub fn relative(&self, shown: &str) -> String {
        relative_to(shown, &self.cwd, &self.root)
    }

    /// The current directory relative to the root (`""` at the root).
    pub fn cwd_in_root(&self) -> String {
        relative_to(".", &self.cwd, &self.root)
    }
}

/// The project of this process, found once.
pub fn project() -> &'static Project {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    PROJECT.get_or_init(Project::discover)
}

/// `path` with `.` dropped and `a/..` taken back, without touching the file system.
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_normal =
                    matches!(out.components().next_back(), Some(Component::Normal(_)));
                if last_is_normal {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
                // `/..` is `/`.
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `shown` (relative to `cwd` unless absolute) relative to `base`, with `/` separators and
/// `..` where it lies outside `base`; the empty string for `base` itself.
pub fn relative_to(shown: &str, cwd: &Path, base: &Path) -> String {
    let path = lexical(&cwd.join(shown.replace('\\', "/")));
    let base = lexical(&cwd.join(base));
    if !path.starts_with(&base) && Path::new(shown).is_absolute() {
        // `$PWD/x` where `$PWD` passes through a symbolic link that the current directory
        // does not: compare the real paths.
        if let (Ok(real), Ok(real_base)) =
            (std::fs::canonicalize(&path), std::fs::canonicalize(&base))
            && real.starts_with(&real_base)
        {
            return slashed(&difference(&real, &real_base));
        }
    }
    slashed(&difference(&path, &base))
}

/// `path` relative to `base` (both lexical and absolute, or both relative).
fn difference(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 && (path.has_root() || base.has_root()) {
        // Nothing shared (another drive): keep it absolute.
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    out
}

fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_drops_dots_and_takes_back_parents() {
        assert_eq!(lexical(Path::new("./a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(lexical(Path::new("../a/..")), PathBuf::from(".."));
        assert_eq!(lexical(Path::new("/../a")), PathBuf::from("/a"));
    }

    #[test]
    fn every_spelling_of_a_path_is_one_path() {
        let cwd = Path::new("/repo");
        let root = Path::new("/repo");
        for shown in [
            "articles/x.md",
            "./articles/x.md",
            "/repo/articles/x.md",
            "articles/../articles/x.md",
        ] {
            assert_eq!(relative_to(shown, cwd, root), "articles/x.md", "{shown}");
        }
        // From a subfolder, paths are still named from the root.
        let sub = Path::new("/repo/news/today");
        assert_eq!(
            relative_to("../../articles/x.md", sub, root),
            "articles/x.md"
        );
        assert_eq!(relative_to("x.md", sub, root), "news/today/x.md");
        // Outside the base: `..`.
        assert_eq!(
            relative_to("/elsewhere/x.md", cwd, root),
            "../elsewhere/x.md"
        );
        assert_eq!(relative_to(".", cwd, root), "");
    }

    #[test]
    fn the_git_root_is_the_nearest_folder_with_git() {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = dir.path().join("outer/repo");
        std::fs::create_dir_all(repo.join(".git")).expect("mkdir");
        std::fs::create_dir_all(repo.join("a/b")).expect("mkdir");
        assert_eq!(git_root(&repo.join("a/b")), Some(repo.clone()));
        assert_eq!(git_root(&dir.path().join("outer")), None);
    }
}
