//! Schemas as alternatives of conjunctions.
//!
//! A schema is the conjunction of its keywords, of its `allOf` branches (JSON Schema 2020-12
//! Core 10.2.1.1) and of the schema its `$ref` points to (8.2.3.1; drafts 4 to 7 ignore the
//! keywords beside a `$ref`). `anyOf` and `oneOf` (10.2.1.2, 10.2.1.3) make alternatives:
//! [`expand`] returns the disjunctive normal form, one [`Conj`] per alternative, each a list
//! of schema objects that all apply. A `oneOf` alternative remembers its siblings: a value
//! must match exactly one, which the comparison checks.
//!
//! Following references is bounded: a chain longer than [`MAX_NESTING`] or more than
//! [`MAX_ALTERNATIVES`] alternatives stops with an opaque part naming the budget, and a
//! schema met again while it is being expanded adds nothing (a `$ref` loop accepts every
//! value, as validators treat it).

use serde_json::{Map, Value};

use super::budget::Budget;
use super::doc::{Doc, Target};
use crate::pointer::push_token;

/// How deep `$ref`/`allOf`/`anyOf`/`oneOf` may nest inside one schema position.
pub const MAX_NESTING: usize = 64;
/// How many alternatives one schema position may expand to.
pub const MAX_ALTERNATIVES: usize = 128;

/// One schema object that applies.
#[derive(Clone, Debug)]
pub struct Part<'a> {
    pub ptr: String,
    pub map: &'a Map<String, Value>,
}

/// Something the diff cannot look into: a reference to another document, a dynamic
/// reference, a broken reference, or a budget that ran out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opaque {
    pub ptr: String,
    /// Equal keys on both sides mean the same thing (`ref https://x/a.json#/b`).
    pub key: String,
    pub why: String,
}

/// A `oneOf` branch taken by an alternative, with its siblings.
#[derive(Clone, Debug)]
pub struct Choice {
    /// Pointer of the `oneOf` array.
    pub ptr: String,
    pub chosen: usize,
    pub len: usize,
}

/// One alternative: every part applies.
#[derive(Clone, Debug, Default)]
pub struct Conj<'a> {
    pub parts: Vec<Part<'a>>,
    /// A `false` schema among the parts (nothing is valid).
    pub unsat: Option<String>,
    pub opaque: Vec<Opaque>,
    pub choices: Vec<Choice>,
    /// The `anyOf`/`oneOf` branch this alternative was taken from, if any.
    pub branch: Option<String>,
}

impl<'a> Conj<'a> {
    fn and(&self, other: &Conj<'a>) -> Conj<'a> {
        let mut out = self.clone();
        for p in &other.parts {
            if !out.parts.iter().any(|q| q.ptr == p.ptr) {
                out.parts.push(p.clone());
            }
        }
        out.unsat = out.unsat.or_else(|| other.unsat.clone());
        for o in &other.opaque {
            if !out.opaque.contains(o) {
                out.opaque.push(o.clone());
            }
        }
        out.choices.extend(other.choices.iter().cloned());
        out.branch = out.branch.or_else(|| other.branch.clone());
        out
    }

    /// The sorted part pointers: identifies the alternative for memoization.
    pub fn key(&self) -> Vec<String> {
        let mut k: Vec<String> = self.parts.iter().map(|p| p.ptr.clone()).collect();
        k.extend(self.opaque.iter().map(|o| format!("?{}", o.key)));
        if let Some(u) = &self.unsat {
            k.push(format!("!{u}"));
        }
        k.sort();
        k
    }

    /// The first part's pointer, or `fallback` for `true`.
    pub fn origin(&self, fallback: &str) -> String {
        self.parts
            .first()
            .map_or_else(|| fallback.to_string(), |p| p.ptr.clone())
    }

    /// The values of `keyword` over the parts, with their pointers.
    pub fn all<'s>(&'s self, keyword: &'s str) -> impl Iterator<Item = (&'s str, &'a Value)> + 's {
        self.parts
            .iter()
            .filter_map(move |p| p.map.get(keyword).map(|v| (p.ptr.as_str(), v)))
    }

    /// The first value of `keyword`, with the pointer of the keyword itself.
    pub fn first(&self, keyword: &str) -> Option<(String, &'a Value)> {
        self.all(keyword).next().map(|(p, v)| {
            let mut at = p.to_string();
            push_token(&mut at, keyword);
            (at, v)
        })
    }
}

/// The alternatives of the conjunction of the schemas at `ptrs` (none: `true`).
pub fn expand<'a>(doc: &Doc<'a>, ptrs: &[String], budget: &Budget) -> Vec<Conj<'a>> {
    let mut alts = vec![Conj::default()];
    let mut stack = Vec::new();
    for ptr in ptrs {
        let next = expand_at(doc, ptr, &mut stack, budget);
        alts = product(&alts, &next, ptr);
    }
    alts
}

fn product<'a>(left: &[Conj<'a>], right: &[Conj<'a>], at: &str) -> Vec<Conj<'a>> {
    if left.len().saturating_mul(right.len()) > MAX_ALTERNATIVES {
        return vec![over_budget(
            at,
            format!("more than {MAX_ALTERNATIVES} `anyOf`/`oneOf` alternatives"),
        )];
    }
    left.iter()
        .flat_map(|l| right.iter().map(move |r| l.and(r)))
        .collect()
}

fn over_budget<'a>(at: &str, what: String) -> Conj<'a> {
    Conj {
        opaque: vec![Opaque {
            ptr: at.to_string(),
            key: format!("budget {at}"),
            why: format!("diff budget exceeded at `{at}`: {what}"),
        }],
        ..Conj::default()
    }
}

fn opaque<'a>(ptr: &str, key: String, why: String) -> Vec<Conj<'a>> {
    vec![Conj {
        opaque: vec![Opaque {
            ptr: ptr.to_string(),
            key,
            why,
        }],
        ..Conj::default()
    }]
}

fn expand_at<'a>(
    doc: &Doc<'a>,
    ptr: &str,
    stack: &mut Vec<String>,
    budget: &Budget,
) -> Vec<Conj<'a>> {
    if stack.iter().any(|s| s == ptr) {
        return vec![Conj::default()];
    }
    if stack.len() >= MAX_NESTING {
        return vec![over_budget(
            ptr,
            format!("`$ref`/`allOf`/`anyOf`/`oneOf` nested more than {MAX_NESTING} deep"),
        )];
    }
    if !budget.tick() {
        return vec![over_budget(ptr, budget.exhausted_reason())];
    }
    let map = match doc.get(ptr) {
        Some(Value::Bool(true)) => return vec![Conj::default()],
        Some(Value::Bool(false)) => {
            return vec![Conj {
                unsat: Some(ptr.to_string()),
                ..Conj::default()
            }];
        }
        Some(Value::Object(map)) => map,
        Some(_) => {
            return opaque(
                ptr,
                format!("invalid {ptr}"),
                format!("`{ptr}` is not a schema (neither an object nor a boolean)"),
            );
        }
        None => {
            return opaque(
                ptr,
                format!("missing {ptr}"),
                format!("no schema at `{ptr}`"),
            );
        }
    };
    stack.push(ptr.to_string());
    let out = expand_object(doc, ptr, map, stack, budget);
    stack.pop();
    out
}

fn expand_object<'a>(
    doc: &Doc<'a>,
    ptr: &str,
    map: &'a Map<String, Value>,
    stack: &mut Vec<String>,
    budget: &Budget,
) -> Vec<Conj<'a>> {
    let own = Conj {
        parts: vec![Part {
            ptr: ptr.to_string(),
            map,
        }],
        ..Conj::default()
    };
    let mut alts = vec![own];
    if map.contains_key("$ref") {
        let referenced = match doc.target(ptr) {
            Some(Target::Local(to)) => expand_at(doc, &to, stack, budget),
            Some(Target::External(uri)) => opaque(
                ptr,
                format!("ref {uri}"),
                format!("`$ref` `{uri}` is another document, which the diff does not load"),
            ),
            Some(Target::Broken(why)) => opaque(
                ptr,
                format!("broken {ptr}"),
                format!("`$ref` at `{ptr}` does not resolve: {why}"),
            ),
            None => opaque(
                ptr,
                format!("invalid {ptr}/$ref"),
                format!("`$ref` at `{ptr}` is not a string"),
            ),
        };
        if doc.ignores_ref_siblings() {
            return referenced;
        }
        alts = product(&alts, &referenced, ptr);
    }
    if let Some(text) = doc.dynamic_ref(ptr) {
        let more = opaque(
            ptr,
            format!("dynamic {text}"),
            format!("dynamic reference `{text}` at `{ptr}` is not followed by the diff"),
        );
        alts = product(&alts, &more, ptr);
    }
    if let Some(Value::Array(branches)) = map.get("allOf") {
        for i in 0..branches.len() {
            let at = child(ptr, "allOf", i);
            let next = expand_at(doc, &at, stack, budget);
            alts = product(&alts, &next, &at);
        }
    }
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = map.get(keyword) else {
            continue;
        };
        let mut union = Vec::new();
        for i in 0..branches.len() {
            let at = child(ptr, keyword, i);
            let mut next = expand_at(doc, &at, stack, budget);
            for alt in &mut next {
                alt.branch = Some(at.clone());
            }
            if keyword == "oneOf" {
                let mut array = ptr.to_string();
                push_token(&mut array, keyword);
                for alt in &mut next {
                    alt.choices.push(Choice {
                        ptr: array.clone(),
                        chosen: i,
                        len: branches.len(),
                    });
                }
            }
            union.extend(product(&alts, &next, &at));
            if union.len() > MAX_ALTERNATIVES {
                return vec![over_budget(
                    ptr,
                    format!("more than {MAX_ALTERNATIVES} `anyOf`/`oneOf` alternatives"),
                )];
            }
        }
        // An empty `anyOf`/`oneOf` is invalid, and matches nothing.
        if union.is_empty() {
            let mut at = ptr.to_string();
            push_token(&mut at, keyword);
            union.push(Conj {
                unsat: Some(at),
                ..Conj::default()
            });
        }
        alts = union;
    }
    alts
}

/// `ptr/keyword/i`.
pub fn child(ptr: &str, keyword: &str, i: usize) -> String {
    let mut at = ptr.to_string();
    push_token(&mut at, keyword);
    push_token(&mut at, &i.to_string());
    at
}
