//! The loader's errors and warnings: one article's problem, one fact-file problem.

use std::fmt;

/// A problem with one input file; it does not stop the others.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A path given on the command line does not exist.
    #[error("{path}: no such file or directory")]
    Missing { path: String },
    /// A directory (or a file) could not be read or listed.
    #[error("{path}: cannot read: {message}")]
    Unreadable { path: String, message: String },
    /// The file is larger than [`super::LoadOptions::max_file_bytes`]; it was not read.
    #[error("{path}: file is {size} bytes, over the limit of {limit} bytes; not read")]
    TooLarge { path: String, size: u64, limit: u64 },
    /// A symbolic link leads back into a directory being searched.
    #[error("{path}: symbolic link loop; not followed")]
    SymlinkLoop { path: String },
    /// Not an article on purpose (binary, empty): a warning, not an input error.
    #[error("{path}: {reason}")]
    Skipped { path: String, reason: String },
    /// Any other article problem.
    #[error("{path}: {message}")]
    Article { path: String, message: String },
}

impl LoadError {
    /// The path the error is about, as shown to the user.
    pub fn path(&self) -> &str {
        match self {
            Self::Missing { path }
            | Self::Unreadable { path, .. }
            | Self::TooLarge { path, .. }
            | Self::SymlinkLoop { path }
            | Self::Skipped { path, .. }
            | Self::Article { path, .. } => path,
        }
    }

    /// The warning to show for a file skipped on purpose; `None` for real errors.
    pub fn as_skip_warning(&self) -> Option<LoadWarning> {
        match self {
            Self::Skipped { path, reason } => Some(LoadWarning::new(path.clone(), reason.clone())),
            _ => None,
        }
    }
}

/// Something worth telling about an input that was still read (or skipped on purpose).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: String,
    pub message: String,
    /// 1-based line and column in the file, when the warning is about one place.
    pub line_col: Option<(usize, usize)>,
}

impl LoadWarning {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            line_col: None,
        }
    }

    /// The same warning, pointing at `line` and `column` without saying so in the message
    /// (which already names the place its own way, e.g. a byte offset).
    pub fn placed(mut self, (line, column): (usize, usize)) -> Self {
        self.line_col = Some((line, column));
        self
    }

    /// A warning about one place; the message starts with `line:column`.
    pub fn at(path: impl Into<String>, line: usize, column: usize, message: &str) -> Self {
        Self {
            path: path.into(),
            message: format!("{line}:{column}: {message}"),
            line_col: Some((line, column)),
        }
    }
}

/// Which class of fact-file problem: each reads differently, so users know where to look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FactFileErrorKind {
    /// The file cannot be opened or read (missing, a directory, too large, not UTF-8).
    Io,
    /// The text is not well-formed YAML (including duplicate keys).
    Syntax,
    /// Well-formed YAML that does not fit the fact-file schema (unknown key, wrong type,
    /// missing key).
    Schema,
    /// Fits the schema but makes no sense (duplicate id, unknown entity, bad date, ...).
    Semantic,
    /// The YAML exceeds a safety limit (alias expansion, nesting depth, size).
    Limit,
}

impl FactFileErrorKind {
    pub const fn label(self) -> &'static str {
        match self {
            Self::Io => "cannot read fact file",
            Self::Syntax => "YAML syntax error",
            Self::Schema => "fact file schema error",
            Self::Semantic => "invalid fact file",
            Self::Limit => "fact file exceeds a safety limit",
        }
    }
}

/// A fact-file problem, pointing at its place (1-based line, column in characters).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct FactFileError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub kind: FactFileErrorKind,
    /// The offending text, when there is one.
    pub found: Option<String>,
}

impl fmt::Display for FactFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path,
            self.line,
            self.column,
            self.kind.label(),
            self.message
        )?;
        if let Some(found) = &self.found
            && !self.message.contains(found.as_str())
        {
            write!(f, " (found `{found}`)")?;
        }
        Ok(())
    }
}
