//! Finite schemas: when the old schema allows only a few values (`enum`, `const`, `type:
//! boolean`, `type: null`), the diff can decide exactly whether the new schema accepts each
//! of them, by validating it with the `jsonschema` crate against the new subschema.
//!
//! Each side's document is registered once under its retrieval URI; a subschema is compiled
//! as `{"$ref": "<uri>#<pointer>"}` against that registry, at most once per pointer.

use std::collections::BTreeMap;

use jsonschema::{Draft, Registry, Retrieve, Uri, Validator};
use serde_json::{Value, json};

use super::flat::Conj;
use super::types::TypeSet;

/// More values than this and the schema is not treated as finite (the comparison then
/// works keyword by keyword).
pub const MAX_VALUES: usize = 256;

/// A retriever that refuses every document: nothing is ever fetched.
struct Refuse;

impl Retrieve for Refuse {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        Err(format!("`{uri}` is never fetched by the schema diff").into())
    }
}

/// Compiles and caches validators for the subschemas of one document.
pub struct Checker {
    base: String,
    draft: Draft,
    registry: Option<Registry<'static>>,
    compiled: BTreeMap<String, Option<Validator>>,
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker").field("base", &self.base).finish()
    }
}

impl Checker {
    pub fn new(root: &Value, base: &str, draft: Draft) -> Checker {
        let registry = Registry::new()
            .draft(draft)
            .retriever(Refuse)
            .add(base, root.clone())
            .and_then(|b| b.prepare())
            .ok();
        Checker {
            base: base.to_string(),
            draft,
            registry,
            compiled: BTreeMap::new(),
        }
    }

    /// Whether `value` is valid against the subschema at `pointer`; `None` when that
    /// subschema cannot be compiled.
    pub fn is_valid(&mut self, pointer: &str, value: &Value) -> Option<bool> {
        if !self.compiled.contains_key(pointer) {
            let validator = self.compile(pointer);
            self.compiled.insert(pointer.to_string(), validator);
        }
        let validator = self.compiled.get(pointer)?.as_ref()?;
        Some(validator.is_valid(value))
    }

    fn compile(&self, pointer: &str) -> Option<Validator> {
        let registry = self.registry.as_ref()?;
        let reference = format!("{}#{}", self.base, encode_fragment(pointer));
        jsonschema::options()
            .with_draft(self.draft)
            .with_registry(registry)
            .with_retriever(Refuse)
            .build(&json!({ "$ref": reference }))
            .ok()
    }

    /// Whether `value` is valid against every part of `conj` (`None`: cannot tell).
    pub fn conj_accepts(&mut self, conj: &Conj<'_>, value: &Value) -> Option<bool> {
        if conj.unsat.is_some() {
            return Some(false);
        }
        if !conj.opaque.is_empty() {
            return None;
        }
        for part in &conj.parts {
            if !self.is_valid(&part.ptr, value)? {
                return Some(false);
            }
        }
        Some(true)
    }
}

/// A JSON pointer as a URI fragment: characters outside the unreserved set and the pointer
/// syntax are percent-encoded (RFC 6901, section 6).
fn encode_fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for b in pointer.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// JSON equality where numbers compare by value (`1` equals `1.0`), as JSON Schema's
/// `enum` and `const` compare (2020-12 Validation 6.1.2, 6.1.3).
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if let (Some(x), Some(y)) = (x.as_i64(), y.as_i64()) {
                return x == y;
            }
            if let (Some(x), Some(y)) = (x.as_u64(), y.as_u64()) {
                return x == y;
            }
            x.as_f64() == y.as_f64()
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

/// The values an alternative allows when it is finite: the intersection of its `enum` and
/// `const` lists, or those of `type: null`/`boolean`. Not yet filtered by the other
/// keywords. The flag says whether a `const` was among them.
pub fn finite_candidates(conj: &Conj<'_>) -> Option<(Vec<Value>, bool)> {
    let mut set: Option<Vec<Value>> = None;
    let mut from_const = false;
    for part in &conj.parts {
        let list: Vec<Value> = match (part.map.get("const"), part.map.get("enum")) {
            (Some(c), _) => {
                from_const = true;
                vec![c.clone()]
            }
            (None, Some(Value::Array(e))) => e.clone(),
            _ => continue,
        };
        set = Some(match set {
            None => list,
            Some(prev) => prev
                .into_iter()
                .filter(|v| list.iter().any(|w| same_value(v, w)))
                .collect(),
        });
    }
    if let Some(values) = set {
        return (values.len() <= MAX_VALUES).then_some((values, from_const));
    }
    let mut types = TypeSet::ALL;
    for part in &conj.parts {
        if let Some(t) = part.map.get("type").and_then(TypeSet::of_keyword) {
            types = types.intersect(t);
        }
    }
    if types.is_empty() || !TypeSet::NULL.union(TypeSet::BOOLEAN).contains(types) {
        return None;
    }
    let mut values = Vec::new();
    if types.meets(TypeSet::NULL) {
        values.push(Value::Null);
    }
    if types.meets(TypeSet::BOOLEAN) {
        values.push(Value::Bool(false));
        values.push(Value::Bool(true));
    }
    Some((values, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_subschemas_by_pointer_with_ids_and_refs() {
        let root = json!({
            "$id": "https://x.example/s.json",
            "properties": {
                "a": {"$ref": "#/$defs/name"},
                "b c": {"type": "integer"}
            },
            "$defs": {"name": {"type": "string", "pattern": "^[a-z]+$"}}
        });
        let mut c = Checker::new(&root, "urn:ops-check:new", Draft::Draft202012);
        assert_eq!(c.is_valid("/properties/a", &json!("abc")), Some(true));
        assert_eq!(c.is_valid("/properties/a", &json!("ABC")), Some(false));
        assert_eq!(c.is_valid("/properties/b c", &json!(1)), Some(true));
        assert_eq!(c.is_valid("/properties/b c", &json!("1")), Some(false));
        assert_eq!(c.is_valid("", &json!({"a": 1})), Some(false));
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(same_value(&json!(1), &json!(1.0)));
        assert!(same_value(&json!({"a": [1]}), &json!({"a": [1.0]})));
        assert!(!same_value(&json!("1"), &json!(1)));
    }
}
