//! One side of a diff: a schema document, its draft, and where its local `$ref`s point.
//!
//! References resolve as JSON Schema 2020-12 Core, section 8.2 says: against the base URI
//! of the enclosing resource (`$id`), by JSON pointer fragment or by anchor (`$anchor`, or a
//! draft-04..07 `$id: "#name"`). A reference to another document is *external*: the diff
//! never loads it, and compares only its text.

use std::collections::BTreeMap;

use jsonschema::Draft;
use serde_json::Value;

use crate::draft::draft_of_meta;
use crate::pointer::{percent_decode, push_token};
use crate::refs::{self, IdSite};

/// Where a `$ref` leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A schema inside the same document, by JSON pointer.
    Local(String),
    /// Another document (absolute URI with fragment): never loaded.
    External(String),
    /// Cannot be resolved; why.
    Broken(String),
}

/// A schema document as the diff reads it.
pub struct Doc<'a> {
    pub root: &'a Value,
    pub draft: Draft,
    /// Absolute URI (no fragment) of each resource -> its pointer.
    resources: BTreeMap<String, String>,
    /// `uri#name` of each anchor -> its pointer.
    anchors: BTreeMap<String, String>,
    /// Pointer of each object holding a `$ref` -> the resolved absolute URI, or why not.
    refs: BTreeMap<String, Result<String, String>>,
    /// Same for `$dynamicRef`/`$recursiveRef`, which the diff compares as text only.
    dynamic: BTreeMap<String, String>,
}

impl<'a> Doc<'a> {
    /// Reads `root`, known by `base`; `default_draft` applies when it declares no
    /// `$schema` the diff knows.
    pub fn new(root: &'a Value, base: &str, default_draft: Draft) -> Doc<'a> {
        let draft = root
            .get("$schema")
            .and_then(Value::as_str)
            .and_then(draft_of_meta)
            .unwrap_or(default_draft);
        let id_keyword = if draft == Draft::Draft4 { "id" } else { "$id" };
        let (ids, sites) = refs::scan(root, base, id_keyword);
        let mut resources = BTreeMap::new();
        resources.insert(base.to_string(), String::new());
        for site in &ids {
            resources
                .entry(site.uri.clone())
                .or_insert_with(|| site.pointer.clone());
        }
        let mut refs = BTreeMap::new();
        let mut dynamic = BTreeMap::new();
        for site in sites {
            if let Some(object) = site.pointer.strip_suffix("/$ref") {
                refs.insert(object.to_string(), site.resolved);
            } else if let Some((object, _)) = site.pointer.rsplit_once('/') {
                dynamic.insert(object.to_string(), site.text);
            }
        }
        let mut anchors = BTreeMap::new();
        let mut pointer = String::new();
        collect_anchors(root, id_keyword, &mut pointer, &mut |at, name| {
            let uri = enclosing_base(&ids, base, at);
            anchors
                .entry(format!("{uri}#{name}"))
                .or_insert_with(|| at.to_string());
        });
        Doc {
            root,
            draft,
            resources,
            anchors,
            refs,
            dynamic,
        }
    }

    /// The value at a pointer.
    pub fn get(&self, pointer: &str) -> Option<&'a Value> {
        self.root.pointer(pointer)
    }

    /// Whether keywords beside a `$ref` are ignored (drafts 4 to 7).
    pub fn ignores_ref_siblings(&self) -> bool {
        matches!(self.draft, Draft::Draft4 | Draft::Draft6 | Draft::Draft7)
    }

    /// Where the `$ref` of the object at `pointer` leads, if it has one.
    pub fn target(&self, pointer: &str) -> Option<Target> {
        let resolved = self.refs.get(pointer)?;
        Some(match resolved {
            Err(why) => Target::Broken(why.clone()),
            Ok(uri) => {
                let (doc, fragment) = uri.split_once('#').unwrap_or((uri.as_str(), ""));
                let fragment = percent_decode(fragment);
                match self.resources.get(doc) {
                    None => Target::External(uri.clone()),
                    Some(resource) if fragment.is_empty() => Target::Local(resource.clone()),
                    Some(resource) if fragment.starts_with('/') => {
                        Target::Local(format!("{resource}{fragment}"))
                    }
                    Some(_) => match self.anchors.get(&format!("{doc}#{fragment}")) {
                        Some(at) => Target::Local(at.clone()),
                        None => Target::Broken(format!("no anchor `{fragment}` in `{doc}`")),
                    },
                }
            }
        })
    }

    /// The `$dynamicRef`/`$recursiveRef` text of the object at `pointer`, if any.
    pub fn dynamic_ref(&self, pointer: &str) -> Option<&str> {
        self.dynamic.get(pointer).map(String::as_str)
    }
}

/// The base URI in force at `pointer`: the `$id` of the closest enclosing resource.
fn enclosing_base<'s>(ids: &'s [IdSite], base: &'s str, pointer: &str) -> &'s str {
    ids.iter()
        .filter(|s| {
            pointer == s.pointer
                || (pointer.starts_with(&s.pointer)
                    && pointer.as_bytes().get(s.pointer.len()) == Some(&b'/'))
        })
        .max_by_key(|s| s.pointer.len())
        .map_or(base, |s| s.uri.as_str())
}

/// Deep enough for any real schema; deeper anchors are not indexed (and their references
/// then do not resolve, which the diff reports).
const MAX_DEPTH: usize = 256;

fn collect_anchors(
    value: &Value,
    id_keyword: &str,
    pointer: &mut String,
    found: &mut dyn FnMut(&str, &str),
) {
    fn walk(
        value: &Value,
        id_keyword: &str,
        pointer: &mut String,
        depth: usize,
        found: &mut dyn FnMut(&str, &str),
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::Object(map) => {
                if let Some(Value::String(name)) = map.get("$anchor") {
                    found(pointer, name);
                }
                if let Some(Value::String(name)) = map.get("$dynamicAnchor") {
                    found(pointer, name);
                }
                if let Some(Value::String(id)) = map.get(id_keyword)
                    && let Some(name) = id.strip_prefix('#')
                {
                    found(pointer, name);
                }
                for (key, child) in map {
                    if matches!(key.as_str(), "enum" | "const" | "examples" | "default") {
                        continue;
                    }
                    let len = pointer.len();
                    push_token(pointer, key);
                    walk(child, id_keyword, pointer, depth + 1, found);
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let len = pointer.len();
                    push_token(pointer, &i.to_string());
                    walk(child, id_keyword, pointer, depth + 1, found);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    walk(value, id_keyword, pointer, 0, found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn resolves_pointers_ids_and_anchors() {
        let root = json!({
            "$id": "https://x.example/s.json",
            "properties": {
                "a": {"$ref": "#/$defs/a"},
                "b": {"$ref": "item.json"},
                "c": {"$ref": "#here"},
                "d": {"$ref": "other.json#/x"},
                "e": {"$ref": "s.json#/$defs/a"}
            },
            "$defs": {
                "a": {"type": "string"},
                "item": {"$id": "item.json", "type": "integer"},
                "h": {"$anchor": "here"}
            }
        });
        let doc = Doc::new(&root, "urn:ops-check:old", Draft::Draft202012);
        let t = |p: &str| doc.target(p).unwrap();
        assert_eq!(t("/properties/a"), Target::Local("/$defs/a".into()));
        assert_eq!(t("/properties/b"), Target::Local("/$defs/item".into()));
        assert_eq!(t("/properties/c"), Target::Local("/$defs/h".into()));
        assert_eq!(
            t("/properties/d"),
            Target::External("https://x.example/other.json#/x".into())
        );
        assert_eq!(t("/properties/e"), Target::Local("/$defs/a".into()));
        assert_eq!(doc.target("/properties"), None);
    }

    #[test]
    fn draft_comes_from_schema() {
        let root = json!({"$schema": "http://json-schema.org/draft-07/schema#"});
        let doc = Doc::new(&root, "urn:x", Draft::Draft202012);
        assert_eq!(doc.draft, Draft::Draft7);
        assert!(doc.ignores_ref_siblings());
    }
}
