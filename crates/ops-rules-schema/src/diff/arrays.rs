//! Array keywords (2020-12 Core 10.3.1, Validation 6.4): `prefixItems`, `items` (a schema,
//! or in drafts 4 to 2019-09 an array of schemas, a tuple, with `additionalItems` for the
//! rest), `unevaluatedItems` (read as the rest when nothing else covers it), `minItems`,
//! `maxItems`, `uniqueItems`, `contains`, `minContains`, `maxContains`.
//!
//! Arrays compare position by position: index `i` of the old schema against index `i` of
//! the new, up to the longer tuple, then the rest against the rest. Positions the old
//! schema's `maxItems` rules out are skipped.

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, Out, kw};
use super::flat::Conj;
use super::strings::count;

/// The schemas that apply to index `i` (`usize::MAX`: past every tuple), one per part
/// that constrains it.
fn at_index(conj: &Conj<'_>, i: usize) -> Vec<String> {
    let mut out = Vec::new();
    for part in &conj.parts {
        let m = part.map;
        let from = |keyword: &str, j: usize| {
            let mut at = kw(&part.ptr, keyword);
            crate::pointer::push_token(&mut at, &j.to_string());
            at
        };
        let rest = |keywords: &[&str]| {
            keywords
                .iter()
                .find(|k| m.get(**k).is_some_and(|v| v.is_object() || v.is_boolean()))
                .map(|k| kw(&part.ptr, k))
        };
        let found = if let Some(Value::Array(prefix)) = m.get("prefixItems") {
            if i < prefix.len() {
                Some(from("prefixItems", i))
            } else {
                rest(&["items", "unevaluatedItems"])
            }
        } else if let Some(Value::Array(tuple)) = m.get("items") {
            if i < tuple.len() {
                Some(from("items", i))
            } else {
                rest(&["additionalItems", "unevaluatedItems"])
            }
        } else {
            rest(&["items", "unevaluatedItems"])
        };
        out.extend(found);
    }
    out
}

/// The longest tuple over the parts.
fn tuple_len(conj: &Conj<'_>) -> usize {
    conj.parts
        .iter()
        .filter_map(|p| match (p.map.get("prefixItems"), p.map.get("items")) {
            (Some(Value::Array(a)), _) | (None, Some(Value::Array(a))) => Some(a.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

impl Differ<'_, '_> {
    pub(super) fn arrays(&mut self, o: &Conj<'_>, n: &Conj<'_>, out: &mut Out) {
        let max_items = count(o, "maxItems", false).map(|(_, v)| v);
        let possible = |i: usize| max_items.is_none_or(|m| (i as u64) < m);
        let (ol, nl) = (tuple_len(o), tuple_len(n));
        let (o_origin, n_origin) = (out.o_at.clone(), out.n_at.clone());
        for i in 0..ol.max(nl) {
            if !possible(i) {
                break;
            }
            let (os, ns) = (at_index(o, i), at_index(n, i));
            let o_at = os.first().cloned().unwrap_or_else(|| o_origin.clone());
            let n_at = ns.first().cloned().unwrap_or_else(|| n_origin.clone());
            if i >= ol {
                out.push(
                    o_at.clone(),
                    n_at.clone(),
                    ChangeKind::ItemAdded,
                    Class::NonBreaking,
                    format!("tuple position {i} added"),
                );
            } else if i >= nl {
                out.push(
                    o_at.clone(),
                    n_at.clone(),
                    ChangeKind::ItemRemoved,
                    Class::NonBreaking,
                    format!("tuple position {i} removed: the rest of the array applies there now"),
                );
            }
            self.schemas(&os, &ns, &o_at, &n_at, out);
        }
        if possible(ol.max(nl)) {
            let (os, ns) = (at_index(o, usize::MAX), at_index(n, usize::MAX));
            let o_at = os.first().cloned().unwrap_or_else(|| o_origin.clone());
            let n_at = ns.first().cloned().unwrap_or_else(|| n_origin.clone());
            self.schemas(&os, &ns, &o_at, &n_at, out);
        }
        self.counts(o, n, "minItems", "maxItems", out);
        let unique = |c: &Conj<'_>| {
            c.first("uniqueItems")
                .filter(|(_, v)| v == &&Value::Bool(true))
                .map(|(p, _)| (p, ()))
        };
        match (unique(o), unique(n)) {
            (None, Some((at, _))) if max_items.is_none_or(|m| m > 1) => out.push(
                out.o_at.clone(),
                at,
                ChangeKind::UniqueItemsAdded,
                Class::Breaking,
                "`uniqueItems: true` appeared: arrays with repeated items are rejected".to_string(),
            ),
            (Some((at, _)), None) => out.push(
                at,
                out.n_at.clone(),
                ChangeKind::UniqueItemsRemoved,
                Class::NonBreaking,
                "`uniqueItems: true` was removed".to_string(),
            ),
            _ => {}
        }
        self.contains(o, n, out);
    }

    fn contains(&mut self, o: &Conj<'_>, n: &Conj<'_>, out: &mut Out) {
        let olds: Vec<String> = o.all("contains").map(|(p, _)| kw(p, "contains")).collect();
        let news: Vec<String> = n.all("contains").map(|(p, _)| kw(p, "contains")).collect();
        match (olds.is_empty(), news.is_empty()) {
            (true, true) => {}
            (true, false) => out.push(
                out.o_at.clone(),
                news[0].clone(),
                ChangeKind::ConstraintAdded,
                Class::Breaking,
                "`contains` appeared: arrays without a matching item are rejected".to_string(),
            ),
            (false, true) => out.push(
                olds[0].clone(),
                out.n_at.clone(),
                ChangeKind::ConstraintRemoved,
                Class::NonBreaking,
                "`contains` was removed".to_string(),
            ),
            (false, false) => {
                // The items the old schema counts must still count: old `contains` inside
                // the new one keeps every match a match.
                let (o_at, n_at) = (olds[0].clone(), news[0].clone());
                self.schemas(&olds, &news, &o_at, &n_at, out);
                let min = |c: &Conj<'_>| count(c, "minContains", true).map_or(1, |(_, v)| v);
                let (a, b) = (min(o), min(n));
                if b > a {
                    out.push(
                        o_at.clone(),
                        n_at.clone(),
                        ChangeKind::BoundTightened,
                        Class::Breaking,
                        format!("`minContains` went from {a} to {b}"),
                    );
                } else if b < a {
                    out.push(
                        o_at.clone(),
                        n_at.clone(),
                        ChangeKind::BoundLoosened,
                        Class::NonBreaking,
                        format!("`minContains` went from {a} to {b}"),
                    );
                }
                let max = |c: &Conj<'_>| count(c, "maxContains", false).map(|(_, v)| v);
                match (max(o), max(n)) {
                    (None, Some(b)) => out.push(
                        o_at,
                        n_at,
                        ChangeKind::BoundTightened,
                        Class::Breaking,
                        format!("`maxContains` {b} appeared"),
                    ),
                    (Some(a), Some(b)) if b < a => out.push(
                        o_at,
                        n_at,
                        ChangeKind::BoundTightened,
                        Class::Breaking,
                        format!("`maxContains` went from {a} to {b}"),
                    ),
                    (Some(a), b) if b.is_none_or(|b| b > a) => out.push(
                        o_at,
                        n_at,
                        ChangeKind::BoundLoosened,
                        Class::NonBreaking,
                        format!("`maxContains` {a} was loosened"),
                    ),
                    _ => {}
                }
            }
        }
    }
}
