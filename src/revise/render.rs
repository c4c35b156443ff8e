//! Renders a comparison of two revisions: a word-level diff of each sentence whose claims
//! changed, the claim changes, and the findings fixed or introduced; or versioned JSON.

use super::changes::{Change, ChangeKind, ClaimType, Side};
use super::{Comparison, Reviewed, Status};
use crate::article::Article;
use crate::facts::FactFile;
use crate::finding::Finding;
use crate::finding::Severity;
use crate::report::{ReportData, Resolved, squash};
use crate::span::{LineCol, LineIndex, Span};
use serde::Serialize;
use similar::{Algorithm, ChangeTag};

/// The version of the JSON document; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// What the renderers read.
pub struct DiffReport<'a> {
    pub old: &'a Article,
    pub new: &'a Article,
    pub facts: Option<&'a FactFile>,
    pub comparison: &'a Comparison,
}

impl DiffReport<'_> {
    fn place(&self, article: &Article, span: Span) -> LineCol {
        let source = article.source_span(span);
        LineIndex::new(&article.source).line_col(&article.source, source.start)
    }

    fn sentence_text(
        &self,
        article: &Article,
        claims: &crate::claims::ArticleClaims,
        si: usize,
    ) -> String {
        claims
            .sentences
            .get(si)
            .and_then(|s| article.text.get(s.span.start..s.span.end))
            .map(squash)
            .unwrap_or_default()
    }

    fn fact_id(&self, r: &Reviewed) -> Option<&str> {
        Some(self.facts?.fact(r.fact?).id.as_str())
    }

    fn resolved(&self, article: &Article, findings: &[Finding]) -> Vec<Resolved> {
        ReportData {
            articles: std::slice::from_ref(article),
            facts: self.facts,
            findings,
            diagnostics: &[],
            hidden: Default::default(),
        }
        .resolve()
    }
}

/// A word-level diff of two sentences: `[-old-]{+new+}` markers, or red and green.
pub fn word_diff(old: &str, new: &str, color: bool) -> String {
    let mut out = String::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut String, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            if color {
                out.push_str(&format!("{RED}{del}{RESET}"));
            } else {
                out.push_str(&format!("[-{del}-]"));
            }
        }
        if !ins.is_empty() {
            if color {
                out.push_str(&format!("{GREEN}{ins}{RESET}"));
            } else {
                out.push_str(&format!("{{+{ins}+}}"));
            }
        }
        del.clear();
        ins.clear();
    };
    let parts = similar::utils::diff_words(Algorithm::Myers, old, new);
    for (i, (tag, text)) in parts.iter().enumerate() {
        match tag {
            ChangeTag::Delete => del.push_str(text),
            ChangeTag::Insert => ins.push_str(text),
            ChangeTag::Equal => {
                // White space between two changed words joins them into one marker.
                let joins = text.trim().is_empty()
                    && (!del.is_empty() || !ins.is_empty())
                    && parts
                        .get(i + 1)
                        .is_some_and(|(t, _)| *t != ChangeTag::Equal);
                if joins {
                    if !del.is_empty() {
                        del.push_str(text);
                    }
                    if !ins.is_empty() {
                        ins.push_str(text);
                    }
                } else {
                    flush(&mut out, &mut del, &mut ins);
                    out.push_str(text);
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

fn claim_name(c: ClaimType) -> &'static str {
    match c {
        ClaimType::Value => "value",
        ClaimType::Date => "date",
        ClaimType::Stance => "stance",
    }
}

/// The line under the sentence: "value: 140 drones -> 145 drones (now agrees with x)".
fn change_line(r: &Reviewed, fact: Option<&str>) -> String {
    let c = &r.change;
    let shown = |s: &Option<Side>| s.as_ref().map_or(String::new(), |s| s.shown.clone());
    let mut line = match c.kind {
        ChangeKind::Added if c.label != "added" => format!("{}: {}", c.label, shown(&c.new)),
        ChangeKind::Removed if c.label != "removed" => format!("{}: {}", c.label, shown(&c.old)),
        ChangeKind::Added => format!("added {}: {}", claim_name(c.claim), shown(&c.new)),
        ChangeKind::Removed => format!("removed {}: {}", claim_name(c.claim), shown(&c.old)),
        _ => format!("{}: {} -> {}", c.label, shown(&c.old), shown(&c.new)),
    };
    if let (Some(status), Some(fact)) = (r.status, fact) {
        let note = match status {
            Status::Fixed if r.now_agrees => "now agrees with",
            Status::Fixed => "no longer contradicts",
            Status::Introduced => "now disagrees with",
            Status::Unchanged => "still disagrees with",
            Status::Agrees => "agrees with",
        };
        line.push_str(&format!(" ({note} {fact})"));
    }
    line
}

/// The old and new sentence a group of changes stands in.
type SentenceKey = (Option<usize>, Option<usize>);

/// Changes grouped by the sentences they stand in, in the new revision's order.
fn groups(changes: &[Reviewed]) -> Vec<(SentenceKey, Vec<&Reviewed>)> {
    let mut out: Vec<(SentenceKey, Vec<&Reviewed>)> = Vec::new();
    for r in changes {
        let key = (
            r.change.old.as_ref().map(|s| s.sentence),
            r.change.new.as_ref().map(|s| s.sentence),
        );
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(r),
            None => out.push((key, vec![r])),
        }
    }
    out
}

/// The human report.
pub fn human(d: &DiffReport, color: bool) -> String {
    let c = d.comparison;
    let bold = |s: String| {
        if color {
            format!("{BOLD}{s}{RESET}")
        } else {
            s
        }
    };
    let mut out = format!("--- {}\n+++ {}\n", d.old.path, d.new.path);
    for ((os, ns), rs) in groups(&c.changes) {
        let old_text = os.map(|i| d.sentence_text(d.old, &c.old_claims, i));
        let new_text = ns.map(|i| d.sentence_text(d.new, &c.new_claims, i));
        let at = |article: &Article, claims: &crate::claims::ArticleClaims, si: usize| {
            let line = d.place(article, claims.sentences[si].span).line;
            format!("{}:{line}", article.path)
        };
        let header = match (os, ns) {
            (Some(o), Some(n)) => format!(
                "@@ {} -> {}",
                at(d.old, &c.old_claims, o),
                at(d.new, &c.new_claims, n)
            ),
            (Some(o), None) => format!("@@ {} (removed)", at(d.old, &c.old_claims, o)),
            (None, Some(n)) => format!("@@ {} (added)", at(d.new, &c.new_claims, n)),
            (None, None) => continue,
        };
        out.push('\n');
        out.push_str(&bold(header));
        out.push('\n');
        let diffed = word_diff(
            old_text.as_deref().unwrap_or_default(),
            new_text.as_deref().unwrap_or_default(),
            color,
        );
        out.push_str(&format!("  {diffed}\n"));
        for r in rs {
            out.push_str(&format!("  = {}\n", change_line(r, d.fact_id(r))));
        }
    }
    let counts = count(c);
    if let Some(facts) = d.facts {
        let old_r = d.resolved(d.old, &c.old_findings);
        let new_r = d.resolved(d.new, &c.new_findings);
        if !c.findings.is_empty() {
            out.push_str(&format!("\nfindings against {}:\n", facts.path));
        }
        for f in &c.findings {
            let r = f.new.map(|i| &new_r[i]).or(f.old.map(|i| &old_r[i]));
            let Some(r) = r else { continue };
            out.push_str(&format!(
                "  {:<10} {}[{}] {}:{}:{}: {}\n",
                f.status.as_str(),
                r.severity,
                r.kind,
                r.file,
                r.line,
                r.column,
                r.message
            ));
        }
    }
    out.push('\n');
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    out.push_str(&plural(c.changes.len(), "claim changed", "claims changed"));
    if d.facts.is_some() {
        out.push_str(&format!(
            "; findings: {} fixed, {} introduced, {} unchanged",
            counts.0, counts.1, counts.2
        ));
    }
    out.push('\n');
    out
}

fn count(c: &Comparison) -> (usize, usize, usize) {
    let n = |s| c.findings.iter().filter(|f| f.status == s).count();
    (
        n(Status::Fixed),
        n(Status::Introduced),
        n(Status::Unchanged),
    )
}

/// The JSON document: `{"version":1,"changes":[…],"findings":[…],"summary":{…}}`.
#[derive(Serialize)]
struct JsonDoc<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    facts: Option<&'a str>,
    changes: Vec<JsonChange<'a>>,
    findings: Vec<JsonFinding>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    kind: ChangeKind,
    claim: ClaimType,
    label: &'static str,
    old: Option<JsonSide>,
    new: Option<JsonSide>,
    fact: Option<&'a str>,
    status: Option<Status>,
}

#[derive(Serialize)]
struct JsonSide {
    line: usize,
    column: usize,
    found: String,
    shown: String,
}

#[derive(Serialize)]
struct JsonFinding {
    status: Status,
    kind: &'static str,
    severity: Severity,
    fact: Option<String>,
    old: Option<JsonPlace>,
    new: Option<JsonPlace>,
}

#[derive(Serialize)]
struct JsonPlace {
    file: String,
    line: usize,
    column: usize,
    found: String,
    message: String,
}

#[derive(Serialize)]
struct JsonSummary {
    changes: usize,
    fixed: usize,
    introduced: usize,
    unchanged: usize,
}

/// The JSON report, version [`JSON_VERSION`].
pub fn json(d: &DiffReport) -> String {
    let c = d.comparison;
    let side = |article: &Article, s: &Option<Side>| {
        s.as_ref().map(|s| {
            let at = d.place(article, s.span);
            JsonSide {
                line: at.line,
                column: at.column,
                found: s.found.clone(),
                shown: s.shown.clone(),
            }
        })
    };
    let changes = c
        .changes
        .iter()
        .map(|r| {
            let ch: &Change = &r.change;
            JsonChange {
                kind: ch.kind,
                claim: ch.claim,
                label: ch.label,
                old: side(d.old, &ch.old),
                new: side(d.new, &ch.new),
                fact: d.fact_id(r),
                status: r.status,
            }
        })
        .collect();
    let (old_r, new_r) = match d.facts {
        Some(_) => (
            d.resolved(d.old, &c.old_findings),
            d.resolved(d.new, &c.new_findings),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let place = |r: &Resolved| JsonPlace {
        file: r.file.clone(),
        line: r.line,
        column: r.column,
        found: r.found.clone(),
        message: r.message.clone(),
    };
    let findings = c
        .findings
        .iter()
        .filter_map(|f| {
            let o = f.old.map(|i| &old_r[i]);
            let n = f.new.map(|i| &new_r[i]);
            let either = n.or(o)?;
            Some(JsonFinding {
                status: f.status,
                kind: either.kind,
                severity: either.severity,
                fact: either.fact.clone(),
                old: o.map(place),
                new: n.map(place),
            })
        })
        .collect();
    let (fixed, introduced, unchanged) = count(c);
    let doc = JsonDoc {
        version: JSON_VERSION,
        old: &d.old.path,
        new: &d.new.path,
        facts: d.facts.map(|f| f.path.as_str()),
        changes,
        findings,
        summary: JsonSummary {
            changes: c.changes.len(),
            fixed,
            introduced,
            unchanged,
        },
    };
    let mut text = serde_json::to_string_pretty(&doc).expect("plain data always serialises");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_whole_changed_runs() {
        assert_eq!(
            word_diff("fired 140 drones", "fired 145 drones", false),
            "fired [-140-]{+145+} drones"
        );
        assert_eq!(
            word_diff(
                "Peskov said it happened",
                "Peskov denied it ever happened",
                false
            ),
            "Peskov [-said-]{+denied+} it {+ever +}happened"
        );
        assert_eq!(
            word_diff("a b", "a c", true),
            format!("a {RED}b{RESET}{GREEN}c{RESET}")
        );
        assert_eq!(word_diff("same", "same", false), "same");
    }
}
