//! Bash ANSI-C quoting `$'...'` (bash manual, "ANSI-C Quoting").

/// Decodes `$'...'` from the offset after the opening quote; returns the text and the
/// offset after the closing quote (past the end when unterminated).
pub(crate) fn ansi_c(src: &str, i: usize) -> (String, usize) {
    let mut out = String::new();
    let mut chars = src[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        match c {
            '\'' => return (out, i + k + 1),
            '\\' => {
                let Some((_, e)) = chars.next() else { break };
                let mut number = |max: usize, radix: u32, mut v: u32| {
                    let mut n = 0;
                    while n < max
                        && let Some(d) = chars.peek().and_then(|(_, d)| d.to_digit(radix))
                    {
                        v = v.saturating_mul(radix).saturating_add(d);
                        chars.next();
                        n += 1;
                    }
                    char::from_u32(v).unwrap_or('\u{FFFD}')
                };
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'e' | 'E' => out.push('\u{1b}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    'x' => out.push(number(2, 16, 0)),
                    'u' => out.push(number(4, 16, 0)),
                    'U' => out.push(number(8, 16, 0)),
                    '0'..='7' => out.push(number(2, 8, e.to_digit(8).unwrap_or(0))),
                    '\\' | '\'' | '"' | '?' => out.push(e),
                    other => {
                        out.push('\\');
                        out.push(other);
                    }
                }
            }
            c => out.push(c),
        }
    }
    (out, src.len() + 1)
}
