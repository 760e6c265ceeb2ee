//! A small shell lexer: enough of POSIX sh / bash to find words, operators and command
//! boundaries. Quotes, `$(...)`, `${...}`, backticks and `$((...))` are kept inside their
//! word; comments, line continuations and here-document bodies are skipped.

/// A token with its byte offset in the lexed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Word { text: String, start: usize },
    Op { text: String, start: usize },
    Newline,
}

const OPS: &[&str] = &[
    "&>>", "<<<", "<<-", "&&", "||", ";;", ";&", "|&", "&>", ">>", ">|", ">&", "<<", "<&", "<>",
    ";", "&", "|", "(", ")", "<", ">",
];

fn is_op_char(c: u8) -> bool {
    matches!(c, b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>')
}

/// Splits `text` into tokens.
pub fn lex(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut heredocs: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b'\r' {
            i += 1;
        } else if c == b'\\' && b.get(i + 1) == Some(&b'\n') {
            i += 2;
        } else if c == b'\n' {
            out.push(Token::Newline);
            i += 1;
            for (delim, strip_tabs) in heredocs.drain(..) {
                i = skip_heredoc(text, i, &delim, strip_tabs);
            }
        } else if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if is_op_char(c) && !(matches!(c, b'<' | b'>') && b.get(i + 1) == Some(&b'(')) {
            let op = OPS
                .iter()
                .find(|op| text[i..].starts_with(**op))
                .copied()
                .unwrap_or(";");
            out.push(Token::Op {
                text: op.to_string(),
                start: i,
            });
            i += op.len();
            if op == "<<" || op == "<<-" {
                // The next word is the here-document delimiter.
                let (word, next) = lex_word(text, skip_blanks(b, i));
                if !word.is_empty() {
                    heredocs.push((unquote(&word), op == "<<-"));
                    out.push(Token::Word {
                        text: word,
                        start: i,
                    });
                }
                i = next;
            }
        } else {
            let start = i;
            let (word, next) = lex_word(text, i);
            // `2>` and `2>>`: a word of digits right before a redirection is its fd.
            if word.bytes().all(|d| d.is_ascii_digit()) && matches!(b.get(next), Some(b'>' | b'<'))
            {
                let op = OPS
                    .iter()
                    .find(|op| text[next..].starts_with(**op))
                    .copied()
                    .unwrap_or(">");
                out.push(Token::Op {
                    text: format!("{word}{op}"),
                    start,
                });
                i = next + op.len();
                continue;
            }
            out.push(Token::Word { text: word, start });
            i = next.max(i + 1);
        }
    }
    out
}

fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

/// Skips here-document lines up to and including the delimiter line.
fn skip_heredoc(text: &str, mut i: usize, delim: &str, strip_tabs: bool) -> usize {
    while i < text.len() {
        let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
        let line = &text[i..end];
        let line = if strip_tabs {
            line.trim_start_matches('\t')
        } else {
            line
        };
        i = (end + 1).min(text.len());
        if line.trim_end_matches('\r') == delim {
            break;
        }
    }
    i
}

/// One word from `i`: returns it as written and the offset after it.
pub fn lex_word(text: &str, mut i: usize) -> (String, usize) {
    let b = text.as_bytes();
    let start = i;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' => break,
            b'\\' => i = (i + 2).min(b.len()),
            b'\'' => i = close_single(b, i + 1),
            b'"' => i = close_double(b, i + 1),
            b'`' => i = close_backtick(b, i + 1),
            b'$' if matches!(b.get(i + 1), Some(b'(')) => i = close_paren(b, i + 2),
            b'$' if matches!(b.get(i + 1), Some(b'{')) => i = close_brace(b, i + 2),
            b'<' | b'>' if b.get(i + 1) == Some(&b'(') => i = close_paren(b, i + 2),
            c if is_op_char(c) => break,
            _ => i += 1,
        }
    }
    (text[start..i.min(b.len())].to_string(), i.min(b.len()))
}

fn close_single(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] != b'\'' {
        i += 1;
    }
    (i + 1).min(b.len())
}

fn close_double(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'"' => return i + 1,
            b'\\' => i += 2,
            b'`' => i = close_backtick(b, i + 1),
            b'$' if matches!(b.get(i + 1), Some(b'(')) => i = close_paren(b, i + 2),
            b'$' if matches!(b.get(i + 1), Some(b'{')) => i = close_brace(b, i + 2),
            _ => i += 1,
        }
    }
    b.len()
}

fn close_backtick(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'`' => return i + 1,
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    b.len()
}

/// After `$(` (or `(`): the offset after the matching `)`.
pub fn close_paren(b: &[u8], i: usize) -> usize {
    close_group(b, i, b'(', b')')
}

/// After `${`: the offset after the matching `}`.
pub fn close_brace(b: &[u8], i: usize) -> usize {
    close_group(b, i, b'{', b'}')
}

/// After an `open` byte: the offset after its matching `close`, counting nested pairs and
/// skipping quoted text and escaped bytes. Inside braces a `$(...)` is skipped whole, since
/// it may hold braces of its own; inside parentheses the nesting count already covers it.
fn close_group(b: &[u8], mut i: usize, open: u8, close: u8) -> usize {
    let mut depth = 1;
    while i < b.len() {
        match b[i] {
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'\'' => {
                i = close_single(b, i + 1);
                continue;
            }
            b'"' => {
                i = close_double(b, i + 1);
                continue;
            }
            b'$' if open != b'(' && matches!(b.get(i + 1), Some(b'(')) => {
                i = close_paren(b, i + 2);
                continue;
            }
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// A word with quotes and backslashes removed (no expansion): for command names and
/// here-document delimiters.
pub fn unquote(word: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some('\''), c) => out.push(c),
            (_, '\\') => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            (_, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        lex(text)
            .into_iter()
            .map(|t| match t {
                Token::Word { text, .. } => format!("W:{text}"),
                Token::Op { text, .. } => format!("O:{text}"),
                Token::Newline => "NL".into(),
            })
            .collect()
    }

    #[test]
    fn words_operators_and_redirections() {
        assert_eq!(
            words("mkdir -p \"$(dirname \"$0\")/x\" && echo a>b 2>&1 # c\n"),
            [
                "W:mkdir",
                "W:-p",
                "W:\"$(dirname \"$0\")/x\"",
                "O:&&",
                "W:echo",
                "W:a",
                "O:>",
                "W:b",
                "O:2>&",
                "W:1",
                "NL"
            ]
        );
    }

    #[test]
    fn heredocs_and_continuations_are_skipped() {
        assert_eq!(
            words("cat <<'EOF' > out\n> not a redirect\nEOF\nls \\\n  x\n"),
            [
                "W:cat", "O:<<", "W:'EOF'", "O:>", "W:out", "NL", "W:ls", "W:x", "NL"
            ]
        );
    }

    #[test]
    fn unquotes() {
        assert_eq!(unquote(r#""a b"'c'\d"#), "a bcd");
    }
}
