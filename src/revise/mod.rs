//! Stage for `factdiff diff`: compares two revisions of one article. Sentences are paired
//! (equal text, then similarity), claims within them are matched (frame key, value, unit,
//! order), and when a fact file is given the fact checks of both revisions say which changes
//! fixed a finding and which introduced one.

pub mod changes;
pub mod pair;
pub mod render;

use crate::align::{self, AlignConfig, Aligner, Alignment};
use crate::article::Article;
use crate::claims::{ArticleClaims, EntityRef};
use crate::commands::check::check_articles;
use crate::extract::{self, entities::EntityMatcher};
use crate::facts::{FactFile, FactId};
use crate::finding::{Finding, Kind, Severity};
use crate::report::squash;
use crate::span::Span;
use changes::{Change, ClaimType, Revision, Side};
use pair::SentencePairs;
use serde::Serialize;

/// Where a finding or a changed claim stands against the fact file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The old revision disagreed with the fact; the new one does not.
    Fixed,
    /// The new revision disagrees with the fact; the old one did not.
    Introduced,
    /// Both revisions disagree with the fact.
    Unchanged,
    /// The new claim is about the fact and within its value or dates.
    Agrees,
}

impl Status {
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Fixed => "fixed",
            Status::Introduced => "introduced",
            Status::Unchanged => "unchanged",
            Status::Agrees => "agrees",
        }
    }
}

/// A claim change with its standing against the fact file.
#[derive(Clone, Debug, PartialEq)]
pub struct Reviewed {
    pub change: Change,
    pub fact: Option<FactId>,
    pub status: Option<Status>,
    /// For a fixed finding: the new claim lies within the fact's value or dates (rather than
    /// no longer being compared with it).
    pub now_agrees: bool,
}

/// A finding of either revision, matched across them. Indices point into
/// [`Comparison::old_findings`] and [`Comparison::new_findings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FindingChange {
    pub status: Status,
    pub old: Option<usize>,
    pub new: Option<usize>,
}

/// Everything `factdiff diff` reports.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    pub old_claims: ArticleClaims,
    pub new_claims: ArticleClaims,
    pub pairs: SentencePairs,
    pub changes: Vec<Reviewed>,
    /// The fact checks' findings of each revision (empty without a fact file), suppressions
    /// applied.
    pub old_findings: Vec<Finding>,
    pub new_findings: Vec<Finding>,
    pub findings: Vec<FindingChange>,
}

impl Comparison {
    /// True when the new revision brings an error finding the old one did not have.
    pub fn introduces_error(&self) -> bool {
        self.findings.iter().any(|f| {
            f.status == Status::Introduced
                && f.new
                    .is_some_and(|i| self.new_findings[i].severity == Severity::Error)
        })
    }
}

/// Compares two revisions of one article. Both articles must carry `ArticleId(0)`: each is
/// checked on its own.
pub fn compare(
    old: &Article,
    new: &Article,
    facts: Option<&FactFile>,
    cfg: AlignConfig,
) -> Comparison {
    let matcher = EntityMatcher::new(facts);
    let old_claims = extract::extract(old, &matcher);
    let new_claims = extract::extract(new, &matcher);
    let texts = |a: &Article, c: &ArticleClaims| -> Vec<String> {
        c.sentences
            .iter()
            .map(|s| squash(a.text.get(s.span.start..s.span.end).unwrap_or_default()))
            .collect()
    };
    let pairs = pair::pair_sentences(&texts(old, &old_claims), &texts(new, &new_claims));
    let name = |e: &EntityRef| match (e, facts) {
        (EntityRef::Known(id), Some(f)) => f.entity(*id).name.clone(),
        (EntityRef::Known(id), None) => format!("entity {}", id.0),
        (EntityRef::Named(n), _) => n.clone(),
    };
    let found = changes::claim_changes(
        &Revision {
            article: old,
            claims: &old_claims,
        },
        &Revision {
            article: new,
            claims: &new_claims,
        },
        &pairs,
        &name,
    );
    let mut out = Comparison {
        old_claims,
        new_claims,
        pairs,
        ..Comparison::default()
    };
    let Some(facts) = facts else {
        out.changes = found
            .into_iter()
            .map(|change| Reviewed {
                change,
                fact: None,
                status: None,
                now_agrees: false,
            })
            .collect();
        return out;
    };
    let checked = |a: &Article| {
        let findings = check_articles(std::slice::from_ref(a), Some(facts), cfg.clone());
        let mut kept = crate::suppress::apply(findings, std::slice::from_ref(a), Some(facts)).kept;
        kept.sort_by_key(|f| (f.span.start, f.kind));
        kept
    };
    out.old_findings = checked(old);
    out.new_findings = checked(new);
    out.findings = match_findings(&out, &found);
    let aligned = Aligner::new(facts, &matcher, cfg).align(&out.new_claims);
    out.changes = found
        .into_iter()
        .map(|change| review(change, &out, facts, &aligned))
        .collect();
    out
}

/// The sentence a span lies in.
fn sentence_of(claims: &ArticleClaims, span: Span) -> Option<usize> {
    claims
        .sentences
        .iter()
        .position(|s| s.span.start <= span.start && span.start < s.span.end.max(s.span.start + 1))
}

/// Pairs the findings of the two revisions: same kind and fact, in corresponding sentences
/// or on the same words.
fn match_findings(c: &Comparison, changes: &[Change]) -> Vec<FindingChange> {
    let mut moved: Vec<(usize, usize)> = changes
        .iter()
        .filter_map(|ch| Some((ch.old.as_ref()?.sentence, ch.new.as_ref()?.sentence)))
        .collect();
    moved.extend(c.pairs.unchanged.iter().chain(&c.pairs.rewritten));
    let mut used = vec![false; c.new_findings.len()];
    let mut out = Vec::new();
    for (oi, of) in c.old_findings.iter().enumerate() {
        let os = sentence_of(&c.old_claims, of.sentence);
        let same = |nf: &Finding| {
            let ns = sentence_of(&c.new_claims, nf.sentence);
            nf.kind == of.kind
                && nf.fact == of.fact
                && (nf.found == of.found
                    || os.zip(ns).is_some_and(|(o, n)| moved.contains(&(o, n))))
        };
        let hit = (0..c.new_findings.len()).find(|&ni| !used[ni] && same(&c.new_findings[ni]));
        if let Some(ni) = hit {
            used[ni] = true;
        }
        out.push(FindingChange {
            status: if hit.is_some() {
                Status::Unchanged
            } else {
                Status::Fixed
            },
            old: Some(oi),
            new: hit,
        });
    }
    out.extend(
        (0..c.new_findings.len())
            .filter(|&ni| !used[ni])
            .map(|ni| FindingChange {
                status: Status::Introduced,
                old: None,
                new: Some(ni),
            }),
    );
    out
}

fn finding_kind(claim: ClaimType) -> Kind {
    match claim {
        ClaimType::Value => Kind::ValueMismatch,
        ClaimType::Date => Kind::DateMismatch,
        ClaimType::Stance => Kind::StanceConflict,
    }
}

/// The finding of one revision on a changed claim: same sentence, the claim's kind, and for
/// numbers and dates the claim's own words.
fn finding_on(
    findings: &[Finding],
    claims: &ArticleClaims,
    side: &Side,
    claim: ClaimType,
) -> Option<usize> {
    findings.iter().position(|f| {
        f.kind == finding_kind(claim)
            && sentence_of(claims, f.sentence) == Some(side.sentence)
            && (claim == ClaimType::Stance
                || (f.span.start < side.span.end && side.span.start < f.span.end))
    })
}

fn review(change: Change, c: &Comparison, facts: &FactFile, aligned: &[Alignment]) -> Reviewed {
    let status_of = |old: Option<usize>, new: Option<usize>| {
        c.findings
            .iter()
            .find(|f| (old.is_some() && f.old == old) || (new.is_some() && f.new == new))
    };
    let old_hit = change
        .old
        .as_ref()
        .and_then(|s| finding_on(&c.old_findings, &c.old_claims, s, change.claim));
    let new_hit = change
        .new
        .as_ref()
        .and_then(|s| finding_on(&c.new_findings, &c.new_claims, s, change.claim));
    if let Some(fc) = status_of(None, new_hit).or_else(|| status_of(old_hit, None)) {
        let fact = fc
            .new
            .map(|i| c.new_findings[i].fact)
            .or(fc.old.map(|i| c.old_findings[i].fact))
            .flatten();
        let now_agrees = fc.status == Status::Fixed
            && fact.is_some()
            && change
                .new
                .as_ref()
                .and_then(|side| agreeing_fact(side, change.claim, facts, aligned))
                == fact;
        return Reviewed {
            change,
            fact,
            status: Some(fc.status),
            now_agrees,
        };
    }
    let agrees = change
        .new
        .as_ref()
        .and_then(|side| agreeing_fact(side, change.claim, facts, aligned));
    Reviewed {
        change,
        fact: agrees,
        status: agrees.map(|_| Status::Agrees),
        now_agrees: false,
    }
}

/// The best-aligned fact of the claim's sentence, when the claim lies within its value (same
/// unit) or its dates. Stances are not judged here: only a finding speaks for them.
fn agreeing_fact(
    side: &Side,
    claim: ClaimType,
    facts: &FactFile,
    aligned: &[Alignment],
) -> Option<FactId> {
    let mut options: Vec<&Alignment> = aligned
        .iter()
        .filter(|a| a.sentence == side.sentence)
        .collect();
    options.sort_by(|a, b| b.score.total_cmp(&a.score));
    // Two facts fitting equally well: ambiguity is not agreement.
    let best = align::unique_best(&options, AlignConfig::default().margin)?;
    let fact = facts.fact(best.fact);
    let ok = match claim {
        ClaimType::Value => {
            let (Some(have), Some(want)) = (side.interval, fact.value_interval()) else {
                return None;
            };
            have.overlaps(&want) && same_unit(fact.unit.as_deref(), &side.found)
        }
        ClaimType::Date => side
            .range
            .zip(fact.date)
            .is_some_and(|(have, want)| have.overlaps(&want)),
        ClaimType::Stance => false,
    };
    ok.then_some(best.fact)
}

/// Whether the claim's words carry the fact's unit ("145 drones" and `unit: drones`); a fact
/// without a unit accepts any.
fn same_unit(unit: Option<&str>, words: &str) -> bool {
    let Some(unit) = unit else { return true };
    let unit = unit.to_lowercase();
    let stem = unit.trim_end_matches('s');
    words
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && (w == unit || w.trim_end_matches('s') == stem))
        || (unit == "dollars" && words.contains('$'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_compare_by_their_stem() {
        assert!(same_unit(Some("drones"), "145 drones"));
        assert!(same_unit(Some("drones"), "about 145 drone"));
        assert!(!same_unit(Some("drones"), "145 flights"));
        assert!(same_unit(Some("dollars"), "$6 billion"));
        assert!(same_unit(None, "145"));
    }
}
