//! Markdown: code blocks, code spans and HTML, with the source line of each, read by
//! [pulldown-cmark](https://docs.rs/pulldown-cmark) (CommonMark 0.31 plus the GitHub
//! extensions github.com renders: tables, strikethrough, task lists and `> [!NOTE]` callouts).
//!
//! [`read_markdown`] is a pure function of a file's text. Everything a rule needs to find a
//! command or a marker in a document comes out with 1-based lines and character columns:
//!
//! - [`CodeBlock`]s, fenced and indented, wherever CommonMark puts them: at the top level, in
//!   block quotes and GitHub callouts, in list items. Each content line has its own position,
//!   so a finding points at the line of the command inside the fence.
//! - [`CodeSpan`]s (inline code), with the position of their content.
//! - [`Heading`]s (ATX `## x` and setext, CommonMark 4.2 and 4.3) with their level, lines
//!   and plain text, so a rule can find a section ([`Markdown::section_lines`]).
//! - [`Html`]: HTML blocks and inline HTML, and the HTML comments in them
//!   ([`Markdown::html_comments`]), where inline suppressions and generated-file headers live.
//! - The first line ([`Markdown::first_line`], [`Markdown::header_comment`]).
//! - The remaining lines ([`Markdown::prose_lines`]): every line outside code blocks.
//!
//! Budget: input size ([`MAX_MARKDOWN_BYTES`]). pulldown-cmark 0.13 reads pathological input
//! (a million backticks, deeply nested brackets, emphasis or block quotes) in linear time;
//! the tests of this module check the cases known to have been quadratic in older versions.

mod reader;
mod shell;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use ops_model::Span;

use crate::diagnostic::{Budget, Diagnostic};
use crate::line_index::LineIndex;

pub use shell::{ShellLang, is_shell_lang, shell_lang};

/// Largest Markdown text read, in bytes (16 MiB). Larger texts yield nothing but a
/// [`Budget`] warning.
pub const MAX_MARKDOWN_BYTES: usize = 16 * 1024 * 1024;

/// The input-size budget of [`read_markdown`].
pub const MARKDOWN_INPUT_BUDGET: Budget = Budget {
    name: "input size",
    limit: MAX_MARKDOWN_BYTES,
    unit: "bytes",
};

/// A Markdown file as read by [`read_markdown`]: its code, its HTML and its lines.
pub struct Markdown<'a> {
    lines: LineIndex<'a>,
    /// Code blocks in document order.
    pub code_blocks: Vec<CodeBlock<'a>>,
    /// Inline code spans in document order (code spans in code blocks are not spans).
    pub code_spans: Vec<CodeSpan<'a>>,
    /// HTML blocks and inline HTML in document order.
    pub html: Vec<Html<'a>>,
    /// Headings in document order (none inside code blocks, which hold no headings).
    pub headings: Vec<Heading>,
    /// Budget warnings (the only thing that can go wrong: any text is Markdown).
    pub diagnostics: Vec<Diagnostic>,
}

/// How a code block is written (CommonMark 4.4 and 4.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeBlockKind {
    /// Between ```` ``` ```` or `~~~` fences, with an info string.
    Fenced,
    /// Indented by four spaces (no info string, no language).
    Indented,
}

/// The kind of a GitHub alert block quote (`> [!NOTE]` ... `> [!CAUTION]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callout {
    /// `> [!NOTE]`
    Note,
    /// `> [!TIP]`
    Tip,
    /// `> [!IMPORTANT]`
    Important,
    /// `> [!WARNING]`
    Warning,
    /// `> [!CAUTION]`
    Caution,
}

/// A block that holds a code block (CommonMark "container blocks").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// A block quote; `Some` for a GitHub callout.
    BlockQuote(Option<Callout>),
    /// A list item.
    ListItem,
}

/// One code block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeBlock<'a> {
    /// Fenced or indented.
    pub kind: CodeBlockKind,
    /// The whole info string of a fenced block (`sh title="x"`), `""` for an indented one.
    pub info: Cow<'a, str>,
    /// The language: the info string's first word, cut at whitespace, `{` or `,` (`sh`).
    /// Empty for an indented block or a fence without info. As written: compare it with
    /// [`is_shell_lang`], which ignores case.
    pub lang: Cow<'a, str>,
    /// Line of the opening fence (or of the first line of an indented block).
    pub start_line: u32,
    /// Line of the closing fence (or of the last line of the block; an unclosed fence runs
    /// to the end of its container, as in CommonMark).
    pub end_line: u32,
    /// The content lines, in order.
    pub lines: Vec<CodeLine<'a>>,
    /// The containers around the block, outermost first.
    pub containers: Vec<Container>,
}

impl CodeBlock<'_> {
    /// The GitHub callout the block is in, innermost first.
    pub fn callout(&self) -> Option<Callout> {
        self.containers.iter().rev().find_map(|c| match c {
            Container::BlockQuote(kind) => *kind,
            Container::ListItem => None,
        })
    }
}

/// One content line of a code block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLine<'a> {
    /// 1-based line in the file.
    pub line: u32,
    /// 1-based column (characters) where the content starts, after any block quote marker or
    /// list indentation that CommonMark strips.
    pub column: u32,
    /// The content, without its line ending. A tab that CommonMark splits between the
    /// container indentation and the content comes out as spaces (so columns past such a tab
    /// are approximate).
    pub text: Cow<'a, str>,
}

/// One inline code span (CommonMark 6.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeSpan<'a> {
    /// 1-based line of the content's first character.
    pub line: u32,
    /// 1-based column (characters) of the content's first character, after the opening
    /// backticks and the one space CommonMark strips.
    pub column: u32,
    /// 1-based line of the closing backticks (a span may run over several lines).
    pub end_line: u32,
    /// The content as CommonMark gives it: line endings turned into spaces, one leading and
    /// one trailing space stripped when both are present.
    pub text: Cow<'a, str>,
}

/// One heading (CommonMark 4.2 ATX headings, 4.3 setext headings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6 (`#` to `######`; a setext heading underlined with `=` is 1, with `-` is 2).
    pub level: u8,
    /// 1-based line where the heading starts.
    pub line: u32,
    /// 1-based line where it ends (a setext heading's underline).
    pub end_line: u32,
    /// Its plain text: inline markup removed, code spans kept as their content
    /// (`## Schema \`v2\` migrations` gives `Schema v2 migrations`).
    pub text: String,
}

/// Whether a piece of HTML is a block or inline (CommonMark 4.6 and 6.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HtmlKind {
    /// An HTML block: whole lines.
    Block,
    /// Inline HTML (a tag or a comment inside a paragraph).
    Inline,
}

/// One HTML block or one piece of inline HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Html<'a> {
    /// Block or inline.
    pub kind: HtmlKind,
    /// 1-based line and column of the first character.
    pub span: Span,
    /// 1-based line of the last character.
    pub end_line: u32,
    /// The HTML text (a block's lines joined, container markers such as `> ` removed).
    pub text: Cow<'a, str>,
    /// Where each stretch of `text` starts in the file: (byte offset in `text`, position),
    /// sorted; one entry per source line.
    pieces: Vec<(usize, Span)>,
}

impl Html<'_> {
    /// The position in the file of a byte offset in [`Html::text`].
    pub fn span_at(&self, offset: usize) -> Span {
        reader::span_in(&self.text, &self.pieces, offset)
    }
}

/// An HTML comment `<!-- ... -->` found in an [`Html`] piece.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlComment<'t> {
    /// Position of the `<!--`.
    pub span: Span,
    /// The text between `<!--` and `-->`, trimmed of surrounding whitespace.
    pub body: &'t str,
}

/// Reads a Markdown text. Never fails: any text is Markdown. A leading byte-order mark is
/// skipped (positions are unaffected: it is not a character of the first line's columns).
/// A text over [`MAX_MARKDOWN_BYTES`] yields nothing but a budget warning.
pub fn read_markdown(text: &str) -> Markdown<'_> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_MARKDOWN_BYTES {
        return Markdown {
            lines: LineIndex::new(""),
            code_blocks: Vec::new(),
            code_spans: Vec::new(),
            html: Vec::new(),
            headings: Vec::new(),
            diagnostics: vec![Diagnostic::budget(
                Span::new(1, 1),
                MARKDOWN_INPUT_BUDGET,
                "Markdown file not read",
            )],
        };
    }
    reader::read(text)
}

impl<'a> Markdown<'a> {
    /// The text of a 1-based line, without its line ending; `None` past the end.
    pub fn line(&self, line: u32) -> Option<&'a str> {
        self.lines.line(line as usize)
    }

    /// The first line (empty for an empty file). Generated files say so there:
    /// `<!-- Generated from X. Do not edit. -->`.
    pub fn first_line(&self) -> &'a str {
        self.lines.line(1).unwrap_or("")
    }

    /// The body of the first line when it is exactly one HTML comment (trimmed):
    /// `Generated from X. Do not edit.` for `<!-- Generated from X. Do not edit. -->`.
    pub fn header_comment(&self) -> Option<&'a str> {
        let line = self.first_line().trim();
        let body = line.strip_prefix("<!--")?.strip_suffix("-->")?;
        (!body.contains("-->")).then(|| body.trim())
    }

    /// Every line outside code blocks (fence lines included in the block), with its number:
    /// the prose, headings, tables, HTML and blank lines a rule reads as text.
    pub fn prose_lines(&self) -> impl Iterator<Item = (u32, &'a str)> + '_ {
        let mut blocks = self.code_blocks.iter().peekable();
        (1..=self.lines.len()).filter_map(move |n| {
            let n = ops_model::text::to_u32(n);
            while blocks.peek().is_some_and(|b| b.end_line < n) {
                blocks.next();
            }
            if blocks.peek().is_some_and(|b| b.start_line <= n) {
                return None;
            }
            Some((n, self.lines.line(n as usize).unwrap_or("")))
        })
    }

    /// The lines of the section a heading opens: from the heading to the line before the next
    /// heading of the same or a higher level (a smaller or equal `level`), or the end of the
    /// text. `index` is the heading's place in [`Markdown::headings`]; `None` past the end.
    pub fn section_lines(&self, index: usize) -> Option<std::ops::RangeInclusive<u32>> {
        let heading = self.headings.get(index)?;
        // The empty "line" after a final line ending is not a line of the text.
        let total = self.lines.len();
        let total = if total > 1 && self.lines.line(total) == Some("") {
            total - 1
        } else {
            total
        };
        let last = self.headings[index + 1..]
            .iter()
            .find(|h| h.level <= heading.level)
            .map_or(ops_model::text::to_u32(total), |h| h.line.saturating_sub(1));
        Some(heading.line..=last.max(heading.end_line))
    }

    /// Every HTML comment in HTML blocks and inline HTML, in document order. Suppression
    /// comments (`<!-- ops-check: ignore[CODE] reason -->`) are read from these.
    pub fn html_comments(&self) -> Vec<HtmlComment<'_>> {
        let mut out = Vec::new();
        for html in &self.html {
            let mut from = 0;
            while let Some(open) = html.text[from..].find("<!--").map(|i| from + i) {
                let body_at = open + 4;
                let Some(close) = html.text[body_at..].find("-->").map(|i| body_at + i) else {
                    break;
                };
                out.push(HtmlComment {
                    span: html.span_at(open),
                    body: html.text[body_at..close].trim(),
                });
                from = close + 3;
            }
        }
        out
    }
}
