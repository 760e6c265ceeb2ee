//! Steps 2 to 5 of the pipeline: index every URI, classify every `$ref`, drop what cannot
//! compile, find the `$ref` cycles that constrain nothing.

use std::collections::BTreeMap;

use jsonschema::Draft;
use ops_model::{CheckContext, Span};

use super::load::position;
use super::{Candidate, SchemaProblem, SchemaRegistry};
use crate::binding::has_scheme;
use crate::pointer::push_token;
use crate::refs::{self, RefSite, path_of_file_uri, scheme};

impl SchemaRegistry {
    /// Registers each candidate under its `file:` URI and its `$id`s; a second schema
    /// claiming a taken `$id` is a problem and leaves the candidates.
    pub(super) fn index_uris(
        &mut self,
        candidates: &mut BTreeMap<usize, Candidate>,
        cx: &CheckContext<'_>,
    ) {
        for &i in candidates.keys() {
            self.by_uri.insert(self.entries[i].file_uri.clone(), i);
        }
        let mut dropped = Vec::new();
        for (&i, candidate) in candidates.iter_mut() {
            let id_keyword = if self.entries[i].draft == Draft::Draft4 {
                "id"
            } else {
                "$id"
            };
            let (ids, found_refs) =
                refs::scan(&candidate.doc, &self.entries[i].file_uri, id_keyword);
            candidate.refs = found_refs;
            candidate.ids = ids.clone();
            for site in ids {
                if site.pointer.is_empty() {
                    self.entries[i].id = Some(site.uri.clone());
                }
                match self.by_uri.get(&site.uri) {
                    Some(&other) if other != i => {
                        let other_path = self.entries[other].path.clone();
                        let mut at = site.pointer.clone();
                        push_token(&mut at, id_keyword);
                        let span = position(cx, &self.entries[i].path, &at);
                        self.entries[i].problems.push(SchemaProblem {
                            warning: false,
                            span,
                            message: format!(
                                "`{id_keyword}` `{}` is already declared by {other_path}",
                                site.uri
                            ),
                            help: "give each schema its own `$id` (a new major version is a \
                                   new file with a new `$id`)"
                                .to_string(),
                        });
                        dropped.push(i);
                    }
                    _ => {
                        self.by_uri.insert(site.uri, i);
                    }
                }
            }
        }
        for i in dropped {
            candidates.remove(&i);
            self.by_uri.retain(|_, owner| *owner != i);
        }
    }

    /// Sorts each reference into local, local-by-path (rewritten), remote or unresolved.
    pub(super) fn classify_refs(
        &mut self,
        candidates: &mut BTreeMap<usize, Candidate>,
        cx: &CheckContext<'_>,
    ) {
        let mut dropped = Vec::new();
        for (&i, candidate) in candidates.iter_mut() {
            let file_uri = self.entries[i].file_uri.clone();
            let mut problems = Vec::new();
            for site in &candidate.refs {
                let span = || position(cx, &self.entries[i].path, &site.pointer);
                let target = match &site.resolved {
                    Ok(_) => site.target().unwrap_or_default().to_string(),
                    Err(err) => {
                        problems.push(SchemaProblem {
                            warning: false,
                            span: span(),
                            message: format!("`$ref` `{}` is not a valid URI reference: {err}", site.text),
                            help: "write a relative path (`common.v1.schema.json#/$defs/name`), an \
                                   `$id` of a schema under the schemas directory, or a `#/...` pointer"
                                .to_string(),
                        });
                        continue;
                    }
                };
                if let Some(&dep) = self.by_uri.get(&target) {
                    if dep != i {
                        candidate.deps.insert(dep);
                    }
                    continue;
                }
                // A document's own base (a nested `$id` not separately registered, or the
                // document before it declares one) is local too.
                if target == file_uri || self.entries[i].id.as_deref() == Some(target.as_str()) {
                    continue;
                }
                if site.is_relative()
                    && let Ok(by_path) = refs::resolve(&file_uri, &site.text)
                {
                    let by_path_doc = by_path.split('#').next().unwrap_or(&by_path).to_string();
                    if let Some(&dep) = self.by_uri.get(&by_path_doc) {
                        candidate
                            .rewrites
                            .push((site.pointer.clone(), by_path.clone()));
                        if dep != i {
                            candidate.deps.insert(dep);
                        }
                        continue;
                    }
                }
                problems.push(unresolved_problem(site, &target, span()));
            }
            if !problems.is_empty() {
                self.entries[i].problems.extend(problems);
                dropped.push(i);
            }
        }
        for i in dropped {
            candidates.remove(&i);
        }
    }

    /// Drops, until nothing changes, every candidate that references a schema that is not a
    /// candidate any more: it cannot compile without it.
    pub(super) fn drop_broken_dependents(&mut self, candidates: &mut BTreeMap<usize, Candidate>) {
        loop {
            let broken: Vec<(usize, usize)> = candidates
                .iter()
                .filter_map(|(&i, c)| {
                    c.deps
                        .iter()
                        .find(|d| !candidates.contains_key(d))
                        .map(|&d| (i, d))
                })
                .collect();
            if broken.is_empty() {
                return;
            }
            for (i, dep) in broken {
                let dep_path = self.entries[dep].path.clone();
                // Set aside by a budget, not broken: the dependent is a warning too.
                let warning = self.entries[dep].problems.iter().all(|p| p.warning);
                self.entries[i].problems.push(SchemaProblem {
                    warning,
                    span: None,
                    message: format!(
                        "references {dep_path}, which cannot be compiled, so this schema cannot \
                         be compiled either"
                    ),
                    help: format!("fix {dep_path} first (see its own finding)"),
                });
                candidates.remove(&i);
            }
        }
    }

    /// The `$ref` cycles that pass through no constraint (the crate's `ref_cycles` module), each as a
    /// problem of the schema holding its first node.
    pub(super) fn ref_cycle_problems(
        &self,
        candidates: &BTreeMap<usize, Candidate>,
        cx: &CheckContext<'_>,
    ) -> Vec<(usize, SchemaProblem)> {
        let graph = self.ref_graph(candidates);
        graph
            .cycles()
            .into_iter()
            .filter_map(|cycle| {
                let (first, first_pointer) = cycle.nodes.first()?.clone();
                let name = |(d, p): &(usize, String)| {
                    if *d == first {
                        format!("#{p}")
                    } else {
                        format!("{}#{p}", self.entries[*d].path)
                    }
                };
                let mut shown: Vec<String> = cycle.nodes.iter().map(name).collect();
                shown.push(name(&(first, first_pointer.clone())));
                let mut at = first_pointer.clone();
                push_token(&mut at, "$ref");
                let why = if cycle.ignored_siblings {
                    "every schema on it is only a `$ref` (its draft ignores the keywords \
                     beside a `$ref`)"
                } else {
                    "every schema on it is only a `$ref`"
                };
                Some((
                    first,
                    SchemaProblem {
                        warning: false,
                        span: position(cx, &self.entries[first].path, &at),
                        message: format!(
                            "`$ref` cycle constrains nothing: {}; {why}, so it accepts any value",
                            shown.join(" -> ")
                        ),
                        help: "give one schema on the cycle a real constraint (`type`, \
                               `properties`, ...) or point its `$ref` at the schema it was \
                               meant to use"
                            .to_string(),
                    },
                ))
            })
            .collect()
    }
}

/// The problem for a reference that names no schema of the registry.
fn unresolved_problem(site: &RefSite, target: &str, span: Option<Span>) -> SchemaProblem {
    // Written as an absolute URI with a scheme other than `file:`: it would need fetching.
    // A relative reference that misses is a missing local file, whatever the base.
    let remote = !site.is_relative() && has_scheme(target) && scheme(target) != "file";
    if remote {
        return SchemaProblem {
            warning: false,
            span,
            message: format!(
                "remote `$ref` `{}` is not fetched: ops-check resolves references only within \
                 the schemas directory",
                site.text
            ),
            help: format!(
                "vendor the referenced schema under the schemas directory (keep its `$id` \
                 `{target}` so this reference resolves locally), or refer to a local schema by \
                 relative path"
            ),
        };
    }
    let looked = path_of_file_uri(target).unwrap_or_else(|| target.to_string());
    SchemaProblem {
        warning: false,
        span,
        message: format!(
            "`$ref` `{}` does not resolve: no schema is registered at `{looked}`",
            site.text
        ),
        help: "point the reference at an existing schema file (relative to this file) or at \
               the `$id` of a schema under the schemas directory"
            .to_string(),
    }
}
