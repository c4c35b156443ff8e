//! Lossless fact-file edits: changes applied to the YAML syntax tree (yaml-edit), so comments,
//! key order, quoting, anchors, flow or block style and blank lines of everything not touched
//! stay byte for byte; then a check, on the parsed models, that only the intended change
//! happened.

mod model;

pub use model::{Model, verify};

use crate::facts::{SourceStance, Status};
use std::fmt;
use std::str::FromStr;
use yaml_edit::{Mapping, Sequence, YamlFile};

/// A value to write: an integer or decimal number, or text such as `"6.5 billion"`.
#[derive(Clone, Debug, PartialEq)]
pub enum NewValue {
    Int(i64),
    Float(f64),
    Text(String),
}

impl NewValue {
    /// The number as the fact file's loader reads it back.
    pub fn number(&self) -> Option<f64> {
        match self {
            Self::Int(i) => Some(*i as f64),
            Self::Float(f) => Some(*f),
            Self::Text(t) => crate::extract::numbers::parse_value(t).map(|(v, _)| v),
        }
    }

    /// Picks the plainest form for `v`: an integer when it is one.
    pub fn from_f64(v: f64) -> Self {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            Self::Int(v as i64)
        } else {
            Self::Float(v)
        }
    }
}

impl fmt::Display for NewValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Int(i) => write!(f, "{i}"),
            Self::Float(x) => write!(f, "{x}"),
            Self::Text(t) => f.write_str(t),
        }
    }
}

/// A new fact, as `suggest` proposes it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewFact {
    pub id: String,
    pub claim: String,
    pub about: Vec<String>,
    pub keywords: Vec<String>,
    pub value: Option<NewValue>,
    pub unit: Option<String>,
    pub date: Option<String>,
    pub status: Option<Status>,
    pub sources: Vec<(String, SourceStance)>,
}

impl NewFact {
    /// The fact as a block mapping (no indentation), ready to paste under `facts:` after `- `.
    pub fn to_yaml(&self) -> String {
        let mut out = format!(
            "id: {}\nclaim: {}\n",
            plain_or_quoted(&self.id),
            quoted(&self.claim)
        );
        if !self.about.is_empty() {
            out.push_str(&format!("about: [{}]\n", self.about.join(", ")));
        }
        if !self.keywords.is_empty() {
            let words: Vec<String> = self.keywords.iter().map(|k| plain_or_quoted(k)).collect();
            out.push_str(&format!("keywords: [{}]\n", words.join(", ")));
        }
        if let Some(v) = &self.value {
            match v {
                NewValue::Text(t) => out.push_str(&format!("value: {}\n", quoted(t))),
                other => out.push_str(&format!("value: {other}\n")),
            }
        }
        if let Some(u) = &self.unit {
            out.push_str(&format!("unit: {}\n", plain_or_quoted(u)));
        }
        if let Some(d) = &self.date {
            out.push_str(&format!("date: {d}\n"));
        }
        if let Some(s) = self.status {
            out.push_str(&format!("status: {}\n", status_word(s)));
        }
        if !self.sources.is_empty() {
            out.push_str("sources:\n");
            for (by, stance) in &self.sources {
                out.push_str(&format!(
                    "  - {{ by: {by}, stance: {} }}\n",
                    stance_word(*stance)
                ));
            }
        }
        out
    }
}

/// One change to a fact file.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    SetValue {
        fact: String,
        value: NewValue,
    },
    SetDate {
        fact: String,
        date: String,
    },
    SetStatus {
        fact: String,
        status: Status,
    },
    AddSource {
        fact: String,
        by: String,
        stance: SourceStance,
    },
    AddAlias {
        entity: String,
        alias: String,
    },
    AddFact(NewFact),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    #[error("the fact file is not YAML the editor can read: {0}")]
    Parse(String),
    #[error("the fact file has no `{0}:` mapping or list at the top")]
    MissingTop(&'static str),
    #[error("no fact with id `{0}`")]
    NoFact(String),
    #[error("no entity with key `{0}`")]
    NoEntity(String),
}

pub const fn status_word(s: Status) -> &'static str {
    match s {
        Status::Asserted => "asserted",
        Status::Denied => "denied",
        Status::Disputed => "disputed",
    }
}

pub const fn stance_word(s: SourceStance) -> &'static str {
    match s {
        SourceStance::Asserts => "asserts",
        SourceStance::Denies => "denies",
    }
}

/// Applies `changes` to the fact-file text and returns the new text. Everything the changes
/// do not touch is kept as written.
pub fn apply(source: &str, changes: &[Change]) -> Result<String, EditError> {
    let file = YamlFile::from_str(source).map_err(|e| EditError::Parse(e.to_string()))?;
    let doc = file
        .document()
        .ok_or_else(|| EditError::Parse("no YAML document".into()))?;
    let root = doc.as_mapping().ok_or(EditError::MissingTop("facts"))?;
    for change in changes {
        apply_one(&root, change)?;
    }
    Ok(file.to_string())
}

fn apply_one(root: &Mapping, change: &Change) -> Result<(), EditError> {
    match change {
        Change::SetValue { fact, value } => {
            let m = find_fact(root, fact)?;
            match value {
                NewValue::Int(i) => m.set("value", *i),
                NewValue::Float(f) => m.set("value", *f),
                NewValue::Text(t) => m.set("value", t.as_str()),
            }
        }
        Change::SetDate { fact, date } => find_fact(root, fact)?.set("date", date.as_str()),
        Change::SetStatus { fact, status } => {
            find_fact(root, fact)?.set("status", status_word(*status));
        }
        Change::AddSource { fact, by, stance } => {
            let m = find_fact(root, fact)?;
            let item = parse_mapping(&format!(
                "{{ by: {by}, stance: {} }}\n",
                stance_word(*stance)
            ))?;
            match m.get_sequence("sources") {
                Some(seq) => {
                    let block_items = seq
                        .first()
                        .and_then(|f| f.as_mapping().map(|m| !m.is_flow_style()))
                        .unwrap_or(false);
                    if block_items {
                        let text = format!("by: {by}\nstance: {}\n", stance_word(*stance));
                        seq.push(parse_mapping(&text)?);
                    } else {
                        seq.push(item);
                    }
                }
                None => {
                    let seq = Sequence::new_flow();
                    seq.push(item);
                    m.set("sources", seq);
                }
            }
        }
        Change::AddAlias { entity, alias } => {
            let entities = root
                .get_mapping("entities")
                .ok_or(EditError::MissingTop("entities"))?;
            let e = entities
                .get_mapping(entity.as_str())
                .ok_or_else(|| EditError::NoEntity(entity.clone()))?;
            match e.get_sequence("aliases") {
                Some(seq) => seq.push(alias.as_str()),
                None => {
                    let seq = Sequence::new_flow();
                    seq.push(alias.as_str());
                    e.set("aliases", seq);
                }
            }
        }
        Change::AddFact(fact) => {
            let facts = root
                .get_sequence("facts")
                .ok_or(EditError::MissingTop("facts"))?;
            facts.push(parse_mapping(&fact.to_yaml())?);
        }
    }
    Ok(())
}

fn parse_mapping(text: &str) -> Result<Mapping, EditError> {
    let file = YamlFile::from_str(text).map_err(|e| EditError::Parse(e.to_string()))?;
    file.document()
        .and_then(|d| d.as_mapping())
        .ok_or_else(|| EditError::Parse("generated YAML is not a mapping".into()))
}

fn find_fact(root: &Mapping, id: &str) -> Result<Mapping, EditError> {
    let facts = root
        .get_sequence("facts")
        .ok_or(EditError::MissingTop("facts"))?;
    facts
        .values()
        .filter_map(|node| node.as_mapping().cloned())
        .find(|m| {
            m.get("id")
                .and_then(|v| v.as_scalar().map(|s| s.as_string()))
                .is_some_and(|v| v == id)
        })
        .ok_or_else(|| EditError::NoFact(id.to_string()))
}

/// Double-quoted YAML text with `"` and `\` escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plain when YAML would read it back as the same string, else double-quoted.
pub fn plain_or_quoted(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().next().is_some_and(|c| c.is_alphabetic())
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '))
        && !s.ends_with(' ')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain { s.to_string() } else { quoted(s) }
}

/// A unified diff of two versions of the fact file, headed with its path.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests;
