//! The fact file as the loader hands it on: validated entities and facts, with their places.

use crate::span::Span;
use crate::values::{DateRange, NumInterval};
use serde::Serialize;

/// Index into [`FactFile::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

/// Index into [`FactFile::facts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactId(pub u32);

#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The key under `entities:` (e.g. `peskov`).
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
    /// Where the key stands in the fact file.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Asserted,
    Denied,
    Disputed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceStance {
    Asserts,
    Denies,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub by: EntityId,
    pub stance: SourceStance,
    pub date: Option<DateRange>,
    pub span: Span,
}

/// A number with an optional unit, as written in the fact file (`145`, `"6 billion"`, `"1.5%"`).
#[derive(Clone, Debug, PartialEq)]
pub struct FactValue {
    pub value: f64,
    /// The value as written, for messages.
    pub raw: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tolerance {
    Absolute(f64),
    Percent(f64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub id: String,
    pub claim: String,
    pub about: Vec<EntityId>,
    pub keywords: Vec<String>,
    pub date: Option<DateRange>,
    pub date_span: Option<Span>,
    pub status: Status,
    pub sources: Vec<Source>,
    pub value: Option<FactValue>,
    pub unit: Option<String>,
    pub tolerance: Option<Tolerance>,
    /// Sources (entity keys or outlet names) whose articles are known to be wrong about this
    /// fact: their findings are not reported.
    pub ignore: Vec<String>,
    /// Where the fact's `id:` value stands.
    pub span: Span,
    /// Self-tests: sentences and what `check` must say about them (`tests:` in the file).
    pub tests: Vec<FactTest>,
}

/// What a self-test expects `check` to say about its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TestExpect {
    /// A finding of this kind about the fact.
    Fires(crate::finding::Kind),
    /// No finding about the fact.
    Silent,
}

impl TestExpect {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fires(k) => k.as_str(),
            Self::Silent => "silent",
        }
    }
}

/// One entry of a fact's `tests:` list.
#[derive(Clone, Debug, PartialEq)]
pub struct FactTest {
    pub says: String,
    pub expect: TestExpect,
    /// Publication day of the one-sentence article, for relative dates.
    pub published: Option<jiff::civil::Date>,
    /// Where the `says:` value stands.
    pub span: Span,
}

impl Fact {
    /// The interval the fact allows: value ± tolerance.
    pub fn value_interval(&self) -> Option<NumInterval> {
        let v = self.value.as_ref()?.value;
        let slack = match self.tolerance {
            None => 0.0,
            Some(Tolerance::Absolute(t)) => t.abs(),
            Some(Tolerance::Percent(p)) => (v * p / 100.0).abs(),
        };
        Some(NumInterval::closed(v - slack, v + slack))
    }

    pub fn recorded_stance(&self, who: EntityId) -> Option<SourceStance> {
        self.sources.iter().find(|s| s.by == who).map(|s| s.stance)
    }
}

/// A loaded, validated fact file.
#[derive(Clone, Debug)]
pub struct FactFile {
    pub path: String,
    pub source: String,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
}

impl FactFile {
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    pub fn fact(&self, id: FactId) -> &Fact {
        &self.facts[id.0 as usize]
    }

    pub fn entity_by_key(&self, key: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|e| e.key == key)
            .map(|i| EntityId(i as u32))
    }
}
