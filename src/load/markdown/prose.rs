//! Markdown bodies of plain prose, read without the parser: runs of text lines between blank
//! lines, which pulldown-cmark reads as one paragraph per run, one text event per line and a
//! soft break between lines. Most articles are written so; reading them without the parser
//! takes 2.4% of the instructions off a facts-only check (docs/benchmarks.md, eighteenth
//! round).
//!
//! The test is strict, and a body it does not pass goes to pulldown-cmark:
//!
//! - no byte could start or end inline markup, an entity or a table cell (`\`, `` ` ``, `*`,
//!   `_`, `~`, `[`, `]`, `<`, `>`, `&`, `|`), and none is a control character but the line
//!   feed (a carriage return or a tab changes what a line is, a NUL is replaced);
//! - no line could start a block: a line that is not empty starts with none of a space, `#`,
//!   `=`, `-` and `+`, nor with digits and then `.` or `)` (a list item);
//! - no line ends in a space (two make a hard break), and a blank line is an empty one.
//!
//! Debug builds, and so the tests, read every plain body both ways and check that the text
//! and the offset map agree (`super::read`).

use crate::bytes::{byte_set, holds_any};
use crate::load::text::TextBuilder;

/// Bytes that may be markup wherever they stand, and the control characters but `\n`.
static MARKUP: [bool; 256] = byte_set(b"\\`*_~[]<>&|", Some(b'\n'), false);

/// Whether pulldown-cmark would read `body` as paragraphs of plain text lines and nothing
/// else (the rules are in the module's documentation).
pub(super) fn is_plain(body: &str) -> bool {
    lines(body).all(|(_, line)| {
        let bytes = line.as_bytes();
        let Some(&first) = bytes.first() else {
            return true;
        };
        starts_plain(bytes, first) && bytes.last() != Some(&b' ') && !holds_any(&MARKUP, bytes)
    })
}

/// Whether a line that starts with `first` could not start a block.
fn starts_plain(line: &[u8], first: u8) -> bool {
    match first {
        b' ' | b'#' | b'=' | b'-' | b'+' => false,
        b'0'..=b'9' => {
            let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
            !matches!(line.get(digits), Some(b'.' | b')'))
        }
        _ => true,
    }
}

/// The text of the plain body `source[base..]` ([`is_plain`]): what pulldown-cmark's events
/// for it write (`super::parse`), a paragraph break before each run of lines and a space for
/// each line feed inside one.
pub(super) fn read(source: &str, base: usize) -> TextBuilder {
    // The text of plain prose is its lines joined, a little shorter than the body.
    let mut b = TextBuilder::with_capacity(source.len() - base);
    let mut in_paragraph = false;
    for (at, line) in lines(&source[base..]) {
        let start = base + at;
        if line.is_empty() {
            in_paragraph = false;
        } else {
            if in_paragraph {
                // The soft break: the line feed before this line.
                b.push_char(' ', Some(start - 1));
            } else {
                b.block_break();
                in_paragraph = true;
            }
            b.push_plain_line(line, start);
        }
    }
    b.block_break();
    b
}

/// `text.split('\n')`, each line with its offset: the line feeds found by memchr's vector
/// search, where `split` tests a machine word at a time (a seventh of the instructions of
/// reading a plain body went to finding its line feeds).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain([text.len()])
        .map(move |end| {
            let line = (start, &text[start..end]);
            start = end + 1;
            line
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text and map of `body` both ways.
    fn both(
        body: &str,
    ) -> (
        (String, crate::article::OffsetMap),
        (String, crate::article::OffsetMap),
    ) {
        let (mut found, mut warnings) = (Vec::new(), Vec::new());
        let slow = super::super::parse(body, 0, "a.md", &mut found, &mut warnings).finish();
        (read(body, 0).finish(), slow)
    }

    #[test]
    fn news_prose_is_plain_and_reads_as_the_parser_reads_it() {
        let body = "Russia's defence ministry said 145 drones were shot down overnight.\n\
                    A spokesman, Dmitry Peskov, told reporters: \"There was no call.\"\n\n\
                    The figure (about 1,500 homes) rose 12.5% on Thursday; $6bn was pledged.\n\
                    Zelenskyy’s office — in Kyiv — said “talks” would resume at 9:30 a.m.!\n\n\n\
                    2024 was the worst year, officials said. #3 on the list: Pútin.\n";
        assert!(is_plain(body));
        let (fast, slow) = both(body);
        assert_eq!(fast, slow);
        assert!(fast.0.starts_with("Russia's defence"), "{}", fast.0);
        assert_eq!(fast.0.matches("\n\n").count(), 2, "{}", fast.0);
    }

    #[test]
    fn markup_sends_the_body_to_the_parser() {
        for body in [
            "# Heading\n\nText.",
            "Text\n===",
            "Text\n---",
            "- item",
            "+ item",
            "* item",
            "1. item",
            "12) item",
            "> quoted",
            "    code",
            " one space",
            "a *b* c",
            "snake_case",
            "a `c` d",
            "a ~~b~~ c",
            "[link](http://x)",
            "a <b>c</b>",
            "a &amp; b",
            "a | b\n--|--\n1 | 2",
            "escaped \\* star",
            "hard  \nbreak",
            "trailing space \n",
            "carriage\r\nreturn",
            "tab\tin",
            "nul\0byte",
            "   \n\nblank with spaces",
        ] {
            assert!(!is_plain(body), "{body:?}");
        }
    }

    #[test]
    fn lines_are_the_pieces_between_line_feeds_with_their_offsets() {
        for text in ["", "\n", "a", "a\n", "\n\nb", "one\ntwo\n\nthree", "é\nü\n"] {
            let got: Vec<(usize, &str)> = lines(text).collect();
            let want: Vec<&str> = text.split('\n').collect();
            assert_eq!(
                got.iter().map(|l| l.1).collect::<Vec<_>>(),
                want,
                "{text:?}"
            );
            for (at, line) in got {
                assert_eq!(&text[at..at + line.len()], line, "{text:?}");
            }
        }
    }

    proptest::proptest! {
        /// A body the test passes reads the same without the parser as with it.
        #[test]
        fn plain_bodies_read_as_the_parser_reads_them(
            lines in proptest::collection::vec(
                "(|[-+*#=>] ?|[0-9]{1,2}[.)] ?| {1,4})([A-Za-z0-9]{1,6}|[ .,:;!?'\"()$%^=+#@/-]|\u{a0}|\u{feff}|\u{2028}|é|“){0,8}",
                0..8,
            ),
        ) {
            // Some lines start as a block could: a body the test passes must not hold one.
            let body = lines.join("\n");
            if is_plain(&body) {
                let (fast, slow) = both(&body);
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }
}
