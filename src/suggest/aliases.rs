//! New aliases: spellings of a known entity that articles use but the file does not list.
//!
//! Two cases. A mention the matcher already took for an entity only through its fuzzy
//! spelling match ("Zelenskyy" for Zelensky) is worth listing, so matching no longer depends
//! on a threshold. A capitalised name the matcher did not take whose transliteration
//! skeleton equals a listed name's ("Kiev" and "Kyiv") is proposed too. Common words and
//! names of two letters or fewer are never proposed.

use super::{Evidence, Input, Suggestion, SuggestionKind};
use crate::claims::EntityRef;
use crate::edit::Change;
use crate::extract::tokens::{fold, tokenize};
use crate::facts::{EntityId, FactFile};
use std::collections::{BTreeMap, BTreeSet};

/// A spelling reduced so transliteration variants meet: folded (y->i, doubled letters,
/// accents), with `ie` read as `i` (Kiev / Kyiv).
fn skeleton(s: &str) -> String {
    tokenize(s)
        .iter()
        .map(|t| fold(&t.lower).replace("ie", "i"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every spelling the file lists for each entity, folded as the matcher folds them: whole
/// names and aliases with full names' last words (surnames), and separately every longer word
/// of them ("Kremlin" from "the Kremlin"), which the matcher may take alone.
struct Listed {
    whole: BTreeSet<(EntityId, String)>,
    words: BTreeSet<(EntityId, String)>,
}

fn listed(facts: &FactFile) -> Listed {
    let mut whole = BTreeSet::new();
    let mut words = BTreeSet::new();
    for (i, e) in facts.entities.iter().enumerate() {
        let id = EntityId(i as u32);
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            let toks = tokenize(n);
            whole.insert((id, folded(&toks)));
            if let Some(last) = toks.last()
                && toks.len() > 1
                && n == &e.name
            {
                whole.insert((id, last.folded.to_string()));
            }
            for t in toks.iter().filter(|t| t.folded.len() >= 4) {
                words.insert((id, t.folded.to_string()));
            }
        }
    }
    Listed { whole, words }
}

fn folded(toks: &[crate::extract::tokens::Token]) -> String {
    toks.iter()
        .map(|t| t.folded.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn suggest(input: &Input) -> Vec<Suggestion> {
    let facts = input.facts;
    let known = listed(facts);
    let skeletons: Vec<(EntityId, String)> = known
        .whole
        .iter()
        .map(|(id, f)| (*id, f.replace("ie", "i")))
        .collect();
    // (entity, spelling folded to lower case) -> the spelling as first written, evidence
    let mut found: BTreeMap<(EntityId, String), (String, Vec<Evidence>)> = BTreeMap::new();
    for a in &input.articles {
        for s in &a.claims.sentences {
            for m in &s.mentions {
                let written = a.article.text[m.span.start..m.span.end].trim().to_string();
                let toks = tokenize(&written);
                if toks.is_empty() || written.chars().count() <= 2 {
                    continue;
                }
                let exact = |id: EntityId| {
                    known.whole.contains(&(id, folded(&toks)))
                        || toks
                            .iter()
                            .all(|t| known.words.contains(&(id, t.folded.to_string())))
                };
                let entity = match &m.entity {
                    // Listed under any spelling the matcher folds to: nothing to add.
                    EntityRef::Known(id) if exact(*id) => continue,
                    EntityRef::Known(id) => *id,
                    EntityRef::Named(_) => {
                        let sk = skeleton(&written);
                        let hits: BTreeSet<EntityId> = skeletons
                            .iter()
                            .filter(|(_, k)| *k == sk && k.len() >= 3)
                            .map(|(id, _)| *id)
                            .collect();
                        // Two entities with this skeleton: ambiguous, abstain.
                        let [id] = hits.into_iter().collect::<Vec<_>>()[..] else {
                            continue;
                        };
                        id
                    }
                };
                let written = written
                    .trim_end_matches("'s")
                    .trim_end_matches("\u{2019}s")
                    .to_string();
                found
                    .entry((entity, written.to_lowercase()))
                    .or_insert_with(|| (written.clone(), Vec::new()))
                    .1
                    .push(a.evidence(s.span, Some(written)));
            }
        }
    }
    found
        .into_iter()
        .map(|((id, folded), (written, evidence))| {
            let e = facts.entity(id);
            Suggestion {
                // The spelling as written, in lower case, words joined by `-`: what a user
                // would type (`new-alias:kyiv:kiev`).
                id: format!(
                    "new-alias:{}:{}",
                    e.key,
                    folded.split_whitespace().collect::<Vec<_>>().join("-")
                ),
                kind: SuggestionKind::NewAlias,
                message: format!(
                    "`{written}` looks like a spelling of `{}` ({}) that the file does not list",
                    e.key, e.name
                ),
                evidence,
                changes: vec![Change::AddAlias {
                    entity: e.key.clone(),
                    alias: written.clone(),
                }],
                yaml: Some(format!(
                    "aliases: [..., {}]",
                    crate::edit::plain_or_quoted(&written)
                )),
                notes: Vec::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_skeleton() {
        assert_eq!(skeleton("Kiev"), skeleton("Kyiv"));
        assert_eq!(skeleton("Zelenskiy"), skeleton("Zelenskyy"));
        assert_ne!(skeleton("Kyiv"), skeleton("Kharkiv"));
    }
}
