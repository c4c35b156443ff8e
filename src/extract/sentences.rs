//! Sentence boundaries, from sentencex (which knows "U.S.", "Mr." and "Jan. 5").

use crate::span::Span;

/// Sentence spans in `text`, trimmed of surrounding white space, empty ones dropped.
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for b in sentencex::get_sentence_boundaries("en", text) {
        // Paragraph breaks end a sentence even without punctuation (headlines, list items).
        let mut start = b.start_byte;
        let piece = &text[b.start_byte..b.end_byte];
        for part in piece.split("\n\n") {
            let lead = part.len() - part.trim_start().len();
            let trimmed = part.trim();
            if !trimmed.is_empty() {
                out.push(Span::new(start + lead, start + lead + trimmed.len()));
            }
            start += part.len() + 2;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_paragraphs() {
        let text = "Mr. Peskov spoke on Jan. 5 in the U.S. capital. It was brief.\n\nHeadline without stop\n\nLast one.";
        let got: Vec<_> = split(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            got,
            [
                "Mr. Peskov spoke on Jan. 5 in the U.S. capital.",
                "It was brief.",
                "Headline without stop",
                "Last one."
            ]
        );
    }
}
