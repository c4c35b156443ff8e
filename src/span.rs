//! Byte spans, and the one place that turns them into line and column.

use serde::Serialize;

/// A half-open byte range `start..end` into some text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// Shifts a span that is relative to a slice starting at `base`.
    pub const fn offset(self, base: usize) -> Self {
        Self::new(self.start + base, self.end + base)
    }

    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn cover(self, other: Span) -> Self {
        Self::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line starts of one text, for turning byte offsets into [`LineCol`].
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte, chars before it)` at the first character boundary at or before every
    /// [`CHAR_CHECKPOINT`]th byte, so a column on a line of megabytes is counted from a
    /// nearby checkpoint rather than from the line's start.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two character-count checkpoints of a [`LineIndex`].
const CHAR_CHECKPOINT: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::with_capacity(text.len() / CHAR_CHECKPOINT + 1);
        let (mut at, mut chars) = (0, 0);
        for k in 0..=text.len() / CHAR_CHECKPOINT {
            let mut b = k * CHAR_CHECKPOINT;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            chars += text[at..b].chars().count();
            at = b;
            checkpoints.push((b, chars));
        }
        Self {
            starts,
            checkpoints,
        }
    }

    /// Characters in `text[..offset]`; `offset` is on a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let (b, chars) = self.checkpoints[offset / CHAR_CHECKPOINT];
        chars + text[b..offset].chars().count()
    }

    /// Line and column of `offset` in `text` (the text this index was built from).
    /// Offsets past the end or inside a character are clamped to a boundary.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = if offset - start <= CHAR_CHECKPOINT {
            text[start..offset].chars().count() + 1
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start) + 1
        };
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte span of the 1-based `line`, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        let end = self.starts.get(line).map_or(text.len(), |&s| s - 1);
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let text = "ab\nçd\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, 5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(text, 7), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(text, 99), LineCol { line: 3, column: 2 });
        assert_eq!(idx.line_span(text, 2), Span::new(3, 6));
    }

    #[test]
    fn columns_on_long_lines_count_chars_from_checkpoints() {
        let text = format!("x\n{}", "aé€😀".repeat(5000));
        let idx = LineIndex::new(&text);
        for (chars, (byte, c)) in text[2..].char_indices().enumerate().step_by(997) {
            let want = LineCol {
                line: 2,
                column: chars + 1,
            };
            assert_eq!(idx.line_col(&text, 2 + byte), want);
            // Inside a character: its start.
            assert_eq!(idx.line_col(&text, 2 + byte + c.len_utf8() - 1), want);
        }
        let end = idx.line_col(&text, text.len());
        assert_eq!(end.column, 20_001);
    }
}
