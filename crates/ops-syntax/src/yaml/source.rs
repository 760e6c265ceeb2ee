//! Where a scalar's text is written: the first character, and for a scalar over several
//! lines the start of each line's part, found by matching the source lines against the
//! loaded text (block scalars keep each line's characters; flow scalars fold lines but keep
//! their words).

use ops_model::Span;
use saphyr_parser::Marker;

use super::node::ScalarStyle;
use crate::line_index::LineIndex;

/// The text being read and its line index.
pub(super) struct Source<'t> {
    pub(super) text: &'t str,
    pub(super) lines: LineIndex<'t>,
}

/// The 1-based position of a parser marker (its column is 0-based, in characters).
pub(super) fn marker_span(m: &Marker) -> Span {
    let line = u32::try_from(m.line()).unwrap_or(u32::MAX).max(1);
    let column = u32::try_from(m.col().saturating_add(1)).unwrap_or(u32::MAX);
    Span::new(line, column)
}

/// One line's part of a scalar: the text to look for in the loaded value and its offset in
/// the source.
struct Segment<'t> {
    text: &'t str,
    at: usize,
    /// Blank lines before this one (each may stand for a line break in the value).
    blanks_before: usize,
}

impl<'t> Source<'t> {
    pub(super) fn new(text: &'t str) -> Source<'t> {
        Source {
            text,
            lines: LineIndex::new(text),
        }
    }

    fn offset(&self, m: &Marker) -> usize {
        self.lines.offset(m.line(), m.col())
    }

    /// Where `value` (a scalar's loaded text) starts, and the pieces of a multi-line scalar
    /// (see [`super::Scalar::pieces`]). `start`/`end` are the scalar event's span; `prev_end`
    /// is the end of the event before it, after which a block scalar's header is found.
    pub(super) fn place(
        &self,
        value: &str,
        style: ScalarStyle,
        start: &Marker,
        end: &Marker,
        prev_end: &Marker,
    ) -> (Span, Vec<(usize, Span)>) {
        let block = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
        let (content, segments) = if block {
            let segments = self.block_segments(end, prev_end);
            let content = segments
                .first()
                .map_or_else(|| marker_span(start), |s| self.lines.span(s.at));
            (content, segments)
        } else {
            let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
            let at = self.skip_properties(self.offset(start)) + usize::from(quoted);
            let segments = self.flow_segments(quoted, at, end);
            (self.lines.span(at), segments)
        };
        if segments.len() < 2 && !block {
            return (content, Vec::new());
        }
        (content, self.match_segments(value, style, &segments))
    }

    /// Skips whitespace, comments and node properties (`&anchor`, `!tag`) from `at`.
    fn skip_properties(&self, mut at: usize) -> usize {
        loop {
            // Offsets come from the parser's markers; one that is not a char boundary (a
            // second BOM, found by fuzzing) ends the skip instead of panicking.
            let Some(rest) = self.text.get(at.min(self.text.len())..) else {
                return at;
            };
            match rest.chars().next() {
                Some(' ' | '\t' | '\r' | '\n') => at += 1,
                Some('#') => at += rest.find('\n').unwrap_or(rest.len()),
                Some('&' | '!') => at += rest.find(char::is_whitespace).unwrap_or(rest.len()),
                _ => return at,
            }
        }
    }

    /// The lines of a plain or quoted scalar: the first from the content start, the next
    /// ones without their indentation, the last up to the end of the scalar.
    fn flow_segments(&self, quoted: bool, at: usize, end: &Marker) -> Vec<Segment<'t>> {
        let end_at = self.offset(end).max(at);
        let mut out = Vec::new();
        let mut blanks = 0;
        // A marker that is not a char boundary (a second BOM, found by fuzzing): the
        // scalar's lines are unknown, not a panic.
        let Some(body) = self
            .text
            .get(at.min(self.text.len())..end_at.min(self.text.len()))
        else {
            return Vec::new();
        };
        let mut line_start = at;
        for line in body.split('\n') {
            let trimmed = line.trim_start_matches([' ', '\t']);
            let lead = line.len() - trimmed.len();
            let mut text = trimmed.trim_end_matches([' ', '\t', '\r']);
            if quoted && line_start + line.len() == end_at {
                text = text
                    .strip_suffix(['"', '\''])
                    .unwrap_or(text)
                    .trim_end_matches([' ', '\t']);
            }
            if text.is_empty() {
                blanks += 1;
            } else {
                out.push(Segment {
                    text,
                    at: line_start + lead,
                    blanks_before: blanks,
                });
                blanks = 0;
            }
            line_start += line.len() + 1;
        }
        out
    }

    /// The content lines of a `|` or `>` scalar: the lines after its header up to its end
    /// (exclusive: the next token's start), without the block's
    /// indentation (the least of its non-blank lines, so an explicit indentation indicator
    /// such as `|2` needs no parent indentation).
    fn block_segments(&self, end: &Marker, prev_end: &Marker) -> Vec<Segment<'t>> {
        let Some(header) = self.block_header(self.offset(prev_end)) else {
            return Vec::new();
        };
        let first = self.lines.span(header).line as usize + 1;
        // The end is where the next token starts: its line is not the scalar's when only
        // indentation precedes it there.
        let end_line = self.lines.line(end.line()).unwrap_or("");
        let before_end = end_line.chars().take(end.col());
        let last = if before_end.clone().all(|c| c == ' ' || c == '\t') {
            end.line().saturating_sub(1)
        } else {
            end.line()
        };
        let lead = |line: &str| line.len() - line.trim_start_matches(' ').len();
        let content = || {
            (first..=last)
                .map_while(|n| self.lines.line(n).map(|l| (n, l)))
                .filter(|(_, l)| !l.trim().is_empty())
        };
        let indent = content().map(|(_, l)| lead(l)).min().unwrap_or(0);
        let mut out = Vec::new();
        let mut previous = first.saturating_sub(1);
        for (n, line) in content() {
            out.push(Segment {
                text: line[indent..].trim_end_matches([' ', '\t']),
                at: self.lines.offset(n, indent),
                blanks_before: n - previous - 1,
            });
            previous = n;
        }
        out
    }

    /// The offset of a block scalar's `|` or `>`: the first thing after the previous event
    /// other than whitespace, comments, the `:`, `-` or `?` indicators and node properties.
    fn block_header(&self, from: usize) -> Option<usize> {
        let mut at = from;
        loop {
            at = self.skip_properties(at);
            let rest = self.text.get(at..)?;
            let mut chars = rest.chars();
            match (chars.next()?, chars.next()) {
                ('|' | '>', _) => return Some(at),
                (':' | '-' | '?', None | Some(' ' | '\t' | '\r' | '\n')) => at += 1,
                _ => return None,
            }
        }
    }

    /// Finds each segment in the loaded value, in order. A double-quoted line is looked for
    /// up to its first escape, a single-quoted one up to its first `''`; the search stays
    /// near where the previous line ended, so a repeated word is not matched far ahead.
    fn match_segments(
        &self,
        value: &str,
        style: ScalarStyle,
        segments: &[Segment<'_>],
    ) -> Vec<(usize, Span)> {
        let mut out = Vec::new();
        let mut cursor = 0;
        let mut slack = 0;
        for seg in segments {
            let needle = match style {
                ScalarStyle::DoubleQuoted => seg.text.split('\\').next().unwrap_or(""),
                ScalarStyle::SingleQuoted => seg.text.split("''").next().unwrap_or(""),
                _ => seg.text,
            };
            let mut window =
                (cursor + slack + needle.len() + seg.blanks_before + 8).min(value.len());
            while !value.is_char_boundary(window) {
                window += 1;
            }
            let found = if needle.is_empty() {
                None
            } else {
                value.get(cursor..window).and_then(|w| w.find(needle))
            };
            match found {
                Some(i) => {
                    out.push((cursor + i, self.lines.span(seg.at)));
                    cursor += i + needle.len();
                    slack = seg.text.len() - needle.len();
                }
                None => slack += seg.text.len() + 1,
            }
            if cursor >= value.len() {
                break;
            }
        }
        out
    }
}
