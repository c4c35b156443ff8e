//! The VitaminC claim/evidence pairs as a cross-source benchmark: pairs to articles, and scores.

use super::matching::{Counts, Reported, relative_to};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One line of `pairs.jsonl`.
#[derive(Clone, Debug, Deserialize)]
pub struct Pair {
    pub id: String,
    pub claim: String,
    pub evidence: String,
    pub label: String,
    #[serde(default)]
    pub phenomena: Vec<String>,
}

impl Pair {
    pub fn refutes(&self) -> bool {
        self.label == "REFUTES"
    }
}

/// Reads a JSON-lines file; blank lines are skipped. Errors name the line.
pub fn parse_pairs(text: &str) -> Result<Vec<Pair>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// The two article files written for a pair.
pub const CLAIM_FILE: &str = "claim.md";
pub const EVIDENCE_FILE: &str = "evidence.md";

/// A Markdown article for one side of a pair. There is no publication date: Wikipedia text has
/// none, so relative dates must stay unresolved.
pub fn article(pair: &Pair, side: &str, text: &str) -> String {
    format!(
        "---\ntitle: \"{} {side}\"\noutlet: {side}\n---\n\n{}\n",
        pair.id.replace('"', "'"),
        text.trim()
    )
}

/// Whether any finding links the claim and the evidence article of a pair run from `root`.
pub fn links(findings: &[Reported], root: &str) -> Option<Reported> {
    findings
        .iter()
        .find(|f| {
            let file = relative_to(&f.file, root);
            let others: Vec<String> = f.related.iter().map(|r| relative_to(r, root)).collect();
            let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
            let mut sides: Vec<String> = std::iter::once(name(&file))
                .chain(others.iter().map(|o| name(o)))
                .collect();
            sides.sort();
            sides.dedup();
            sides.iter().any(|s| s == CLAIM_FILE) && sides.iter().any(|s| s == EVIDENCE_FILE)
        })
        .cloned()
}

/// Counts of "linked" against REFUTES, overall and per phenomenon.
#[derive(Debug, Default)]
pub struct PairScore {
    pub overall: Counts,
    pub per_phenomenon: BTreeMap<String, Counts>,
    /// Pairs per phenomenon, to read the counts against.
    pub pairs_per_phenomenon: BTreeMap<String, usize>,
    /// SUPPORTS pairs that got a linking finding, with it.
    pub false_positives: Vec<(String, Reported)>,
    /// REFUTES pairs that got none.
    pub misses: Vec<String>,
}

impl PairScore {
    pub fn add(&mut self, pair: &Pair, linked: Option<Reported>) {
        let mut buckets = vec![&mut self.overall];
        let per = &mut self.per_phenomenon;
        for p in &pair.phenomena {
            per.entry(p.clone()).or_default();
            *self.pairs_per_phenomenon.entry(p.clone()).or_default() += 1;
        }
        buckets.extend(
            per.iter_mut()
                .filter(|(k, _)| pair.phenomena.contains(k))
                .map(|(_, c)| c),
        );
        for c in buckets {
            match (linked.is_some(), pair.refutes()) {
                (true, true) => c.tp += 1,
                (true, false) => c.fp += 1,
                (false, true) => c.fn_ += 1,
                (false, false) => {}
            }
        }
        match (linked, pair.refutes()) {
            (Some(f), false) => self.false_positives.push((pair.id.clone(), f)),
            (None, true) => self.misses.push(pair.id.clone()),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reported(file: &str, related: &[&str]) -> Reported {
        Reported {
            kind: "value-mismatch".into(),
            fact: None,
            file: file.into(),
            line: 5,
            column: 1,
            found: "1891".into(),
            message: "m".into(),
            related: related.iter().map(|r| r.to_string()).collect(),
        }
    }

    #[test]
    fn reads_pairs_and_writes_articles() {
        let text = r#"{"id": "v:1", "claim": "It opened in 1891 .", "evidence": "It opened in 1892 .", "label": "REFUTES", "phenomena": ["date"]}

{"id": "v:2", "claim": "a", "evidence": "b", "label": "SUPPORTS"}"#;
        let pairs = parse_pairs(text).expect("valid lines");
        assert_eq!(pairs.len(), 2);
        assert!(pairs[0].refutes());
        assert!(pairs[1].phenomena.is_empty());
        let md = article(&pairs[0], "claim", &pairs[0].claim);
        assert!(md.starts_with("---\ntitle: \"v:1 claim\"\noutlet: claim\n---\n\nIt opened"));
        assert!(parse_pairs("{").is_err());
    }

    #[test]
    fn a_finding_links_only_when_it_spans_both_articles() {
        let root = "/tmp/x/p001";
        let linked = [reported(
            "/tmp/x/p001/claim.md",
            &["/tmp/x/p001/evidence.md"],
        )];
        assert!(links(&linked, root).is_some());
        let one_sided = [reported("/tmp/x/p001/claim.md", &["/tmp/x/p001/claim.md"])];
        assert!(links(&one_sided, root).is_none());
    }

    #[test]
    fn scores_per_phenomenon() {
        let refutes = Pair {
            id: "r".into(),
            claim: String::new(),
            evidence: String::new(),
            label: "REFUTES".into(),
            phenomena: vec!["date".into(), "number".into()],
        };
        let supports = Pair {
            label: "SUPPORTS".into(),
            phenomena: vec!["number".into()],
            id: "s".into(),
            ..refutes.clone()
        };
        let mut s = PairScore::default();
        let f = reported("claim.md", &["evidence.md"]);
        s.add(&refutes, Some(f.clone()));
        s.add(&supports, Some(f));
        s.add(&refutes, None);
        assert_eq!(
            s.overall,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.per_phenomenon["date"],
            Counts {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            s.per_phenomenon["number"],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(s.pairs_per_phenomenon["number"], 3);
        assert_eq!(s.false_positives.len(), 1);
        assert_eq!(s.misses, vec!["r".to_string()]);
    }
}
