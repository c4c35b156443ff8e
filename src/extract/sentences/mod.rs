//! Sentence boundaries, from sentencex (which knows "U.S.", "Mr." and "Jan. 5").
//!
//! Hostile text is bounded on both sides of sentencex, so that time stays linear in the size
//! of the text whatever it holds:
//!
//! - sentencex gets one paragraph at a time (a blank line always ends a sentence), and a
//!   paragraph longer than [`MAX_PIECE_BYTES`] in pieces cut at a sentence end where there is
//!   one. Its quote matching costs the number of quote marks times the distance to the end of
//!   what it was given, which is quadratic on a run of thousands of backticks or curly quotes;
//!   within a bounded piece it is not.
//! - A piece with more than [`MAX_QUOTE_MARKS`] quote marks is read with them blanked out
//!   (no prose quotes that densely), so the cost per piece is bounded too.
//! - A "sentence" of more than [`MAX_SENTENCE_WORDS`] words is not one (word soup, a table
//!   flattened to text): it is read in pieces, at its line breaks first, then every
//!   [`MAX_SENTENCE_WORDS`] words, because the claims of one sentence are compared with each
//!   other and that work grows faster than the sentence.
//!
//! Spans are byte offsets into the original text: blanking replaces a quote mark with as many
//! spaces as it has bytes, and only the copy handed to sentencex.
//!
//! A paragraph of plain prose (no quotes, brackets, list markers, e-mail addresses or runs
//! of stops) is cut without sentencex's whole pipeline, to the same sentences: its plain
//! stops are read from the bytes, the others by sentencex's own rule for one stop (`plain`).

use crate::span::Span;
use sentencex::languages::{English, Language};

mod plain;

/// Most bytes handed to sentencex at once.
pub const MAX_PIECE_BYTES: usize = 2048;
// sentencex cuts what it is given at paragraph breaks above 10 KiB; pieces never reach it.
const _: () = assert!(MAX_PIECE_BYTES <= 10 * 1024);
/// Most quote marks (apostrophes inside words not counted) in a piece read with its quotes.
pub const MAX_QUOTE_MARKS: usize = 64;
/// Most words in one sentence; a longer one is read in pieces.
pub const MAX_SENTENCE_WORDS: usize = 100;

/// Sentence spans in `text`, trimmed of surrounding white space, empty ones dropped.
pub fn split(text: &str) -> Vec<Span> {
    // Room for sentences of 64 bytes, shorter than most: growing the list a doubling at a
    // time copied it again each time.
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    for para in paragraphs(text) {
        for piece in pieces(text, para) {
            let src = &text[piece.start..piece.end];
            // Plain prose is cut stop by stop without sentencex's pipeline (`plain`); tests
            // and debug builds check that the two agree.
            if let Some(ends) = plain::ends(src) {
                debug_assert_eq!(
                    ends_of(src),
                    ends,
                    "sentence ends of plain prose differ from sentencex's in {src:?}"
                );
                let mut start = 0;
                for end in ends.into_iter().chain([src.len()]) {
                    let span = Span::new(piece.start + start, piece.start + end);
                    push_bounded(text, trim(text, span), &mut out);
                    start = end;
                }
                continue;
            }
            let blanked;
            let input = if quote_marks(src) > MAX_QUOTE_MARKS {
                blanked = blank_quotes(src);
                blanked.as_str()
            } else {
                src
            };
            // The English splitter itself: `sentencex::get_sentence_boundaries` would look the
            // language up (a hash set and a box) for each piece, and cut only texts over
            // 10 KiB, which a piece never is. `segment` finds the same sentences (and the
            // paragraph breaks between them, white space that trims to nothing) without
            // counting their characters, as slices of `input`.
            for sentence in (English {}).segment(input) {
                let at = offset_in(input, sentence);
                // Offsets into blanked spaces are moved back to the quote mark's start.
                let start = floor_char_boundary(src, at);
                let end = floor_char_boundary(src, at + sentence.len()).max(start);
                let span = Span::new(piece.start + start, piece.start + end);
                push_bounded(text, trim(text, span), &mut out);
            }
        }
    }
    out
}

/// Where sentencex ends the sentences of `piece` (a piece without quote marks to blank),
/// the end of the piece left out: what [`plain::ends`] must give where it gives anything.
fn ends_of(piece: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = (English {})
        .segment(piece)
        .into_iter()
        .map(|sentence| offset_in(piece, sentence) + sentence.len())
        .collect();
    ends.retain(|&end| end < piece.len());
    ends
}

/// Where `part`, a slice of `whole`, starts in it.
fn offset_in(whole: &str, part: &str) -> usize {
    let at = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    debug_assert!(at + part.len() <= whole.len(), "not a slice of the text");
    at.min(whole.len())
}

/// Paragraphs: the text between blank lines (lines of nothing but white space).
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut prev_blank = false;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        let blank = text[line_start..i].trim().is_empty();
        if blank && !prev_blank {
            out.push(Span::new(start, line_start));
        }
        if !blank && prev_blank {
            start = line_start;
        }
        prev_blank = blank;
        line_start = (i + 1).min(text.len());
    }
    if !prev_blank {
        out.push(Span::new(start, text.len()));
    }
    out.retain(|s| !text[s.start..s.end].trim().is_empty());
    out
}

/// `para` cut into pieces of at most [`MAX_PIECE_BYTES`]: after the last sentence end in the
/// window, else after its last line break, else at its last white space, else anywhere on a
/// character boundary.
fn pieces(text: &str, para: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut pos = para.start;
    while para.end - pos > MAX_PIECE_BYTES {
        let mut limit = pos + MAX_PIECE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[pos..limit];
        let cut = last_sentence_end(window)
            .or_else(|| window.rfind('\n').map(|i| i + 1))
            .or_else(|| window.rfind(char::is_whitespace))
            .filter(|&c| c > 0)
            .unwrap_or(window.len());
        out.push(Span::new(pos, pos + cut));
        pos += cut;
    }
    out.push(Span::new(pos, para.end));
    out
}

/// The offset just after the last likely sentence end in `window`: a lower-case word, `.`,
/// `!` or `?`, closing quotes or brackets, white space, then a capital, a digit or an opening
/// quote ("Mr. Smith" and "U.S. Army" are not ends: the word before the stop is capitalised).
fn last_sentence_end(window: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = window.char_indices().collect();
    let mut best = None;
    for (k, &(_, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') || k == 0 || !chars[k - 1].1.is_lowercase() {
            continue;
        }
        let mut j = k + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']') {
            j += 1;
        }
        let Some(&(ws, w)) = chars.get(j) else {
            continue;
        };
        if !w.is_whitespace() {
            continue;
        }
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        if chars
            .get(j)
            .is_some_and(|&(_, n)| n.is_uppercase() || n.is_ascii_digit() || is_quote_mark(n))
        {
            best = Some(ws);
        }
    }
    best
}

/// The characters sentencex pairs as quotes.
fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '"'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '‹'
            | '›'
            | '《'
            | '》'
            | '「'
            | '」'
    )
}

/// Quote marks in `s`, not counting apostrophes between letters ("Russia's", "don't").
fn quote_marks(s: &str) -> usize {
    // Most pieces are ASCII with few quote marks: only those places need a closer look, and
    // memchr jumps from one to the next.
    if s.is_ascii() {
        let b = s.as_bytes();
        return memchr::memchr3_iter(b'\'', b'`', b'"', b)
            .filter(|&i| {
                !(i > 0
                    && b[i - 1].is_ascii_alphanumeric()
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))
            })
            .count();
    }
    quote_marks_in_chars(s)
}

/// [`quote_marks`], a character at a time.
fn quote_marks_in_chars(s: &str) -> usize {
    let mut count = 0;
    let mut prev = ' ';
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_quote_mark(c)
            && !(prev.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric()))
        {
            count += 1;
        }
        prev = c;
    }
    count
}

/// `s` with every quote mark replaced by as many spaces as it has bytes.
fn blank_quotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_quote_mark(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// The largest character boundary of `s` at or before `i`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `span` without the white space at either end.
fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    Span::new(span.start + lead, span.start + lead + s.trim().len())
}

/// Pushes `span`, or its pieces when it has more than [`MAX_SENTENCE_WORDS`] words: its lines,
/// and a line still too long every [`MAX_SENTENCE_WORDS`] words.
fn push_bounded(text: &str, span: Span, out: &mut Vec<Span>) {
    if span.is_empty() {
        return;
    }
    let s = &text[span.start..span.end];
    // A word takes at least two bytes with the space after it.
    if s.len() <= 2 * MAX_SENTENCE_WORDS || word_starts(s).nth(MAX_SENTENCE_WORDS).is_none() {
        out.push(span);
        return;
    }
    let mut line_start = 0;
    for (i, _) in s.match_indices('\n').chain([(s.len(), "")]) {
        let line = Span::new(span.start + line_start, span.start + i);
        line_start = (i + 1).min(s.len());
        let l = &text[line.start..line.end];
        let mut from = 0;
        for (n, w) in word_starts(l).enumerate() {
            if n > 0 && n % MAX_SENTENCE_WORDS == 0 {
                push_trimmed(text, Span::new(line.start + from, line.start + w), out);
                from = w;
            }
        }
        push_trimmed(text, Span::new(line.start + from, line.end), out);
    }
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let span = trim(text, span);
    if !span.is_empty() {
        out.push(span);
    }
}

/// Byte offsets where words (runs of letters and digits) start in `s`.
fn word_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev_word = false;
    s.char_indices().filter_map(move |(i, c)| {
        let word = c.is_alphanumeric();
        let starts = word && !prev_word;
        prev_word = word;
        starts.then_some(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// ASCII text has its quote marks counted a byte at a time, as any text is a
        /// character at a time.
        #[test]
        fn quote_marks_in_ascii_are_counted_alike(s in "([a-b1]{1,2}|['`\" .]){0,12}") {
            proptest::prop_assert_eq!(quote_marks(&s), quote_marks_in_chars(&s));
        }
    }

    proptest::proptest! {
        /// sentencex's `segment` gives the sentences (and paragraph breaks) its
        /// `get_sentence_boundaries` gives, at the same places.
        #[test]
        fn segments_are_the_sentence_boundaries(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Mr. ", "U.S. ", "Jan. 5 ", "said ", "Peskov ", "It ", "rose. ", "fell! ",
                    "why? ", "“Yes.” ", "(no.) ", "\n\n", "\n", " ", "1.5 ", "é ", "… ", "a.",
                    "'", "\"",
                ]),
                0..24,
            )
        ) {
            let text = parts.concat();
            let english = English {};
            let segments: Vec<(usize, usize)> = english
                .segment(&text)
                .into_iter()
                .map(|s| (offset_in(&text, s), offset_in(&text, s) + s.len()))
                .collect();
            let boundaries: Vec<(usize, usize)> = english
                .get_sentence_boundaries(&text)
                .into_iter()
                .filter(|b| b.end_byte > b.start_byte)
                .map(|b| (b.start_byte, b.end_byte))
                .collect();
            proptest::prop_assert_eq!(segments, boundaries);
        }
    }

    fn pieces_of(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_sentences_and_paragraphs() {
        let text = "Mr. Peskov spoke on Jan. 5 in the U.S. capital. It was brief.\n\nHeadline without stop\n\nLast one.";
        assert_eq!(
            pieces_of(text),
            [
                "Mr. Peskov spoke on Jan. 5 in the U.S. capital.",
                "It was brief.",
                "Headline without stop",
                "Last one."
            ]
        );
    }

    #[test]
    fn blank_lines_with_white_space_or_carriage_returns_end_a_sentence() {
        let text = "Headline one\r\n\r\nBody text here.\n \t\nLast one";
        assert_eq!(
            pieces_of(text),
            ["Headline one", "Body text here.", "Last one"]
        );
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends() {
        let sentence = "Officials said the attack was large. ";
        let text = sentence.repeat(200);
        let got = pieces_of(&text);
        assert_eq!(got.len(), 200);
        assert!(got.iter().all(|s| *s == sentence.trim()));
    }

    #[test]
    fn over_long_sentences_are_read_in_pieces_of_bounded_words() {
        let text = "Russia 150 drones Ukraine the and ".repeat(100);
        let got = split(&text);
        assert!(got.len() >= 6, "{}", got.len());
        for s in &got {
            let words = word_starts(&text[s.start..s.end]).count();
            assert!(words <= MAX_SENTENCE_WORDS, "{words}");
        }
        // Line breaks are tried first.
        let lines = "Russia fired 150 drones\n".repeat(40);
        assert_eq!(pieces_of(&lines).len(), 40);
    }

    #[test]
    fn dense_quote_marks_keep_exact_spans() {
        for text in [
            "`".repeat(10_000),
            "‘ ‘‘‘ ‘‘ ".repeat(2_000),
            "``a".repeat(5_000) + " Officials said 150. They left.",
            "'".repeat(9_999),
        ] {
            for s in split(&text) {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                assert!(s.start < s.end && s.end <= text.len());
            }
        }
        let text =
            "He said ‘stop’ and left. ".repeat(3) + &"‘".repeat(100) + " Then 150 drones came.";
        let got = pieces_of(&text);
        assert!(
            got.last()
                .is_some_and(|s| s.ends_with(" Then 150 drones came.")),
            "{got:?}"
        );
        assert_eq!(got[0], "He said ‘stop’ and left.");
    }

    #[test]
    fn apostrophes_inside_words_are_not_quote_marks() {
        assert_eq!(quote_marks("Russia's army didn't ‘say’ `so`"), 4);
    }
}
