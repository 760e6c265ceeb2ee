//! `$ref` cycles that constrain nothing: `a` is only `{"$ref": "#/$defs/b"}`, `b` only
//! `{"$ref": "#/$defs/a"}`. The validator compiles such a loop and accepts every value
//! against it, so a schema that reaches it validates nothing there.
//!
//! A cycle through real structure (`properties`, `items`, any assertion) is recursion, and
//! fine. Only schemas that are a bare `$ref`, maybe with annotations, are followed: each has
//! exactly one way out, so the search is a walk in a functional graph and visits every
//! schema at most once, whatever the input.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::pointer::{percent_decode, push_token};

/// Keywords that constrain nothing: beside a `$ref` they leave it a bare reference.
const ANNOTATIONS: &[&str] = &[
    "$ref",
    "$id",
    "id",
    "$schema",
    "$anchor",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "$defs",
    "definitions",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// Deep enough for any real schema; an anchor deeper than this is not looked for.
const MAX_ANCHOR_DEPTH: usize = 256;

/// A schema inside one document: (document key, JSON pointer).
pub type Node = (usize, String);

/// One schema document as the search sees it.
pub struct Doc<'a> {
    pub value: &'a Value,
    /// Drafts 4 to 7 ignore every keyword beside a `$ref`.
    pub ignores_ref_siblings: bool,
    /// Object pointer of each `$ref` -> the absolute URI it resolves to, fragment included.
    pub refs: BTreeMap<String, String>,
}

/// The documents and the resources they declare.
#[derive(Default)]
pub struct RefGraph<'a> {
    pub docs: BTreeMap<usize, Doc<'a>>,
    /// Absolute URI (no fragment) -> the document and pointer of the resource it names.
    pub resources: BTreeMap<String, Node>,
}

/// A cycle found, from its smallest node; `ignored_siblings` when one of its schemas has
/// constraints a draft-04..07 validator ignores because they stand beside a `$ref`.
#[derive(Debug, PartialEq, Eq)]
pub struct Cycle {
    pub nodes: Vec<Node>,
    pub ignored_siblings: bool,
}

enum Seen {
    OnPath(usize),
    Done,
}

impl RefGraph<'_> {
    /// Every cycle made only of bare `$ref` schemas, each once, in node order.
    pub fn cycles(&self) -> Vec<Cycle> {
        let mut seen: BTreeMap<Node, Seen> = BTreeMap::new();
        let mut out = Vec::new();
        for (&d, doc) in &self.docs {
            for pointer in doc.refs.keys() {
                let mut path: Vec<Node> = Vec::new();
                let mut current = Some((d, pointer.clone()));
                while let Some(node) = current.take() {
                    match seen.get(&node) {
                        Some(Seen::Done) => break,
                        Some(Seen::OnPath(k)) => {
                            out.push(self.cycle(&path[*k..]));
                            break;
                        }
                        None => {}
                    }
                    seen.insert(node.clone(), Seen::OnPath(path.len()));
                    current = self.next(&node);
                    path.push(node);
                }
                for node in path {
                    seen.insert(node, Seen::Done);
                }
            }
        }
        out.sort_by(|a, b| a.nodes.cmp(&b.nodes));
        out
    }

    fn cycle(&self, nodes: &[Node]) -> Cycle {
        let start = nodes
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.cmp(b.1))
            .map_or(0, |(i, _)| i);
        let mut rotated = nodes[start..].to_vec();
        rotated.extend_from_slice(&nodes[..start]);
        let ignored_siblings = rotated.iter().any(|(d, p)| {
            self.docs.get(d).is_some_and(|doc| {
                doc.ignores_ref_siblings
                    && doc
                        .value
                        .pointer(p)
                        .and_then(Value::as_object)
                        .is_some_and(|o| o.keys().any(|k| !ANNOTATIONS.contains(&k.as_str())))
            })
        });
        Cycle {
            nodes: rotated,
            ignored_siblings,
        }
    }

    /// Where a bare `$ref` schema leads; `None` for any other schema or a target that is
    /// not there (compilation reports those).
    fn next(&self, (d, pointer): &Node) -> Option<Node> {
        let doc = self.docs.get(d)?;
        let object = doc.value.pointer(pointer)?.as_object()?;
        let bare =
            doc.ignores_ref_siblings || object.keys().all(|k| ANNOTATIONS.contains(&k.as_str()));
        if !bare {
            return None;
        }
        self.target(&(*d, pointer.clone()))
    }

    /// Where the `$ref` of the schema at `node` leads, whatever else the schema holds;
    /// `None` when it has no `$ref` or the target is not there.
    pub(crate) fn target(&self, (d, pointer): &Node) -> Option<Node> {
        let doc = self.docs.get(d)?;
        let uri = doc.refs.get(pointer)?;
        let (resource, fragment) = uri.split_once('#').unwrap_or((uri, ""));
        let (t, base) = self.resource(resource)?;
        let target_doc = self.docs.get(t)?;
        let root = target_doc.value.pointer(base)?;
        let fragment = percent_decode(fragment);
        let target = if fragment.is_empty() || fragment.starts_with('/') {
            let target = format!("{base}{fragment}");
            target_doc.value.pointer(&target)?;
            target
        } else {
            let mut at = base.clone();
            find_anchor(root, &fragment, &mut at, 0)?;
            at
        };
        Some((*t, target))
    }

    fn resource(&self, uri: &str) -> Option<&Node> {
        let bare = uri.strip_suffix('/').unwrap_or(uri);
        self.resources
            .get(bare)
            .or_else(|| self.resources.get(&format!("{bare}/")))
    }
}

/// Finds the schema declaring anchor `name` (`$anchor`, `$dynamicAnchor`, or a draft-07
/// `$id: "#name"`) below `value`, leaving its pointer in `at`.
fn find_anchor(value: &Value, name: &str, at: &mut String, depth: usize) -> Option<()> {
    if depth > MAX_ANCHOR_DEPTH {
        return None;
    }
    match value {
        Value::Object(map) => {
            let declares =
                |key: &str, want: &str| map.get(key).and_then(Value::as_str) == Some(want);
            let hash = format!("#{name}");
            if declares("$anchor", name)
                || declares("$dynamicAnchor", name)
                || declares("$id", &hash)
                || declares("id", &hash)
            {
                return Some(());
            }
            for (key, child) in map {
                if matches!(key.as_str(), "enum" | "const" | "examples" | "default") {
                    continue;
                }
                let len = at.len();
                push_token(at, key);
                if find_anchor(child, name, at, depth + 1).is_some() {
                    return Some(());
                }
                at.truncate(len);
            }
            None
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = at.len();
                push_token(at, &i.to_string());
                if find_anchor(child, name, at, depth + 1).is_some() {
                    return Some(());
                }
                at.truncate(len);
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    pub(crate) fn graph<'a>(docs: &'a [(Value, bool)]) -> RefGraph<'a> {
        let mut g = RefGraph::default();
        for (i, (value, old)) in docs.iter().enumerate() {
            let uri = format!("file:///s{i}.json");
            let (_, sites) = crate::refs::scan(value, &uri, "$id");
            let refs = sites
                .into_iter()
                .filter(|s| s.pointer.ends_with("/$ref"))
                .filter_map(|s| {
                    let object = s.pointer.strip_suffix("/$ref")?.to_string();
                    Some((object, s.resolved.ok()?))
                })
                .collect();
            g.resources.insert(uri, (i, String::new()));
            g.docs.insert(
                i,
                Doc {
                    value,
                    ignores_ref_siblings: *old,
                    refs,
                },
            );
        }
        g
    }

    fn pointers(g: &RefGraph<'_>) -> Vec<Vec<String>> {
        g.cycles()
            .into_iter()
            .map(|c| {
                c.nodes
                    .into_iter()
                    .map(|(d, p)| format!("{d}#{p}"))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn bare_ref_loops_are_cycles() {
        let docs = [(
            json!({"$defs": {"a": {"$ref": "#/$defs/b", "title": "A"}, "b": {"$ref": "#/$defs/a"}},
                   "$ref": "#/$defs/a"}),
            false,
        )];
        assert_eq!(
            pointers(&graph(&docs)),
            vec![vec!["0#/$defs/a", "0#/$defs/b"]]
        );
        let own = [(json!({"$ref": "#"}), false)];
        assert_eq!(pointers(&graph(&own)), vec![vec!["0#"]]);
    }

    #[test]
    fn loops_through_structure_anchors_and_files() {
        let docs = [
            (
                json!({"$defs": {"tree": {"properties": {"kid": {"$ref": "#/$defs/tree"}}},
                                 "list": {"type": "array", "items": {"$ref": "#/$defs/list"}},
                                 "x": {"$ref": "s1.json#here"}}}),
                false,
            ),
            (
                json!({"$defs": {"y": {"$anchor": "here", "$ref": "s0.json#/%24defs/x"}}}),
                false,
            ),
        ];
        assert_eq!(
            pointers(&graph(&docs)),
            vec![vec!["0#/$defs/x", "1#/$defs/y"]]
        );
    }

    #[test]
    fn old_drafts_ignore_ref_siblings() {
        let doc = json!({"definitions": {"a": {"$ref": "#/definitions/a", "type": "string"}}});
        let new = [(doc.clone(), false)];
        assert!(graph(&new).cycles().is_empty());
        let old = [(doc, true)];
        let cycles = graph(&old).cycles();
        assert_eq!(cycles.len(), 1);
        assert!(cycles[0].ignored_siblings);
    }

    #[test]
    fn long_chains_and_missing_targets_end() {
        let mut defs = serde_json::Map::new();
        for i in 0..5000 {
            defs.insert(
                format!("d{i}"),
                json!({"$ref": format!("#/$defs/d{}", i + 1)}),
            );
        }
        defs.insert("loose".into(), json!({"$ref": "#/$defs/nowhere"}));
        let docs = [(json!({ "$defs": defs }), false)];
        assert!(graph(&docs).cycles().is_empty());
    }
}
