//! Where things stand in the fact file, read from the lossless syntax tree: every key of every
//! mapping (so unknown keys are all found, not only the first the loader stops at), and the
//! places of entity aliases and fact keys for messages.

use crate::span::Span;
use std::collections::HashMap;
use std::str::FromStr;
use yaml_edit::{Mapping, YamlFile};

/// The keys each kind of mapping allows, as in `load::fact_file::raw`.
const TOP_KEYS: &[&str] = &["version", "entities", "facts"];
const ENTITY_KEYS: &[&str] = &["name", "aliases"];
const FACT_KEYS: &[&str] = &[
    "id",
    "claim",
    "about",
    "keywords",
    "date",
    "status",
    "sources",
    "value",
    "unit",
    "tolerance",
    "ignore",
    "tests",
];
const SOURCE_KEYS: &[&str] = &["by", "stance", "date"];
const TEST_KEYS: &[&str] = &["says", "expect", "published"];

/// A key that no mapping of its kind allows.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownKey {
    pub key: String,
    pub span: Span,
    /// What the mapping is ("fact", "source", ...).
    pub within: &'static str,
    pub suggestion: Option<&'static str>,
    pub allowed: &'static [&'static str],
}

/// Places in one fact mapping.
#[derive(Clone, Debug, Default)]
pub struct FactPlaces {
    /// Key name -> span of the value (or of the key when the value is empty).
    pub values: HashMap<String, Span>,
}

#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub unknown_keys: Vec<UnknownKey>,
    /// Entity key -> spans of each alias, in order.
    pub aliases: HashMap<String, Vec<Span>>,
    /// Entity key -> span of its name value.
    pub names: HashMap<String, Span>,
    /// One entry per item of `facts:`, in order.
    pub facts: Vec<FactPlaces>,
}

fn span(r: yaml_edit::TextPosition) -> Span {
    Span::new(r.start as usize, r.end as usize)
}

/// Reads the layout; `None` when the text is not YAML the tree parser accepts (the loader
/// reports that as a syntax error).
pub fn read(source: &str) -> Option<Layout> {
    let file = YamlFile::from_str(source).ok()?;
    let root = file.document()?.as_mapping()?;
    let mut layout = Layout::default();
    check_keys(&root, TOP_KEYS, "top level", &mut layout.unknown_keys);
    if let Some(entities) = root.get_mapping("entities") {
        for entry in entities.entries() {
            let Some(key) = entry
                .key_node()
                .and_then(|k| k.as_scalar().map(|s| s.as_string()))
            else {
                continue;
            };
            let Some(value) = entry.value_node() else {
                continue;
            };
            let Some(m) = value.as_mapping() else {
                continue;
            };
            check_keys(m, ENTITY_KEYS, "entity", &mut layout.unknown_keys);
            if let Some(name) = m.get("name") {
                layout.names.insert(key.clone(), span(name.byte_range()));
            }
            if let Some(seq) = m.get_sequence("aliases") {
                let spans = seq.values().map(|a| span(a.byte_range())).collect();
                layout.aliases.insert(key, spans);
            }
        }
    }
    if let Some(facts) = root.get_sequence("facts") {
        for item in facts.values() {
            let mut places = FactPlaces::default();
            if let Some(m) = item.as_mapping() {
                check_keys(m, FACT_KEYS, "fact", &mut layout.unknown_keys);
                for entry in m.entries() {
                    let Some(k) = entry.key_node() else { continue };
                    let Some(name) = k.as_scalar().map(|s| s.as_string()) else {
                        continue;
                    };
                    let at = entry
                        .value_node()
                        .map_or_else(|| span(k.byte_range()), |v| span(v.byte_range()));
                    places.values.insert(name, at);
                }
                for (list, allowed, within) in [
                    ("sources", SOURCE_KEYS, "source"),
                    ("tests", TEST_KEYS, "test"),
                ] {
                    if let Some(seq) = m.get_sequence(list) {
                        for s in seq.values() {
                            if let Some(sm) = s.as_mapping() {
                                check_keys(sm, allowed, within, &mut layout.unknown_keys);
                            }
                        }
                    }
                }
            }
            layout.facts.push(places);
        }
    }
    layout.unknown_keys.sort_by_key(|u| u.span);
    Some(layout)
}

fn check_keys(
    m: &Mapping,
    allowed: &'static [&'static str],
    within: &'static str,
    out: &mut Vec<UnknownKey>,
) {
    for k in m.keys() {
        let Some(name) = k.as_scalar().map(|s| s.as_string()) else {
            continue;
        };
        if allowed.contains(&name.as_str()) {
            continue;
        }
        let suggestion = allowed
            .iter()
            .map(|c| (strsim::jaro_winkler(&name, c), *c))
            .filter(|&(score, _)| score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c);
        out.push(UnknownKey {
            key: name,
            span: span(k.byte_range()),
            within,
            suggestion,
            allowed,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_unknown_key_with_a_suggestion() {
        let src = "version: 1\nentities:\n  a: { name: A, alias: [x] }\nfacts:\n  - id: f\n    claim: c\n    keyword: [x]\n    sources:\n      - { by: a, stanse: asserts }\n";
        let layout = read(src).unwrap();
        let found: Vec<(&str, Option<&str>)> = layout
            .unknown_keys
            .iter()
            .map(|u| (u.key.as_str(), u.suggestion))
            .collect();
        assert_eq!(
            found,
            [
                ("alias", Some("aliases")),
                ("keyword", Some("keywords")),
                ("stanse", Some("stance"))
            ]
        );
        assert_eq!(&src[layout.unknown_keys[1].span.start..][..7], "keyword");
    }
}
