//! The config file `.factdiff.yml`: project defaults for `factdiff check`, found by walking up
//! from the current directory to the git root. Command-line flags win over it.

use crate::cli::{CheckArgs, FailOn, Format, SeverityName};
use crate::finding::{Kind, Severity};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = ".factdiff.yml";
/// Config files larger than this are refused unread: a real one is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// `.factdiff.yml`, version 1. Relative paths are relative to the file's folder.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "factdiff config, version 1")]
pub struct ConfigFile {
    /// The config format's version; 1 when given.
    #[schemars(range(min = 1, max = 1))]
    pub version: Option<u32>,
    /// The fact file.
    pub facts: Option<String>,
    /// Article files, folders, or globs (`*`, `?`, `**`) used when no PATH is given.
    pub articles: Option<Vec<String>>,
    /// Minimum alignment score (0..1) for a sentence to be taken as about a fact.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub threshold: Option<f64>,
    pub fail_on: Option<FailOn>,
    pub min_severity: Option<SeverityName>,
    pub format: Option<Format>,
    /// Severity per finding kind, replacing the checks' own.
    pub severity: Option<SeverityOverrides>,
}

/// A severity per finding kind.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SeverityOverrides {
    pub value_mismatch: Option<SeverityName>,
    pub date_mismatch: Option<SeverityName>,
    pub stance_conflict: Option<SeverityName>,
}

impl SeverityOverrides {
    pub fn to_map(&self) -> BTreeMap<Kind, Severity> {
        Kind::ALL
            .into_iter()
            .filter_map(|k| {
                let s = match k {
                    Kind::ValueMismatch => self.value_mismatch,
                    Kind::DateMismatch => self.date_mismatch,
                    Kind::StanceConflict => self.stance_conflict,
                };
                s.map(|s| (k, s.severity()))
            })
            .collect()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the config file: {source}")]
    Read {
        path: String,
        source: crate::load::file::ReadError,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: String,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("no articles to check: give PATHs, or `articles:` in {FILE_NAME}")]
    NoArticles,
    #[error("--threshold: {0} is not between 0 and 1")]
    Threshold(f64),
}

impl ConfigFile {
    /// Parses a config file's text; `path` is for messages.
    pub fn parse(path: &str, text: &str) -> Result<Self, ConfigError> {
        let c: ConfigFile = serde_saphyr::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let message = e.without_snippet().to_string();
            // The library appends the place; we lead with it instead.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            ConfigError::Parse {
                path: path.to_string(),
                line,
                column,
                message,
            }
        })?;
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_string(),
            message,
        };
        if let Some(v) = c.version.filter(|&v| v != 1) {
            return Err(invalid(format!(
                "version {v} is not supported (expected 1)"
            )));
        }
        if let Some(t) = c.threshold.filter(|t| !(0.0..=1.0).contains(t)) {
            return Err(invalid(format!("threshold {t} is not between 0 and 1")));
        }
        Ok(c)
    }

    pub fn read(path: &Path) -> Result<Self, ConfigError> {
        let display = path.display().to_string();
        let text =
            crate::load::file::read_regular_text(path, MAX_CONFIG_BYTES).map_err(|source| {
                ConfigError::Read {
                    path: display.clone(),
                    source,
                }
            })?;
        Self::parse(&display, &text)
    }
}

/// The nearest `.factdiff.yml` from `start` up to the git root (the folder holding `.git`),
/// as a path relative to `start`. Outside a git repository only `start` itself is searched,
/// so a stray file in a home folder is never picked up.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = start.to_path_buf();
    let mut rel = PathBuf::new();
    let mut found = Vec::new();
    loop {
        if dir.join(FILE_NAME).is_file() {
            found.push(rel.join(FILE_NAME));
        }
        if dir.join(".git").exists() {
            return found.into_iter().next();
        }
        if !dir.pop() {
            // No git root: only a config in the start folder counts.
            return found
                .into_iter()
                .next()
                .filter(|p| p.parent() == Some(Path::new("")));
        }
        rel.push("..");
    }
}

/// Settings the output, gating and suppression parts of `check` need, once flags and config
/// are merged.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub format: Format,
    pub fail_on: FailOn,
    pub min_severity: Severity,
    pub overrides: BTreeMap<Kind, Severity>,
    /// The config file read, if any.
    pub config: Option<PathBuf>,
}

/// Merges the command line with the config file: a flag wins, then the config, then the
/// built-in default. Returns the arguments with `paths`, `facts` and `threshold` filled in.
pub fn settle(args: &CheckArgs) -> Result<(CheckArgs, Settings), ConfigError> {
    let path = if args.no_config {
        None
    } else if let Some(p) = &args.config {
        Some(p.clone())
    } else {
        std::env::current_dir().ok().and_then(|d| discover(&d))
    };
    let config = match &path {
        Some(p) => ConfigFile::read(p)?,
        None => ConfigFile::default(),
    };
    let base = path
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    merge(args, &config, &base, path)
}

/// The merge itself, with the config already read; `base` is the config file's folder.
pub fn merge(
    args: &CheckArgs,
    config: &ConfigFile,
    base: &Path,
    config_path: Option<PathBuf>,
) -> Result<(CheckArgs, Settings), ConfigError> {
    let mut out = args.clone();
    if out.paths.is_empty() {
        for entry in config.articles.iter().flatten() {
            out.paths.extend(expand(base, entry));
        }
    }
    if out.paths.is_empty() {
        return Err(ConfigError::NoArticles);
    }
    if out.facts.is_none() {
        out.facts = config.facts.as_ref().map(|f| base.join(f));
    }
    out.threshold = args
        .threshold_flag
        .or(config.threshold)
        .unwrap_or(crate::align::DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&out.threshold) {
        return Err(ConfigError::Threshold(out.threshold));
    }
    let settings = Settings {
        format: args.format.or(config.format).unwrap_or(Format::Human),
        fail_on: args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error),
        min_severity: args
            .min_severity
            .or(config.min_severity)
            .map_or(Severity::Info, SeverityName::severity),
        overrides: config
            .severity
            .as_ref()
            .map(SeverityOverrides::to_map)
            .unwrap_or_default(),
        config: config_path,
    };
    Ok((out, settings))
}

/// A config `articles` entry as paths: itself when it has no wildcard, else the matching
/// files under its fixed prefix, sorted.
fn expand(base: &Path, entry: &str) -> Vec<PathBuf> {
    let entry = entry.replace('\\', "/");
    if !entry.contains(['*', '?']) {
        return vec![base.join(&entry)];
    }
    let parts: Vec<&str> = entry.split('/').collect();
    let fixed = parts.iter().take_while(|p| !p.contains(['*', '?'])).count();
    let root = base.join(parts[..fixed].join("/"));
    let pattern = &parts[fixed..];
    let mut out = Vec::new();
    walk(&root, &mut Vec::new(), pattern, &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, rel: &mut Vec<String>, pattern: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        rel.push(name);
        if path.is_dir() {
            walk(&path, rel, pattern, out);
        } else {
            let segs: Vec<&str> = rel.iter().map(String::as_str).collect();
            if glob_path(pattern, &segs) {
                out.push(path);
            }
        }
        rel.pop();
    }
}

/// Matches path segments against pattern segments; `**` matches any number of segments.
fn glob_path(pattern: &[&str], path: &[&str]) -> bool {
    match (pattern.first(), path.first()) {
        (None, None) => true,
        (Some(&"**"), _) => {
            glob_path(&pattern[1..], path) || (!path.is_empty() && glob_path(pattern, &path[1..]))
        }
        (Some(p), Some(s)) => {
            glob_segment(p.as_bytes(), s.as_bytes()) && glob_path(&pattern[1..], &path[1..])
        }
        _ => false,
    }
}

/// `*` matches any run within a segment, `?` one byte.
fn glob_segment(p: &[u8], s: &[u8]) -> bool {
    match (p.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => glob_segment(&p[1..], s) || (!s.is_empty() && glob_segment(p, &s[1..])),
        (Some(b'?'), Some(_)) => glob_segment(&p[1..], &s[1..]),
        (Some(a), Some(b)) if a == b => glob_segment(&p[1..], &s[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(line: &[&str]) -> CheckArgs {
        let mut argv = vec!["factdiff", "check"];
        argv.extend(line);
        match crate::cli::Cli::parse_from(argv).command {
            crate::cli::Command::Check(a) => a,
            other => panic!("parsed a check command line as {other:?}"),
        }
    }

    #[test]
    fn config_schema_is_current() {
        crate::report::json::assert_schema_current(
            "schemas/config-v1.schema.json",
            &crate::report::json::schema_for::<ConfigFile>(),
        );
    }

    #[test]
    fn parses_a_full_config() {
        let c = ConfigFile::parse(
            ".factdiff.yml",
            "version: 1\nfacts: facts.yaml\narticles: [news/]\nthreshold: 0.6\nfail-on: warning\n\
             min-severity: warning\nformat: json-v1\nseverity:\n  stance-conflict: warning\n",
        )
        .expect("valid config");
        assert_eq!(c.format, Some(Format::Json));
        assert_eq!(
            c.severity.expect("set").to_map(),
            BTreeMap::from([(Kind::StanceConflict, Severity::Warning)])
        );
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let e = ConfigFile::parse(".factdiff.yml", "facts: a\nbogus: 1\n").unwrap_err();
        let s = e.to_string();
        assert!(
            s.starts_with(".factdiff.yml:2:1: unknown field `bogus`"),
            "{s}"
        );
        let e = ConfigFile::parse("c.yml", "severity:\n  value-mismatch: fatal\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("c.yml:2:19: unknown variant `fatal`"),
            "{e}"
        );
        let e = ConfigFile::parse("c.yml", "threshold: 2\n").unwrap_err();
        assert!(matches!(e, ConfigError::Invalid { .. }));
        let e = ConfigFile::parse("c.yml", "severity:\n  made-up: error\n").unwrap_err();
        assert!(e.to_string().starts_with("c.yml:2:3:"), "{e}");
    }

    #[test]
    fn flags_win_over_the_config() {
        let c = ConfigFile {
            facts: Some("facts.yaml".into()),
            articles: Some(vec!["news".into()]),
            threshold: Some(0.7),
            fail_on: Some(FailOn::Warning),
            min_severity: Some(SeverityName::Warning),
            format: Some(Format::Sarif),
            ..ConfigFile::default()
        };
        let base = Path::new("site");
        let (a, s) = merge(&args(&[]), &c, base, None).expect("merges");
        assert_eq!(a.paths, vec![PathBuf::from("site/news")]);
        assert_eq!(a.facts, Some(PathBuf::from("site/facts.yaml")));
        assert_eq!(a.threshold, 0.7);
        assert_eq!(
            (s.format, s.fail_on, s.min_severity),
            (Format::Sarif, FailOn::Warning, Severity::Warning)
        );

        let cli = args(&[
            "x.md",
            "--facts",
            "f.yaml",
            "--threshold",
            "0.4",
            "--format",
            "github",
            "--fail-on",
            "never",
            "--min-severity",
            "error",
        ]);
        let (a, s) = merge(&cli, &c, base, None).expect("merges");
        assert_eq!(a.paths, vec![PathBuf::from("x.md")]);
        assert_eq!(a.facts, Some(PathBuf::from("f.yaml")));
        assert_eq!(a.threshold, 0.4);
        assert_eq!(
            (s.format, s.fail_on, s.min_severity),
            (Format::Github, FailOn::Never, Severity::Error)
        );

        let (a, s) = merge(
            &args(&["x.md"]),
            &ConfigFile::default(),
            Path::new(""),
            None,
        )
        .expect("merges");
        assert_eq!(a.threshold, crate::align::DEFAULT_THRESHOLD);
        assert_eq!(
            (s.format, s.fail_on, s.min_severity),
            (Format::Human, FailOn::Error, Severity::Info)
        );
        assert!(matches!(
            merge(&args(&[]), &ConfigFile::default(), Path::new(""), None),
            Err(ConfigError::NoArticles)
        ));
    }

    #[test]
    fn discovery_stops_at_the_git_root() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path();
        std::fs::create_dir_all(root.join("repo/.git")).expect("mkdir");
        std::fs::create_dir_all(root.join("repo/a/b")).expect("mkdir");
        std::fs::write(root.join(FILE_NAME), "").expect("write");
        assert_eq!(discover(&root.join("repo/a/b")), None, "above the git root");
        std::fs::write(root.join("repo").join(FILE_NAME), "").expect("write");
        assert_eq!(
            discover(&root.join("repo/a/b")),
            Some(PathBuf::from("../../.factdiff.yml"))
        );
        std::fs::write(root.join("repo/a").join(FILE_NAME), "").expect("write");
        assert_eq!(
            discover(&root.join("repo/a/b")),
            Some(PathBuf::from("../.factdiff.yml"))
        );
    }

    #[test]
    fn globs_expand_sorted() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path();
        for f in [
            "news/b.md",
            "news/a.md",
            "news/x.txt",
            "news/2024/c.md",
            "other/d.md",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().expect("has a parent")).expect("mkdir");
            std::fs::write(p, "").expect("write");
        }
        let names = |v: Vec<PathBuf>| -> Vec<String> {
            v.iter()
                .map(|p| {
                    p.strip_prefix(root)
                        .expect("under root")
                        .display()
                        .to_string()
                })
                .collect()
        };
        assert_eq!(names(expand(root, "news/*.md")), ["news/a.md", "news/b.md"]);
        assert_eq!(
            names(expand(root, "news/**/*.md")),
            ["news/2024/c.md", "news/a.md", "news/b.md"]
        );
        assert_eq!(names(expand(root, "**/?.md")).len(), 4);
        assert_eq!(expand(root, "news"), vec![root.join("news")]);
    }
}
