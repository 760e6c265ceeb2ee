//! Just enough markdown: fenced code blocks and inline code spans, with positions.

use ops_model::text::numbered_lines;

/// One line of a markdown file, classified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MdLine<'a> {
    /// An opening or closing fence line.
    Fence { line: u32 },
    /// A line inside a fenced code block; `lang` is the fence's info word (may be empty).
    Code {
        line: u32,
        text: &'a str,
        lang: &'a str,
    },
    /// Any other line.
    Prose { line: u32, text: &'a str },
}

/// Classifies every line. An unclosed fence runs to the end of the file, as in CommonMark.
pub fn lines(text: &str) -> Vec<MdLine<'_>> {
    let mut out = Vec::new();
    // (fence char, fence length, info word)
    let mut open: Option<(char, usize, &str)> = None;
    for (n, line) in numbered_lines(text) {
        let fence = fence_of(line);
        match (open, fence) {
            (None, Some((ch, len, info))) => {
                open = Some((ch, len, info));
                out.push(MdLine::Fence { line: n });
            }
            (Some((ch, len, _)), Some((c2, l2, info)))
                if c2 == ch && l2 >= len && info.is_empty() =>
            {
                open = None;
                out.push(MdLine::Fence { line: n });
            }
            (Some((_, _, lang)), _) => out.push(MdLine::Code {
                line: n,
                text: line,
                lang,
            }),
            (None, None) => out.push(MdLine::Prose {
                line: n,
                text: line,
            }),
        }
    }
    out
}

/// A fence line: up to three spaces, then three or more backticks or tildes, then an info
/// string whose first word is the language.
fn fence_of(line: &str) -> Option<(char, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let ch = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = rest.len() - rest.trim_start_matches(ch).len();
    if len < 3 {
        return None;
    }
    let info = rest[len..].trim();
    if ch == '`' && info.contains('`') {
        return None;
    }
    let lang = info
        .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()
        .unwrap_or("");
    Some((ch, len, lang))
}

/// An inline code span: its content (trimmed of one surrounding space, as CommonMark does)
/// and the 1-based character column where the content starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeSpan<'a> {
    pub column: u32,
    pub text: &'a str,
}

/// The code spans of one prose line. Backslash escapes outside spans are honoured; an
/// unmatched backtick run is literal text.
pub fn code_spans(line: &str) -> Vec<CodeSpan<'_>> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => {
                let run = count_run(bytes, i);
                let start = i + run;
                match find_closing(bytes, start, run) {
                    Some(end) => {
                        let raw = &line[start..end];
                        let text = strip_one_space(raw);
                        let offset = start + (raw.len() - raw.trim_start().len()).min(1);
                        let column = line[..offset].chars().count() + 1;
                        spans.push(CodeSpan {
                            column: ops_model::text::to_u32(column),
                            text,
                        });
                        i = end + run;
                    }
                    None => i = start,
                }
            }
            _ => i += 1,
        }
    }
    spans
}

fn count_run(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().take_while(|b| **b == b'`').count()
}

fn find_closing(bytes: &[u8], mut from: usize, run: usize) -> Option<usize> {
    while from < bytes.len() {
        if bytes[from] == b'`' {
            let len = count_run(bytes, from);
            if len == run {
                return Some(from);
            }
            from += len;
        } else {
            from += 1;
        }
    }
    None
}

fn strip_one_space(raw: &str) -> &str {
    if raw.len() >= 2 && raw.starts_with(' ') && raw.ends_with(' ') && !raw.trim().is_empty() {
        &raw[1..raw.len() - 1]
    } else {
        raw
    }
}

/// Is a fenced block of this language a shell session or script?
pub fn is_shell_lang(lang: &str) -> bool {
    matches!(
        lang.to_ascii_lowercase().as_str(),
        "" | "sh" | "bash" | "shell" | "zsh" | "console" | "shell-session" | "terminal"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_and_prose() {
        let text = "a\n```sh\nmake x\n````\n```\nb\n~~~\n";
        let kinds: Vec<_> = lines(text)
            .into_iter()
            .map(|l| match l {
                MdLine::Fence { line } => format!("F{line}"),
                MdLine::Code { line, lang, .. } => format!("C{line}:{lang}"),
                MdLine::Prose { line, .. } => format!("P{line}"),
            })
            .collect();
        // A longer closing fence closes; ``` after it opens a new block closed by nothing
        // (``` and ~~~ do not close each other).
        assert_eq!(kinds, ["P1", "F2", "C3:sh", "F4", "F5", "C6:", "C7:"]);
    }

    #[test]
    fn spans_with_columns() {
        let spans = code_spans("run `make ops-up` or `` a`b `` and \\`not`");
        let got: Vec<_> = spans.iter().map(|s| (s.column, s.text)).collect();
        assert_eq!(got, [(6, "make ops-up"), (25, "a`b")]);
        assert!(code_spans("unclosed `tick").is_empty());
    }
}
