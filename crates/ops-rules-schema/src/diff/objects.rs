//! Object keywords (2020-12 Core 10.3.2, Validation 6.5): `properties`,
//! `patternProperties`, `additionalProperties` (`unevaluatedProperties` read as it when a
//! part has no `additionalProperties`), `required`, `minProperties`, `maxProperties`,
//! `propertyNames` (dependencies are in [`super::dependencies`]).
//!
//! By the contract's policy a property that leaves `properties` and a key that enters or
//! leaves `required` are breaking whatever the rest says, and an added optional property is
//! never breaking (its schema is not compared with what the old schema allowed there).

use std::collections::BTreeMap;

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, Out, kw};
use super::flat::Conj;

/// `properties` over the parts: name -> the pointers of its schemas.
fn named(conj: &Conj<'_>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (ptr, v) in conj.all("properties") {
        if let Value::Object(props) = v {
            for k in props.keys() {
                out.entry(k.clone())
                    .or_default()
                    .push(kw(&kw(ptr, "properties"), k));
            }
        }
    }
    out
}

/// `patternProperties` over the parts: pattern -> pointers.
fn patterns(conj: &Conj<'_>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (ptr, v) in conj.all("patternProperties") {
        if let Value::Object(pats) = v {
            for k in pats.keys() {
                out.entry(k.clone())
                    .or_default()
                    .push(kw(&kw(ptr, "patternProperties"), k));
            }
        }
    }
    out
}

/// The schema each part gives to keys no `properties`/`patternProperties` names.
fn others(conj: &Conj<'_>) -> Vec<String> {
    conj.parts
        .iter()
        .filter_map(|p| {
            ["additionalProperties", "unevaluatedProperties"]
                .into_iter()
                .find(|k| p.map.contains_key(*k))
                .map(|k| kw(&p.ptr, k))
        })
        .collect()
}

fn required(conj: &Conj<'_>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (ptr, v) in conj.all("required") {
        if let Value::Array(keys) = v {
            for k in keys.iter().filter_map(Value::as_str) {
                out.entry(k.to_string())
                    .or_insert_with(|| kw(ptr, "required"));
            }
        }
    }
    out
}

impl Differ<'_, '_> {
    /// The schemas that apply to key `key`: per part, its `properties` entry, else the
    /// `patternProperties` entries that match, else `additionalProperties`.
    fn key_schemas(&mut self, conj: &Conj<'_>, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in &conj.parts {
            if let Some(Value::Object(props)) = part.map.get("properties")
                && props.contains_key(key)
            {
                out.push(kw(&kw(&part.ptr, "properties"), key));
                continue;
            }
            let mut matched = false;
            if let Some(Value::Object(pats)) = part.map.get("patternProperties") {
                for p in pats.keys() {
                    if self.regex(p).is_some_and(|re| re.is_match(key)) {
                        out.push(kw(&kw(&part.ptr, "patternProperties"), p));
                        matched = true;
                    }
                }
            }
            if !matched
                && let Some(k) = ["additionalProperties", "unevaluatedProperties"]
                    .into_iter()
                    .find(|k| part.map.contains_key(*k))
            {
                out.push(kw(&part.ptr, k));
            }
        }
        out
    }

    /// `model`: whether an added property counts as a new optional key of an object model
    /// (see [`Differ::conj`]); otherwise it is compared with what the old schema allowed
    /// under that key.
    pub(super) fn objects(&mut self, o: &Conj<'_>, n: &Conj<'_>, model: bool, out: &mut Out) {
        let (on, nn) = (named(o), named(n));
        let n_props_at = n
            .first("properties")
            .map_or_else(|| out.n_at.clone(), |(p, _)| p);
        for (key, optrs) in &on {
            if nn.contains_key(key) {
                continue;
            }
            let impossible = optrs
                .iter()
                .any(|p| self.old.get(p) == Some(&Value::Bool(false)));
            let (class, why) = if impossible {
                (
                    Class::NonBreaking,
                    "; its schema was `false`, so it never occurred",
                )
            } else {
                (Class::Breaking, "")
            };
            out.push(
                optrs[0].clone(),
                n_props_at.clone(),
                ChangeKind::PropertyRemoved,
                class,
                format!("property `{key}` was removed from `properties`{why}"),
            );
        }
        let o_req = required(o);
        let n_req = required(n);
        let o_props_at = o
            .first("properties")
            .map_or_else(|| out.o_at.clone(), |(p, _)| p);
        for (key, nptrs) in &nn {
            match on.get(key) {
                None => {
                    if !n_req.contains_key(key) {
                        out.push(
                            o_props_at.clone(),
                            nptrs[0].clone(),
                            ChangeKind::PropertyAdded,
                            Class::NonBreaking,
                            format!("optional property `{key}` was added"),
                        );
                    }
                    if !model {
                        let os = self.key_schemas(o, key);
                        let ns = self.key_schemas(n, key);
                        self.schemas(&os, &ns, &o_props_at, &nptrs[0], out);
                    }
                }
                Some(optrs) => {
                    let os = self.key_schemas(o, key);
                    let ns = self.key_schemas(n, key);
                    let (oa, na) = (optrs[0].clone(), nptrs[0].clone());
                    self.schemas(&os, &ns, &oa, &na, out);
                }
            }
        }
        for (key, at) in &o_req {
            if !n_req.contains_key(key) {
                out.push(
                    at.clone(),
                    n.first("required").map_or_else(|| out.n_at.clone(), |(p, _)| p),
                    ChangeKind::RequiredRemoved,
                    Class::Breaking,
                    format!("`{key}` is no longer required: consumers rely on required keys being present"),
                );
            }
        }
        for (key, at) in &n_req {
            if !o_req.contains_key(key) {
                let default = nn
                    .get(key)
                    .and_then(|ps| ps.iter().find_map(|p| self.new.get(p)?.get("default")))
                    .map_or(String::new(), |d| {
                        format!(" (its `default` {d} does not make it optional)")
                    });
                out.push(
                    o.first("required")
                        .map_or_else(|| out.o_at.clone(), |(p, _)| p),
                    at.clone(),
                    ChangeKind::RequiredAdded,
                    Class::Breaking,
                    format!("`{key}` became required{default}"),
                );
            }
        }
        self.other_keys(o, n, out);
        self.counts(o, n, "minProperties", "maxProperties", out);
        self.property_names(o, n, &on, out);
        self.dependencies(o, n, &o_req, out);
    }

    /// Keys no `properties` names: `patternProperties` and `additionalProperties`.
    fn other_keys(&mut self, o: &Conj<'_>, n: &Conj<'_>, out: &mut Out) {
        let (op, np) = (patterns(o), patterns(n));
        let (oo, no) = (others(o), others(n));
        let o_at = oo.first().cloned().unwrap_or_else(|| out.o_at.clone());
        let n_at = no.first().cloned().unwrap_or_else(|| out.n_at.clone());
        for (pat, nptrs) in &np {
            match op.get(pat) {
                Some(optrs) => {
                    let (a, b) = (optrs[0].clone(), nptrs[0].clone());
                    self.schemas(optrs, nptrs, &a, &b, out);
                }
                None => {
                    out.push(
                        o_at.clone(),
                        nptrs[0].clone(),
                        ChangeKind::PatternPropertyAdded,
                        Class::NonBreaking,
                        format!("`patternProperties` `{pat}` was added"),
                    );
                    // Keys it matches were governed by the old `additionalProperties`.
                    self.schemas(&oo, nptrs, &o_at, &nptrs[0], out);
                }
            }
        }
        for (pat, optrs) in &op {
            if !np.contains_key(pat) {
                out.push(
                    optrs[0].clone(),
                    n_at.clone(),
                    ChangeKind::PatternPropertyRemoved,
                    Class::NonBreaking,
                    format!("`patternProperties` `{pat}` was removed"),
                );
                self.schemas(optrs, &no, &optrs[0], &n_at, out);
            }
        }
        let closed = |d: &super::doc::Doc<'_>, ptrs: &[String]| {
            ptrs.iter().any(|p| d.get(p) == Some(&Value::Bool(false)))
        };
        let (o_closed, n_closed) = (closed(self.old, &oo), closed(self.new, &no));
        if o_closed {
            if !n_closed {
                out.push(
                    o_at,
                    n_at,
                    ChangeKind::AdditionalPropertiesLoosened,
                    Class::NonBreaking,
                    "additional properties are allowed now".to_string(),
                );
            }
            return;
        }
        if n_closed {
            out.push(
                o_at,
                n_at,
                ChangeKind::AdditionalPropertiesTightened,
                Class::Breaking,
                "additional properties are rejected now".to_string(),
            );
            return;
        }
        let before = out.changes.len();
        self.schemas(&oo, &no, &o_at, &n_at, out);
        let tightened = out.changes[before..].iter().any(|c| c.is_breaking());
        if no.is_empty() && !oo.is_empty() {
            out.push(
                o_at,
                n_at,
                ChangeKind::AdditionalPropertiesLoosened,
                Class::NonBreaking,
                "`additionalProperties` no longer constrains other keys".to_string(),
            );
        } else if tightened {
            out.push(
                o_at,
                n_at,
                ChangeKind::AdditionalPropertiesTightened,
                Class::Breaking,
                "`additionalProperties` accepts fewer values".to_string(),
            );
        }
    }

    fn property_names(
        &mut self,
        o: &Conj<'_>,
        n: &Conj<'_>,
        on: &BTreeMap<String, Vec<String>>,
        out: &mut Out,
    ) {
        let olds: Vec<String> = o
            .all("propertyNames")
            .map(|(p, _)| kw(p, "propertyNames"))
            .collect();
        let news: Vec<String> = n
            .all("propertyNames")
            .map(|(p, _)| kw(p, "propertyNames"))
            .collect();
        if news.is_empty() {
            if let Some(at) = olds.first() {
                out.push(
                    at.clone(),
                    out.n_at.clone(),
                    ChangeKind::ConstraintRemoved,
                    Class::NonBreaking,
                    "`propertyNames` was removed".to_string(),
                );
            }
            return;
        }
        if !olds.is_empty() {
            let (a, b) = (olds[0].clone(), news[0].clone());
            self.schemas(&olds, &news, &a, &b, out);
            return;
        }
        // A closed old object has only its named keys: check each name.
        let closed = patterns(o).is_empty()
            && others(o)
                .iter()
                .any(|p| self.old.get(p) == Some(&Value::Bool(false)));
        let all_pass = closed && {
            let mut checker = self.new_checker.borrow_mut();
            on.keys().all(|k| {
                news.iter()
                    .all(|p| checker.is_valid(p, &Value::String(k.clone())) == Some(true))
            })
        };
        let (class, reason) = if all_pass {
            (
                Class::NonBreaking,
                "`propertyNames` appeared; every key the old (closed) schema allows passes it",
            )
        } else {
            (
                Class::Breaking,
                "`propertyNames` appeared: objects with other key names are rejected",
            )
        };
        out.push(
            out.o_at.clone(),
            news[0].clone(),
            ChangeKind::ConstraintAdded,
            class,
            reason.to_string(),
        );
    }
}
