//! `$ref` chains: how deep a validator recurses on one instance location. It follows `$ref`
//! and the in-place applicators (`allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`,
//! `dependentSchemas`) without moving in the instance, so only the schema bounds the depth;
//! the schema registry sets aside a schema whose chain is over `[limits.schema]
//! max_ref_chain` (see `registry::chains`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::pointer::push_token;
use crate::ref_cycles::{Node, RefGraph};

/// Keywords whose subschemas apply to the same instance location as their parent: a
/// validator recurses through them (and through `$ref`) without moving into the instance,
/// so a chain of them is bounded by nothing but the schema.
const IN_PLACE: &[&str] = &[
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
];

/// How deep [`RefGraph::in_place_refs`] looks below one schema.
const MAX_IN_PLACE_DEPTH: usize = 64;

/// State of a node in the longest-chain search.
enum Chain {
    OnPath,
    Done(usize),
}

impl RefGraph<'_> {
    /// The `$ref` schemas a validator reaches from the schema at `node` without moving in
    /// the instance: the schema itself if it has a `$ref`, and those below its in-place
    /// applicators ([`IN_PLACE`]), in document order.
    fn in_place_refs(&self, (d, pointer): &Node) -> Vec<Node> {
        let mut out = Vec::new();
        let Some(doc) = self.docs.get(d) else {
            return out;
        };
        let mut stack = vec![(pointer.clone(), 0usize)];
        while let Some((at, depth)) = stack.pop() {
            let Some(object) = doc.value.pointer(&at).and_then(Value::as_object) else {
                continue;
            };
            if doc.refs.contains_key(&at) {
                out.push((*d, at.clone()));
                if doc.ignores_ref_siblings {
                    continue;
                }
            }
            if depth >= MAX_IN_PLACE_DEPTH {
                continue;
            }
            // Pushed in reverse so that the stack pops them in document order.
            let mut children = Vec::new();
            for key in IN_PLACE {
                let Some(child) = object.get(*key) else {
                    continue;
                };
                let mut base = at.clone();
                push_token(&mut base, key);
                match child {
                    Value::Array(items) => {
                        for i in 0..items.len() {
                            let mut p = base.clone();
                            push_token(&mut p, &i.to_string());
                            children.push(p);
                        }
                    }
                    Value::Object(map) if *key == "dependentSchemas" => {
                        for k in map.keys() {
                            let mut p = base.clone();
                            push_token(&mut p, k);
                            children.push(p);
                        }
                    }
                    Value::Object(_) => children.push(base),
                    _ => {}
                }
            }
            stack.extend(children.into_iter().rev().map(|p| (p, depth + 1)));
        }
        out
    }

    /// The documents holding a `$ref` chain longer than `limit`: a `$ref` whose target
    /// leads, through in-place applicators, to another `$ref`, and so on. A validator
    /// recurses once per link on one instance location, so such a schema cannot be
    /// validated with a bounded stack. Returns, per document, the first `$ref` (in pointer
    /// order) whose chain is over the limit and that chain's length (counted up to
    /// `limit + 1`). Each `$ref` is searched once (memoised, iterative): linear in the
    /// references and their in-place children. A cycle counts once around (compilation
    /// and the bare-cycle check deal with cycles).
    pub fn long_ref_chains(&self, limit: usize) -> BTreeMap<usize, (String, usize)> {
        let mut state: BTreeMap<Node, Chain> = BTreeMap::new();
        let mut children_of: BTreeMap<Node, Vec<Node>> = BTreeMap::new();
        let mut out: BTreeMap<usize, (String, usize)> = BTreeMap::new();
        let mut children = |graph: &Self, node: &Node| -> Vec<Node> {
            let Some(target) = graph.target(node) else {
                return Vec::new();
            };
            children_of
                .entry(target.clone())
                .or_insert_with(|| graph.in_place_refs(&target))
                .clone()
        };
        for (&d, doc) in &self.docs {
            for pointer in doc.refs.keys() {
                let start = (d, pointer.clone());
                if state.contains_key(&start) {
                    continue;
                }
                // (node, its children, next child, longest child chain so far)
                let mut stack: Vec<(Node, Vec<Node>, usize, usize)> = Vec::new();
                state.insert(start.clone(), Chain::OnPath);
                let kids = children(self, &start);
                stack.push((start, kids, 0, 0));
                while let Some(top) = stack.last_mut() {
                    if let Some(child) = top.1.get(top.2).cloned() {
                        top.2 += 1;
                        match state.get(&child) {
                            Some(Chain::Done(n)) => top.3 = top.3.max(*n),
                            Some(Chain::OnPath) => {}
                            None => {
                                state.insert(child.clone(), Chain::OnPath);
                                let kids = children(self, &child);
                                stack.push((child, kids, 0, 0));
                            }
                        }
                        continue;
                    }
                    let Some((node, _, _, longest)) = stack.pop() else {
                        break;
                    };
                    let len = (longest + 1).min(limit.saturating_add(1));
                    if let Some(parent) = stack.last_mut() {
                        parent.3 = parent.3.max(len);
                    }
                    if len > limit {
                        out.entry(node.0)
                            .and_modify(|e| {
                                if node.1 < e.0 {
                                    *e = (node.1.clone(), len);
                                }
                            })
                            .or_insert((node.1.clone(), len));
                    }
                    state.insert(node, Chain::Done(len));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ref_cycles::tests::graph;
    use serde_json::json;

    fn chain_doc(n: usize, through: &str) -> Value {
        let mut defs = serde_json::Map::new();
        for i in 0..n {
            let r = json!({"$ref": format!("#/$defs/d{}", i + 1)});
            let link = match through {
                "allOf" => json!({"allOf": [{"type": "string"}, r]}),
                "not" => json!({"not": {"not": r}}),
                _ => r,
            };
            defs.insert(format!("d{i}"), link);
        }
        defs.insert(format!("d{n}"), json!({"type": "string"}));
        json!({"properties": {"name": {"$ref": "#/$defs/d0"}}, "$defs": defs})
    }

    #[test]
    fn ref_chains_over_the_limit_are_found_once_per_document() {
        for through in ["ref", "allOf", "not"] {
            let docs = [(chain_doc(50, through), false)];
            let g = graph(&docs);
            assert!(g.long_ref_chains(51).is_empty(), "{through}");
            let long = g.long_ref_chains(10);
            assert_eq!(long.len(), 1, "{through}");
            // The `$ref` of `d0` sorts first among the chains over 10 links.
            let (at, len) = &long[&0];
            assert!(at.starts_with("/$defs/d0"), "{through}: {at}");
            assert_eq!(*len, 11, "{through}");
        }
        // Structure (`properties`, `items`) moves into the instance: not a chain.
        let mut defs = serde_json::Map::new();
        for i in 0..50 {
            defs.insert(
                format!("d{i}"),
                json!({"properties": {"x": {"$ref": format!("#/$defs/d{}", i + 1)}}}),
            );
        }
        let docs = [(json!({ "$defs": defs }), false)];
        assert!(graph(&docs).long_ref_chains(3).is_empty());
    }

    #[test]
    fn a_chain_of_100_000_is_measured_without_recursion() {
        let docs = [(chain_doc(100_000, "ref"), false)];
        let started = std::time::Instant::now();
        assert_eq!(graph(&docs).long_ref_chains(1_000).len(), 1);
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
        // A cycle ends: counted once around.
        let cyc = [(
            json!({"$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]},
                                      "b": {"allOf": [{"$ref": "#/$defs/a"}]}}}),
            false,
        )];
        assert!(graph(&cyc).long_ref_chains(5).is_empty());
    }
}
