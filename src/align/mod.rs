//! Stage 3: aligns sentences with facts.
//!
//! A sentence is a candidate for a fact when it mentions every entity in the fact's `about`
//! (the previous sentence may supply them when this one refers back with a pronoun or "the
//! two leaders") and at least one of the fact's event words (its `keywords`, or the content
//! words of its `claim` when it has none). Candidates are found through an index from
//! entities and event words to facts, so a sentence is scored only against facts that share
//! something with it. The score (0..1) weighs entity coverage 0.4 (plus 0.1 for each of up to
//! two more `about` entities, so the more specific fact wins) and event-phrase coverage 0.4,
//! with words compared by stem and by Jaro-Winkler similarity (strsim); sentences at or above
//! the threshold are aligned. Which of several aligned facts a number, date or stance
//! belongs to is decided by the checks, which abstain when two facts fit equally well.

pub mod clauses;
pub mod cross;
pub mod frames;

use crate::claims::{ArticleClaims, EntityRef, Sentence};
use crate::extract::entities::EntityMatcher;
use crate::extract::tokens::{histogram, shared, tokenize};
use crate::facts::{EntityId, Fact, FactFile, FactId};
use rustc_hash::FxHashMap as HashMap;

/// Default minimum alignment score; see the README's "Alignment" section.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Two stems this similar (Jaro-Winkler) count as the same word.
const WORD_SIMILARITY: f64 = 0.92;

#[derive(Clone, Debug)]
pub struct AlignConfig {
    /// Minimum score for a sentence to be about a fact.
    pub threshold: f64,
    /// Two facts whose scores are closer than this are ambiguous: abstain.
    pub margin: f64,
}

impl Default for AlignConfig {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            margin: 0.05,
        }
    }
}

/// A sentence taken to be about a fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    /// Index into `ArticleClaims::sentences`.
    pub sentence: usize,
    pub fact: FactId,
    pub score: f64,
}

/// The alignments of sentence `si`, found by binary search in `aligned`, which is in sentence
/// order as [`Aligner::align`] returns it (a linear scan per sentence was quadratic on huge
/// inputs).
pub fn of_sentence(aligned: &[Alignment], si: usize) -> &[Alignment] {
    let from = aligned.partition_point(|a| a.sentence < si);
    let rest = &aligned[from..];
    &rest[..rest.partition_point(|a| a.sentence == si)]
}

/// What alignment needs to know of a fact, computed once per fact file.
#[derive(Clone, Debug)]
pub struct FactProfile {
    /// The entity that acts in the claim: the first `about` entity the claim names first.
    pub agent: Option<EntityId>,
    /// Entities the claim text itself names (used when `about` is empty).
    pub claim_entities: Vec<EntityId>,
    /// Stems that signal the fact's event, as phrases: `takes office` must appear as two
    /// consecutive words, not as "take" and "office" anywhere.
    pub event_phrases: Vec<Vec<String>>,
    /// Every stem of every phrase, for word-level tests ("is this word one of the event's?").
    pub event_words: Vec<String>,
    /// The claim itself is a plan or a possibility ("plans to allocate"), so modal sentences
    /// may be compared with it.
    pub modal: bool,
    /// The reporting period the claim names ("second-quarter revenue"), normalised: `q2`,
    /// `h1`, `year`.
    pub period: Option<&'static str>,
    /// When the fact has no date of its own: the dates of the facts about the same entities,
    /// which tell an article about this story from one about an earlier occasion.
    pub story: Option<crate::values::DateRange>,
    /// The unit the fact's value counts, normalised: its `unit`, else the unit its value is
    /// written with ("145 drones", "$6bn").
    pub unit: Option<String>,
    /// The act the claim names (see [`frames::act_class`]), else the first one its keywords
    /// name: what a number's nearest act word must not contradict.
    pub act: Option<&'static str>,
}

/// Profiles of every fact and the index from entities and words to facts.
pub struct Aligner {
    pub profiles: Vec<FactProfile>,
    /// The facts whose first `about` entity is entity `i`, at index `i` (entity ids are
    /// dense): no hashing per entity a sentence names.
    by_entity: Vec<Vec<FactId>>,
    by_word: HashMap<String, Vec<FactId>>,
    /// Each fact's entity gate ([`Gate`]), at the fact's index: what [`Aligner::score`] reads
    /// first, kept apart from the facts and their profiles, so that a candidate the gate
    /// turns away (most of them) touches neither.
    gates: Vec<Gate>,
    /// The entities of every gate, each gate's in one run.
    gate_entities: Vec<EntityId>,
    pub cfg: AlignConfig,
}

/// The entities a sentence must name to be about a fact: its `about`, all of them
/// (`strict`), or else those its claim names, which only weigh the score.
#[derive(Clone, Copy, Debug)]
struct Gate {
    /// Where the entities start in [`Aligner::gate_entities`], and how many there are.
    start: u32,
    len: u32,
    /// The fact has `about`: a sentence that does not name one of them is not about it.
    strict: bool,
}

impl Aligner {
    pub fn new(facts: &FactFile, matcher: &EntityMatcher, cfg: AlignConfig) -> Self {
        let mut profiles = Vec::with_capacity(facts.facts.len());
        let mut by_entity: Vec<Vec<FactId>> = Vec::new();
        let mut by_word: HashMap<String, Vec<FactId>> = HashMap::default();
        // How many facts are about each entity: a fact is indexed under the one of its
        // entities that the fewest facts are about.
        let mut about_counts: Vec<usize> = Vec::new();
        for e in facts.facts.iter().flat_map(|f| &f.about) {
            let e = e.0 as usize;
            if about_counts.len() <= e {
                about_counts.resize(e + 1, 0);
            }
            about_counts[e] += 1;
        }
        for (i, fact) in facts.facts.iter().enumerate() {
            let id = FactId(i as u32);
            let profile = profile(fact, matcher);
            if fact.about.is_empty() {
                for p in &profile.event_phrases {
                    by_word.entry(p[0].clone()).or_default().push(id);
                }
            } else if let Some(e) = fact
                .about
                .iter()
                .map(|e| e.0 as usize)
                .min_by_key(|&e| (about_counts[e], e))
            {
                // Every candidate must mention all of `about`; indexing one is enough, and
                // the rarest one makes the shortest lists to go through for each name.
                if by_entity.len() <= e {
                    by_entity.resize_with(e + 1, Vec::new);
                }
                by_entity[e].push(id);
            }
            profiles.push(profile);
        }
        // An undated fact borrows its story's dates from the dated facts that share an entity
        // (found through the entities, not by comparing every pair of facts; the earliest
        // start and latest end do not depend on the order they are met in).
        // When a fact's sources asserted or denied it places the story in time as well as the
        // dates of its events: a line due to open in 2030 whose contract was reported in 2025
        // is a 2025 story too.
        fn times(f: &Fact) -> impl Iterator<Item = crate::values::DateRange> + '_ {
            f.date
                .into_iter()
                .chain(f.sources.iter().filter_map(|s| s.date))
        }
        let mut dated_by_entity: HashMap<EntityId, Vec<usize>> = HashMap::default();
        for (i, fact) in facts.facts.iter().enumerate() {
            if times(fact).next().is_some() {
                for e in &fact.about {
                    dated_by_entity.entry(*e).or_default().push(i);
                }
            }
        }
        for (i, fact) in facts.facts.iter().enumerate() {
            if fact.date.is_some() || fact.about.is_empty() {
                continue;
            }
            let dates = fact
                .about
                .iter()
                .flat_map(|e| dated_by_entity.get(e).into_iter().flatten())
                .flat_map(|&o| times(&facts.facts[o]));
            profiles[i].story = dates.reduce(|a, b| crate::values::DateRange {
                start: a.start.min(b.start),
                end: a.end.max(b.end),
            });
        }
        let mut gates = Vec::with_capacity(facts.facts.len());
        let mut gate_entities = Vec::new();
        for (fact, profile) in facts.facts.iter().zip(&profiles) {
            let strict = !fact.about.is_empty();
            let required = if strict {
                &fact.about
            } else {
                &profile.claim_entities
            };
            // More than four billion entities would not fit in memory before this overflows.
            gates.push(Gate {
                start: u32::try_from(gate_entities.len()).unwrap_or(u32::MAX),
                len: u32::try_from(required.len()).unwrap_or(u32::MAX),
                strict,
            });
            gate_entities.extend_from_slice(required);
        }
        Self {
            profiles,
            by_entity,
            by_word,
            gates,
            gate_entities,
            cfg,
        }
    }

    /// Whether a sentence can align with a fact only by naming the entities the fact is
    /// about, each itself or, through a word that refers back ([`crate::extract::ANAPHORS`]),
    /// in the sentence before: true when every fact has `about`. A fact without is found by
    /// its words alone, in any sentence.
    pub fn needs_names(&self) -> bool {
        self.by_word.is_empty()
    }

    /// Whether a sentence that may name the known entities `here` (and no other), and
    /// refers back to one that may name `before`, may align with a fact: a fact with `about`
    /// aligns only where each of its entities is named in the sentence or, when it refers
    /// back, in the one before ([`Self::needs_names`]). For a sentence that does not refer
    /// back, `before` is empty.
    pub fn may_align(&self, here: &[EntityId], before: &[EntityId]) -> bool {
        let named = |e: &EntityId| here.contains(e) || before.contains(e);
        here.iter().chain(before).any(|e| {
            self.by_entity
                .get(e.0 as usize)
                .into_iter()
                .flatten()
                .any(|id| self.gate(*id).iter().all(|g| g == e || named(g)))
        })
    }

    /// The entities a sentence must name (or refer back to) to align with fact `id`.
    fn gate(&self, id: FactId) -> &[EntityId] {
        let gate = self.gates[id.0 as usize];
        let start = gate.start as usize;
        &self.gate_entities[start..start + gate.len as usize]
    }

    /// Every (sentence, fact) pair at or above the threshold.
    pub fn align(&self, claims: &ArticleClaims) -> Vec<Alignment> {
        let mut out = Vec::new();
        // Kept from sentence to sentence, so a sentence allocates nothing to find candidates.
        let (mut known, mut candidates) = (Vec::new(), Vec::new());
        for (si, sentence) in claims.sentences.iter().enumerate() {
            let prev = si.checked_sub(1).map(|p| &claims.sentences[p]);
            candidates.clear();
            // The names of the sentence before count only when this one refers back (which
            // is asked only when there are names before it to refer to).
            let refers_back = prev.is_some_and(|p| {
                p.mentions
                    .iter()
                    .any(|m| matches!(m.entity, EntityRef::Known(_)))
            }) && refers_back(sentence);
            known_entities(sentence, prev.filter(|_| refers_back), &mut known);
            if known.is_empty() && self.by_word.is_empty() {
                continue;
            }
            // A fact indexed under an entity has `about`, all of which the sentence must name
            // (or the one before, when this one refers back): most such candidates fail that
            // here, before they are sorted and scored. Each fact is indexed under one entity,
            // and each entity is met once, so these candidates come once each.
            for e in &known {
                candidates.extend(
                    self.by_entity
                        .get(e.0 as usize)
                        .into_iter()
                        .flatten()
                        .filter(|&&id| self.named_in(id, sentence, prev, refers_back)),
                );
            }
            if !self.by_word.is_empty() {
                for t in &sentence.tokens {
                    candidates.extend(self.by_word.get(t.stem()).into_iter().flatten());
                }
            }
            candidates.sort();
            candidates.dedup();
            for &id in &candidates {
                if let Some(score) = self.score(id, sentence, prev, refers_back)
                    && score >= self.cfg.threshold
                {
                    out.push(Alignment {
                        sentence: si,
                        fact: id,
                        score,
                    });
                }
            }
        }
        out
    }

    /// Whether the sentence names every entity fact `id` is about, itself or, when it
    /// refers back, in the sentence before: the gate of [`Self::score`] for a fact with
    /// `about`.
    fn named_in(
        &self,
        id: FactId,
        sentence: &Sentence,
        prev: Option<&Sentence>,
        refers_back: bool,
    ) -> bool {
        self.gate(id).iter().all(|e| {
            mentions(sentence, *e) || (refers_back && prev.is_some_and(|p| mentions(p, *e)))
        })
    }

    /// The alignment score, or `None` when the gate fails.
    fn score(
        &self,
        id: FactId,
        sentence: &Sentence,
        prev: Option<&Sentence>,
        refers_back: bool,
    ) -> Option<f64> {
        let here = |e: &EntityId| mentions(sentence, *e);
        let strict = self.gates[id.0 as usize].strict;
        let required = self.gate(id);
        let mut entity_score = 0.0;
        for e in required {
            if here(e) {
                entity_score += 1.0;
            } else if refers_back && prev.is_some_and(|p| mentions(p, *e)) {
                entity_score += 0.8;
            } else if strict {
                return None;
            }
        }
        let profile = &self.profiles[id.0 as usize];
        let entity_part = if required.is_empty() {
            None
        } else {
            Some(entity_score / required.len() as f64)
        };
        // Two phrases found (or all of them, when there are fewer) give the whole word part:
        // the phrases after those are not looked for.
        let enough = profile.event_phrases.len().min(2);
        let matched = profile
            .event_phrases
            .iter()
            .filter(|p| has_phrase(sentence, p))
            .take(enough)
            .count();
        if matched == 0 {
            return None;
        }
        let word_part = matched as f64 / enough as f64;
        // A fact about more entities, all named, is the more specific reading of a sentence
        // ("Musk did not take part in Trump's call with Zelensky" is about Musk joining):
        // entities weigh 0.4, plus 0.1 for each of up to two more; event words weigh 0.4.
        let entity_weight = 0.4 + 0.1 * required.len().saturating_sub(1).min(2) as f64;
        Some(match entity_part {
            Some(e) => entity_weight * e + 0.4 * word_part,
            None => word_part,
        })
    }
}

/// Whether a word of the sentence may refer back to a name in the sentence before
/// ([`crate::extract::ANAPHORS`]).
pub fn refers_back(sentence: &Sentence) -> bool {
    sentence
        .tokens
        .iter()
        .any(|t| t.classes & crate::extract::class::ANAPHOR != 0)
}

fn mentions(sentence: &Sentence, e: EntityId) -> bool {
    sentence
        .mentions
        .iter()
        .any(|m| matches!(m.entity, EntityRef::Known(x) if x == e))
}

/// The known entities the sentence and the one before it name, sorted and once each, in `out`.
fn known_entities(sentence: &Sentence, prev: Option<&Sentence>, out: &mut Vec<EntityId>) {
    out.clear();
    out.extend(
        sentence
            .mentions
            .iter()
            .chain(prev.into_iter().flat_map(|p| &p.mentions))
            .filter_map(|m| match m.entity {
                EntityRef::Known(e) => Some(e),
                EntityRef::Named(_) => None,
            }),
    );
    out.sort();
    out.dedup();
}

/// Whether two stems are the same word, exactly or by close spelling.
pub fn same_word(a: &str, b: &str) -> bool {
    a == b
        || (a.len() >= 5
            && b.len() >= 5
            && may_be_similar(a, b)
            && strsim::jaro_winkler(a, b) >= WORD_SIMILARITY)
}

/// Whether two ASCII words could be [`WORD_SIMILARITY`] alike, by an upper bound on
/// Jaro-Winkler that costs a pass over each: most stems compared are plainly different words,
/// and the full comparison cost about a thousand instructions a pair. Other words pass.
///
/// Jaro is at most `(m/|a| + m/|b| + 1) / 3` with `m` the characters matched, and `m` is at
/// most the characters the two have in common ([`shared`]; a word of more than 255 bytes
/// passes, since the counts stop there). Winkler adds `0.1 * p * (1 - jaro)` for a common prefix of `p <= 4` characters, so the
/// pair can reach the threshold only if that bound on Jaro reaches
/// `(WORD_SIMILARITY - 0.1 p) / (1 - 0.1 p)`.
fn may_be_similar(a: &str, b: &str) -> bool {
    if !a.is_ascii() || !b.is_ascii() || a.len() > 255 || b.len() > 255 {
        return true;
    }
    let common = shared(&histogram(a), &histogram(b));
    let prefix = a
        .bytes()
        .zip(b.bytes())
        .take(4)
        .take_while(|(x, y)| x == y)
        .count() as f64;
    let floor = (WORD_SIMILARITY - 0.1 * prefix) / (1.0 - 0.1 * prefix);
    let m = common as f64;
    (m / a.len() as f64 + m / b.len() as f64 + 1.0) / 3.0 >= floor - 1e-9
}

/// Whether the sentence has `phrase` (stems) as consecutive words. Phrases are kept without
/// their stopwords ("forced from their homes" is `forc home`), so the sentence's stopwords
/// are passed over too; a one-word phrase may be a stopword itself. Read straight from the
/// tokens: gathering a sentence's stems in two vectors first cost more than the tests.
pub fn has_phrase(sentence: &Sentence, phrase: &[String]) -> bool {
    let tokens = &sentence.tokens;
    let [first, rest @ ..] = phrase else {
        // The empty phrase is in any sentence with a word.
        return !tokens.is_empty();
    };
    if rest.is_empty() {
        return tokens.iter().any(|t| same_word(t.stem(), first));
    }
    let mut content = tokens.iter().filter(|t| !t.stop);
    while let Some(t) = content.next() {
        if same_word(t.stem(), first) {
            // The words that follow, stopwords passed over.
            let mut after = content.clone();
            if rest
                .iter()
                .all(|p| after.next().is_some_and(|t| same_word(t.stem(), p)))
            {
                return true;
            }
        }
    }
    false
}

fn profile(fact: &Fact, matcher: &EntityMatcher) -> FactProfile {
    let toks = tokenize(&fact.claim);
    let mentions = matcher.find(&toks);
    let claim_entities: Vec<EntityId> = mentions
        .iter()
        .filter_map(|m| match m.entity {
            EntityRef::Known(e) => Some(e),
            EntityRef::Named(_) => None,
        })
        .collect();
    let in_mention = |span: crate::span::Span| mentions.iter().any(|m| m.span.contains(span));
    let mut event_phrases: Vec<Vec<String>> = if fact.keywords.is_empty() {
        toks.iter()
            .filter(|t| !in_mention(t.span) && !t.stop && t.lower.len() > 2)
            .map(|t| vec![t.stem().to_string()])
            .collect()
    } else {
        fact.keywords
            .iter()
            .map(|k| {
                tokenize(k)
                    .iter()
                    .filter(|t| !t.stop)
                    .map(|t| t.stem().to_string())
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect()
    };
    event_phrases.sort();
    event_phrases.dedup();
    let mut event_words: Vec<String> = event_phrases.iter().flatten().cloned().collect();
    event_words.sort();
    event_words.dedup();
    // The agent is the entity the claim opens with ("Russia launched …"); a claim that opens
    // otherwise ("The offer is a premium over Northgate's …") names no agent.
    let agent = mentions
        .first()
        .filter(|m| toks.iter().take(2).any(|t| t.span.start == m.span.start))
        .and_then(|m| match m.entity {
            EntityRef::Known(e) => Some(e),
            EntityRef::Named(_) => None,
        })
        .filter(|e| fact.about.is_empty() || fact.about.contains(e));
    FactProfile {
        agent,
        claim_entities,
        event_phrases,
        event_words,
        modal: crate::extract::is_modal(&toks),
        period: period_of(&toks),
        story: None,
        unit: fact
            .unit
            .as_deref()
            .map(crate::extract::numbers::normalize_unit)
            .or_else(|| {
                fact.value
                    .as_ref()
                    .and_then(|v| crate::extract::numbers::parse_value(&v.raw))
                    .and_then(|(_, u)| u)
            }),
        act: frames::act_of_text(&fact.claim)
            .or_else(|| fact.keywords.iter().find_map(|k| frames::act_of_text(k))),
    }
}

/// The reporting period named by words ("second-quarter", "Q2", "first half", "full-year"),
/// normalised to `q1`..`q4`, `h1`, `h2` or `year`.
pub fn period_of(toks: &[crate::extract::tokens::Token]) -> Option<&'static str> {
    for (i, t) in toks.iter().enumerate() {
        let next = toks.get(i + 1).map_or("", |n| n.lower.as_str());
        let p = match (t.lower.as_str(), next) {
            ("first", "quarter") | ("q1", _) => "q1",
            ("second", "quarter") | ("q2", _) => "q2",
            ("third", "quarter") | ("q3", _) => "q3",
            ("fourth", "quarter") | ("q4", _) => "q4",
            ("first", "half") | ("h1", _) => "h1",
            ("second", "half") | ("h2", _) => "h2",
            ("full", "year") | ("annual", _) | ("yearly", _) => "year",
            _ => continue,
        };
        return Some(p);
    }
    None
}

/// The best-scoring alignment among `options`, or `None` when the top two are within the
/// margin of each other (ambiguous: abstain) or there is none.
pub fn unique_best<'a>(options: &[&'a Alignment], margin: f64) -> Option<&'a Alignment> {
    let mut sorted: Vec<&Alignment> = options.to_vec();
    sorted.sort_by(|a, b| b.score.total_cmp(&a.score));
    match sorted.as_slice() {
        [] => None,
        [one] => Some(one),
        [a, b, ..] if a.score - b.score >= margin => Some(a),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidates of the entity index, turned away before scoring when the sentence does
    /// not name every entity of their fact, align what scoring every fact against every
    /// sentence aligns, on the example and the development corpora.
    #[test]
    fn the_index_aligns_what_scoring_every_fact_aligns() {
        let mut aligned = 0;
        for (facts, articles) in crate::load::corpora() {
            let matcher = EntityMatcher::new(Some(&facts));
            let aligner = Aligner::new(&facts, &matcher, AlignConfig::default());
            for article in &articles {
                let claims = crate::extract::extract(article, &matcher);
                let mut every = Vec::new();
                for (si, s) in claims.sentences.iter().enumerate() {
                    let prev = si.checked_sub(1).map(|p| &claims.sentences[p]);
                    let refers_back = refers_back(s);
                    for f in 0..facts.facts.len() {
                        let fact = FactId(f as u32);
                        if let Some(score) = aligner.score(fact, s, prev, refers_back)
                            && score >= aligner.cfg.threshold
                        {
                            every.push(Alignment {
                                sentence: si,
                                fact,
                                score,
                            });
                        }
                    }
                }
                assert_eq!(aligner.align(&claims), every, "{}", article.path);
                aligned += every.len();
            }
        }
        assert!(aligned > 200, "{aligned} alignments");
    }

    /// A fact file given as YAML, with its entity matcher and aligner.
    struct Setup {
        facts: FactFile,
        matcher: EntityMatcher,
        aligner: Aligner,
    }

    impl Setup {
        fn new(yaml: &str) -> Self {
            let facts =
                crate::load::fact_file::parse_fact_file(yaml.into(), "facts.yaml").expect("valid");
            let matcher = EntityMatcher::new(Some(&facts));
            let aligner = Aligner::new(&facts, &matcher, AlignConfig::default());
            Self {
                facts,
                matcher,
                aligner,
            }
        }

        /// What a one-article text aligns with: each alignment's sentence and fact id.
        fn aligned(&self, text: &str) -> Vec<(usize, String)> {
            use crate::article::{Article, ArticleId, ArticleMeta};
            let article =
                Article::plain(ArticleId(0), "a.txt", text.into(), ArticleMeta::default());
            let claims = crate::extract::extract(&article, &self.matcher);
            self.aligner
                .align(&claims)
                .iter()
                .map(|a| (a.sentence, self.facts.fact(a.fact).id.clone()))
                .collect()
        }
    }

    /// A fact is indexed under the entity of its `about` that the fewest facts are about, and
    /// found through it wherever the sentence (or, when it refers back, the one before) names
    /// all of them.
    #[test]
    fn a_fact_is_found_through_its_rarest_entity() {
        let yaml = r#"
version: 1
entities:
  council: { name: Kelby City Council }
  port: { name: Kelby Port }
  quay: { name: Marram Quay }
facts:
  - { id: lease, claim: The council leased the port, about: [council, port], keywords: [leased] }
  - { id: dredge, claim: The council dredged the quay, about: [council, quay], keywords: [dredged] }
  - { id: toll, claim: The council raised tolls at the port, about: [council, port], keywords: [tolls] }
"#;
        let setup = Setup::new(yaml);
        let (facts, aligner) = (&setup.facts, &setup.aligner);
        let id = |key: &str| facts.entity_by_key(key).expect("known entity").0 as usize;
        let listed = |e: usize| -> Vec<&str> {
            aligner
                .by_entity
                .get(e)
                .into_iter()
                .flatten()
                .map(|f| facts.fact(*f).id.as_str())
                .collect()
        };
        // Three facts are about the council, two about the port, one about the quay.
        assert!(listed(id("council")).is_empty());
        assert_eq!(listed(id("port")), ["lease", "toll"]);
        assert_eq!(listed(id("quay")), ["dredge"]);
        let aligned = |text: &str| setup.aligned(text);
        assert_eq!(
            aligned("Kelby City Council dredged Marram Quay."),
            [(0, "dredge".to_string())]
        );
        assert!(aligned("Kelby City Council dredged the channel.").is_empty());
        // Through a word that refers back, the names of the sentence before count; without
        // one, they do not.
        assert_eq!(
            aligned("Kelby City Council met at Kelby Port. It leased the port for a year."),
            [(1, "lease".to_string())]
        );
        assert!(aligned("Kelby City Council met at Kelby Port. Crews leased the port.").is_empty());
    }

    #[test]
    fn a_sentence_must_name_every_about_entity_and_a_claims_entities_only_weigh() {
        let yaml = r#"
version: 1
entities:
  council: { name: Kelby City Council }
  port: { name: Kelby Port }
facts:
  - { id: deal, claim: The council signed a lease, about: [council, port], keywords: [lease] }
  - { id: quay, claim: Kelby Port and Kelby City Council dredged the quay, keywords: [dredged] }
"#;
        let setup = Setup::new(yaml);
        let aligned = |text: &str| -> Vec<String> {
            let mut ids: Vec<String> = setup.aligned(text).into_iter().map(|(_, id)| id).collect();
            ids.dedup();
            ids
        };
        // Both `about` entities named: aligned. One of them: not.
        assert_eq!(
            aligned("Kelby City Council and Kelby Port signed a lease."),
            ["deal"]
        );
        assert!(aligned("Kelby City Council signed a lease.").is_empty());
        // A fact without `about` needs none of the entities its claim names: each adds
        // weight (one of two is enough here), and its words alone are not.
        assert_eq!(aligned("Kelby Port dredged the channel."), ["quay"]);
        assert!(aligned("Crews dredged the channel.").is_empty());
    }

    #[test]
    fn an_undated_facts_story_spans_its_neighbours_dates_and_their_sources_dates() {
        let yaml = r#"
version: 1
entities:
  tramway: { name: Harbour Tramway }
  council: { name: Kelby City Council }
  port: { name: Kelby Port }
facts:
  - { id: stops, claim: The tramway will have stops, about: [tramway], value: 12, unit: stops }
  - { id: opening, claim: The tramway opens, about: [tramway], date: 2031 }
  - id: budget
    claim: The council approved the tramway's budget
    about: [tramway, council]
    sources: [{ by: council, stance: asserts, date: 2026-03-04 }]
  - { id: quay, claim: The port built a quay, about: [port], value: 1, unit: quays }
"#;
        let setup = Setup::new(yaml);
        let (facts, aligner) = (&setup.facts, &setup.aligner);
        let story = |id: &str| {
            let i = facts.facts.iter().position(|f| f.id == id).expect("fact");
            aligner.profiles[i]
                .story
                .map(|r| (r.start.to_string(), r.end.to_string()))
        };
        // The opening's year and the day the budget was reported.
        assert_eq!(
            story("stops"),
            Some(("2026-03-04".into(), "2031-12-31".into()))
        );
        // A fact with a date of its own has no story; one with no dated neighbour neither.
        assert_eq!(story("opening"), None);
        assert_eq!(story("quay"), None);
    }

    #[test]
    fn the_similarity_bound_turns_away_different_words_and_keeps_close_ones() {
        assert!(!may_be_similar("evacu", "invest"));
        assert!(!may_be_similar("agreement", "shipped"));
        assert!(may_be_similar("zelenski", "zelenskyy"));
        assert!(same_word("evacuat", "evacuatd"));
        // Non-ASCII words are always compared in full.
        assert!(may_be_similar("évacué", "shipped"));
    }

    /// A mutation of `a`: replace, insert, delete or swap at `i`.
    fn mutate(a: &str, op: u8, i: usize, c: char) -> String {
        let mut v: Vec<char> = a.chars().collect();
        let i = i % v.len().max(1);
        match op % 4 {
            0 => v[i] = c,
            1 => v.insert(i, c),
            2 => {
                v.remove(i);
            }
            _ if i + 1 < v.len() => v.swap(i, i + 1),
            _ => {}
        }
        v.into_iter().collect()
    }

    proptest::proptest! {
        /// The bound never turns away a pair that Jaro-Winkler finds alike: words over a
        /// small alphabet (many near pairs, digits sharing counts with letters), and words one
        /// edit apart.
        #[test]
        fn the_similarity_bound_keeps_every_similar_pair(
            a in "[abcy1]{5,12}",
            b in "[abcy1]{5,12}",
            w in "[a-z0-9]{5,16}",
            op in 0u8..4,
            i in 0usize..16,
            c in "[a-z0-9]",
        ) {
            let c = c.chars().next().unwrap_or('a');
            for (x, y) in [(a.clone(), b.clone()), (w.clone(), mutate(&w, op, i, c))] {
                if strsim::jaro_winkler(&x, &y) >= WORD_SIMILARITY {
                    proptest::prop_assert!(may_be_similar(&x, &y), "{x} {y}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Phrases read from the tokens are found where the sentence's stems, gathered with
        /// and without its stopwords, have them as a window: sentences of stopwords, content
        /// words and near spellings; phrases of none to three stems, some taken from the
        /// sentence, some stopwords.
        #[test]
        fn phrases_are_found_where_the_stems_have_them(
            words in proptest::collection::vec("(the|of|a|to|talk|talks|held|hold|evacuated|evacuatd|ceasefire|phone)", 0..10),
            picks in proptest::collection::vec((0usize..12, proptest::bool::ANY), 0..4),
        ) {
            let text = words.join(" ");
            let sentence = Sentence {
                tokens: crate::extract::tokens::tokenize(&text),
                ..Sentence::default()
            };
            let stems: Vec<String> = sentence.tokens.iter().map(|t| t.stem().to_string()).collect();
            let phrase: Vec<String> = picks
                .iter()
                .map(|&(i, from_text)| match stems.get(i) {
                    Some(s) if from_text => s.clone(),
                    _ => ["the", "talk", "hold", "evacuat", "call"][i % 5].to_string(),
                })
                .collect();
            let all: Vec<&str> = sentence.tokens.iter().map(|t| t.stem()).collect();
            let content: Vec<&str> =
                sentence.tokens.iter().filter(|t| !t.stop).map(|t| t.stem()).collect();
            let window = if phrase.len() < 2 { &all } else { &content };
            let expected = window
                .windows(phrase.len().max(1))
                .any(|w| w.iter().zip(&phrase).all(|(a, b)| same_word(a, b)));
            proptest::prop_assert_eq!(has_phrase(&sentence, &phrase), expected, "{} / {:?}", text, phrase);
        }
    }
}
