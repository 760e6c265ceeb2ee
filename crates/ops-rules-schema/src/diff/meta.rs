//! Keywords that constrain nothing, and keywords the diff does not know.
//!
//! Annotations (2020-12 Validation 9: `title`, `description`, `default`, `deprecated`,
//! `readOnly`, `writeOnly`, `examples`; Core 8.3 `$comment`) change freely. `$schema` is
//! reported; the comparison already reads each side under its own draft. A changed `$id`
//! breaks whoever references the schema by its old identifier. Any other keyword is one the
//! diff cannot classify: a change to it is an unknown, so breaking, change.

use std::collections::BTreeSet;

use serde_json::Value;

use super::change::{ChangeKind, Class};
use super::compare::{Differ, Out, kw};
use super::flat::Conj;

const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "examples",
    "$comment",
];

/// Every keyword the diff reads somewhere (or knows to ignore: `$defs` are read through
/// the references that use them).
const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "$dynamicRef",
    "$recursiveRef",
    "$anchor",
    "$dynamicAnchor",
    "$recursiveAnchor",
    "$vocabulary",
    "$defs",
    "definitions",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "type",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "items",
    "prefixItems",
    "additionalItems",
    "unevaluatedItems",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minContains",
    "maxContains",
    "properties",
    "patternProperties",
    "additionalProperties",
    "unevaluatedProperties",
    "required",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
];

fn values<'v>(conj: &Conj<'v>, keyword: &str) -> Vec<&'v Value> {
    conj.all(keyword).map(|(_, v)| v).collect()
}

impl Differ<'_, '_> {
    pub(super) fn meta(&mut self, o: &Conj<'_>, n: &Conj<'_>, out: &mut Out) {
        for keyword in ANNOTATIONS {
            if values(o, keyword) != values(n, keyword) {
                let (o_at, n_at) = self.places(o, n, keyword, out);
                out.push(
                    o_at,
                    n_at,
                    ChangeKind::AnnotationChanged,
                    Class::NonBreaking,
                    format!("`{keyword}` changed"),
                );
            }
        }
        if values(o, "$schema") != values(n, "$schema") {
            let (o_at, n_at) = self.places(o, n, "$schema", out);
            out.push(
                o_at,
                n_at,
                ChangeKind::DraftChanged,
                Class::NonBreaking,
                "`$schema` changed; each side was compared under its own draft".to_string(),
            );
        }
        let id = if self.new.draft == jsonschema::Draft::Draft4 {
            "id"
        } else {
            "$id"
        };
        let (oi, ni) = (values(o, id), values(n, id));
        if oi != ni {
            let (o_at, n_at) = self.places(o, n, id, out);
            let lost = oi.iter().any(|v| !ni.contains(v));
            let (class, reason) = if lost {
                (
                    Class::Breaking,
                    format!("`{id}` changed: references by the old identifier no longer resolve"),
                )
            } else {
                (Class::NonBreaking, format!("`{id}` was added"))
            };
            out.push(o_at, n_at, ChangeKind::IdChanged, class, reason);
        }
        let mut unknown = BTreeSet::new();
        for conj in [o, n] {
            for part in &conj.parts {
                for k in part.map.keys() {
                    if !KNOWN.contains(&k.as_str()) && !ANNOTATIONS.contains(&k.as_str()) && k != id
                    {
                        unknown.insert(k.clone());
                    }
                }
            }
        }
        for keyword in unknown {
            if values(o, &keyword) != values(n, &keyword) {
                let (o_at, n_at) = self.places(o, n, &keyword, out);
                out.push(
                    o_at,
                    n_at,
                    ChangeKind::Unknown,
                    Class::Breaking,
                    format!(
                        "unknown change: keyword `{keyword}`, which the diff does not know, changed"
                    ),
                );
            }
        }
    }

    /// Where a keyword is on each side, or the fallback places.
    fn places(&self, o: &Conj<'_>, n: &Conj<'_>, keyword: &str, out: &Out) -> (String, String) {
        (
            o.all(keyword)
                .next()
                .map_or_else(|| out.o_at.clone(), |(p, _)| kw(p, keyword)),
            n.all(keyword)
                .next()
                .map_or_else(|| out.n_at.clone(), |(p, _)| kw(p, keyword)),
        )
    }
}
