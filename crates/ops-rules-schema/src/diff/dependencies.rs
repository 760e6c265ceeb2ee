//! Dependencies (2020-12 Validation 6.5.4 `dependentRequired`, Core 10.2.2.4
//! `dependentSchemas`, and draft-07's `dependencies`, whose array values are the first and
//! schema values the second): a new dependency requires what the old schema did not.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, Out, kw};
use super::flat::Conj;

/// `dependentRequired` and array-valued `dependencies`: key -> (pointer, required keys).
fn dependent_required(conj: &Conj<'_>) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut out: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    for keyword in ["dependentRequired", "dependencies"] {
        for (ptr, v) in conj.all(keyword) {
            let Value::Object(map) = v else { continue };
            for (k, deps) in map {
                let Value::Array(deps) = deps else { continue };
                let entry = out
                    .entry(k.clone())
                    .or_insert_with(|| (kw(&kw(ptr, keyword), k), BTreeSet::new()));
                entry
                    .1
                    .extend(deps.iter().filter_map(Value::as_str).map(str::to_string));
            }
        }
    }
    out
}

/// `dependentSchemas` and schema-valued `dependencies`: key -> pointers.
fn dependent_schemas(conj: &Conj<'_>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for keyword in ["dependentSchemas", "dependencies"] {
        for (ptr, v) in conj.all(keyword) {
            let Value::Object(map) = v else { continue };
            for (k, s) in map {
                if s.is_object() || s.is_boolean() {
                    out.entry(k.clone())
                        .or_default()
                        .push(kw(&kw(ptr, keyword), k));
                }
            }
        }
    }
    out
}

impl Differ<'_, '_> {
    pub(super) fn dependencies(
        &mut self,
        o: &Conj<'_>,
        n: &Conj<'_>,
        o_req: &BTreeMap<String, String>,
        out: &mut Out,
    ) {
        let (od, nd) = (dependent_required(o), dependent_required(n));
        for (key, (at, deps)) in &nd {
            let had = od.get(key).map(|(_, d)| d.clone()).unwrap_or_default();
            let missing: Vec<&String> = deps
                .iter()
                .filter(|d| !had.contains(*d) && !o_req.contains_key(*d))
                .collect();
            if !missing.is_empty() {
                out.push(
                    od.get(key)
                        .map_or_else(|| out.o_at.clone(), |(p, _)| p.clone()),
                    at.clone(),
                    ChangeKind::DependencyAdded,
                    Class::Breaking,
                    format!(
                        "when `{key}` is present, {} must now be present too",
                        missing
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
        for (key, (at, deps)) in &od {
            let kept = nd.get(key).map(|(_, d)| d.clone()).unwrap_or_default();
            if deps.iter().any(|d| !kept.contains(d)) {
                out.push(
                    at.clone(),
                    nd.get(key)
                        .map_or_else(|| out.n_at.clone(), |(p, _)| p.clone()),
                    ChangeKind::DependencyRemoved,
                    Class::NonBreaking,
                    format!("a dependency of `{key}` was removed"),
                );
            }
        }
        let (os, ns) = (dependent_schemas(o), dependent_schemas(n));
        for (key, nptrs) in &ns {
            match os.get(key) {
                Some(optrs) => {
                    let (a, b) = (optrs[0].clone(), nptrs[0].clone());
                    self.schemas(optrs, nptrs, &a, &b, out);
                }
                None => out.push(
                    out.o_at.clone(),
                    nptrs[0].clone(),
                    ChangeKind::DependencyAdded,
                    Class::Breaking,
                    format!("a schema dependency on `{key}` appeared"),
                ),
            }
        }
        for (key, optrs) in &os {
            if !ns.contains_key(key) {
                out.push(
                    optrs[0].clone(),
                    out.n_at.clone(),
                    ChangeKind::DependencyRemoved,
                    Class::NonBreaking,
                    format!("the schema dependency on `{key}` was removed"),
                );
            }
        }
    }
}
