//! JSON pointers (RFC 6901) and where they point in JSON text.
//!
//! `serde_json` forgets positions once a value is parsed, so finding the line and column of a
//! failing value means walking the text again. The walk below understands just enough JSON to
//! step over values: strings (with escapes), nesting, scalars. It runs only for values that
//! are reported, never for every file.

use ops_model::Span;
use ops_model::text::line_column;

use ops_syntax::yaml::NodePosition;

/// The position of a JSON syntax error; serde reports column 0 at the end of a line (or of
/// the input), which editors do not understand.
pub fn syntax_span(line: u32, column: u32) -> Span {
    Span::new(line.max(1), column.max(1))
}

/// Appends one escaped reference token (`a/b` becomes `/a~1b`).
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The unescaped reference tokens of a pointer (`""` has none).
pub fn tokens(pointer: &str) -> Vec<String> {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// The position of the value at `pointer` in JSON `text`, and of its key when it is an object
/// member. `None` when the text does not hold that pointer (or is not JSON).
pub fn locate_json(text: &str, pointer: &str) -> Option<NodePosition> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = body.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    let mut key = None;
    for token in tokens(pointer) {
        match bytes.get(pos)? {
            b'{' => {
                let (k, v) = find_member(body, pos, &token)?;
                key = Some(k);
                pos = v;
            }
            b'[' => {
                let index: usize = token.parse().ok()?;
                pos = find_element(bytes, pos, index)?;
                key = None;
            }
            _ => return None,
        }
    }
    let span = |offset: usize| {
        let (line, column) = line_column(body, offset);
        Span::new(line, column)
    };
    Some(NodePosition {
        key: key.map(span),
        value: span(pos),
    })
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// The end (exclusive) of the string starting at `pos` (which holds `"`).
fn string_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The end (exclusive) of the value starting at `pos`.
fn value_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = pos;
    loop {
        match *bytes.get(i)? {
            b'"' => {
                i = string_end(bytes, i)?;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
}

/// Key offset and value offset of member `name` of the object at `pos`.
fn find_member(text: &str, pos: usize, name: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = skip_ws(bytes, pos + 1);
    loop {
        if *bytes.get(i)? != b'"' {
            return None;
        }
        let key_start = i;
        let key_end = string_end(bytes, i)?;
        let key: String = serde_json::from_str(text.get(key_start..key_end)?).ok()?;
        i = skip_ws(bytes, key_end);
        if *bytes.get(i)? != b':' {
            return None;
        }
        let value = skip_ws(bytes, i + 1);
        if key == name {
            return Some((key_start, value));
        }
        i = skip_ws(bytes, value_end(bytes, value)?);
        if *bytes.get(i)? != b',' {
            return None;
        }
        i = skip_ws(bytes, i + 1);
    }
}

/// Offset of element `index` of the array at `pos`.
fn find_element(bytes: &[u8], pos: usize, index: usize) -> Option<usize> {
    let mut i = skip_ws(bytes, pos + 1);
    if *bytes.get(i)? == b']' {
        return None;
    }
    for _ in 0..index {
        i = skip_ws(bytes, value_end(bytes, i)?);
        if *bytes.get(i)? != b',' {
            return None;
        }
        i = skip_ws(bytes, i + 1);
    }
    Some(i)
}

/// Undoes the percent-encoding URIs put on fragments (`%24defs` is `$defs`).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"name\": \"smoke\",\n  \"a/b\": {\"x\": [1, {\"y\": \"q\\\"}\"}, 3]},\n  \"suites\": [\n    {\"vus\": 2},\n    {\"vus\": \"x\"}\n  ]\n}\n";

    type Found = Option<(Option<(u32, u32)>, (u32, u32))>;

    fn at(pointer: &str) -> Found {
        locate_json(TEXT, pointer).map(|p| {
            (
                p.key.map(|s| (s.line, s.column)),
                (p.value.line, p.value.column),
            )
        })
    }

    #[test]
    fn finds_values_and_keys() {
        assert_eq!(at(""), Some((None, (1, 1))));
        assert_eq!(at("/name"), Some((Some((2, 3)), (2, 11))));
        assert_eq!(at("/suites/1/vus"), Some((Some((6, 6)), (6, 13))));
        assert_eq!(at("/a~1b/x/2"), Some((None, (3, 35))));
        assert_eq!(at("/a~1b/x/1/y"), Some((Some((3, 21)), (3, 26))));
    }

    #[test]
    fn missing_pointers_and_garbage_are_none() {
        assert_eq!(at("/nope"), None);
        assert_eq!(at("/suites/7"), None);
        assert_eq!(at("/name/x"), None);
        assert_eq!(locate_json("{\"a\": [1, 2", "/a/5"), None);
        assert_eq!(locate_json("", "/a"), None);
    }

    #[test]
    fn tokens_round_trip() {
        let mut p = String::new();
        push_token(&mut p, "a/b");
        push_token(&mut p, "t~x");
        assert_eq!(p, "/a~1b/t~0x");
        assert_eq!(tokens(&p), vec!["a/b", "t~x"]);
        assert!(tokens("").is_empty());
        assert!(tokens("#").is_empty());
    }
}
