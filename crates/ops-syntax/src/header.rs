//! A file's header: the comments at its top, before any code or content, in the comment
//! syntax of its kind.
//!
//! Generators say "generated, do not edit" there: Go's `// Code generated ... DO NOT EDIT.`
//! (<https://go.dev/s/generatedcode>), `# @generated`, `<!-- Generated from x. Do not edit.
//! -->`, a Python module docstring. What counts as a marker is the caller's business; this
//! module only says which comments form the header.
//!
//! - A `#!` first line, blank lines, a YAML document start `---` and an XML declaration
//!   (`<?xml ...?>`) may precede the comments; the first other line ends the header.
//! - Shell, make, YAML, TOML and workflow files comment with `#`; Python with `#` or a
//!   docstring (`"""`, `'''`). Files of other kinds may use any of `#`, `//`, `///`,
//!   `/* */`, `<!-- -->`, `{{/* */}}` (Helm), `{# #}` (Jinja), `--`, `;`, `%` and `"""`.
//! - Markdown is read with the CommonMark reader ([`crate::markdown`]): its header is its
//!   first HTML comment when only blank lines precede it.
//!
//! Work budget: at most `max_lines` lines are read, whatever the file's size.

use std::borrow::Cow;

use ops_model::FileKind;

use crate::markdown::read_markdown;

/// One comment of a file's header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderComment<'t> {
    /// 1-based line where the comment (or, for a block comment, this line of it) starts.
    pub line: u32,
    /// The comment's text on that line, without comment characters, trimmed. A Markdown
    /// HTML comment gives its whole body (several lines) at once.
    pub body: Cow<'t, str>,
}

/// The header comments of `text`, a file of `kind`, among its first `max_lines` lines, in
/// order. Each line of a block comment is one [`HeaderComment`].
pub fn header_comments(text: &str, kind: FileKind, max_lines: usize) -> Vec<HeaderComment<'_>> {
    if kind == FileKind::Markdown {
        return markdown_header(head(text, max_lines)).into_iter().collect();
    }
    let mut out = Vec::new();
    let mut in_block = false;
    // The lines are taken as they come, not cut to `max_lines` first: the header ends at
    // its first other line, and finding the cut scanned the whole of most files.
    for (n, line) in ops_model::text::numbered_lines(text).take(max_lines) {
        let trimmed = line.trim();
        if trimmed.is_empty()
            || (n == 1 && trimmed.starts_with("#!"))
            || trimmed == "---"
            || trimmed.starts_with("<?xml")
        {
            continue;
        }
        let Some(body) = comment_body(trimmed, kind, in_block) else {
            break;
        };
        in_block = opens_block(trimmed, in_block);
        out.push(HeaderComment {
            line: n,
            body: Cow::Borrowed(body),
        });
    }
    out
}

/// The first `lines` lines of `text` (with their line ends).
fn head(text: &str, lines: usize) -> &str {
    let end = text
        .match_indices('\n')
        .nth(lines.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i + 1);
    if lines == 0 { "" } else { &text[..end] }
}

/// The header of a Markdown head: its first HTML comment, when only blank lines precede it.
fn markdown_header(head: &str) -> Option<HeaderComment<'_>> {
    let md = read_markdown(head);
    let first = md.html_comments().into_iter().next()?;
    let blank_before =
        (1..first.span.line).all(|n| md.line(n).is_some_and(|l| l.trim().is_empty()));
    blank_before.then_some(HeaderComment {
        line: first.span.line,
        body: Cow::Owned(first.body.to_string()),
    })
}

/// The text of a comment line (without its comment characters), or `None` when the line is
/// not a comment in a file of `kind` (not Markdown).
fn comment_body(line: &str, kind: FileKind, in_block: bool) -> Option<&str> {
    let openers: &[&str] = match kind {
        FileKind::Shell | FileKind::Make | FileKind::Yaml | FileKind::Toml | FileKind::Workflow => {
            &["#"]
        }
        FileKind::Python => &["#", "\"\"\"", "'''"],
        _ => &[
            "<!--", "{{/*", "{{- /*", "{#", "///", "//", "/*", "#", "--", ";;", ";", "%", "\"\"\"",
        ],
    };
    let body = match openers.iter().find(|o| line.starts_with(*o)) {
        Some(o) => &line[o.len()..],
        None if in_block => line.strip_prefix('*').unwrap_or(line),
        None => return None,
    };
    let mut body = body.trim();
    for closer in ["-->", "*/}}", "*/ -}}", "*/", "#}", "\"\"\"", "'''"] {
        body = trim_end_str(body, closer);
    }
    Some(body.trim_start_matches(['!', '*', '/', '-', ' ']).trim())
}

/// `text.trim_end_matches(suffix)` by `strip_suffix`: the same slice, without setting up a
/// substring searcher for each of seven closers on each header line (a tenth of reading
/// the headers of a 20,000-file tree).
fn trim_end_str<'t>(mut text: &'t str, suffix: &str) -> &'t str {
    while let Some(rest) = text.strip_suffix(suffix) {
        text = rest;
    }
    text
}

/// Whether a block comment (`/*`, `<!--`, a docstring) is open after `line`.
fn opens_block(line: &str, in_block: bool) -> bool {
    let pairs = [
        ("/*", "*/"),
        ("<!--", "-->"),
        ("\"\"\"", "\"\"\""),
        ("'''", "'''"),
    ];
    if in_block {
        return !pairs.iter().any(|(_, close)| line.ends_with(close));
    }
    pairs.iter().any(|(open, close)| {
        line.starts_with(open) && !(line.len() > open.len() && line[open.len()..].contains(close))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bodies(text: &str, kind: FileKind) -> Vec<(u32, String)> {
        header_comments(text, kind, 5)
            .into_iter()
            .map(|c| (c.line, c.body.into_owned()))
            .collect()
    }

    fn pairs(expected: &[(u32, &str)]) -> Vec<(u32, String)> {
        expected
            .iter()
            .map(|(l, b)| (*l, (*b).to_string()))
            .collect()
    }

    #[test]
    fn comment_syntaxes() {
        assert_eq!(
            bodies(
                "#!/bin/sh\n# @generated by tools/gen\n\n# two\necho\n# later\n",
                FileKind::Shell
            ),
            pairs(&[(2, "@generated by tools/gen"), (4, "two")])
        );
        assert_eq!(
            bodies(
                "/*\n * This file is generated.\n */\nint x;\n",
                FileKind::Other
            ),
            pairs(&[(1, ""), (2, "This file is generated."), (3, "")])
        );
        assert_eq!(
            bodies(
                "---\n# Generated by helm. DO NOT EDIT.\nkind: x\n",
                FileKind::Yaml
            ),
            pairs(&[(2, "Generated by helm. DO NOT EDIT.")])
        );
        assert_eq!(
            bodies(
                "\"\"\"Autogenerated by gen.py.\"\"\"\nimport os\n",
                FileKind::Python
            ),
            pairs(&[(1, "Autogenerated by gen.py.")])
        );
        // `//` is not a comment in a shell script.
        assert_eq!(bodies("// x\n", FileKind::Shell), pairs(&[]));
    }

    #[test]
    fn markdown_header_is_the_first_html_comment_before_content() {
        assert_eq!(
            bodies(
                "\n<!--\n  Generated by atlasctl docs gen.\n-->\n# T\n",
                FileKind::Markdown
            ),
            pairs(&[(2, "Generated by atlasctl docs gen.")])
        );
        assert_eq!(
            bodies("# T\n<!-- Generated from x. -->\n", FileKind::Markdown),
            pairs(&[])
        );
    }

    #[test]
    fn only_max_lines_are_read() {
        assert_eq!(bodies("\n\n\n\n\n# late\n", FileKind::Shell), pairs(&[]));
        assert_eq!(header_comments("# a\n", FileKind::Shell, 0), []);
    }

    proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,300}", lines in 0usize..8, kind in 0usize..4) {
            let kind = [FileKind::Shell, FileKind::Python, FileKind::Markdown, FileKind::Other][kind];
            let _ = header_comments(&text, kind, lines);
        }

        /// Taking `lines` lines of the text gives the lines of its head of `lines` lines.
        #[test]
        fn taken_lines_are_the_head_lines(text in "(a|#|\\r|\\n| ){0,20}", lines in 0usize..6) {
            let taken: Vec<_> = ops_model::text::numbered_lines(&text).take(lines).collect();
            let cut: Vec<_> = ops_model::text::numbered_lines(head(&text, lines)).collect();
            prop_assert_eq!(taken, cut);
        }
    }

    proptest! {
        /// `trim_end_str` is `trim_end_matches` with a string pattern.
        #[test]
        fn trim_end_str_is_trim_end_matches(text in "[-*/>}# ]{0,12}", suffix in "[-*/>}#]{1,3}") {
            prop_assert_eq!(trim_end_str(&text, &suffix), text.trim_end_matches(suffix.as_str()));
        }
    }
}
