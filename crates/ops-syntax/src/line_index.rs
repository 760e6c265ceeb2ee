//! Byte offsets to 1-based lines and character columns, and back, in time linear in the
//! input over a whole read (readers report positions as line and column, editors' way).

use std::cell::Cell;

use ops_model::Span;
use ops_model::text::to_u32;

/// The line starts of one text. Lines end at `\n`; a `\r` before it belongs to the line's
/// text only for columns (it is never counted as content by [`LineIndex::line`]).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; `starts[0] == 0`.
    starts: Vec<usize>,
    /// Whether each line is ASCII, so a column is a byte difference.
    ascii: Vec<bool>,
    /// The last column computed on a non-ASCII line: (line index, byte offset, column), so
    /// that increasing offsets on one long line are counted once, not from the line start.
    memo: Cell<(usize, usize, u32)>,
    /// The line of the last offset asked about: readers ask in document order, so the next
    /// offset is nearly always on it or the next one (a search of all line starts for each
    /// of 800,000 code spans of two large pages was 180 M instructions).
    last_line: Cell<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> LineIndex<'a> {
        // Line by line, the ends found by memchr's iterator (`is_ascii` checks a word at a
        // time): a byte loop cost 18 instructions a byte of Markdown, and `split('\n')`
        // set up a search for each line (callgrind).
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        let mut ascii = Vec::new();
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
            starts.push(start);
            ascii.push(bytes[start..end].is_ascii());
            start = end + 1;
        }
        LineIndex {
            text,
            starts,
            ascii,
            memo: Cell::new((usize::MAX, 0, 0)),
            last_line: Cell::new(0),
        }
    }

    /// Number of lines (a text ending in `\n` has an empty last line, which counts).
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line and column of a byte offset (clamped to the text; an offset inside a
    /// character counts as that character).
    pub(crate) fn span(&self, offset: usize) -> Span {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_index_of(offset);
        let start = self.starts[line];
        let column = if self.ascii[line] {
            to_u32(offset - start + 1)
        } else {
            let (m_line, m_offset, m_column) = self.memo.get();
            let column = if m_line == line && m_offset <= offset {
                m_column + to_u32(self.text[m_offset..offset].chars().count())
            } else {
                to_u32(self.text[start..offset].chars().count() + 1)
            };
            self.memo.set((line, offset, column));
            column
        };
        Span::new(to_u32(line + 1), column)
    }

    /// The 0-based index of the line holding `offset` (at most the text's length): the last
    /// line asked about or the one after it when it holds the offset, else a binary search.
    fn line_index_of(&self, offset: usize) -> usize {
        let holds = |i: usize| {
            self.starts.get(i).is_some_and(|&s| s <= offset)
                && self.starts.get(i + 1).is_none_or(|&next| offset < next)
        };
        let last = self.last_line.get();
        let line = if holds(last) {
            last
        } else if holds(last + 1) {
            last + 1
        } else {
            self.starts
                .partition_point(|&s| s <= offset)
                .saturating_sub(1)
        };
        self.last_line.set(line);
        line
    }

    /// The byte offset of a 1-based line and a 0-based character column (clamped to the
    /// line's end, newline excluded).
    pub(crate) fn offset(&self, line: usize, column: usize) -> usize {
        let index = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[index];
        let text = self.line_at(index);
        if self.ascii[index] {
            return start + column.min(text.len());
        }
        start
            + text
                .char_indices()
                .nth(column)
                .map_or(text.len(), |(i, _)| i)
    }

    /// The text of a 1-based line without its `\n` or `\r\n`; `None` past the last line.
    pub(crate) fn line(&self, line: usize) -> Option<&'a str> {
        (line >= 1 && line <= self.starts.len()).then(|| self.line_at(line - 1))
    }

    fn line_at(&self, index: usize) -> &'a str {
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end];
        line.strip_suffix('\r').unwrap_or(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The line starts and ASCII flags are those of a byte-by-byte scan.
        #[test]
        fn lines_are_those_of_a_byte_scan(text in "[a\né\r]{0,24}") {
            let idx = LineIndex::new(&text);
            let mut starts = vec![0];
            let mut ascii = Vec::new();
            let mut line_ascii = true;
            for (i, b) in text.bytes().enumerate() {
                if b == b'\n' {
                    starts.push(i + 1);
                    ascii.push(line_ascii);
                    line_ascii = true;
                } else if !b.is_ascii() {
                    line_ascii = false;
                }
            }
            ascii.push(line_ascii);
            proptest::prop_assert_eq!(idx.starts, starts);
            proptest::prop_assert_eq!(idx.ascii, ascii);
        }
    }

    #[test]
    fn offsets_and_spans_round_trip() {
        let text = "ab\ncdé f\r\n\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 4);
        assert_eq!(idx.span(0), Span::new(1, 1));
        assert_eq!(idx.span(3), Span::new(2, 1));
        let f = text.find('f').unwrap();
        assert_eq!(idx.span(f), Span::new(2, 5));
        assert_eq!(idx.span(f - 1), Span::new(2, 4));
        assert_eq!(idx.span(f), Span::new(2, 5));
        assert_eq!(idx.offset(2, 4), f);
        assert_eq!(idx.offset(2, 99), text.find('\r').unwrap());
        assert_eq!(idx.line(2), Some("cdé f"));
        assert_eq!(idx.line(3), Some(""));
        assert_eq!(idx.line(4), Some("last"));
        assert_eq!(idx.line(5), None);
        assert_eq!(idx.span(10_000), Span::new(4, 5));
    }

    proptest::proptest! {
        /// Line starts and their ASCII flags are those of the text's `split('\n')` pieces.
        #[test]
        fn lines_are_the_pieces_between_newlines(text in "[a\r\né]{0,24}") {
            let index = LineIndex::new(&text);
            let mut start = 0;
            let (mut starts, mut ascii) = (Vec::new(), Vec::new());
            for piece in text.split('\n') {
                starts.push(start);
                ascii.push(piece.is_ascii());
                start += piece.len() + 1;
            }
            proptest::prop_assert_eq!(&index.starts, &starts);
            proptest::prop_assert_eq!(&index.ascii, &ascii);
        }
    }

    proptest::proptest! {
        /// Whatever the order of the questions, a span's line is the line whose start is the
        /// last one at or before the offset.
        #[test]
        fn span_lines_do_not_depend_on_the_order_asked(
            text in "[a\né]{0,24}",
            offsets in proptest::collection::vec(0usize..40, 0..12),
        ) {
            let index = LineIndex::new(&text);
            for offset in offsets {
                let mut at = offset.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let want = text[..at].matches('\n').count() + 1;
                proptest::prop_assert_eq!(index.span(offset).line as usize, want);
            }
        }
    }
}
