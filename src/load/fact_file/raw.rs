//! The fact file exactly as written (contract v1): the serde and JSON Schema view, with the
//! place of every value that validation may complain about.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::fmt;

/// A factdiff fact file: the entities news articles mention and the facts they report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "factdiff fact file, version 1")]
pub struct RawFactFile {
    /// Version of the fact-file format; must be 1.
    #[schemars(with = "u32", range(min = 1, max = 1))]
    pub version: Spanned<u64>,
    /// People, organisations and outlets, by a short key used in `about` and `sources.by`.
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, RawEntity>>")]
    pub entities: Option<EntityMap>,
    /// The facts articles are checked against.
    pub facts: Vec<RawFact>,
}

/// A person, organisation or outlet.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    /// The full name, e.g. `Vladimir Putin`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Other names articles use: surnames, titles, transliterations.
    #[serde(default)]
    pub aliases: Option<Vec<String>>,
}

/// One fact.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// A unique id, used in findings and suppressions (e.g. `trump-putin-call`).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The fact in one sentence.
    #[schemars(with = "String")]
    pub claim: Spanned<String>,
    /// Keys of the entities the fact is about.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub about: Option<Vec<Spanned<String>>>,
    /// Words that signal an article talks about this fact.
    #[serde(default)]
    pub keywords: Option<Vec<String>>,
    /// When it happened: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `START/END` of those forms.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub date: Option<Spanned<Scalar>>,
    /// Whether the fact is settled (`asserted`), known false (`denied`) or contested.
    #[serde(default)]
    #[schemars(with = "Option<RawStatus>")]
    pub status: Option<Spanned<RawStatus>>,
    /// Who asserted or denied the fact.
    #[serde(default)]
    pub sources: Option<Vec<RawSource>>,
    /// A number: `145`, or a string such as `"6 billion"`, `"1.5%"`, `"6.5 million"`.
    #[serde(default)]
    #[schemars(with = "Option<NumberOrText>")]
    pub value: Option<Spanned<Scalar>>,
    /// What the value counts, e.g. `drones`.
    #[serde(default)]
    pub unit: Option<String>,
    /// How far a reported value may be from `value`: an absolute number, or a percentage
    /// such as `"5%"`.
    #[serde(default)]
    #[schemars(with = "Option<NumberOrText>")]
    pub tolerance: Option<Spanned<Scalar>>,
    /// Entity keys or outlet names whose articles are known to be wrong about this fact;
    /// their findings on it are not reported.
    #[serde(default)]
    pub ignore: Option<Vec<String>>,
    /// Self-tests: sentences `factdiff lint` runs through `check`, with the verdict expected.
    #[serde(default)]
    pub tests: Option<Vec<RawFactTest>>,
}

/// One self-test of a fact: a sentence and what `check` must say about it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFactTest {
    /// A one-sentence article.
    #[schemars(with = "String")]
    pub says: Spanned<String>,
    /// The finding kind `check` must report on this fact, or `silent`.
    #[schemars(with = "RawExpect")]
    pub expect: Spanned<RawExpect>,
    /// Publication date of the sentence (`YYYY-MM-DD`), for relative dates like "on Friday".
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub published: Option<Spanned<Scalar>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RawExpect {
    ValueMismatch,
    DateMismatch,
    StanceConflict,
    Silent,
}

/// A source's position on a fact.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Key of the entity that took the position.
    #[schemars(with = "String")]
    pub by: Spanned<String>,
    /// Whether the source asserts or denies the fact.
    #[schemars(with = "RawStance")]
    pub stance: Spanned<RawStance>,
    /// When the source said so.
    #[serde(default)]
    #[schemars(with = "Option<DateText>")]
    pub date: Option<Spanned<Scalar>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawStatus {
    Asserted,
    Denied,
    Disputed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawStance {
    Asserts,
    Denies,
}

/// `entities:` in file order, keys with their places.
#[derive(Debug, Default)]
pub struct EntityMap(pub Vec<(Spanned<String>, RawEntity)>);

impl<'de> Deserialize<'de> for EntityMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = EntityMap;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from entity keys to entities")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EntityMap, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    out.push((key, map.next_value()?));
                }
                Ok(EntityMap(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<EntityMap, E> {
                Ok(EntityMap::default())
            }
        }
        d.deserialize_map(MapVisitor)
    }
}

/// A scalar that may be written as a number or as text; kept as text for validation, with
/// whether it was a YAML number.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub is_number: bool,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::number(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::number(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::number(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_number: false,
                })
            }
        }
        d.deserialize_any(ScalarVisitor)
    }
}

impl Scalar {
    fn number(text: String) -> Self {
        Self {
            text,
            is_number: true,
        }
    }
}

/// Schema-only: a number or a string.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum NumberOrText {
    Number(f64),
    Text(String),
}

/// Schema-only: a date as text (YAML may also read `2024` as a number).
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum DateText {
    Text(String),
    Year(u32),
}
