//! Where things stand in the fact file, read from the lossless syntax tree: every key of every
//! mapping (so unknown keys are all found, not only the first the loader stops at), the
//! places of entity aliases and fact keys for messages, and the stretches `lint` may leave out
//! to read the rest of a file the loader refuses (see [`super::recover`]).

use crate::span::Span;
use std::collections::HashMap;
use std::str::FromStr;
use yaml_edit::{Mapping, Sequence, YamlFile, YamlNode};

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

/// The keys each kind of mapping cannot do without: leaving one out makes the whole mapping
/// unreadable, so recovery leaves out the mapping instead.
const TOP_REQUIRED: &[&str] = &["version", "facts"];
const ENTITY_REQUIRED: &[&str] = &["name"];
const FACT_REQUIRED: &[&str] = &["id", "claim"];
const SOURCE_REQUIRED: &[&str] = &["by", "stance"];
const TEST_REQUIRED: &[&str] = &["says", "expect"];

/// A stretch of the file (a mapping entry or a list item, with its `- ` or flow comma) that
/// can be blanked out and leave well-formed YAML around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Droppable {
    pub span: Span,
    /// The entry of a key its mapping cannot do without.
    pub required: bool,
    /// For a mapping entry, its key's span.
    pub key: Option<Span>,
}

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
    /// The span of each entry of `ignore:`, in order.
    pub ignore: Vec<Span>,
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
    /// The span of each item of `facts:`, in order (with its `- `).
    pub fact_items: Vec<Span>,
    /// Every entry and item recovery may leave out, outermost first.
    pub droppable: Vec<Droppable>,
}

impl Layout {
    /// The item of `facts:` that holds `at` (a fact's id span).
    pub fn fact_item(&self, at: Span) -> Option<Span> {
        self.fact_items.iter().copied().find(|i| i.contains(at))
    }

    /// The places in the item of `facts:` that holds `at` (a fact's id span).
    pub fn fact_places(&self, at: Span) -> Option<&FactPlaces> {
        let i = self.fact_items.iter().position(|i| i.contains(at))?;
        self.facts.get(i)
    }
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
    let drops = &mut layout.droppable;
    entries(source, &root, TOP_REQUIRED, drops);
    if let Some(entities) = root.get_mapping("entities") {
        entries(source, &entities, &[], drops);
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
            entries(source, m, ENTITY_REQUIRED, &mut layout.droppable);
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
        // (The items themselves are droppable through the top-level `facts` entry.)
        let flow = starts_with(source, facts.byte_range(), '[');
        layout.fact_items = facts
            .values()
            .map(|item| widen(source, span(item.byte_range()), flow, true))
            .collect();
        for item in facts.values() {
            let mut places = FactPlaces::default();
            if let Some(m) = item.as_mapping() {
                check_keys(m, FACT_KEYS, "fact", &mut layout.unknown_keys);
                entries(source, m, FACT_REQUIRED, &mut layout.droppable);
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
                if let Some(seq) = m.get_sequence("ignore") {
                    places.ignore = seq.values().map(|v| span(v.byte_range())).collect();
                }
                for (list, allowed, within) in [
                    ("sources", SOURCE_KEYS, "source"),
                    ("tests", TEST_KEYS, "test"),
                ] {
                    if let Some(seq) = m.get_sequence(list) {
                        for s in seq.values() {
                            if let Some(sm) = s.as_mapping() {
                                check_keys(sm, allowed, within, &mut layout.unknown_keys);
                                let required = if list == "sources" {
                                    SOURCE_REQUIRED
                                } else {
                                    TEST_REQUIRED
                                };
                                entries(source, sm, required, &mut layout.droppable);
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

/// Every entry of `m` as droppable, and the items of any list among its values.
fn entries(source: &str, m: &Mapping, required: &[&str], out: &mut Vec<Droppable>) {
    let flow = starts_with(source, m.byte_range(), '{');
    for entry in m.entries() {
        let key = entry.key_node();
        let name = key
            .as_ref()
            .and_then(|k| k.as_scalar().map(|s| s.as_string()));
        out.push(Droppable {
            span: widen(source, span(entry.byte_range()), flow, false),
            required: name.is_some_and(|n| required.contains(&n.as_str())),
            key: key.map(|k| span(k.byte_range())),
        });
        if let Some(seq) = entry.value_node().as_ref().and_then(YamlNode::as_sequence) {
            items(source, seq, out);
        }
    }
}

/// Every item of `seq` as droppable.
fn items(source: &str, seq: &Sequence, out: &mut Vec<Droppable>) {
    let flow = starts_with(source, seq.byte_range(), '[');
    for item in seq.values() {
        out.push(Droppable {
            span: widen(source, span(item.byte_range()), flow, true),
            required: false,
            key: None,
        });
    }
}

fn starts_with(source: &str, r: yaml_edit::TextPosition, c: char) -> bool {
    source
        .get(r.start as usize..)
        .is_some_and(|t| t.trim_start().starts_with(c))
}

/// `at` grown to take what must go with it: a block item's `- `, or in a flow collection one
/// neighbouring comma (the one after, else the one before).
fn widen(source: &str, at: Span, flow: bool, item: bool) -> Span {
    let before = source.get(..at.start).unwrap_or("");
    let after = source.get(at.end..).unwrap_or("");
    let prev = before.trim_end();
    if flow {
        let rest = after.trim_start();
        if rest.starts_with(',') {
            return Span::new(at.start, source.len() - rest.len() + 1);
        }
        if prev.ends_with(',') {
            return Span::new(prev.len() - 1, at.end);
        }
        return at;
    }
    if item && prev.ends_with('-') {
        return Span::new(prev.len() - 1, at.end);
    }
    at
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
