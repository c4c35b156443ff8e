//! Pairs the sentences of two revisions: unchanged ones by equal text, rewritten ones by
//! similarity within the stretch of the article that changed.

use similar::{Algorithm, DiffTag};

/// Two sentences at least this similar (0..=1) are one sentence rewritten.
pub const MIN_SIMILARITY: f64 = 0.5;

/// Above this many candidate pairs in one changed stretch, the linear-time bigram measure
/// replaces edit distance, so a wholesale rewrite cannot take quadratic time per pair.
const EDIT_DISTANCE_BUDGET: usize = 400;

/// How the sentences of an old and a new revision correspond.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentencePairs {
    /// `(old, new)` indices of sentences whose words are equal.
    pub unchanged: Vec<(usize, usize)>,
    /// `(old, new)` indices of sentences that were rewritten, in new order.
    pub rewritten: Vec<(usize, usize)>,
    /// Old sentences with no counterpart.
    pub removed: Vec<usize>,
    /// New sentences with no counterpart.
    pub added: Vec<usize>,
}

impl SentencePairs {
    /// The new sentence an old one became, if any.
    pub fn new_of(&self, old: usize) -> Option<usize> {
        self.unchanged
            .iter()
            .chain(&self.rewritten)
            .find(|p| p.0 == old)
            .map(|p| p.1)
    }
}

/// Pairs `old` and `new` sentence texts (white space already collapsed).
pub fn pair_sentences(old: &[String], new: &[String]) -> SentencePairs {
    let mut out = SentencePairs::default();
    let ops = similar::capture_diff_slices(Algorithm::Myers, old, new);
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    for op in &ops {
        match op.tag() {
            DiffTag::Equal => {
                pair_hunk(old, new, &gone, &came, &mut out);
                gone.clear();
                came.clear();
                out.unchanged.extend(op.old_range().zip(op.new_range()));
            }
            _ => {
                gone.extend(op.old_range());
                came.extend(op.new_range());
            }
        }
    }
    pair_hunk(old, new, &gone, &came, &mut out);
    out.rewritten.sort_by_key(|p| (p.1, p.0));
    out.removed.sort_unstable();
    out.added.sort_unstable();
    out
}

/// Within one changed stretch, pairs the most similar sentences first.
fn pair_hunk(
    old: &[String],
    new: &[String],
    gone: &[usize],
    came: &[usize],
    out: &mut SentencePairs,
) {
    let exact = gone.len() * came.len() <= EDIT_DISTANCE_BUDGET;
    let mut scored = Vec::new();
    for &o in gone {
        for &n in came {
            let score = similarity(&old[o], &new[n], exact);
            if score >= MIN_SIMILARITY {
                scored.push((score, o, n));
            }
        }
    }
    // Highest score first; ties keep document order so the result is deterministic.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_old, mut used_new) = (Vec::new(), Vec::new());
    for (_, o, n) in scored {
        if !used_old.contains(&o) && !used_new.contains(&n) {
            used_old.push(o);
            used_new.push(n);
            out.rewritten.push((o, n));
        }
    }
    out.removed
        .extend(gone.iter().filter(|o| !used_old.contains(o)));
    out.added
        .extend(came.iter().filter(|n| !used_new.contains(n)));
}

/// Similarity of two sentences, 0..=1.
pub fn similarity(a: &str, b: &str, exact: bool) -> f64 {
    if exact {
        strsim::normalized_levenshtein(a, b)
    } else {
        strsim::sorensen_dice(a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn equal_sentences_pair_and_edits_pair_by_similarity() {
        let old = texts(&[
            "Russia fired 140 drones into Ukraine over the weekend.",
            "The talks ended without a statement.",
            "Officials met in Geneva.",
        ]);
        let new = texts(&[
            "Russia fired 145 drones into Ukraine over the weekend.",
            "A completely different paragraph about the harvest appeared.",
            "Officials met in Geneva.",
        ]);
        let p = pair_sentences(&old, &new);
        assert_eq!(p.unchanged, vec![(2, 2)]);
        assert_eq!(p.rewritten, vec![(0, 0)]);
        assert_eq!(p.removed, vec![1]);
        assert_eq!(p.added, vec![1]);
        assert_eq!(p.new_of(0), Some(0));
        assert_eq!(p.new_of(1), None);
    }

    #[test]
    fn an_inserted_sentence_leaves_the_rest_unchanged() {
        let old = texts(&["A.", "B is here."]);
        let new = texts(&["New lead.", "A.", "B is here."]);
        let p = pair_sentences(&old, &new);
        assert_eq!(p.unchanged, vec![(0, 1), (1, 2)]);
        assert!(p.rewritten.is_empty() && p.removed.is_empty());
        assert_eq!(p.added, vec![0]);
    }
}
