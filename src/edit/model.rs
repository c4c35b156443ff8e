//! The fact file's meaning without places: what must be equal before and after an edit, except
//! for the intended change.

use super::{Change, NewValue};
use crate::facts::{FactFile, SourceStance, Status, TestExpect, Tolerance};
use crate::load::dates::parse_date_range;
use crate::values::DateRange;

#[derive(Clone, Debug, PartialEq)]
pub struct EntityModel {
    pub key: String,
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FactModel {
    pub id: String,
    pub claim: String,
    pub about: Vec<String>,
    pub keywords: Vec<String>,
    pub date: Option<DateRange>,
    pub status: Status,
    pub sources: Vec<(String, SourceStance, Option<DateRange>)>,
    pub value: Option<f64>,
    pub unit: Option<String>,
    pub tolerance: Option<Tolerance>,
    pub ignore: Vec<String>,
    pub tests: Vec<(String, TestExpect, Option<jiff::civil::Date>)>,
}

/// A fact file's entities and facts, in file order, without byte spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub entities: Vec<EntityModel>,
    pub facts: Vec<FactModel>,
}

impl Model {
    pub fn of(file: &FactFile) -> Self {
        let key = |e| file.entity(e).key.clone();
        Self {
            entities: file
                .entities
                .iter()
                .map(|e| EntityModel {
                    key: e.key.clone(),
                    name: e.name.clone(),
                    aliases: e.aliases.clone(),
                })
                .collect(),
            facts: file
                .facts
                .iter()
                .map(|f| FactModel {
                    id: f.id.clone(),
                    claim: f.claim.clone(),
                    about: f.about.iter().map(|&e| key(e)).collect(),
                    keywords: f.keywords.clone(),
                    date: f.date,
                    status: f.status,
                    sources: f
                        .sources
                        .iter()
                        .map(|s| (key(s.by), s.stance, s.date))
                        .collect(),
                    value: f.value.as_ref().map(|v| v.value),
                    unit: f.unit.clone(),
                    tolerance: f.tolerance,
                    ignore: f.ignore.clone(),
                    tests: f
                        .tests
                        .iter()
                        .map(|t| (t.says.clone(), t.expect, t.published))
                        .collect(),
                })
                .collect(),
        }
    }

    /// The model as it must read after `change`; `None` when the change names nothing here.
    fn with(mut self, change: &Change) -> Option<Self> {
        let fact = |m: &mut Self, id: &str| m.facts.iter_mut().position(|f| f.id == id);
        match change {
            Change::SetValue { fact: id, value } => {
                let i = fact(&mut self, id)?;
                self.facts[i].value = Some(value.number()?);
            }
            Change::SetDate { fact: id, date } => {
                let i = fact(&mut self, id)?;
                self.facts[i].date = Some(parse_date_range(date).ok()?);
            }
            Change::SetStatus { fact: id, status } => {
                let i = fact(&mut self, id)?;
                self.facts[i].status = *status;
            }
            Change::AddSource {
                fact: id,
                by,
                stance,
            } => {
                let i = fact(&mut self, id)?;
                self.facts[i].sources.push((by.clone(), *stance, None));
            }
            Change::AddAlias { entity, alias } => {
                let e = self.entities.iter_mut().find(|e| e.key == *entity)?;
                e.aliases.push(alias.trim().to_string());
            }
            Change::AddFact(n) => self.facts.push(FactModel {
                id: n.id.clone(),
                claim: n.claim.trim().to_string(),
                about: n.about.clone(),
                keywords: n.keywords.clone(),
                date: match &n.date {
                    Some(d) => Some(parse_date_range(d).ok()?),
                    None => None,
                },
                status: n.status.unwrap_or_default(),
                sources: n
                    .sources
                    .iter()
                    .map(|(b, s)| (b.clone(), *s, None))
                    .collect(),
                value: n.value.as_ref().and_then(NewValue::number),
                unit: n.unit.clone(),
                tolerance: None,
                ignore: Vec::new(),
                tests: Vec::new(),
            }),
        }
        Some(self)
    }
}

/// Checks that `after` (the edited text) parses as a valid fact file whose meaning is exactly
/// `before`'s with `changes` applied. The error says what differs.
pub fn verify(
    before: &FactFile,
    after: &str,
    changes: &[Change],
    display: &str,
) -> Result<(), String> {
    let mut expected = Model::of(before);
    for c in changes {
        expected = expected
            .with(c)
            .ok_or_else(|| format!("the change {c:?} does not apply to this fact file"))?;
    }
    let parsed = crate::load::parse_fact_file(after.to_string(), display).map_err(|errs| {
        let first = errs.first().map_or_else(String::new, |e| format!(": {e}"));
        format!("the edited file does not load{first}")
    })?;
    let actual = Model::of(&parsed);
    if actual == expected {
        return Ok(());
    }
    Err(describe_difference(&expected, &actual))
}

fn describe_difference(expected: &Model, actual: &Model) -> String {
    if expected.entities != actual.entities {
        for (e, a) in expected.entities.iter().zip(&actual.entities) {
            if e != a {
                return format!("entity `{}` would read {a:?}, not {e:?}", e.key);
            }
        }
        return format!(
            "the file would have {} entities, not {}",
            actual.entities.len(),
            expected.entities.len()
        );
    }
    for (e, a) in expected.facts.iter().zip(&actual.facts) {
        if e != a {
            return format!("fact `{}`: {}", e.id, fact_difference(e, a));
        }
    }
    format!(
        "the file would have {} facts, not {}",
        actual.facts.len(),
        expected.facts.len()
    )
}

/// The first field that differs, as `field would be X, not Y`.
fn fact_difference(e: &FactModel, a: &FactModel) -> String {
    let fields: [(&str, String, String); 12] = [
        ("id", format!("{:?}", a.id), format!("{:?}", e.id)),
        ("claim", format!("{:?}", a.claim), format!("{:?}", e.claim)),
        ("about", format!("{:?}", a.about), format!("{:?}", e.about)),
        (
            "keywords",
            format!("{:?}", a.keywords),
            format!("{:?}", e.keywords),
        ),
        ("date", format!("{:?}", a.date), format!("{:?}", e.date)),
        (
            "status",
            format!("{:?}", a.status),
            format!("{:?}", e.status),
        ),
        ("sources", sources(&a.sources), sources(&e.sources)),
        ("value", format!("{:?}", a.value), format!("{:?}", e.value)),
        ("unit", format!("{:?}", a.unit), format!("{:?}", e.unit)),
        (
            "tolerance",
            format!("{:?}", a.tolerance),
            format!("{:?}", e.tolerance),
        ),
        (
            "ignore",
            format!("{:?}", a.ignore),
            format!("{:?}", e.ignore),
        ),
        ("tests", format!("{:?}", a.tests), format!("{:?}", e.tests)),
    ];
    fields
        .into_iter()
        .find(|(_, got, want)| got != want)
        .map_or_else(
            || "differs".to_string(),
            |(name, got, want)| format!("`{name}` would be {got}, not {want}"),
        )
}

fn sources(list: &[(String, SourceStance, Option<DateRange>)]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|(by, stance, _)| format!("{by} {}", super::stance_word(*stance)))
        .collect();
    format!("[{}]", items.join(", "))
}
