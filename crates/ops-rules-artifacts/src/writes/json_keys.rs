//! The mapping keys of a JSON text, found by one byte scan without building a document:
//! ART009 reads a JSON manifest with the YAML reader only when one of its keys may name an
//! output, so a large JSON file whose keys do not (a surface with 200,000 entrypoints, a
//! dataset) is not composed into YAML nodes at all.
//!
//! The YAML reader reads more than JSON: a text the scan cannot vouch for (a plain scalar,
//! a single-quoted string, a comment, an anchor, two values in a row) is left to it.

/// Whether some key of `text` passes `wants`: `Some(true)` as soon as one does,
/// `Some(false)` when `text` is made only of JSON tokens (RFC 8259 strings, keys without raw
/// control characters, `{ } [ ] , :`, and `true`, `false`, `null` and numbers inside an
/// object or array) and no key does, `None` when it is not made only of them: a YAML
/// reader may then see keys this scan does not.
///
/// A key is a string, `true`/`false`/`null` or a number directly followed by `:`, wherever
/// it stands; a key with an escape is handed to `wants` decoded. A YAML flow-mapping key
/// written without `:` (`{"a"}`) is not asked: its value is null, which names no output.
/// A byte-order mark at the start is skipped. Each distinct key is asked once.
pub fn any_key(text: &str, mut wants: impl FnMut(&str) -> bool) -> Option<bool> {
    let bytes = text.as_bytes();
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // The token just before, when it was a value that could be a key: its text span and
    // whether it is a string with an escape.
    let mut last: Option<(usize, usize, bool)> = None;
    let mut asked = hashbrown::HashSet::new();
    // Open `{`/`[`: outside them (YAML's block context) a plain scalar runs on through
    // `,`, `[`, `]`, `{` and `}` (`1,"a": x` has the key `1,"a"`), so no bare word is read
    // there.
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            // Indentation comes in runs: skipped in a loop of its own.
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'"' => {
                if last.is_some() {
                    return None;
                }
                let (end, escaped) = string_end(bytes, i + 1)?;
                last = Some((i + 1, end, escaped));
                i = end + 1;
            }
            b':' => {
                let (start, end, escaped) = last.take()?;
                let key = &text[start..end];
                // A raw control character is not JSON, and YAML folds a line break in a
                // quoted key: the YAML reader's key is not this text.
                if key.bytes().any(|b| b < 0x20) {
                    return None;
                }
                if asked.insert(key) {
                    let hit = if escaped {
                        let decoded: String = serde_json::from_str(&text[start - 1..=end]).ok()?;
                        wants(&decoded)
                    } else {
                        wants(key)
                    };
                    if hit {
                        return Some(true);
                    }
                }
                i += 1;
            }
            b'{' | b'[' => {
                last = None;
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                last = None;
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b',' => {
                last = None;
                i += 1;
            }
            _ => {
                if last.is_some() || depth == 0 {
                    return None;
                }
                let end = bytes[i..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
                    .map_or(bytes.len(), |n| i + n);
                let word = &bytes[i..end];
                if word.is_empty() || !is_literal(word) {
                    return None;
                }
                last = Some((i, end, false));
                i = end;
            }
        }
    }
    Some(false)
}

/// The index of the quote that closes the string whose text starts at `from`, and whether
/// the string has an escape; `None` when no quote closes it.
fn string_end(bytes: &[u8], from: usize) -> Option<(usize, bool)> {
    let mut escaped = false;
    let mut j = from;
    loop {
        j += memchr::memchr2(b'"', b'\\', &bytes[j..])?;
        if bytes[j] == b'"' {
            return Some((j, escaped));
        }
        escaped = true;
        j += 2;
        if j >= bytes.len() {
            return None;
        }
    }
}

/// `true`, `false`, `null`, or a word that starts like a JSON number (a digit or `-`) and
/// holds only number characters.
fn is_literal(word: &[u8]) -> bool {
    matches!(word, b"true" | b"false" | b"null")
        || (matches!(word[0], b'0'..=b'9' | b'-')
            && word
                .iter()
                .all(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use ops_syntax::yaml::{NodeKind, ScalarValue};
    use proptest::prelude::*;

    use super::any_key;

    fn keys(text: &str) -> Option<Vec<String>> {
        let mut out = Vec::new();
        any_key(text, |k| {
            out.push(k.to_string());
            false
        })
        .map(|_| out)
    }

    #[test]
    fn keys_of_json_are_each_asked_once() {
        let text = r#"{"a": 1, "b": [{"a": true, "c": null}], "d": {"e": -1.5e3}}"#;
        assert_eq!(keys(text).unwrap(), ["a", "b", "c", "d", "e"]);
        assert_eq!(keys("\u{feff}[]").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn an_escaped_key_is_decoded_and_a_value_is_not_a_key() {
        let text = r#"{"out\u005fdir": "x:y", "s": "a\"b: c"}"#;
        assert_eq!(keys(text).unwrap(), ["out_dir", "s"]);
    }

    #[test]
    fn stops_at_the_first_wanted_key() {
        let text = r#"{"name": "a", "report_dir": "b", "z": 1}"#;
        let mut asked = 0;
        assert_eq!(
            any_key(text, |k| {
                asked += 1;
                k == "report_dir"
            }),
            Some(true)
        );
        assert_eq!(asked, 2);
    }

    #[test]
    fn text_that_is_not_only_json_tokens_is_left_to_the_yaml_reader() {
        for text in [
            "out: x",
            "{out: x}",
            "'out': x",
            "\"a\": 1\n\"b\": 2",
            "# c\n{}",
            "{\"a\": &x 1}",
            "{\"a\": \"unterminated}",
            "{\"raw\ttab\": 1}",
            "- \"out\": 1",
            "{\"a\": tru}",
            "1,\"out\": x",
            "1{\"out\": \"x\"",
        ] {
            assert_eq!(keys(text), None, "{text:?}");
        }
    }

    /// The keys the YAML reader sees in `text` with a value ART009's manifest reader reads
    /// (a string or a sequence), or `None` when it does not read `text`.
    fn yaml_keys(text: &str) -> Option<BTreeSet<String>> {
        let docs = ops_syntax::yaml::read_yaml(text).ok()?;
        Some(
            docs.iter()
                .flat_map(|d| d.root.all_entries())
                .filter(|e| match &e.value.kind {
                    NodeKind::Scalar(s) => s.value == ScalarValue::Str,
                    NodeKind::Sequence(_) => true,
                    _ => false,
                })
                .filter_map(|e| e.key.as_str().map(str::to_string))
                .collect(),
        )
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let key = prop::sample::select(vec!["out_dir", "name", "a\"b", "x: y", "é", "", "1"]);
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            (-1000i64..1000).prop_map(serde_json::Value::from),
            "[a-z :#\"'-]{0,6}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 24, 4, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                prop::collection::vec((key.clone(), inner), 0..4).prop_map(|kv| {
                    serde_json::Value::Object(
                        kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                    )
                }),
            ]
        })
    }

    proptest! {
        /// A JSON object or array is always scanned, and the scan asks about every key the
        /// YAML reader sees with a value the manifest reader reads.
        #[test]
        fn json_is_scanned_and_every_yaml_key_is_asked(v in json_value(), pretty in any::<bool>()) {
            let text = if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            };
            // A bare scalar document (`null`, `1`) has no keys and is left to the reader.
            let Some(asked) = keys(&text) else {
                prop_assert!(!v.is_object() && !v.is_array(), "{text} is not scanned");
                return Ok(());
            };
            let asked: BTreeSet<String> = asked.into_iter().collect();
            if let Some(seen) = yaml_keys(&text) {
                prop_assert!(seen.is_subset(&asked), "{text}: {seen:?} not in {asked:?}");
            }
        }

        /// On any text, a scan that answers asks about every key the YAML reader sees with
        /// a value the manifest reader reads: a file it skips names no output.
        #[test]
        fn a_scan_that_answers_misses_no_yaml_key(
            tokens in prop::collection::vec(prop_oneof![
                // JSON tokens, and a few that only YAML reads.
                8 => prop::sample::select(vec![
                    "{", "}", "[", "]", ",", ": ", ":", "\"a\"", "\"b c\"", "\"b\\u0063\"",
                    "1", "true", " ", "\n", "- ", "---\n",
                ]),
                1 => prop::sample::select(vec!["? ", "#x", "'a'", "&x ", "*x", "a", "!t ", "\"d\n e\""]),
            ], 0..10)
        ) {
            let text = tokens.concat();
            if let (Some(asked), Some(seen)) = (keys(&text), yaml_keys(&text)) {
                let asked: BTreeSet<String> = asked.into_iter().collect();
                prop_assert!(seen.is_subset(&asked), "{text:?}: {seen:?} not in {asked:?}");
            }
        }
    }
}
