//! `date-mismatch`: the article dates a fact's event outside the fact's dates.
//!
//! **What it flags.** A date in a sentence aligned with a dated fact, bound to the event (not
//! to a report or denial of it), resolved against the article's publication date when
//! relative ("on Thursday"), whose day range is disjoint from the fact's.
//!
//! **Why it matters.** A call placed on the wrong day, an attack moved to another night: the
//! date is how readers tell one event from another.
//!
//! **Example.** Fact `trump-zelensky-call: 2024-11-06`; article of Monday 2024-11-11: "Trump
//! spoke with Zelensky on Thursday" (2024-11-07) -> error, 2024-11-07 vs 2024-11-06.
//!
//! **Known false positives.** A sentence about two events of the same people with one date
//! each can bind a date to the wrong one; we abstain when any event date in the sentence agrees
//! with the fact, and when a date lies more than a month away (another occasion).

use super::{Context, OCCASION_DAYS, days_apart};
use crate::align::unique_best;
use crate::finding::{Finding, Kind, Related, Severity};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (si, s) in ctx.statements() {
        if ctx.denies_itself(s) {
            continue;
        }
        let aligned: Vec<_> = ctx
            .aligned_to(si)
            .into_iter()
            .filter(|a| ctx.facts.fact(a.fact).date.is_some())
            .collect();
        let Some(best) = unique_best(&aligned, ctx.aligner.cfg.margin) else {
            continue;
        };
        let fact = ctx.facts.fact(best.fact);
        let Some(want) = fact.date else { continue };
        if !ctx.same_occasion(fact) {
            continue;
        }
        let dates = ctx.event_dates(s);
        let resolved: Vec<_> = dates
            .iter()
            .filter_map(|d| d.range.map(|r| (d, r)))
            .collect();
        if resolved.iter().any(|(_, r)| r.overlaps(&want)) {
            continue;
        }
        // One event date, near enough to be the same occasion.
        let [(d, got)] = resolved.as_slice() else {
            continue;
        };
        if days_apart(got, &want) > OCCASION_DAYS {
            continue;
        }
        let found = ctx.text(d.span).to_string();
        let mut notes = vec![format!("{got} and {want} do not overlap")];
        if d.relative
            && let Some(p) = ctx.article.meta.published
        {
            notes.push(format!(
                "`{found}` resolved against the publication date {p}"
            ));
        }
        out.push(Finding {
            kind: Kind::DateMismatch,
            severity: Severity::Error,
            confidence: best.score,
            fact: Some(best.fact),
            article: ctx.article.id,
            span: d.span,
            sentence: s.span,
            message: format!(
                "`{}` is dated {want}, but the article says {found} ({got})",
                fact.id
            ),
            found,
            expected: Some(want.to_string()),
            related: vec![Related::Fact {
                fact: best.fact,
                span: fact.date_span.unwrap_or(fact.span),
            }],
            notes,
        });
    }
    out
}
