//! Fingerprints of findings, and baselines: the findings a project already knows about.
//!
//! A fingerprint must survive edits elsewhere in the article, so it hashes what the finding
//! *says* (kind, the fact or the other source, the values, the sentence's words) and never
//! where it stands (no line numbers or offsets). The hash is FNV-1a, written here so that it
//! stays the same across Rust versions and machines.

use crate::article::Article;
use crate::facts::FactFile;
use crate::finding::{Finding, Related};
use crate::report::paths;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The baseline file format's version.
pub const BASELINE_VERSION: u32 = 1;
/// Baselines larger than this are refused unread: one entry is about 200 bytes, so this
/// holds hundreds of thousands of known findings.
pub const MAX_BASELINE_BYTES: u64 = 64 * 1024 * 1024;

/// 64-bit FNV-1a over `parts`, each followed by a separator byte no text contains.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Lower-cased words (letters and digits), one space apart: what survives re-wrapping,
/// re-punctuating and re-casing.
pub fn normalise(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The finding's fingerprint: 16 hex digits.
pub fn fingerprint(f: &Finding, articles: &[Article], facts: Option<&FactFile>) -> String {
    let other: String = match (f.fact, facts) {
        (Some(id), Some(facts)) => format!("fact:{}", facts.fact(id).id),
        _ => f
            .related
            .iter()
            .find_map(|r| match r {
                // Named from the project root, so `./a.md`, `$PWD/a.md` and a run from a
                // subfolder give the same fingerprint.
                Related::Article { article, .. } => crate::report::find_article(articles, *article)
                    .map(|i| &articles[i])
                    .map(|a| format!("article:{}", paths::project().relative(&a.path))),
                Related::Fact { .. } => None,
            })
            .unwrap_or_default(),
    };
    let sentence = crate::report::find_article(articles, f.article)
        .map(|i| &articles[i])
        .and_then(|a| a.text.get(f.sentence.start..f.sentence.end))
        .unwrap_or_default();
    fingerprint_parts(f, &other, sentence)
}

/// [`fingerprint`] from its parts: `other` is `fact:ID` or `article:PATH`, `sentence` the
/// article's sentence as written.
pub fn fingerprint_parts(f: &Finding, other: &str, sentence: &str) -> String {
    let sentence = normalise(sentence);
    let expected = f.expected.as_deref().map(normalise).unwrap_or_default();
    let h = fnv1a(&[
        f.kind.as_str(),
        other,
        &normalise(&f.found),
        &expected,
        &sentence,
    ]);
    format!("{h:016x}")
}

/// One known finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub fingerprint: String,
    /// For people reading the file; matching uses `file` and `fingerprint` only.
    pub kind: String,
    pub fact: Option<String>,
    pub found: String,
}

impl Entry {
    /// The entry of a resolved finding, its article named by `paths`.
    pub fn of(r: &crate::report::Resolved, paths: &BaselinePaths) -> Self {
        Self {
            file: paths.key(&r.file),
            fingerprint: r.fingerprint.clone(),
            kind: r.kind.to_string(),
            fact: r.fact.clone(),
            found: r.found.clone(),
        }
    }
}

/// A baseline file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{path}: cannot read the baseline: {source}")]
    Read {
        path: String,
        source: crate::load::file::ReadError,
    },
    #[error("{path}:{line}:{column}: not a factdiff baseline: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: baseline version {found} is not supported (expected {BASELINE_VERSION})")]
    Version { path: String, found: u32 },
}

/// How a baseline names articles: relative to the baseline file's own folder, so the same
/// article matches however its path is written on the command line and from whichever folder
/// factdiff runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselinePaths {
    /// The current directory (absolute).
    cwd: PathBuf,
    /// The baseline file's folder (absolute).
    dir: PathBuf,
}

impl BaselinePaths {
    /// For the baseline file at `path` (relative to the current directory, or absolute).
    pub fn of(path: &Path) -> Self {
        Self::at(path, &paths::project().cwd)
    }

    pub fn at(path: &Path, cwd: &Path) -> Self {
        let dir = paths::lexical(&cwd.join(path));
        let dir = dir
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
        Self {
            cwd: cwd.to_path_buf(),
            dir,
        }
    }

    /// The name of the article shown as `shown` in the baseline.
    pub fn key(&self, shown: &str) -> String {
        paths::relative_to(shown, &self.cwd, &self.dir)
    }

    /// The names an older baseline may use for it: relative to the current directory (as
    /// version 1 baselines written before paths were normalised), then absolute.
    fn legacy_keys(&self, shown: &str) -> [String; 2] {
        [
            paths::relative_to(shown, &self.cwd, &self.cwd),
            paths::lexical(&self.cwd.join(shown))
                .to_string_lossy()
                .replace('\\', "/"),
        ]
    }
}

/// An entry's path as written, tidied (`./`, `..`, backslashes) for comparison.
fn tidy(file: &str) -> String {
    paths::lexical(Path::new(&file.replace('\\', "/")))
        .to_string_lossy()
        .replace('\\', "/")
}

impl Baseline {
    /// A baseline of `findings` (the resolved records carry file and fingerprint), sorted,
    /// with each article named by `paths`.
    pub fn from_resolved(findings: &[crate::report::Resolved], paths: &BaselinePaths) -> Self {
        Self::from_entries(findings.iter().map(|r| Entry::of(r, paths)).collect())
    }

    /// A baseline of `entries`, sorted.
    pub fn from_entries(mut entries: Vec<Entry>) -> Self {
        entries.sort();
        Self {
            version: BASELINE_VERSION,
            findings: entries,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a baseline always serialises");
        s.push('\n');
        s
    }

    pub fn parse(path: &str, text: &str) -> Result<Self, BaselineError> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| BaselineError::Parse {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if b.version != BASELINE_VERSION {
            return Err(BaselineError::Version {
                path: path.to_string(),
                found: b.version,
            });
        }
        Ok(b)
    }

    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let display = path.display().to_string();
        let text =
            crate::load::file::read_regular_text(path, MAX_BASELINE_BYTES).map_err(|source| {
                BaselineError::Read {
                    path: display.clone(),
                    source,
                }
            })?;
        Self::parse(&display, &text)
    }

    /// For each `(file as shown, fingerprint)`, whether it is known. Each entry hides at most
    /// one finding, so a second copy of a known mistake still shows.
    pub fn known(&self, findings: &[(String, String)], paths: &BaselinePaths) -> Vec<bool> {
        let mut known = self.matcher(paths.clone());
        findings
            .iter()
            .map(|(file, fp)| known.take(file, fp))
            .collect()
    }

    /// What [`Self::known`] does, one finding at a time (in report order), for findings that
    /// come in batches.
    pub fn matcher(&self, paths: BaselinePaths) -> Known {
        let mut budget: HashMap<(String, String), usize> = HashMap::new();
        for e in &self.findings {
            *budget
                .entry((tidy(&e.file), e.fingerprint.clone()))
                .or_default() += 1;
        }
        Known { budget, paths }
    }
}

/// A baseline's entries not yet matched: each hides one finding.
#[derive(Clone, Debug)]
pub struct Known {
    budget: HashMap<(String, String), usize>,
    paths: BaselinePaths,
}

impl Known {
    /// Whether the finding in `file` (as shown) with `fingerprint` is known; if so, the
    /// entry is used up.
    pub fn take(&mut self, file: &str, fingerprint: &str) -> bool {
        let [old_rel, old_abs] = self.paths.legacy_keys(file);
        for name in [self.paths.key(file), old_rel, old_abs] {
            if let Some(n) = self.budget.get_mut(&(name, fingerprint.to_string()))
                && *n > 0
            {
                *n -= 1;
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{ArticleId, ArticleMeta};
    use crate::report::testdata::{self, Sample, find, sentence_of};
    use crate::span::Span;

    #[test]
    fn fnv_is_the_published_function() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c; ours appends a 0xff separator, so check the
        // core on the empty input: the offset basis after one 0xff byte.
        let h = fnv1a(&[""]);
        assert_eq!(
            h,
            (0xcbf2_9ce4_8422_2325u64 ^ 0xff).wrapping_mul(0x100_0000_01b3)
        );
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn fingerprint_survives_an_unrelated_edit() {
        let s = Sample::new();
        let before = fingerprint(&s.findings[0], &s.articles, Some(&s.facts));

        // Insert a paragraph before the sentence and re-wrap nothing else.
        let edited = format!(
            "A new paragraph about something else entirely.\n\n{}",
            testdata::ARTICLE_A
        );
        let mut articles = s.articles.clone();
        articles[0] = Article::plain(
            ArticleId(0),
            "news/a.md",
            edited.clone(),
            ArticleMeta::default(),
        );
        let mut moved = s.findings[0].clone();
        moved.span = find(&edited, "150 drones");
        moved.sentence = sentence_of(&edited, moved.span);
        assert_ne!(moved.span, s.findings[0].span);
        let after = fingerprint(&moved, &articles, Some(&s.facts));
        assert_eq!(before, after);
        assert_eq!(before.len(), 16);

        // A different value in the same sentence is a different finding.
        let mut other = moved.clone();
        other.found = "151 drones".into();
        assert_ne!(fingerprint(&other, &articles, Some(&s.facts)), before);
    }

    #[test]
    fn fingerprint_ignores_case_spacing_and_punctuation() {
        let s = Sample::new();
        let mut f = s.findings[0].clone();
        let base = fingerprint(&f, &s.articles, Some(&s.facts));
        f.found = "150  Drones".into();
        assert_eq!(fingerprint(&f, &s.articles, Some(&s.facts)), base);
        f.sentence = Span::new(f.sentence.start, f.sentence.end - 1); // drops the final "."
        assert_eq!(fingerprint(&f, &s.articles, Some(&s.facts)), base);
    }

    #[test]
    fn baseline_round_trips_and_hides_known_findings() {
        let s = Sample::new();
        let resolved = s.data().resolve();
        let here = BaselinePaths::at(Path::new("baseline.json"), Path::new("/repo"));
        let b = Baseline::from_resolved(&resolved, &here);
        let text = b.to_json();
        let back = Baseline::parse("baseline.json", &text).expect("own output parses");
        assert_eq!(back, b);
        let mut sorted = back.findings.clone();
        sorted.sort();
        assert_eq!(sorted, back.findings);

        let keys: Vec<(String, String)> = resolved
            .iter()
            .map(|r| (r.file.clone(), r.fingerprint.clone()))
            .collect();
        assert_eq!(back.known(&keys, &here), vec![true, true, true]);
        // A second copy of the same finding is new.
        let twice = vec![keys[0].clone(), keys[0].clone()];
        assert_eq!(back.known(&twice, &here), vec![true, false]);
        // The same finding in another file is new.
        assert_eq!(
            back.known(&[("news/c.md".into(), keys[0].1.clone())], &here),
            vec![false]
        );
    }

    #[test]
    fn every_spelling_of_an_article_path_matches_its_entry() {
        let s = Sample::new();
        let resolved = s.data().resolve();
        // Written at the root with `news/a.md`...
        let root = BaselinePaths::at(Path::new("baseline.json"), Path::new("/repo"));
        let b = Baseline::from_resolved(&resolved, &root);
        assert_eq!(b.findings[0].file, "news/a.md");
        let fp = resolved[0].fingerprint.clone();
        // ...found again as `./news/a.md`, `/repo/news/a.md`, or from `/repo/news` as `a.md`.
        for (cwd, shown) in [
            ("/repo", "./news/a.md"),
            ("/repo", "/repo/news/a.md"),
            ("/repo", "news/../news/a.md"),
            ("/repo/news", "a.md"),
        ] {
            let paths = BaselinePaths::at(Path::new("/repo/baseline.json"), Path::new(cwd));
            assert_eq!(
                b.known(&[(shown.to_string(), fp.clone())], &paths),
                vec![true],
                "{shown} from {cwd}"
            );
        }
        // A baseline kept in a subfolder names articles from there.
        let sub = BaselinePaths::at(Path::new(".ci/baseline.json"), Path::new("/repo"));
        assert_eq!(sub.key("news/a.md"), "../news/a.md");
        // An older baseline, written with paths as given (`./news/a.md`), still matches.
        let mut old = b.clone();
        old.findings[0].file = "./news/a.md".into();
        assert_eq!(old.known(&[("news/a.md".into(), fp)], &sub), vec![true]);
    }

    #[test]
    fn bad_baselines_are_errors_with_places() {
        let e = Baseline::parse("b.json", "{\"version\": 1,\n \"nope\": 2}").unwrap_err();
        assert!(e.to_string().starts_with("b.json:2:"), "{e}");
        let e = Baseline::parse("b.json", "{\"version\": 9, \"findings\": []}").unwrap_err();
        assert!(matches!(e, BaselineError::Version { found: 9, .. }));
    }
}
