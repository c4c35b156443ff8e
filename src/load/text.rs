//! Builds an article's plain text piece by piece while recording where each piece came from.

use crate::article::OffsetMap;
use crate::span::Span;

/// Accumulates `Article::text` and its [`OffsetMap`].
///
/// Blocks (paragraphs, headings, list items) are separated by exactly one blank line, runs of
/// white space inside a block collapse to one space (unless `preserve_space` is on, for code
/// and `<pre>`), and no block starts or ends with white space.
#[derive(Debug, Default)]
pub(super) struct TextBuilder {
    text: String,
    map: OffsetMap,
    /// A block ended; the next character starts a new one after "\n\n".
    pending_break: bool,
    /// A space to write before the next character of this block, with its source offset.
    pending_space: Option<Option<usize>>,
    pub preserve_space: bool,
}

impl TextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder whose text has room for `bytes` bytes: a source's text is at most about as
    /// long as the source, and growing it a doubling at a time copied it again each time.
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            ..Self::default()
        }
    }

    /// Ends the current block, if any.
    pub fn block_break(&mut self) {
        self.pending_space = None;
        if !self.text.is_empty() {
            self.pending_break = true;
        }
    }

    /// Length of the text so far, counting a pending block break (where the next text lands).
    pub fn next_offset(&self) -> usize {
        if self.pending_break {
            self.text.len() + 2
        } else {
            self.text.len()
        }
    }

    /// Writes one character; `src` is its source offset when it was copied verbatim.
    pub fn push_char(&mut self, c: char, src: Option<usize>) {
        if c.is_whitespace() && !self.preserve_space {
            if !self.text.is_empty() && !self.pending_break {
                // A one-byte source space can stand for the collapsed run.
                let src = src.filter(|_| c.is_ascii());
                self.pending_space.get_or_insert(src);
            }
            return;
        }
        if self.pending_break {
            self.text.push_str("\n\n");
            self.pending_break = false;
            self.pending_space = None;
        }
        if let Some(space) = self.pending_space.take() {
            if let Some(s) = space {
                self.map.push(self.text.len(), s, 1);
            }
            self.text.push(' ');
        }
        if let Some(s) = src {
            self.map.push(self.text.len(), s, c.len_utf8());
        }
        self.text.push(c);
    }

    /// Writes `piece`, copied verbatim from the source at `src_start`.
    pub fn push_verbatim(&mut self, piece: &str, src_start: usize) {
        if self.preserve_space {
            for (i, c) in piece.char_indices() {
                self.push_char(c, Some(src_start + i));
            }
            return;
        }
        // Words between single spaces (most prose) go in whole: what one word and one space
        // at a time would write, text and (merged) map segment alike.
        if words_and_single_spaces(piece) {
            self.push_run(piece, src_start);
            return;
        }
        // Runs without white space go in whole: the same text and the same (merged) map
        // segment as one character at a time.
        let mut run = 0;
        for (i, c) in piece.char_indices() {
            if c.is_whitespace() {
                self.push_run(&piece[run..i], src_start + run);
                self.push_char(c, Some(src_start + i));
                run = i + c.len_utf8();
            }
        }
        self.push_run(&piece[run..], src_start + run);
    }

    /// [`Self::push_verbatim`] for a line that holds no control character and starts and ends
    /// with no space (a line of a plain Markdown body, `markdown/prose.rs`): of the scans that
    /// tell words between single spaces, only those for two spaces and other white space are
    /// left, since the line has no tab or line break to find.
    pub fn push_plain_line(&mut self, line: &str, src_start: usize) {
        debug_assert!(
            !line.bytes().any(|b| b.is_ascii_control())
                && !line.starts_with(' ')
                && !line.ends_with(' '),
            "not a plain line: {line:?}"
        );
        if !self.preserve_space && single_spaces_only(line) {
            self.push_run(line, src_start);
        } else {
            self.push_verbatim(line, src_start);
        }
    }

    /// Writes `run` (no white space), copied verbatim from the source at `src`: what
    /// [`Self::push_char`] does for each of its characters.
    fn push_run(&mut self, run: &str, src: usize) {
        if run.is_empty() {
            return;
        }
        if self.pending_break {
            self.text.push_str("\n\n");
            self.pending_break = false;
            self.pending_space = None;
        }
        if let Some(space) = self.pending_space.take() {
            if let Some(s) = space {
                self.map.push(self.text.len(), s, 1);
            }
            self.text.push(' ');
        }
        self.map.push(self.text.len(), src, run.len());
        self.text.push_str(run);
    }

    /// Writes `piece`, the decoded form of `source[range]` (entities or escapes resolved).
    /// Characters that appear literally in the source map back to it; decoded ones map to
    /// the next literal character.
    pub fn push_decoded(&mut self, piece: &str, source: &str, range: std::ops::Range<usize>) {
        let Some(raw) = source.get(range.clone()) else {
            piece.chars().for_each(|c| self.push_char(c, None));
            return;
        };
        // Mostly the piece is the source itself: no need to search for it.
        let at = if raw.starts_with(piece) {
            Some(0)
        } else {
            raw.find(piece)
        };
        if let Some(at) = at {
            self.push_verbatim(piece, range.start + at);
            return;
        }
        let mut j = 0;
        for c in piece.chars() {
            let rest = &raw[j..];
            // A character reference or a backslash escape in the source decodes to `c`:
            // `c` is not in the source, so it maps to the next literal character.
            if let Some(len) = entity_len(rest) {
                self.push_char(c, None);
                j += len;
            } else if let Some(after) = rest.strip_prefix('\\')
                && after.starts_with(c)
            {
                self.push_char(c, None);
                j += 1 + c.len_utf8();
            } else if rest.starts_with(c) {
                self.push_char(c, Some(range.start + j));
                j += c.len_utf8();
            } else {
                self.push_char(c, None);
            }
        }
    }

    /// Writes a line break inside a block (hard breaks, `<br>`, lines of `<pre>`).
    pub fn push_newline(&mut self, src: Option<usize>) {
        let keep = self.preserve_space;
        self.preserve_space = true;
        if !self.text.is_empty() && !self.pending_break {
            self.pending_space = None;
            self.push_char('\n', src);
        }
        self.preserve_space = keep;
    }

    pub fn finish(self) -> (String, OffsetMap) {
        (self.text, self.map)
    }
}

/// Two spaces, searched for in every paragraph: the searcher built once, not at each search.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// Whether `piece` is words separated by single spaces, with no other white space and none
/// at either end.
fn words_and_single_spaces(piece: &str) -> bool {
    let bytes = piece.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Searched for with SIMD: a paragraph is most of an article's bytes.
    if memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr::memchr2(b'\x0b', b'\x0c', bytes).is_some()
    {
        return false;
    }
    single_spaces_only(piece)
}

/// Whether `piece`, which has no ASCII white space but spaces, has no two spaces together and
/// no white space outside ASCII: the rest of [`words_and_single_spaces`].
fn single_spaces_only(piece: &str) -> bool {
    DOUBLE_SPACE.find(piece.as_bytes()).is_none()
        && (piece.is_ascii() || !piece.chars().any(|c| c != ' ' && c.is_whitespace()))
}

/// Length of the character reference (`&amp;`, `&#8217;`, `&#x2019;`) at the start of `s`.
fn entity_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('&')?;
    let end = body.char_indices().take(40).find(|&(_, c)| c == ';')?.0;
    let name = &body[..end];
    let ok = match name.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()),
        },
        None => !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
    };
    ok.then_some(end + 2)
}

/// The span of text a suppression placed at text offset `at` covers: from the first
/// character at or after `at` to the end of that block.
pub(super) fn covered_block(text: &str, at: usize) -> Span {
    let mut start = at.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let skipped = text[start..].len() - text[start..].trim_start().len();
    let start = start + skipped;
    let end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_collapses_and_blocks_are_separated() {
        let src = "  one \n two  |three";
        let mut b = TextBuilder::new();
        b.push_verbatim(&src[..12], 0);
        b.block_break();
        b.block_break();
        b.push_verbatim(&src[14..], 14);
        let (text, map) = b.finish();
        assert_eq!(text, "one two\n\nthree");
        assert_eq!(map.to_source(0), 2);
        assert_eq!(map.to_source(4), 8);
        assert_eq!(map.to_source(9), 14);
    }

    #[test]
    fn decoded_pieces_map_around_entities() {
        let src = "AT&amp;T and \\*stars\\*";
        let mut b = TextBuilder::new();
        b.push_decoded("AT&T and *stars*", src, 0..src.len());
        let (text, map) = b.finish();
        assert_eq!(text, "AT&T and *stars*");
        assert_eq!(map.to_source(3), 7); // "T" after the entity
        assert_eq!(map.to_source(10), 15); // "s" of "stars"
        assert_eq!(map.to_source_end(15), 20);
    }

    proptest::proptest! {
        /// A piece written whole gives the text and map that one character at a time does.
        #[test]
        fn pieces_write_as_their_characters_do(
            pieces in proptest::collection::vec("([a-cé]{1,3}|  ?|[ \t\n\r\x0b\x0c\u{a0}\u{2003}]){0,6}", 1..5),
        ) {
            let mut whole = TextBuilder::new();
            let mut chars = TextBuilder::new();
            let mut at = 0;
            for p in &pieces {
                whole.push_verbatim(p, at);
                for (i, c) in p.char_indices() {
                    chars.push_char(c, Some(at + i));
                }
                at += p.len();
            }
            proptest::prop_assert_eq!(whole.finish(), chars.finish());
        }
    }

    #[test]
    fn covers_reaches_the_end_of_the_next_block() {
        let text = "first\n\nsecond para\n\nthird";
        assert_eq!(covered_block(text, 5), Span::new(7, 18));
    }
}
