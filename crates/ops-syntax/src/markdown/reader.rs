//! The walk over pulldown-cmark's events that builds a [`Markdown`].

use std::borrow::Cow;
use std::ops::Range;

use ops_model::Span;
use ops_model::text::to_u32;
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{
    Callout, CodeBlock, CodeBlockKind, CodeLine, CodeSpan, Container, Heading, Html, HtmlKind,
    Markdown,
};
use crate::line_index::LineIndex;

/// The extensions github.com renders (its "GitHub Flavored Markdown"), so that a table cell
/// or a callout reads as a person sees it there.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// A code block being read: its lines so far and the line being assembled.
struct OpenBlock<'a> {
    block: CodeBlock<'a>,
    /// The content of the current line and the byte offset where it starts in the file.
    current: Option<(String, usize)>,
}

/// An HTML block being read.
struct OpenHtml {
    start: usize,
    text: String,
    pieces: Vec<(usize, Span)>,
}

pub(super) fn read(text: &str) -> Markdown<'_> {
    let lines = LineIndex::new(text);
    let mut md = Markdown {
        lines,
        code_blocks: Vec::new(),
        code_spans: Vec::new(),
        html: Vec::new(),
        headings: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut heading: Option<Heading> = None;
    let mut containers: Vec<Container> = Vec::new();
    let mut block: Option<OpenBlock<'_>> = None;
    let mut html: Option<OpenHtml> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(kind)) => {
                containers.push(Container::BlockQuote(kind.map(callout)));
            }
            Event::Start(Tag::Item) => containers.push(Container::ListItem),
            Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => {
                containers.pop();
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (kind, info) = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        (CodeBlockKind::Fenced, cow(info))
                    }
                    pulldown_cmark::CodeBlockKind::Indented => {
                        (CodeBlockKind::Indented, Cow::Borrowed(""))
                    }
                };
                let lang = match &info {
                    Cow::Borrowed(s) => Cow::Borrowed(first_word(s)),
                    Cow::Owned(s) => Cow::Owned(first_word(s).to_string()),
                };
                block = Some(OpenBlock {
                    block: CodeBlock {
                        kind,
                        info,
                        lang,
                        start_line: md.lines.span(range.start).line,
                        end_line: last_line(&md.lines, &range),
                        lines: Vec::new(),
                        containers: containers.clone(),
                    },
                    current: None,
                });
            }
            Event::Text(t) if block.is_some() => {
                if let Some(open) = block.as_mut() {
                    code_text(text, &md.lines, open, &t, &range);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut open) = block.take() {
                    if let Some((line, start)) = open.current.take() {
                        push_line(text, &md.lines, &mut open.block, line, start);
                    }
                    md.code_blocks.push(open.block);
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(Heading {
                    level: heading_level(level),
                    line: md.lines.span(range.start).line,
                    end_line: last_line(&md.lines, &range),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = heading.take() {
                    h.text = h.text.trim().to_string();
                    md.headings.push(h);
                }
            }
            Event::Text(t) if heading.is_some() => {
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(&t);
                }
            }
            Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.text.push_str(&t);
                }
                md.code_spans.push(code_span(text, &md.lines, t, &range));
            }
            Event::SoftBreak | Event::HardBreak if heading.is_some() => {
                if let Some(h) = heading.as_mut() {
                    h.text.push(' ');
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                html = Some(OpenHtml {
                    start: range.start,
                    text: String::new(),
                    pieces: Vec::new(),
                });
            }
            Event::Html(t) => {
                if let Some(open) = html.as_mut() {
                    open.pieces
                        .push((open.text.len(), md.lines.span(range.start)));
                    open.text.push_str(&t);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(open) = html.take() {
                    md.html.push(html_block(text, &md.lines, open, &range));
                }
            }
            Event::InlineHtml(t) => {
                let span = md.lines.span(range.start);
                md.html.push(Html {
                    kind: HtmlKind::Inline,
                    span,
                    end_line: last_line(&md.lines, &range),
                    text: cow(t),
                    pieces: vec![(0, span)],
                });
            }
            _ => {}
        }
    }
    md
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn callout(kind: BlockQuoteKind) -> Callout {
    match kind {
        BlockQuoteKind::Note => Callout::Note,
        BlockQuoteKind::Tip => Callout::Tip,
        BlockQuoteKind::Important => Callout::Important,
        BlockQuoteKind::Warning => Callout::Warning,
        BlockQuoteKind::Caution => Callout::Caution,
    }
}

fn cow(s: CowStr<'_>) -> Cow<'_, str> {
    match s {
        CowStr::Borrowed(b) => Cow::Borrowed(b),
        other => Cow::Owned(other.to_string()),
    }
}

/// The language word of an info string: `sh` in `sh title="x"`, `bash` in `bash,ignore`.
fn first_word(info: &str) -> &str {
    info.trim_start()
        .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()
        .unwrap_or("")
}

/// The line of the last character of a range (its start line when empty). A block's range
/// may end after its final line ending, which belongs to its last line.
fn last_line(lines: &LineIndex<'_>, range: &Range<usize>) -> u32 {
    lines
        .span(range.end.saturating_sub(1).max(range.start))
        .line
}

/// Adds one text event of a code block: content lines end at `\n`. pulldown-cmark gives one
/// event per source line, plus a synthetic one for spaces it carves out of a tab.
fn code_text<'a>(
    source: &'a str,
    lines: &LineIndex<'_>,
    open: &mut OpenBlock<'a>,
    t: &str,
    range: &Range<usize>,
) {
    // Offsets inside the event map to the file only when the event is the file's text.
    let verbatim = source.get(range.clone()) == Some(t);
    let mut at = 0;
    for piece in t.split_inclusive('\n') {
        let start = if verbatim {
            range.start + at
        } else {
            range.start
        };
        at += piece.len();
        let (body, ends_line) = match piece.strip_suffix('\n') {
            Some(b) => (b, true),
            None => (piece, false),
        };
        let current = open.current.get_or_insert_with(|| (String::new(), start));
        current.0.push_str(body);
        if ends_line && let Some((line, start)) = open.current.take() {
            push_line(source, lines, &mut open.block, line, start);
        }
    }
}

fn push_line<'a>(
    source: &'a str,
    lines: &LineIndex<'_>,
    block: &mut CodeBlock<'a>,
    mut line: String,
    start: usize,
) {
    if line.ends_with('\r') {
        line.pop();
    }
    let span = lines.span(start);
    // Borrow from the file when the content is the file's text (the common case).
    let text = match source.get(start..start + line.len()) {
        Some(s) if s == line => Cow::Borrowed(s),
        _ => Cow::Owned(line),
    };
    block.lines.push(CodeLine {
        line: span.line,
        column: span.column,
        text,
    });
}

/// A code span from its event: the range covers the backticks; the content starts after the
/// opening run and, when CommonMark strips one space on each side, after that space.
fn code_span<'a>(
    source: &'a str,
    lines: &LineIndex<'_>,
    t: CowStr<'a>,
    range: &Range<usize>,
) -> CodeSpan<'a> {
    let raw = source.get(range.clone()).unwrap_or("");
    let ticks = raw.len() - raw.trim_start_matches('`').len();
    let inner = &raw[ticks..raw.len() - ticks.min(raw.len() - ticks)];
    let stripped = inner.len() >= 2
        && inner.starts_with([' ', '\n', '\r'])
        && inner.ends_with([' ', '\n', '\r'])
        && !inner.bytes().all(|b| matches!(b, b' ' | b'\n' | b'\r'));
    let mut content = range.start + ticks;
    if stripped {
        content += if inner.starts_with("\r\n") { 2 } else { 1 };
    }
    let span = lines.span(content);
    CodeSpan {
        line: span.line,
        column: span.column,
        end_line: last_line(lines, range),
        text: cow(t),
    }
}

fn html_block<'a>(
    source: &'a str,
    lines: &LineIndex<'_>,
    open: OpenHtml,
    range: &Range<usize>,
) -> Html<'a> {
    let span = lines.span(open.start);
    let text = match source.get(range.clone()) {
        Some(s) if s == open.text => Cow::Borrowed(s),
        _ => Cow::Owned(open.text),
    };
    Html {
        kind: HtmlKind::Block,
        span,
        end_line: last_line(lines, range),
        text,
        pieces: open.pieces,
    }
}

/// The file position of a byte offset in a text made of pieces, each starting at a known
/// position; within a piece, characters are counted on (pieces never span a line ending
/// except at their end).
pub(super) fn span_in(text: &str, pieces: &[(usize, Span)], offset: usize) -> Span {
    let i = pieces
        .partition_point(|(o, _)| *o <= offset)
        .saturating_sub(1);
    let Some(&(start, at)) = pieces.get(i) else {
        return Span::new(1, 1);
    };
    let stretch = text.get(start..offset.min(text.len())).unwrap_or("");
    match stretch.rfind('\n') {
        Some(nl) => Span::new(
            at.line + to_u32(stretch.matches('\n').count()),
            to_u32(stretch[nl + 1..].chars().count() + 1),
        ),
        None => Span::new(at.line, at.column + to_u32(stretch.chars().count())),
    }
}
