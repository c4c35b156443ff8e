//! Sentence ends in plain prose, found without sentencex's whole pipeline where it adds
//! nothing.
//!
//! sentencex weighs every full stop against quotes, brackets, list markers, e-mail
//! addresses, abbreviations, initials, units and what follows; that was a sixth of a
//! facts-only check. Most news paragraphs are one line of ASCII prose with none of the
//! first four, and there sentencex's answer is its rule for each stop alone
//! (`Language::find_boundary`). This module reads such a piece, and gives up (`None`, and
//! sentencex reads it whole) at the first thing that could bring the rest into play:
//!
//! - any byte outside ASCII, a line break but at the end, a tab, a quote mark, a bracket, `@`,
//!   `\`, `!` or `?`:
//!   sentencex's quoted, bracketed and e-mail ranges, its other terminators, and lines that
//!   could be list items all start with one of these;
//! - a first word with a stop in it, or that does not start with a letter or digit (`a.`,
//!   `iv.`, `1.`, `-` and `*` start list items);
//! - a stop followed by another, directly or after spaces (`...`, `. . .`: one terminator to
//!   sentencex, with rules of its own).
//!
//! Each other stop is read here where the answer is plain, and else asked of sentencex:
//!
//! - followed directly by a lower-case letter or digit (`1.5`, `example.com`), or by nothing
//!   but spaces (the end of the piece), it ends no sentence;
//! - after a plain word of two or more ASCII letters, digits, commas, hyphens or percent
//!   signs that sentencex reads no other way (not one of its abbreviations, asked of sentencex
//!   itself, nor a unit or degree it keeps with what follows, [`is_marker`], nor a word it
//!   takes for an exclamation), and followed by one to four spaces and a capital or a digit,
//!   it ends one;
//! - anything else ("p.m. on", "Mr. Smith", "U.S. The", "5 ft. Tall") is
//!   `English::find_boundary` on the piece, as sentencex's pipeline would call it.
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
    let mut ends: Vec<usize> = Vec::new();
    for stop in memchr::memchr_iter(b'.', b) {
        let after = stop + 1;
        let spaces = b[after..].iter().take_while(|&&c| c == b' ').count();
        let end = match b.get(after + spaces) {
            // The last stop of the piece.
            None => continue,
            // "..." and ". . ." are one terminator to sentencex, with rules of their own.
            Some(b'.') => return None,
            // "1.5", "example.com": the sentence goes on.
            Some(c) if spaces == 0 && (c.is_ascii_lowercase() || c.is_ascii_digit()) => continue,
            // A plain word, a stop, a space and a capital: a sentence ends.
            Some(c)
                if (1..=4).contains(&spaces)
                    && (c.is_ascii_uppercase() || c.is_ascii_digit())
                    && plain_word_before(&text[..stop]) =>
            {
                after + spaces
            }
            // Anything else ("p.m. on", "Mr. Peskov", "U.S. The"): sentencex's own reading of
            // this one stop, which is all it would read of it in a piece like this one.
            Some(_) => match (English {}).find_boundary(piece, stop, after) {
                Some(end) => end,
                None => continue,
            },
        };
        // sentencex keeps a boundary only past the one before, and the piece's end is not one.
        if end > ends.last().copied().unwrap_or(0) && end < piece.len() {
            ends.push(end);
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
fn plain_word_before(head: &str) -> bool {
    let start = head.bytes().rposition(|c| c == b' ').map_or(0, |i| i + 1);
    let word = &head[start..];
    let bytes = word.as_bytes();
    if bytes.len() < 2
        || bytes.len() > 32
        || !bytes
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b',' | b'-' | b'%'))
    {
        return false;
    }
    // Most words before a stop are in lower case already, and are read as they are.
    let mut buf = [0u8; 32];
    let lower = if bytes.iter().any(u8::is_ascii_uppercase) {
        let lower = &mut buf[..bytes.len()];
        lower.copy_from_slice(bytes);
        lower.make_ascii_lowercase();
        match std::str::from_utf8(lower) {
            Ok(lower) => lower,
            Err(_) => return false,
        }
    } else {
        word
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
            "He said... Then left.",
            "He said.. Then left.",
        ] {
            assert_eq!(ends(piece), None, "{piece:?}");
        }
    }

    #[test]
    fn stops_after_other_words_are_read_by_sentencex_one_at_a_time() {
        for (piece, cut) in [
            ("He lives in the U.S. Now he is back.", 1),
            ("The wall is 5 ft. Tall people duck.", 1),
            ("He is 5ft. 9 inches are more.", 0),
            ("She has a PhD. She said so.", 1),
            ("It ran on Yahoo. Then it stopped.", 0),
            ("He waited, etc. Then he left.", 1),
            ("It rose. and fell.", 1),
            ("It rose.Then fell.", 1),
            ("It rose.     Then fell.", 1),
            ("It rose a. Then fell.", 0),
            (
                "The talks began at 9 p.m. on Monday. They ended at 10 a.m. The day after.",
                2,
            ),
            ("They spoke at 3 p.m. Smith said so.", 1),
            ("He met Mr. Smith. Then he left.", 1),
            ("It was J. R. Smith. He left.", 1),
        ] {
            let got = ends(piece).unwrap_or_else(|| panic!("read here: {piece:?}"));
            assert_eq!(got, super::super::ends_of(piece), "{piece:?}");
            assert_eq!(got.len(), cut, "{piece:?}: {got:?}");
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
                        "p.m", "a.m", "J", "R", "on", "Monday", "Smith", "No.",
                    ]),
                    proptest::sample::select(vec![
                        " ", " ", " ", ". ", ". ", ".  ", ".", ",", ", ", ".     ", "-", "",
                        ".\n", "\n", ".,", ".-", ". . ", "..",
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
