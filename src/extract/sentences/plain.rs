//! Sentence ends in plain prose, found without sentencex where its answer is certain.
//!
//! sentencex weighs every full stop against quotes, brackets, list markers, abbreviations,
//! initials, units and what follows; that was a sixth of a facts-only check. Most news
//! paragraphs need none of it: one line of ASCII prose whose stops end a word and are followed
//! by a space and a capital or a digit. This module reads such a piece, and gives up (`None`,
//! and sentencex reads it) at the first thing it is not sure of:
//!
//! - any byte outside ASCII, a line break but at the end, a tab, a quote mark, a bracket, `@`,
//!   `\`, `!` or `?`:
//!   sentencex's quoted, bracketed and e-mail ranges, its other terminators, and lines that
//!   could be list items all start with one of these;
//! - a first word with a stop in it, or that does not start with a letter or digit (`a.`,
//!   `iv.`, `1.`, `-` and `*` start list items);
//! - a stop followed by anything but a lower-case letter or digit (the sentence goes on, as in
//!   `1.5` and `example.com`), or by one to four spaces and then a capital or a digit (a new
//!   sentence), or by nothing but spaces (the end of the piece);
//! - a stop that would end a sentence after a word that is not a plain word of two or more
//!   ASCII letters, digits, commas, hyphens or percent signs, or after one sentencex reads
//!   differently: one of its abbreviations (asked of sentencex itself), a unit or degree it
//!   keeps with what follows ([`is_marker`]), or a word it takes for an exclamation.
//!
//! Tests and debug builds hold every answer to sentencex's (`super::split`), and a proptest
//! holds it on text made of the cases above.

use crate::bytes::{byte_set, holds_any};
use sentencex::languages::{English, Language};

/// Whether sentencex may keep the next sentence with a word that ends in `tail` (lower case)
/// when a stop follows it: units and degrees (`5 ft.`, `PhD.`), on their own or after a
/// digit, and the words it reads as exclamations without their `!`.
fn is_marker(tail: &str) -> bool {
    matches!(
        tail,
        "gal"
            | "fl"
            | "ft"
            | "in"
            | "lb"
            | "mi"
            | "mph"
            | "oz"
            | "pt"
            | "qt"
            | "sq"
            | "yd"
            | "ba"
            | "bcom"
            | "bs"
            | "bsc"
            | "dds"
            | "jd"
            | "llb"
            | "lld"
            | "llm"
            | "ma"
            | "mba"
            | "mcom"
            | "md"
            | "ms"
            | "msc"
            | "phd"
            | "ne"
            | "nw"
            | "se"
            | "sw"
            | "yahoo"
            | "yum"
    )
}

/// Bytes that send a piece to sentencex wherever they stand (see the module's documentation).
static UNSURE: [bool; 256] = byte_set(b"\"'`()[]{}<>@\\!?", None, true);

/// The offsets where sentencex would end the sentences of `piece`, the end of the piece left
/// out, when they are certain; else `None`.
pub(super) fn ends(piece: &str) -> Option<Vec<usize>> {
    // A paragraph ends with its line break: a few spaces and line breaks at the end are the
    // end of the piece, to sentencex too.
    let text = piece.trim_end_matches([' ', '\n']);
    if piece.len() - text.len() > 8 {
        return None;
    }
    let b = text.as_bytes();
    if holds_any(&UNSURE, b) || !starts_plainly(b) {
        return None;
    }
    let mut ends = Vec::new();
    for stop in memchr::memchr_iter(b'.', b) {
        let after = stop + 1;
        let spaces = b[after..].iter().take_while(|&&c| c == b' ').count();
        match b.get(after + spaces) {
            // The last stop of the piece.
            None => {}
            // "1.5", "example.com": the sentence goes on.
            Some(c) if spaces == 0 && (c.is_ascii_lowercase() || c.is_ascii_digit()) => {}
            Some(c)
                if (1..=4).contains(&spaces) && (c.is_ascii_uppercase() || c.is_ascii_digit()) =>
            {
                if !plain_word_before(&b[..stop]) {
                    return None;
                }
                ends.push(after + spaces);
            }
            Some(_) => return None,
        }
    }
    Some(ends)
}

/// Whether the piece's first word starts with a letter or digit and holds no stop, so that
/// it cannot be a list item's marker.
fn starts_plainly(b: &[u8]) -> bool {
    let first = b.split(|&c| c == b' ').next().unwrap_or_default();
    first.first().is_some_and(u8::is_ascii_alphanumeric) && !first.contains(&b'.')
}

/// Whether the word that ends `head` (back to a space or the start) is one after which
/// sentencex certainly ends a sentence at a stop (see the module's documentation).
fn plain_word_before(head: &[u8]) -> bool {
    let start = head.iter().rposition(|&c| c == b' ').map_or(0, |i| i + 1);
    let word = &head[start..];
    if word.len() < 2
        || word.len() > 32
        || !word
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b',' | b'-' | b'%'))
    {
        return false;
    }
    let mut buf = [0u8; 32];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(lower) else {
        return false;
    };
    if (English {}).get_abbreviations().contains(lower) {
        return false;
    }
    // A marker is the whole word, or what follows its last digit ("5ft").
    let tail = lower
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(lower, |i| &lower[i + 1..]);
    !is_marker(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_prose_is_cut_after_each_stop_and_its_space() {
        let piece = "Russia fired 145 drones. Ukraine said it downed 1,500 of them.  2024 was \
                     worse, officials said. The talks at example.com resume at 9.30 today.";
        let got = ends(piece).expect("plain");
        assert_eq!(got, super::super::ends_of(piece));
        let cut: Vec<&str> = got.iter().map(|&e| &piece[e..]).collect();
        assert_eq!(cut.len(), 3, "{cut:?}");
        assert!(cut[0].starts_with("Ukraine"));
        assert!(cut[1].starts_with("2024"));
        assert!(cut[2].starts_with("The talks"));
        assert_eq!(ends("One sentence without a stop"), Some(vec![]));
        // A paragraph's line break.
        let piece = "It rose. Then it fell.\n";
        assert_eq!(ends(piece), Some(vec![9]));
        assert_eq!(super::super::ends_of(piece), [9]);
    }

    #[test]
    fn what_it_is_not_sure_of_goes_to_sentencex() {
        for piece in [
            "Mr. Peskov spoke.",
            "He lives in the U.S. Now he is back.",
            "The wall is 5 ft. Tall people duck.",
            "He is 5ft. 9 inches are more.",
            "She has a PhD. She said so.",
            "It ran on Yahoo. Then it stopped.",
            "He waited, etc. Then he left.",
            "It rose. and fell.",
            "It rose.Then fell.",
            "It rose.     Then fell.",
            "It rose, he said. \"Then it fell.\"",
            "Costs rose (a lot). Then fell.",
            "Write to a@b.com. Then wait.",
            "Stop! Then go.",
            "Why? Nobody knows.",
            "a. First item. Second.",
            "1. First item. Second.",
            "- First item. Second.",
            "Zelenskyy’s office said so. Then left.",
            "It rose.\nThen fell.",
            "He said. . . Then left.",
            "It rose a. Then fell.",
        ] {
            assert_eq!(ends(piece), None, "{piece:?}");
        }
    }

    proptest::proptest! {
        /// Where it gives an answer, it is sentencex's.
        #[test]
        fn its_ends_are_sentencex_ends(
            words in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "said", "Peskov", "the", "It", "The", "rose", "1,500", "2024", "12%",
                        "long-term", "Mr", "etc", "approx", "ft", "5ft", "in", "5in", "PhD", "NE",
                        "Yahoo", "Yum", "U.S", "a", "A", "No", "Gen", "St", "Jan", "vs", "e.g",
                        "Inc", "Co", "ii", "iv", "x.y", "1.5", "9", "Z", "Sen", "Dr", "Prof",
                    ]),
                    proptest::sample::select(vec![
                        " ", " ", " ", ". ", ". ", ".  ", ".", ",", ", ", ".     ", "-", "",
                        ".\n", "\n",
                    ]),
                ),
                1..16,
            )
        ) {
            let piece: String = words.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
            if let Some(got) = ends(&piece) {
                proptest::prop_assert_eq!(got, super::super::ends_of(&piece));
            }
        }
    }
}
