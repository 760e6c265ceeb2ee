//! Step 3b of the pipeline: the `$ref` graph of the candidates, shared by the bare-cycle
//! check and the `$ref` chain budget (`[limits.schema] max_ref_chain`).
//!
//! Why a budget: a validator follows a `$ref` (and `allOf`, `anyOf`, `oneOf`, `not`,
//! `if`/`then`/`else`, `dependentSchemas`) by recursing on the same instance location, so a
//! chain of 50,000 links overflows the stack of the thread that validates, and aborts the
//! process. A schema with a chain over the budget is not compiled: SCH002 warns naming the
//! key, and its manifests are not validated (the bound-schema rules skip a schema that did
//! not compile).

use std::collections::BTreeMap;

use jsonschema::Draft;
use ops_model::CheckContext;

use super::load::position;
use super::{Candidate, SchemaProblem, SchemaRegistry};
use crate::pointer::push_token;
use crate::ref_cycles::{Doc, RefGraph};

impl SchemaRegistry {
    /// The `$ref` graph of the candidates: each document's references, resolved and
    /// rewritten as they will be compiled, and every resource URI.
    pub(super) fn ref_graph<'c>(&self, candidates: &'c BTreeMap<usize, Candidate>) -> RefGraph<'c> {
        let mut graph = RefGraph::default();
        for (&i, c) in candidates {
            graph
                .resources
                .insert(self.entries[i].file_uri.clone(), (i, String::new()));
            for site in &c.ids {
                graph
                    .resources
                    .entry(site.uri.clone())
                    .or_insert((i, site.pointer.clone()));
            }
            let mut refs = BTreeMap::new();
            for site in &c.refs {
                let (Some(object), Ok(resolved)) =
                    (site.pointer.strip_suffix("/$ref"), &site.resolved)
                else {
                    continue;
                };
                let uri = c
                    .rewrites
                    .iter()
                    .find(|(p, _)| *p == site.pointer)
                    .map_or(resolved, |(_, uri)| uri);
                refs.insert(object.to_string(), uri.clone());
            }
            let draft = self.entries[i].draft;
            graph.docs.insert(
                i,
                Doc {
                    value: &c.doc,
                    ignores_ref_siblings: matches!(
                        draft,
                        Draft::Draft4 | Draft::Draft6 | Draft::Draft7
                    ),
                    refs,
                },
            );
        }
        graph
    }

    /// Takes out of `candidates` every schema holding a `$ref` chain over
    /// `[limits.schema] max_ref_chain`, with a warning naming the key at the chain's first
    /// `$ref`.
    pub(super) fn drop_long_ref_chains(
        &mut self,
        candidates: &mut BTreeMap<usize, Candidate>,
        cx: &CheckContext<'_>,
    ) {
        let limit = cx.contract.limits.schema.max_ref_chain;
        let long = self.ref_graph(candidates).long_ref_chains(limit);
        for (i, (pointer, _)) in long {
            let mut at = pointer.clone();
            push_token(&mut at, "$ref");
            let shown = if pointer.is_empty() {
                "#".to_string()
            } else {
                format!("#{pointer}")
            };
            let span = position(cx, &self.entries[i].path, &at);
            self.entries[i].problems.push(SchemaProblem {
                warning: true,
                span,
                message: format!(
                    "schema not checked: the `$ref` chain from {shown} is longer than the \
                     `$ref` chain budget ({limit} links, `[limits.schema] max_ref_chain`), \
                     so validating against it could exhaust the stack"
                ),
                help: "shorten the chain of `$ref`s, or raise `[limits.schema] max_ref_chain` \
                       if this schema is trusted"
                    .to_string(),
            });
            candidates.remove(&i);
        }
    }
}
