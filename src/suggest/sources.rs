//! New sources: a known entity that, in a sentence about a fact, asserts or denies it without
//! being among the fact's `sources`; and the status change a new denial implies (an
//! `asserted` fact someone now denies is `disputed`).

use super::{Evidence, Input, Suggestion, SuggestionKind};
use crate::claims::{EntityRef, Polarity};
use crate::edit::{Change, stance_word};
use crate::facts::{EntityId, FactId, SourceStance, Status};
use std::collections::BTreeMap;

pub fn suggest(input: &Input) -> Vec<Suggestion> {
    // (fact, entity) -> stance and evidence; an entity seen both asserting and denying is
    // left alone: the articles do not agree on where it stands.
    let mut seen: BTreeMap<(FactId, EntityId), Vec<(SourceStance, Evidence)>> = BTreeMap::new();
    for a in &input.articles {
        for (si, s) in a.claims.sentences.iter().enumerate() {
            if s.question || s.modal {
                continue;
            }
            let Some(fid) = a.fact_of(si, &input.cfg, |_| true) else {
                continue;
            };
            for cue in &s.stances {
                let Some(EntityRef::Known(who)) = cue.source else {
                    continue;
                };
                let fact = input.facts.fact(fid);
                if fact.sources.iter().any(|x| x.by == who) {
                    continue;
                }
                // An entity the fact is about "saying" something in a sentence about its own
                // act is usually the extractor taking the nearest name as the speaker; only
                // its denials are kept.
                if cue.polarity == Polarity::Affirms && fact.about.contains(&who) {
                    continue;
                }
                let stance = match cue.polarity {
                    Polarity::Affirms => SourceStance::Asserts,
                    Polarity::Denies => SourceStance::Denies,
                };
                let words = a.article.text[cue.span.start..cue.span.end].to_string();
                seen.entry((fid, who)).or_default().push((
                    stance,
                    a.evidence(
                        s.span,
                        Some(format!("{} (\"{words}\")", stance_word(stance))),
                    ),
                ));
            }
        }
    }
    let mut out = Vec::new();
    let mut denied: BTreeMap<FactId, Vec<Evidence>> = BTreeMap::new();
    for ((fid, who), list) in seen {
        let stance = list[0].0;
        if list.iter().any(|(s, _)| *s != stance) {
            continue;
        }
        let fact = input.facts.fact(fid);
        let key = &input.facts.entity(who).key;
        let evidence: Vec<Evidence> = list.into_iter().map(|(_, e)| e).collect();
        if stance == SourceStance::Denies {
            denied
                .entry(fid)
                .or_default()
                .extend(evidence.iter().cloned());
        }
        out.push(Suggestion {
            id: format!("new-source:{}:{key}", fact.id),
            kind: SuggestionKind::NewSource,
            message: format!(
                "`{key}` {} `{}` but is not among its sources",
                stance_word(stance),
                fact.id
            ),
            evidence,
            changes: vec![Change::AddSource {
                fact: fact.id.clone(),
                by: key.clone(),
                stance,
            }],
            yaml: Some(format!(
                "sources:\n  - {{ by: {key}, stance: {} }}",
                stance_word(stance)
            )),
            notes: Vec::new(),
        });
    }
    for (fid, evidence) in denied {
        let fact = input.facts.fact(fid);
        if fact.status != Status::Asserted {
            continue;
        }
        out.push(Suggestion {
            id: format!("status-change:{}", fact.id),
            kind: SuggestionKind::StatusChange,
            message: format!(
                "`{}` is recorded as asserted, but a source now denies it: mark it disputed",
                fact.id
            ),
            evidence,
            changes: vec![Change::SetStatus {
                fact: fact.id.clone(),
                status: Status::Disputed,
            }],
            yaml: Some("status: disputed".into()),
            notes: vec!["apply together with the new denying source".into()],
        });
    }
    out
}
