//! String literal bodies, decoded as the language reference's
//! [escape sequences](https://docs.python.org/3/reference/lexical_analysis.html#escape-sequences)
//! say. The parser gives the prefix (`rb"`, `f'''`) and the body separately.

/// What a string prefix (`r`, `b`, `f`, `t`, `u`, any case, any order) changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Prefix {
    /// `r`: backslashes are kept as written.
    pub raw: bool,
    /// `f` (or a `t` template string): `{{` and `}}` stand for one brace, `{...}` is an
    /// interpolation (a separate node).
    pub formatted: bool,
}

impl Prefix {
    /// The prefix of a `string_start` token such as `rb"` or `F'''`.
    pub fn of(start: &str) -> Prefix {
        let letters = start.trim_end_matches(['"', '\'']).to_ascii_lowercase();
        Prefix {
            raw: letters.contains('r'),
            formatted: letters.contains('f') || letters.contains('t'),
        }
    }
}

/// The value of one stretch of a string body, or `None` when it holds an escape whose value
/// cannot be known without Python's Unicode name table (`\N{...}`).
pub(super) fn decode(body: &str, prefix: Prefix) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if prefix.formatted => {
                // `{{` is one brace; a lone brace here would be an interpolation, which the
                // parser hands over separately, so keep it as written.
                if chars.peek() == Some(&c) {
                    chars.next();
                }
                out.push(c);
            }
            '\\' if !prefix.raw => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match e {
                    '\n' => {}
                    '\r' => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                    }
                    '\\' | '\'' | '"' => out.push(e),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'v' => out.push('\u{b}'),
                    '0'..='7' => {
                        let mut digits = e.to_string();
                        while digits.len() < 3
                            && chars.peek().is_some_and(|d| ('0'..='7').contains(d))
                        {
                            digits.extend(chars.next());
                        }
                        out.push(code_point(&digits, 8)?);
                    }
                    'x' => out.push(code_point(&take(&mut chars, 2), 16)?),
                    'u' => out.push(code_point(&take(&mut chars, 4), 16)?),
                    'U' => out.push(code_point(&take(&mut chars, 8), 16)?),
                    'N' => return None,
                    // An unknown escape keeps its backslash.
                    other => {
                        out.push('\\');
                        out.push(other);
                    }
                }
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

fn take(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize) -> String {
    let mut s = String::with_capacity(n);
    for _ in 0..n {
        match chars.next() {
            Some(c) => s.push(c),
            None => break,
        }
    }
    s
}

fn code_point(digits: &str, radix: u32) -> Option<char> {
    u32::from_str_radix(digits, radix)
        .ok()
        .and_then(char::from_u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(
            Prefix::of("rb'"),
            Prefix {
                raw: true,
                formatted: false
            }
        );
        assert_eq!(
            Prefix::of("F\"\"\""),
            Prefix {
                raw: false,
                formatted: true
            }
        );
        assert_eq!(Prefix::of("'"), Prefix::default());
    }

    #[test]
    fn escapes() {
        let plain = Prefix::default();
        assert_eq!(
            decode(r"a\\b\'\n\x41\u00e9\101\q", plain).as_deref(),
            Some("a\\b'\nAéA\\q")
        );
        assert_eq!(decode("a\\\nb", plain).as_deref(), Some("ab"));
        assert_eq!(decode(r"\N{DASH}", plain), None);
        assert_eq!(decode(r"a\nb", Prefix::of("r'")).as_deref(), Some(r"a\nb"));
        assert_eq!(decode("{{x}}", Prefix::of("f'")).as_deref(), Some("{x}"));
        assert_eq!(decode("\\", plain).as_deref(), Some("\\"));
    }
}
