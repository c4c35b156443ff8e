//! Scores factdiff's JSON findings against a corpus's `expected.yaml` (format: corpus/README.md).

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The kinds we score, in report order.
pub const KINDS: [&str; 3] = ["value-mismatch", "date-mismatch", "stance-conflict"];

/// `expected.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub version: u32,
    pub articles: BTreeMap<String, ExpectedArticle>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedArticle {
    #[serde(default)]
    pub silent: bool,
    #[serde(default)]
    pub findings: Vec<ExpectedFinding>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedFinding {
    pub fact: Option<String>,
    pub kind: String,
    /// The other article, for a cross-article finding (`fact: null`).
    #[serde(default)]
    pub with: Option<String>,
    #[serde(default)]
    pub found: Option<String>,
}

/// What a finding is matched by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Fact {
        file: String,
        fact: String,
        kind: String,
    },
    /// `a <= b`: the pair is unordered.
    Pair { a: String, b: String, kind: String },
}

impl Key {
    pub fn pair(x: &str, y: &str, kind: &str) -> Key {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        Key::Pair {
            a: a.to_string(),
            b: b.to_string(),
            kind: kind.to_string(),
        }
    }

    pub fn kind(&self) -> &str {
        match self {
            Key::Fact { kind, .. } | Key::Pair { kind, .. } => kind,
        }
    }

    pub fn files(&self) -> Vec<&str> {
        match self {
            Key::Fact { file, .. } => vec![file],
            Key::Pair { a, b, .. } => vec![a, b],
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Fact { file, fact, kind } => write!(f, "{file} {kind} [{fact}]"),
            Key::Pair { a, b, kind } => write!(f, "{a} <-> {b} {kind}"),
        }
    }
}

impl Expected {
    pub fn parse(text: &str) -> Result<Expected, String> {
        let e: Expected = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
        if e.version != 1 {
            return Err(format!("unsupported version {} (expected 1)", e.version));
        }
        Ok(e)
    }

    /// Checks the labels are complete and coherent; `articles` are the files present on disk
    /// (relative to `articles/`). Returns every problem found.
    pub fn validate(&self, articles: &[String]) -> Vec<String> {
        let mut problems = Vec::new();
        for a in articles {
            if !self.articles.contains_key(a) {
                problems.push(format!("{a}: article has no entry in expected.yaml"));
            }
        }
        let silent: BTreeSet<&str> = self
            .articles
            .iter()
            .filter(|(_, e)| e.silent)
            .map(|(k, _)| k.as_str())
            .collect();
        for (name, entry) in &self.articles {
            if !articles.is_empty() && !articles.contains(name) {
                problems.push(format!("{name}: listed in expected.yaml but not found"));
            }
            if entry.silent && !entry.findings.is_empty() {
                problems.push(format!("{name}: silent but has findings"));
            }
            for f in &entry.findings {
                if !KINDS.contains(&f.kind.as_str()) {
                    problems.push(format!("{name}: unknown kind {:?}", f.kind));
                }
                match (&f.fact, &f.with) {
                    (None, None) => {
                        problems.push(format!("{name}: a cross-article finding needs `with`"))
                    }
                    (Some(_), Some(_)) => problems.push(format!(
                        "{name}: `with` is only for cross-article findings (fact: null)"
                    )),
                    (None, Some(other)) => {
                        if !self.articles.contains_key(other) {
                            problems.push(format!("{name}: `with: {other}` is not an article"));
                        }
                        if silent.contains(other.as_str()) {
                            problems.push(format!("{name}: `with: {other}` is marked silent"));
                        }
                    }
                    (Some(_), None) => {}
                }
            }
        }
        problems
    }

    /// Expectations naming a fact the fact file does not have.
    pub fn unknown_facts(&self, known: &BTreeSet<String>) -> Vec<String> {
        self.articles
            .iter()
            .flat_map(|(name, e)| e.findings.iter().map(move |f| (name, f)))
            .filter_map(|(name, f)| {
                let id = f.fact.as_ref()?;
                (!known.contains(id)).then(|| format!("{name}: unknown fact {id:?}"))
            })
            .collect()
    }

    /// Every expected key, with the expectation it came from.
    pub fn keys(&self) -> BTreeMap<Key, ExpectedFinding> {
        let mut out = BTreeMap::new();
        for (name, entry) in &self.articles {
            for f in &entry.findings {
                let key = match (&f.fact, &f.with) {
                    (Some(fact), _) => Key::Fact {
                        file: name.clone(),
                        fact: fact.clone(),
                        kind: f.kind.clone(),
                    },
                    (None, Some(other)) => Key::pair(name, other, &f.kind),
                    (None, None) => continue,
                };
                out.insert(key, f.clone());
            }
        }
        out
    }
}

/// The fact ids of a fact file, read loosely (the eval does not validate fact files: factdiff
/// does).
pub fn fact_ids(facts_yaml: &str) -> Result<BTreeSet<String>, String> {
    let doc: serde_json::Value = serde_saphyr::from_str(facts_yaml).map_err(|e| e.to_string())?;
    Ok(doc
        .get("facts")
        .and_then(|f| f.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|f| f.get("id")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default())
}

/// One finding from factdiff's JSON v1 document, as much as scoring needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Reported {
    pub kind: String,
    pub fact: Option<String>,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub found: String,
    pub message: String,
    /// Files of the related locations (the fact file or other articles).
    pub related: Vec<String>,
}

/// Reads the findings of a JSON v1 document. Unknown fields are ignored so the eval keeps
/// working as the document grows.
pub fn parse_findings(json: &str) -> Result<Vec<Reported>, String> {
    let doc: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    if doc.get("version").and_then(|v| v.as_u64()) != Some(1) {
        return Err("not a factdiff JSON v1 document (version is not 1)".into());
    }
    let list = doc
        .get("findings")
        .and_then(|f| f.as_array())
        .ok_or("the document has no `findings` array")?;
    let text = |v: &serde_json::Value, k: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .unwrap_or_default()
            .to_string()
    };
    Ok(list
        .iter()
        .map(|f| Reported {
            kind: text(f, "kind"),
            fact: f.get("fact").and_then(|x| x.as_str()).map(str::to_string),
            file: text(f, "file"),
            line: f.get("line").and_then(|x| x.as_u64()).unwrap_or(0),
            column: f.get("column").and_then(|x| x.as_u64()).unwrap_or(0),
            found: text(f, "found"),
            message: text(f, "message"),
            related: f
                .get("related")
                .and_then(|r| r.as_array())
                .map(|r| r.iter().map(|p| text(p, "file")).collect())
                .unwrap_or_default(),
        })
        .collect())
}

/// The path of `file` relative to the articles directory `root` (both as factdiff prints
/// them), so findings and labels name articles the same way.
pub fn relative_to(file: &str, root: &str) -> String {
    let file = file.replace('\\', "/");
    let root = root.replace('\\', "/");
    let root = root.trim_end_matches('/');
    let strip = |f: &str| f.strip_prefix("./").unwrap_or(f).to_string();
    if let Some(rest) = strip(&file).strip_prefix(&format!("{}/", strip(root))) {
        return rest.to_string();
    }
    match file.rfind("/articles/") {
        Some(i) => file[i + "/articles/".len()..].to_string(),
        None => file.rsplit('/').next().unwrap_or(&file).to_string(),
    }
}

/// The key a finding is matched by, with paths already relative to the articles directory.
/// A finding without a fact is cross-article: its pair is its file and the first related
/// location in another article.
pub fn key_of(f: &Reported, root: &str) -> Key {
    let file = relative_to(&f.file, root);
    match &f.fact {
        Some(fact) => Key::Fact {
            file,
            fact: fact.clone(),
            kind: f.kind.clone(),
        },
        None => {
            let other = f
                .related
                .iter()
                .map(|r| relative_to(r, root))
                .find(|r| *r != file)
                .unwrap_or_default();
            Key::pair(&file, &other, &f.kind)
        }
    }
}

/// True positives, false positives, misses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// `None` when nothing was reported.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `None` when nothing was expected.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 0 when either side is undefined but something was expected or reported.
    pub fn f1(&self) -> Option<f64> {
        if self.tp + self.fp + self.fn_ == 0 {
            return None;
        }
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// The outcome of matching one run's findings against the labels.
#[derive(Debug, Default)]
pub struct Score {
    pub overall: Counts,
    pub per_kind: BTreeMap<String, Counts>,
    pub true_positives: Vec<(Key, Reported)>,
    pub false_positives: Vec<(Key, Reported)>,
    /// Expected keys nothing matched, with any findings reported on the same article and fact
    /// under another kind (they often explain the miss).
    pub misses: Vec<(Key, ExpectedFinding, Vec<Reported>)>,
    /// Cross-article findings that restate an expected fact finding: counted neither way.
    pub redundant: Vec<(Key, Reported)>,
    /// Findings beyond the first with the same key.
    pub duplicates: usize,
}

/// Matches `reported` (from a run over `root`) against `expected`.
pub fn score(expected: &Expected, reported: &[Reported], root: &str) -> Score {
    let want = expected.keys();
    let mut s = Score::default();
    for k in KINDS {
        s.per_kind.insert(k.to_string(), Counts::default());
    }
    // Articles with an expected fact finding of a kind: a cross-article finding of that kind
    // touching them restates it.
    let fact_kinds: BTreeSet<(String, String)> = want
        .keys()
        .filter_map(|k| match k {
            Key::Fact { file, kind, .. } => Some((file.clone(), kind.clone())),
            Key::Pair { .. } => None,
        })
        .collect();
    let mut seen: BTreeSet<Key> = BTreeSet::new();
    for f in reported {
        let key = key_of(f, root);
        if !seen.insert(key.clone()) {
            s.duplicates += 1;
            continue;
        }
        let counts = s.per_kind.entry(key.kind().to_string()).or_default();
        if want.contains_key(&key) {
            counts.tp += 1;
            s.overall.tp += 1;
            s.true_positives.push((key, f.clone()));
        } else if matches!(key, Key::Pair { .. })
            && key
                .files()
                .iter()
                .any(|file| fact_kinds.contains(&(file.to_string(), key.kind().to_string())))
        {
            s.redundant.push((key, f.clone()));
        } else {
            counts.fp += 1;
            s.overall.fp += 1;
            s.false_positives.push((key, f.clone()));
        }
    }
    for (key, exp) in want {
        if seen.contains(&key) {
            continue;
        }
        s.per_kind.entry(key.kind().to_string()).or_default().fn_ += 1;
        s.overall.fn_ += 1;
        let near = match &key {
            Key::Fact { file, fact, .. } => reported
                .iter()
                .filter(|f| {
                    f.fact.as_deref() == Some(fact.as_str()) && relative_to(&f.file, root) == *file
                })
                .cloned()
                .collect(),
            Key::Pair { .. } => Vec::new(),
        };
        s.misses.push((key, exp, near));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPECTED: &str = r#"
version: 1
articles:
  a.md: { silent: true }
  b.md:
    findings:
      - { fact: drones, kind: value-mismatch, found: 150 drones }
      - { fact: call, kind: stance-conflict }
  c.md: {}
  d.md:
    findings:
      - { fact: null, kind: value-mismatch, with: c.md, found: 12 plants }
"#;

    fn finding(kind: &str, fact: Option<&str>, file: &str, related: &[&str]) -> String {
        let fact = fact.map_or("null".to_string(), |f| format!("{f:?}"));
        let related: Vec<String> = related
            .iter()
            .map(|r| format!(r#"{{"file":{r:?},"line":3,"column":1,"found":"x"}}"#))
            .collect();
        format!(
            r#"{{"kind":{kind:?},"severity":"error","confidence":0.9,"fact":{fact},"file":{file:?},
               "line":7,"column":4,"found":"w","expected":"145","message":"m {kind}",
               "related":[{}]}}"#,
            related.join(",")
        )
    }

    fn doc(findings: &[String]) -> String {
        format!(
            r#"{{"version":1,"findings":[{}],"summary":{{"articles":4}},"diagnostics":[]}}"#,
            findings.join(",")
        )
    }

    fn run(findings: &[String]) -> Score {
        let expected = Expected::parse(EXPECTED).expect("test labels parse");
        let reported = parse_findings(&doc(findings)).expect("test document parses");
        score(&expected, &reported, "corpus/x/articles")
    }

    #[test]
    fn nothing_reported_is_all_misses() {
        let s = run(&[]);
        assert_eq!(
            s.overall,
            Counts {
                tp: 0,
                fp: 0,
                fn_: 3
            }
        );
        assert_eq!(s.overall.precision(), None);
        assert_eq!(s.overall.recall(), Some(0.0));
        assert_eq!(s.overall.f1(), Some(0.0));
        assert_eq!(s.misses.len(), 3);
    }

    #[test]
    fn matches_by_file_fact_and_kind() {
        let s = run(&[
            finding(
                "value-mismatch",
                Some("drones"),
                "corpus/x/articles/b.md",
                &["f.yaml"],
            ),
            // right article and fact, wrong kind: a false positive, and shown beside the miss
            finding(
                "date-mismatch",
                Some("call"),
                "corpus/x/articles/b.md",
                &["f.yaml"],
            ),
            // a silent article
            finding(
                "value-mismatch",
                Some("drones"),
                "corpus/x/articles/a.md",
                &[],
            ),
        ]);
        assert_eq!(
            s.overall,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 2
            }
        );
        assert_eq!(
            s.per_kind["value-mismatch"],
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.per_kind["date-mismatch"],
            Counts {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.per_kind["stance-conflict"],
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        let call_miss = s
            .misses
            .iter()
            .find(|(k, _, _)| k.kind() == "stance-conflict")
            .expect("the stance conflict is missed");
        assert_eq!(call_miss.2.len(), 1);
        assert_eq!(s.overall.precision(), Some(1.0 / 3.0));
        assert_eq!(s.overall.recall(), Some(1.0 / 3.0));
    }

    #[test]
    fn cross_article_pairs_are_unordered() {
        let s = run(&[finding(
            "value-mismatch",
            None,
            "corpus/x/articles/c.md",
            &["corpus/x/articles/d.md"],
        )]);
        assert_eq!(s.overall.tp, 1);
        assert_eq!(s.overall.fp, 0);
    }

    #[test]
    fn cross_article_finding_restating_a_fact_finding_is_redundant() {
        let s = run(&[finding(
            "value-mismatch",
            None,
            "corpus/x/articles/a.md",
            &["corpus/x/articles/b.md"],
        )]);
        assert_eq!(s.redundant.len(), 1);
        assert_eq!(s.overall.fp, 0);
        // of another kind it is a plain false positive
        let s = run(&[finding(
            "date-mismatch",
            None,
            "corpus/x/articles/a.md",
            &["corpus/x/articles/b.md"],
        )]);
        assert_eq!(s.overall.fp, 1);
    }

    #[test]
    fn duplicates_count_once() {
        let f = finding(
            "value-mismatch",
            Some("drones"),
            "corpus/x/articles/b.md",
            &[],
        );
        let s = run(&[f.clone(), f]);
        assert_eq!(s.overall.tp, 1);
        assert_eq!(s.duplicates, 1);
    }

    #[test]
    fn paths_become_relative_to_the_articles_dir() {
        assert_eq!(
            relative_to("corpus/dev/articles/a.md", "corpus/dev/articles"),
            "a.md"
        );
        assert_eq!(
            relative_to("./corpus/dev/articles/a.md", "corpus/dev/articles/"),
            "a.md"
        );
        assert_eq!(
            relative_to("/tmp/x/articles/sub/a.md", "elsewhere"),
            "sub/a.md"
        );
        assert_eq!(relative_to("a.md", "corpus/dev/articles"), "a.md");
    }

    #[test]
    fn validation_catches_missing_and_incoherent_labels() {
        let e = Expected::parse(EXPECTED).expect("test labels parse");
        let on_disk: Vec<String> = ["a.md", "b.md", "c.md", "d.md", "e.md"]
            .map(String::from)
            .to_vec();
        let problems = e.validate(&on_disk);
        assert_eq!(
            problems,
            vec!["e.md: article has no entry in expected.yaml"]
        );
        let bad = Expected::parse(
            "version: 1\narticles:\n  a.md: { silent: true }\n  b.md:\n    findings:\n      - { fact: null, kind: value-mismatch, with: a.md }\n      - { fact: x, kind: typo }\n",
        )
        .expect("parses");
        let problems = bad.validate(&[]);
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn rejects_other_documents() {
        assert!(parse_findings(r#"{"version":2,"findings":[]}"#).is_err());
        assert!(parse_findings("not json").is_err());
        assert!(Expected::parse("version: 2\narticles: {}\n").is_err());
    }

    #[test]
    fn the_committed_corpora_are_labelled_completely() {
        for dir in [
            "corpus/dev",
            "corpus/dev2",
            "corpus/holdout",
            "corpus/dev3",
            "corpus/holdout3",
        ] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            let text = std::fs::read_to_string(root.join("expected.yaml")).expect("labels exist");
            let e = Expected::parse(&text).expect("labels parse");
            let mut names: Vec<String> = std::fs::read_dir(root.join("articles"))
                .expect("articles exist")
                .map(|d| {
                    d.expect("readable entry")
                        .file_name()
                        .to_string_lossy()
                        .into()
                })
                .collect();
            names.sort();
            assert_eq!(e.validate(&names), Vec::<String>::new(), "{dir}");
            let facts = std::fs::read_to_string(root.join("facts.yaml")).expect("facts exist");
            let ids = fact_ids(&facts).expect("the fact file is YAML");
            assert!(ids.len() >= 15, "{dir}: {} facts", ids.len());
            assert_eq!(e.unknown_facts(&ids), Vec::<String>::new(), "{dir}");
        }
    }
}
