//! Stage 3: aligns sentences and their claims with facts.

use crate::article::Article;
use crate::claims::ArticleClaims;
use crate::facts::{FactFile, FactId};

/// Default minimum alignment score; see the README's "Alignment" section.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

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

pub fn align(
    article: &Article,
    claims: &ArticleClaims,
    facts: &FactFile,
    cfg: &AlignConfig,
) -> Vec<Alignment> {
    let _ = (article, claims, facts, cfg);
    Vec::new()
}
