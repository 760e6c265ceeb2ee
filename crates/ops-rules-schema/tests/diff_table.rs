//! The schema diff, pair by pair: every change kind, in both directions where it has two,
//! with the pointer it is reported at and its class under the contract's policy.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use ops_rules_schema::diff::{Change, ChangeKind, DiffOptions, any_breaking, diff, diff_with};
use serde_json::{Value, json};

/// One pair: the verdict, and changes `(kind, new pointer)` that must be among the result.
struct Case {
    name: &'static str,
    old: Value,
    new: Value,
    breaking: bool,
    expect: &'static [(&'static str, &'static str)],
}

fn case(
    name: &'static str,
    old: Value,
    new: Value,
    breaking: bool,
    expect: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        name,
        old,
        new,
        breaking,
        expect,
    }
}

fn obj(props: Value, required: &[&str]) -> Value {
    json!({"type": "object", "required": required, "properties": props})
}

#[allow(clippy::too_many_lines)]
fn cases() -> Vec<Case> {
    let s = json!({"type": "string"});
    vec![
        case("identical", s.clone(), s.clone(), false, &[]),
        case(
            "optional property added",
            obj(json!({"a": s}), &["a"]),
            obj(json!({"a": s, "b": {"type": "integer"}}), &["a"]),
            false,
            &[("property-added", "/properties/b")],
        ),
        case(
            "property removed",
            obj(json!({"a": s, "b": {"type": "integer"}}), &["a"]),
            obj(json!({"a": s}), &["a"]),
            true,
            &[("property-removed", "/properties")],
        ),
        case(
            "property removed while additionalProperties stays open",
            json!({"properties": {"a": s}, "additionalProperties": true}),
            json!({"additionalProperties": true}),
            true,
            &[("property-removed", "")],
        ),
        case(
            "required added",
            obj(json!({"a": s}), &[]),
            obj(json!({"a": s}), &["a"]),
            true,
            &[("required-added", "/required")],
        ),
        case(
            "required added even with a default",
            obj(json!({"a": {"type": "string", "default": "x"}}), &[]),
            obj(json!({"a": {"type": "string", "default": "x"}}), &["a"]),
            true,
            &[("required-added", "/required")],
        ),
        case(
            "required removed",
            obj(json!({"a": s}), &["a"]),
            obj(json!({"a": s}), &[]),
            true,
            &[("required-removed", "/required")],
        ),
        case(
            "type widened",
            s.clone(),
            json!({"type": ["string", "null"]}),
            false,
            &[("type-widened", "/type")],
        ),
        case(
            "type narrowed",
            json!({"type": ["string", "null"]}),
            s.clone(),
            true,
            &[("type-narrowed", "/type")],
        ),
        case(
            "integer widened to number",
            json!({"type": "integer"}),
            json!({"type": "number"}),
            false,
            &[("type-widened", "/type")],
        ),
        case(
            "number narrowed to integer",
            json!({"type": "number"}),
            json!({"type": "integer"}),
            true,
            &[("type-narrowed", "/type")],
        ),
        case(
            "type changed",
            s.clone(),
            json!({"type": "number"}),
            true,
            &[("type-changed", "/type")],
        ),
        case(
            "enum value added",
            json!({"enum": ["a", "b"]}),
            json!({"enum": ["a", "b", "c"]}),
            false,
            &[("enum-value-added", "/enum")],
        ),
        case(
            "enum value removed",
            json!({"enum": ["a", "b", "c"]}),
            json!({"enum": ["a", "b"]}),
            true,
            &[("enum-value-removed", "/enum")],
        ),
        case(
            "enum added",
            s.clone(),
            json!({"type": "string", "enum": ["a"]}),
            true,
            &[("enum-added", "/enum")],
        ),
        case(
            "enum removed",
            json!({"type": "string", "enum": ["a"]}),
            s.clone(),
            false,
            &[("enum-removed", "")],
        ),
        case(
            "const added",
            s.clone(),
            json!({"type": "string", "const": "a"}),
            true,
            &[("const-added", "/const")],
        ),
        case(
            "const changed",
            json!({"const": "a"}),
            json!({"const": "b"}),
            true,
            &[("const-changed", "/const")],
        ),
        case(
            "const removed",
            json!({"type": "string", "const": "a"}),
            s.clone(),
            false,
            &[("const-removed", "")],
        ),
        case(
            "pattern added",
            s.clone(),
            json!({"type": "string", "pattern": "^a"}),
            true,
            &[("pattern-added", "/pattern")],
        ),
        case(
            "pattern changed",
            json!({"type": "string", "pattern": "^a"}),
            json!({"type": "string", "pattern": "^b"}),
            true,
            &[("pattern-changed", "/pattern")],
        ),
        case(
            "pattern removed",
            json!({"type": "string", "pattern": "^a"}),
            s.clone(),
            false,
            &[("pattern-removed", "")],
        ),
        case(
            "format added",
            s.clone(),
            json!({"type": "string", "format": "uuid"}),
            true,
            &[("format-added", "/format")],
        ),
        case(
            "format changed",
            json!({"type": "string", "format": "uuid"}),
            json!({"type": "string", "format": "email"}),
            true,
            &[("format-changed", "/format")],
        ),
        case(
            "format removed",
            json!({"type": "string", "format": "uuid"}),
            s.clone(),
            false,
            &[("format-removed", "")],
        ),
        case(
            "minimum added",
            json!({"type": "number"}),
            json!({"type": "number", "minimum": 0}),
            true,
            &[("minimum-added", "/minimum")],
        ),
        case(
            "minimum increased (inclusive to exclusive at the same value)",
            json!({"type": "number", "minimum": 1}),
            json!({"type": "number", "exclusiveMinimum": 1}),
            true,
            &[("minimum-increased", "/exclusiveMinimum")],
        ),
        case(
            "minimum decreased",
            json!({"type": "number", "minimum": 5}),
            json!({"type": "number", "minimum": 1}),
            false,
            &[("minimum-decreased", "/minimum")],
        ),
        case(
            "minimum removed",
            json!({"type": "number", "minimum": 5}),
            json!({"type": "number"}),
            false,
            &[("minimum-removed", "")],
        ),
        case(
            "exclusive minimum 0 equals minimum 1 on integers",
            json!({"type": "integer", "exclusiveMinimum": 0}),
            json!({"type": "integer", "minimum": 1}),
            false,
            &[],
        ),
        case(
            "maximum added",
            json!({"type": "integer"}),
            json!({"type": "integer", "maximum": 10}),
            true,
            &[("maximum-added", "/maximum")],
        ),
        case(
            "maximum decreased",
            json!({"type": "integer", "maximum": 10}),
            json!({"type": "integer", "maximum": 5}),
            true,
            &[("maximum-decreased", "/maximum")],
        ),
        case(
            "maximum increased",
            json!({"type": "integer", "maximum": 5}),
            json!({"type": "integer", "maximum": 10}),
            false,
            &[("maximum-increased", "/maximum")],
        ),
        case(
            "maximum removed",
            json!({"type": "integer", "exclusiveMaximum": 5}),
            json!({"type": "integer"}),
            false,
            &[("maximum-removed", "")],
        ),
        case(
            "multipleOf tightened",
            json!({"type": "number", "multipleOf": 2}),
            json!({"type": "number", "multipleOf": 4}),
            true,
            &[("multiple-of-tightened", "/multipleOf")],
        ),
        case(
            "multipleOf loosened to a divisor",
            json!({"type": "number", "multipleOf": 4}),
            json!({"type": "number", "multipleOf": 2}),
            false,
            &[("multiple-of-loosened", "/multipleOf")],
        ),
        case(
            "minLength increased",
            json!({"type": "string", "minLength": 1}),
            json!({"type": "string", "minLength": 3}),
            true,
            &[("bound-tightened", "/minLength")],
        ),
        case(
            "maxLength increased",
            json!({"type": "string", "maxLength": 3}),
            json!({"type": "string", "maxLength": 5}),
            false,
            &[("bound-loosened", "/maxLength")],
        ),
        case(
            "maxItems added",
            json!({"type": "array"}),
            json!({"type": "array", "maxItems": 3}),
            true,
            &[("bound-tightened", "/maxItems")],
        ),
        case(
            "minItems removed",
            json!({"type": "array", "minItems": 1}),
            json!({"type": "array"}),
            false,
            &[("bound-loosened", "")],
        ),
        case(
            "additionalProperties tightened",
            json!({"type": "object", "properties": {"a": s}}),
            json!({"type": "object", "properties": {"a": s}, "additionalProperties": false}),
            true,
            &[("additional-properties-tightened", "/additionalProperties")],
        ),
        case(
            "additionalProperties loosened",
            json!({"type": "object", "additionalProperties": false}),
            json!({"type": "object"}),
            false,
            &[("additional-properties-loosened", "")],
        ),
        case(
            "additionalProperties schema narrowed",
            json!({"type": "object", "additionalProperties": {"type": ["string", "number"]}}),
            json!({"type": "object", "additionalProperties": {"type": "string"}}),
            true,
            &[
                ("type-narrowed", "/additionalProperties/type"),
                ("additional-properties-tightened", "/additionalProperties"),
            ],
        ),
        case(
            "patternProperties entry added on an open object",
            json!({"type": "object"}),
            json!({"type": "object", "patternProperties": {"^x-": {"type": "string"}}}),
            true,
            &[
                ("pattern-property-added", "/patternProperties/^x-"),
                ("type-narrowed", "/patternProperties/^x-/type"),
            ],
        ),
        case(
            "patternProperties entry removed",
            json!({"type": "object", "patternProperties": {"^x-": {"type": "string"}}}),
            json!({"type": "object"}),
            false,
            &[("pattern-property-removed", "")],
        ),
        case(
            "tuple position added with a matching rest",
            json!({"type": "array", "prefixItems": [s], "items": {"type": "number"}}),
            json!({"type": "array", "prefixItems": [s, {"type": "number"}], "items": {"type": "number"}}),
            false,
            &[("item-added", "/prefixItems/1")],
        ),
        case(
            "tuple position removed, the rest rejects it",
            json!({"type": "array", "items": [s, {"type": "number"}], "additionalItems": s}),
            json!({"type": "array", "items": [s], "additionalItems": s}),
            true,
            &[
                ("item-removed", "/additionalItems"),
                ("type-changed", "/additionalItems/type"),
            ],
        ),
        case(
            "items narrowed",
            json!({"type": "array", "items": {"type": "number"}}),
            json!({"type": "array", "items": {"type": "integer"}}),
            true,
            &[("type-narrowed", "/items/type")],
        ),
        case(
            "uniqueItems added",
            json!({"type": "array"}),
            json!({"type": "array", "uniqueItems": true}),
            true,
            &[("unique-items-added", "/uniqueItems")],
        ),
        case(
            "uniqueItems removed",
            json!({"type": "array", "uniqueItems": true}),
            json!({"type": "array"}),
            false,
            &[("unique-items-removed", "")],
        ),
        case(
            "dependentRequired added",
            json!({"type": "object", "properties": {"a": s, "b": s}}),
            json!({"type": "object", "properties": {"a": s, "b": s}, "dependentRequired": {"a": ["b"]}}),
            true,
            &[("dependency-added", "/dependentRequired/a")],
        ),
        case(
            "dependencies removed",
            json!({"type": "object", "properties": {"a": s, "b": s}, "dependencies": {"a": ["b"]}}),
            json!({"type": "object", "properties": {"a": s, "b": s}}),
            false,
            &[("dependency-removed", "")],
        ),
        case(
            "not added",
            json!({"type": "number"}),
            json!({"type": "number", "not": {"const": 0}}),
            true,
            &[("constraint-added", "/not")],
        ),
        case(
            "not narrowed (contravariant)",
            json!({"not": {"type": "number"}}),
            json!({"not": {"type": "integer"}}),
            false,
            &[],
        ),
        case(
            "not widened",
            json!({"not": {"type": "integer"}}),
            json!({"not": {"type": "number"}}),
            true,
            &[("constraint-added", "/not")],
        ),
        case(
            "not added, disjoint from the old schema",
            s.clone(),
            json!({"type": "string", "not": {"type": "number"}}),
            false,
            &[],
        ),
        case(
            "not removed",
            json!({"type": "number", "not": {"const": 0}}),
            json!({"type": "number"}),
            false,
            &[("constraint-removed", "")],
        ),
        case(
            "if/then/else added",
            json!({"type": "object"}),
            json!({"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}}),
            true,
            &[("constraint-added", "/if")],
        ),
        case(
            "then narrowed under the same if",
            json!({"if": {"required": ["a"]}, "then": {"properties": {"b": {"type": "number"}}}}),
            json!({"if": {"required": ["a"]}, "then": {"properties": {"b": {"type": "integer"}}}}),
            true,
            &[("type-narrowed", "/then/properties/b/type")],
        ),
        case(
            "contains added",
            json!({"type": "array"}),
            json!({"type": "array", "contains": {"const": 1}}),
            true,
            &[("constraint-added", "/contains")],
        ),
        case(
            "propertyNames removed",
            json!({"type": "object", "propertyNames": {"maxLength": 3}}),
            json!({"type": "object"}),
            false,
            &[("constraint-removed", "")],
        ),
        case(
            "anyOf alternative added",
            s.clone(),
            json!({"anyOf": [s, {"type": "number"}]}),
            false,
            &[("alternative-added", "/anyOf/1")],
        ),
        case(
            "anyOf alternative removed",
            json!({"anyOf": [s, {"type": "number"}]}),
            s.clone(),
            true,
            &[("type-changed", "/type")],
        ),
        case(
            "anyOf alternative removed among several",
            json!({"anyOf": [s, {"type": "number"}, {"type": "boolean"}]}),
            json!({"anyOf": [s, {"type": "number"}]}),
            true,
            &[("alternative-removed", "")],
        ),
        case(
            "oneOf branches that overlap",
            json!({"type": "number"}),
            json!({"oneOf": [{"type": "number"}, {"type": "integer"}]}),
            true,
            &[("one-of-overlap", "/oneOf/1")],
        ),
        case(
            "oneOf extended with a disjoint branch",
            json!({"oneOf": [s, {"type": "integer"}]}),
            json!({"oneOf": [s, {"type": "integer"}, {"type": "boolean"}]}),
            false,
            &[("alternative-added", "/oneOf/2")],
        ),
        case(
            "type list equals anyOf of the types",
            json!({"type": ["string", "null"]}),
            json!({"anyOf": [s, {"type": "null"}]}),
            false,
            &[],
        ),
        case(
            "anyOf of the types equals the type list",
            json!({"anyOf": [s, {"type": "null"}]}),
            json!({"type": ["string", "null"]}),
            false,
            &[],
        ),
        case(
            "allOf flattened: bounds tightened across branches",
            json!({"type": "number", "minimum": 0}),
            json!({"allOf": [{"type": "number", "minimum": 1}, {"maximum": 10}]}),
            true,
            &[
                ("minimum-increased", "/allOf/0/minimum"),
                ("maximum-added", "/allOf/1/maximum"),
            ],
        ),
        case(
            "annotations change freely",
            json!({"type": "string", "title": "a", "description": "x", "examples": ["e"], "default": "d", "deprecated": false, "$comment": "c"}),
            json!({"type": "string", "title": "b", "description": "y", "examples": ["f"], "default": "g", "deprecated": true, "$comment": "d", "readOnly": true}),
            false,
            &[
                ("annotation-changed", "/title"),
                ("annotation-changed", "/readOnly"),
            ],
        ),
        case(
            "draft changed",
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"}),
            json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string"}),
            false,
            &[("draft-changed", "/$schema")],
        ),
        case(
            "$id changed",
            json!({"$id": "https://x.example/a.v1.json", "type": "string"}),
            json!({"$id": "https://x.example/b.v1.json", "type": "string"}),
            true,
            &[("id-changed", "/$id")],
        ),
        case(
            "an unknown keyword changed",
            json!({"type": "string", "x-kind": "a"}),
            json!({"type": "string", "x-kind": "b"}),
            true,
            &[("unknown", "/x-kind")],
        ),
        case(
            "another document referenced instead",
            json!({"$ref": "common.v1.json#/$defs/a"}),
            json!({"$ref": "common.v1.json#/$defs/b"}),
            true,
            &[("unknown", "")],
        ),
        case(
            "true, false and the empty schema",
            json!(true),
            json!({}),
            false,
            &[],
        ),
        case(
            "true to false",
            json!(true),
            json!(false),
            true,
            &[("constraint-added", "")],
        ),
        case(
            "false to anything",
            json!(false),
            json!({"type": "string", "minLength": 3}),
            false,
            &[],
        ),
        case(
            "a constraint on a type the old schema never allowed",
            s.clone(),
            json!({"type": "string", "minimum": 3}),
            false,
            &[("minimum-added", "/minimum")],
        ),
        case(
            "moving a schema into $defs is no change",
            json!({"type": "object", "properties": {"a": s}}),
            json!({"type": "object", "properties": {"a": {"$ref": "#/$defs/a"}}, "$defs": {"a": s}}),
            false,
            &[],
        ),
        case(
            "a change behind $ref is reported where it is",
            json!({"properties": {"a": {"$ref": "#/$defs/a"}}, "$defs": {"a": {"type": "number"}}}),
            json!({"properties": {"a": {"$ref": "#/$defs/a"}}, "$defs": {"a": {"type": "integer"}}}),
            true,
            &[("type-narrowed", "/$defs/a/type")],
        ),
        case(
            "$ref by $id",
            json!({"$id": "https://x.example/s.json", "properties": {"a": {"$ref": "item.json"}}, "$defs": {"i": {"$id": "item.json", "type": "number"}}}),
            json!({"$id": "https://x.example/s.json", "properties": {"a": {"$ref": "item.json"}}, "$defs": {"i": {"$id": "item.json", "type": "integer"}}}),
            true,
            &[("type-narrowed", "/$defs/i/type")],
        ),
        case(
            "recursive schema, optional property added",
            json!({"type": "object", "properties": {"v": s, "children": {"type": "array", "items": {"$ref": "#"}}}}),
            json!({"type": "object", "properties": {"v": s, "w": s, "children": {"type": "array", "items": {"$ref": "#"}}}}),
            false,
            &[("property-added", "/properties/w")],
        ),
        case(
            "draft-07 ignores keywords beside $ref",
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"$ref": "#/definitions/a", "maxLength": 3}}, "definitions": {"a": s}}),
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"a": {"$ref": "#/definitions/a", "maxLength": 1}}, "definitions": {"a": s}}),
            false,
            &[],
        ),
        case(
            "2020-12 applies keywords beside $ref",
            json!({"properties": {"a": {"$ref": "#/$defs/a", "maxLength": 3}}, "$defs": {"a": s}}),
            json!({"properties": {"a": {"$ref": "#/$defs/a", "maxLength": 1}}, "$defs": {"a": s}}),
            true,
            &[("bound-tightened", "/properties/a/maxLength")],
        ),
    ]
}

fn show(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| {
            format!(
                "  {} {} [{}] (old {}) {}",
                c.class, c.kind, c.new_pointer, c.old_pointer, c.reason
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn table() {
    let all = cases();
    assert!(all.len() >= 40, "{} cases", all.len());
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for c in &all {
        let changes = diff(&c.old, &c.new);
        for ch in &changes {
            seen.insert(ch.kind);
        }
        if any_breaking(&changes) != c.breaking {
            problems.push(format!(
                "{}: expected breaking={}, got:\n{}",
                c.name,
                c.breaking,
                show(&changes)
            ));
            continue;
        }
        for (kind, pointer) in c.expect {
            if !changes
                .iter()
                .any(|ch| ch.kind.as_str() == *kind && ch.new_pointer == *pointer)
            {
                problems.push(format!(
                    "{}: expected {kind} at `{pointer}`, got:\n{}",
                    c.name,
                    show(&changes)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let missing: Vec<&str> = ChangeKind::ALL
        .iter()
        .filter(|k| !seen.contains(*k))
        .map(|k| k.as_str())
        .collect();
    assert!(missing.is_empty(), "kinds no case produces: {missing:?}");
}

#[test]
fn identical_documents_have_no_changes() {
    for c in cases() {
        assert!(diff(&c.old, &c.old).is_empty(), "{}", c.name);
        assert!(diff(&c.new, &c.new).is_empty(), "{}", c.name);
    }
}

#[test]
fn cyclic_refs_end() {
    let cyclic = json!({"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}});
    let changes = diff(&cyclic, &json!({"type": "string"}));
    assert!(any_breaking(&changes), "{}", show(&changes));
    let changes = diff(&json!({"type": "string"}), &cyclic);
    assert!(!any_breaking(&changes), "{}", show(&changes));
}

#[test]
fn a_long_ref_chain_ends_with_an_unknown_change_naming_the_budget() {
    let mut defs = serde_json::Map::new();
    for i in 0..3000 {
        defs.insert(
            format!("d{i}"),
            json!({"$ref": format!("#/$defs/d{}", i + 1)}),
        );
    }
    defs.insert("d3000".into(), json!({"type": "string"}));
    let old = json!({"$ref": "#/$defs/d0", "$defs": defs.clone()});
    let mut new = old.clone();
    new["$defs"]["d3000"] = json!({"type": "string", "minLength": 1});
    let start = std::time::Instant::now();
    let changes = diff(&old, &new);
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    let unknown: Vec<&Change> = changes
        .iter()
        .filter(|c| c.kind == ChangeKind::Unknown)
        .collect();
    assert!(!unknown.is_empty(), "{}", show(&changes));
    assert!(
        unknown[0].reason.contains("budget"),
        "{}",
        unknown[0].reason
    );
    assert!(any_breaking(&changes));
}

#[test]
fn a_small_step_budget_ends_with_an_unknown_change() {
    let old = json!({"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "number"}}}}});
    let new = json!({"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "integer"}}}}});
    let options = DiffOptions {
        max_steps: 2,
        ..DiffOptions::default()
    };
    let changes = diff_with(&old, &new, &options);
    assert!(
        changes
            .iter()
            .any(|c| c.kind == ChangeKind::Unknown && c.reason.contains("budget of 2 steps")),
        "{}",
        show(&changes)
    );
}
