//! The identifiers (`$id`) and references (`$ref`) of a schema document, with the base URI
//! each one resolves against.
//!
//! The registry reads these before it hands anything to the validator: a reference that
//! would need the network is reported and the schema is kept out of the compiled set, so the
//! validator never even asks for it.

use crate::binding::has_scheme;
use jsonschema::uri;
use ops_model::RepoPath;
use serde_json::Value;

use crate::pointer::push_token;

/// Keywords whose values are data, not schemas: a `"$ref"` string inside them is not a
/// reference.
const DATA_KEYWORDS: &[&str] = &["enum", "const", "examples", "default"];

/// Keywords that reference another schema.
const REF_KEYWORDS: &[&str] = &["$ref", "$dynamicRef", "$recursiveRef"];

/// An identifier declared in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdSite {
    /// Where the `$id` is, as a JSON pointer to its object.
    pub pointer: String,
    /// The absolute URI it declares, without fragment.
    pub uri: String,
}

/// A reference made by a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefSite {
    /// JSON pointer to the reference string itself (`/properties/a/$ref`).
    pub pointer: String,
    /// The reference as written.
    pub text: String,
    /// The base it resolves against.
    pub base: String,
    /// The resolved absolute URI (with fragment), or why it does not resolve.
    pub resolved: Result<String, String>,
}

impl RefSite {
    /// The resolved URI without its fragment: the document it needs.
    pub fn target(&self) -> Option<&str> {
        let resolved = self.resolved.as_ref().ok()?;
        Some(resolved.split('#').next().unwrap_or(resolved))
    }

    /// The fragment, with its `#`, or `""`.
    pub fn fragment(&self) -> &str {
        self.text.find('#').map(|i| &self.text[i..]).unwrap_or("")
    }

    /// Whether the reference was written as a relative reference (no scheme).
    pub fn is_relative(&self) -> bool {
        !has_scheme(&self.text)
    }
}

/// The URI scheme of an absolute URI (`https`), lowercased.
pub fn scheme(uri: &str) -> String {
    uri.split(':').next().unwrap_or("").to_ascii_lowercase()
}

/// The `file:` URI a schema file is registered under (`file:///ops/_schemas/a.json`).
pub fn file_uri(path: &RepoPath) -> String {
    let mut out = String::from("file:///");
    for b in path.as_str().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The repository path of a `file:` URI made by [`file_uri`].
pub fn path_of_file_uri(uri: &str) -> Option<String> {
    let rest = uri.strip_prefix("file:///")?;
    let rest = rest.split('#').next().unwrap_or(rest);
    let mut bytes = Vec::with_capacity(rest.len());
    let raw = rest.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%'
            && let Some(hex) = rest.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            bytes.push(b);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    String::from_utf8(bytes).ok()
}

/// Resolves `reference` against `base`, dropping an empty trailing fragment.
pub fn resolve(base: &str, reference: &str) -> Result<String, String> {
    let base = uri::from_str(base).map_err(|e| e.to_string())?;
    let resolved = uri::resolve_against(&base.borrow(), reference).map_err(|e| e.to_string())?;
    Ok(resolved
        .as_str()
        .strip_suffix('#')
        .unwrap_or(resolved.as_str())
        .to_string())
}

/// Every `$id` and `$ref` of `doc`, whose retrieval URI is `base`.
///
/// `id_keyword` is `$id`, or `id` for draft-04 documents.
pub fn scan(doc: &Value, base: &str, id_keyword: &str) -> (Vec<IdSite>, Vec<RefSite>) {
    let mut ids = Vec::new();
    let mut refs = Vec::new();
    let mut pointer = String::new();
    walk(doc, base, id_keyword, &mut pointer, &mut ids, &mut refs, 0);
    (ids, refs)
}

/// Deep enough for any real schema; a deeper document is not walked further (the validator
/// still sees it whole).
const MAX_DEPTH: usize = 256;

fn walk(
    value: &Value,
    base: &str,
    id_keyword: &str,
    pointer: &mut String,
    ids: &mut Vec<IdSite>,
    refs: &mut Vec<RefSite>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            let mut base = base.to_string();
            if let Some(Value::String(id)) = map.get(id_keyword)
                && !id.starts_with('#')
                && let Ok(uri) = resolve(&base, id)
            {
                let uri = uri.split('#').next().unwrap_or(&uri).to_string();
                ids.push(IdSite {
                    pointer: pointer.clone(),
                    uri: uri.clone(),
                });
                base = uri;
            }
            for keyword in REF_KEYWORDS {
                if let Some(Value::String(text)) = map.get(*keyword) {
                    let mut at = pointer.clone();
                    push_token(&mut at, keyword);
                    refs.push(RefSite {
                        pointer: at,
                        text: text.clone(),
                        base: base.clone(),
                        resolved: resolve(&base, text),
                    });
                }
            }
            for (key, child) in map {
                if DATA_KEYWORDS.contains(&key.as_str()) {
                    continue;
                }
                let len = pointer.len();
                push_token(pointer, key);
                walk(child, &base, id_keyword, pointer, ids, refs, depth + 1);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = pointer.len();
                push_token(pointer, &i.to_string());
                walk(child, base, id_keyword, pointer, ids, refs, depth + 1);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Replaces the string at `pointer` inside `doc`.
pub fn set_string(doc: &mut Value, pointer: &str, text: String) {
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = Value::String(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_ids_and_refs_with_bases() {
        let doc = json!({
            "$id": "https://atlas.example/s/suite.v1.json",
            "properties": {
                "a": {"$ref": "common.v1.json#/$defs/name"},
                "b": {"$id": "nested/", "items": {"$ref": "x.json"}},
                "$ref": {"type": "string"},
                "c": {"const": {"$ref": "not-a-ref"}}
            }
        });
        let (ids, refs) = scan(&doc, "file:///ops/_schemas/suite.v1.json", "$id");
        let uris: Vec<&str> = ids.iter().map(|i| i.uri.as_str()).collect();
        assert_eq!(
            uris,
            vec![
                "https://atlas.example/s/suite.v1.json",
                "https://atlas.example/s/nested/"
            ]
        );
        let found: Vec<(&str, &str)> = refs
            .iter()
            .map(|r| (r.pointer.as_str(), r.resolved.as_deref().unwrap_or("?")))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "/properties/a/$ref",
                    "https://atlas.example/s/common.v1.json#/$defs/name"
                ),
                (
                    "/properties/b/items/$ref",
                    "https://atlas.example/s/nested/x.json"
                ),
            ]
        );
        assert_eq!(
            refs[0].target(),
            Some("https://atlas.example/s/common.v1.json")
        );
        assert_eq!(refs[0].fragment(), "#/$defs/name");
    }

    #[test]
    fn file_uris_round_trip() {
        let p = RepoPath::new("ops/_schemas/a b/x.v1.schema.json");
        let uri = file_uri(&p);
        assert_eq!(uri, "file:///ops/_schemas/a%20b/x.v1.schema.json");
        assert_eq!(path_of_file_uri(&uri).as_deref(), Some(p.as_str()));
        assert_eq!(
            resolve(&uri, "../c.json#/x").unwrap(),
            "file:///ops/_schemas/c.json#/x"
        );
        assert_eq!(resolve(&uri, "#").unwrap(), uri);
    }

    #[test]
    fn schemes() {
        assert_eq!(scheme("HTTPS://x"), "https");
    }
}
