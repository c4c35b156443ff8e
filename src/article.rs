//! An article as the loader hands it on: its source, its plain text, and what is known about it.

use crate::span::Span;
use jiff::civil::Date;

/// Index of an article in the order the loader found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub u32);

/// What kind of file the article came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleFormat {
    Text,
    Markdown,
    Html,
}

/// Metadata from front matter, HTML `<meta>`, or the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// Publication day, used to resolve relative dates ("on Thursday").
    pub published: Option<Date>,
    pub url: Option<String>,
}

/// An inline suppression comment: `<!-- factdiff: ignore[fact-id or kind] reason -->`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Fact ids or finding kinds it silences.
    pub targets: Vec<String>,
    pub reason: String,
    /// Where the comment stands in the source.
    pub span: Span,
    /// The stretch of plain text it covers (the next sentence or paragraph).
    pub covers: Span,
}

/// A loaded article. `text` is what the extractors read; `map` turns its offsets back into
/// offsets of `source`, where the report points.
#[derive(Clone, Debug)]
pub struct Article {
    pub id: ArticleId,
    /// The path as given on the command line or as found under a directory.
    pub path: String,
    pub format: ArticleFormat,
    pub source: String,
    pub text: String,
    pub map: OffsetMap,
    pub meta: ArticleMeta,
    pub suppressions: Vec<Suppression>,
}

impl Article {
    /// An article whose text is its source (plain text).
    pub fn plain(
        id: ArticleId,
        path: impl Into<String>,
        source: String,
        meta: ArticleMeta,
    ) -> Self {
        let map = OffsetMap::identity(source.len());
        Self {
            id,
            path: path.into(),
            format: ArticleFormat::Text,
            text: source.clone(),
            source,
            map,
            meta,
            suppressions: Vec::new(),
        }
    }

    /// The span in `source` of a span in `text`.
    pub fn source_span(&self, text_span: Span) -> Span {
        let start = self.map.to_source(text_span.start);
        let end = self.map.to_source_end(text_span.end).max(start);
        Span::new(start, end)
    }
}

/// Maps byte offsets of an extracted plain text back to the source it came from.
///
/// The text is built from pieces copied verbatim from the source; each piece is a segment.
/// Bytes the loader inserted (paragraph breaks) map to the start of the next segment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(text_start, source_start, len)`, sorted by `text_start`, non-overlapping.
    segments: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    pub fn identity(len: usize) -> Self {
        Self {
            segments: vec![(0, 0, len)],
        }
    }

    /// Records that `len` bytes at `text_start` were copied from `source_start`.
    pub fn push(&mut self, text_start: usize, source_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut()
            && last.0 + last.2 == text_start
            && last.1 + last.2 == source_start
        {
            last.2 += len;
            return;
        }
        self.segments.push((text_start, source_start, len));
    }

    /// Source offset of the text offset `t` (for a span's start).
    pub fn to_source(&self, t: usize) -> usize {
        let i = self.segments.partition_point(|s| s.0 <= t);
        if i == 0 {
            return self.segments.first().map_or(t, |s| s.1);
        }
        let (ts, ss, len) = self.segments[i - 1];
        if t < ts + len {
            ss + (t - ts)
        } else if let Some(next) = self.segments.get(i) {
            next.1
        } else {
            ss + len
        }
    }

    /// Source offset of the text offset `t` taken as a span's exclusive end.
    pub fn to_source_end(&self, t: usize) -> usize {
        if t == 0 {
            return self.to_source(0);
        }
        let i = self.segments.partition_point(|s| s.0 < t);
        if i == 0 {
            return self.to_source(t);
        }
        let (ts, ss, len) = self.segments[i - 1];
        if t <= ts + len {
            ss + (t - ts)
        } else {
            ss + len
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_back_across_inserted_breaks() {
        // source: "# Title\n\nBody text" -> text: "Title\n\nBody text"
        let mut map = OffsetMap::default();
        map.push(0, 2, 5); // "Title"
        map.push(7, 9, 9); // "Body text"
        assert_eq!(map.to_source(0), 2);
        assert_eq!(map.to_source(4), 6);
        assert_eq!(map.to_source(5), 9); // inserted break maps forward
        assert_eq!(map.to_source(7), 9);
        assert_eq!(map.to_source_end(5), 7);
        assert_eq!(map.to_source_end(16), 18);
    }
}
