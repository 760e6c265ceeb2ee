//! JSON pointers (RFC 6901) and where they point in JSON text.
//!
//! `serde_json` forgets positions once a value is parsed, so the line and column of a
//! failing value come from a second read of the text by `ops_syntax::yaml`, which keeps
//! positions (JSON is YAML 1.2). It runs only for files with a value to report.

use ops_model::Span;

use std::sync::OnceLock;

use ops_syntax::yaml::{NodePosition, YamlDocument, read_yaml};

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

/// Positions in one JSON text, read on first use by the project's YAML reader (JSON is
/// YAML 1.2, and that reader keeps every node's position) and then shared by every lookup.
pub struct JsonPositions<'t> {
    text: &'t str,
    docs: OnceLock<Vec<YamlDocument>>,
}

impl<'t> JsonPositions<'t> {
    /// Nothing is read until the first [`JsonPositions::locate`].
    pub fn new(text: &'t str) -> JsonPositions<'t> {
        JsonPositions {
            text,
            docs: OnceLock::new(),
        }
    }

    /// The position of the value at `pointer`, and of its key when it is an object member.
    /// `None` when the text does not hold that pointer (or is not JSON).
    pub fn locate(&self, pointer: &str) -> Option<NodePosition> {
        self.docs
            .get_or_init(|| read_yaml(self.text).unwrap_or_default())
            .first()?
            .position(pointer)
    }
}

/// The position of the value at `pointer` in JSON `text`, and of its key when it is an object
/// member. `None` when the text does not hold that pointer (or is not JSON). Reads the text
/// each call: for several lookups in one text the crate uses `JsonPositions` (private).
pub fn locate_json(text: &str, pointer: &str) -> Option<NodePosition> {
    JsonPositions::new(text).locate(pointer)
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
        // A sequence item's "key" is the item itself (the YAML reader's convention).
        assert_eq!(at("/a~1b/x/2"), Some((Some((3, 35)), (3, 35))));
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
        assert_eq!(at(&p), None);
    }

    /// Found by the `manifest` fuzz target: a JSON text with 122 lone CRs had its nodes
    /// placed on line 124 of an 8-line text (the YAML reader counted CR as a line end).
    #[test]
    fn positions_are_lines_of_the_text_whatever_its_line_ends() {
        let text = include_str!("fuzz/crash-6319cd21.json");
        let lines = u32::try_from(text.matches('\n').count() + 1).unwrap();
        let at = locate_json(text, "/levels").unwrap();
        assert!(at.value.line <= lines, "{at:?}");
        assert_eq!(at.key.map(|k| k.line), Some(2));
    }
}
