//! Properties of the schema diff over generated schemas: a schema does not differ from
//! itself, an added optional property never breaks, a removed required key always does,
//! the result does not depend on key order or on the run, and arbitrary JSON never panics.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ops_rules_schema::diff::{ChangeKind, any_breaking, diff};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// A leaf schema: a type with a few of its keywords.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        (
            proptest::option::of(0u64..5),
            proptest::option::of(5u64..20)
        )
            .prop_map(|(min, max)| {
                let mut m = Map::new();
                m.insert("type".into(), json!("string"));
                if let Some(v) = min {
                    m.insert("minLength".into(), json!(v));
                }
                if let Some(v) = max {
                    m.insert("maxLength".into(), json!(v));
                }
                Value::Object(m)
            }),
        (proptest::option::of(-5i64..5), any::<bool>()).prop_map(|(min, int)| {
            let mut m = Map::new();
            m.insert("type".into(), json!(if int { "integer" } else { "number" }));
            if let Some(v) = min {
                m.insert("minimum".into(), json!(v));
            }
            Value::Object(m)
        }),
        proptest::collection::vec("[a-c]", 1..4).prop_map(|values| json!({"enum": values})),
        Just(json!({"type": "boolean"})),
        Just(json!({"type": ["string", "null"]})),
        Just(json!(true)),
        Just(json!({"const": 1})),
    ]
}

/// An object schema with `properties`, some required, maybe closed; nested objects and
/// arrays inside.
fn schema() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            (
                proptest::collection::btree_map("[a-e]", inner.clone(), 0..4),
                any::<u8>(),
                any::<bool>()
            )
                .prop_map(|(props, pick, closed)| {
                    let required: Vec<&String> = props
                        .keys()
                        .enumerate()
                        .filter(|(i, _)| pick & (1 << i) != 0)
                        .map(|(_, k)| k)
                        .collect();
                    let mut m = Map::new();
                    m.insert("type".into(), json!("object"));
                    m.insert("properties".into(), json!(props));
                    m.insert("required".into(), json!(required));
                    if closed {
                        m.insert("additionalProperties".into(), json!(false));
                    }
                    Value::Object(m)
                }),
            inner
                .clone()
                .prop_map(|items| json!({"type": "array", "items": items})),
            proptest::collection::vec(inner, 1..3).prop_map(|alts| json!({"anyOf": alts})),
        ]
    })
}

/// An object schema at the root.
fn root() -> impl Strategy<Value = Value> {
    (
        proptest::collection::btree_map("[a-e]", schema(), 1..5),
        any::<u8>(),
        any::<bool>(),
    )
        .prop_map(|(props, pick, closed)| {
            let required: Vec<&String> = props
                .keys()
                .enumerate()
                .filter(|(i, _)| pick & (1 << i) != 0)
                .map(|(_, k)| k)
                .collect();
            let mut m = Map::new();
            m.insert("type".into(), json!("object"));
            m.insert("properties".into(), json!(props));
            m.insert("required".into(), json!(required));
            if closed {
                m.insert("additionalProperties".into(), json!(false));
            }
            Value::Object(m)
        })
}

/// Arbitrary JSON, schema-like or not.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z$#/]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("type".to_string()),
                    Just("properties".to_string()),
                    Just("items".to_string()),
                    Just("anyOf".to_string()),
                    Just("allOf".to_string()),
                    Just("oneOf".to_string()),
                    Just("not".to_string()),
                    Just("$ref".to_string()),
                    Just("enum".to_string()),
                    Just("required".to_string()),
                    Just("minimum".to_string()),
                    "[a-z]{1,3}",
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_schema_does_not_differ_from_itself(s in root()) {
        prop_assert!(diff(&s, &s).is_empty());
        // Re-parsed (another allocation, same content): still nothing.
        let again: Value = serde_json::from_str(&s.to_string()).unwrap();
        prop_assert!(diff(&s, &again).is_empty());
    }

    #[test]
    fn adding_an_optional_property_never_breaks(s in root(), added in schema()) {
        let mut new = s.clone();
        new["properties"]["zz_added"] = added;
        let changes = diff(&s, &new);
        prop_assert!(!any_breaking(&changes), "{changes:#?}");
        prop_assert!(changes.iter().any(|c| c.kind == ChangeKind::PropertyAdded));
    }

    #[test]
    fn removing_a_required_key_always_breaks(s in root()) {
        let required = s["required"].as_array().cloned().unwrap_or_default();
        prop_assume!(!required.is_empty());
        let mut new = s.clone();
        new["required"] = json!(required[1..]);
        let changes = diff(&s, &new);
        prop_assert!(
            changes.iter().any(|c| c.kind == ChangeKind::RequiredRemoved && c.is_breaking()),
            "{changes:#?}"
        );
    }

    #[test]
    fn the_diff_is_deterministic(a in root(), b in root()) {
        let first = diff(&a, &b);
        prop_assert_eq!(&first, &diff(&a, &b));
        let a2: Value = serde_json::from_str(&a.to_string()).unwrap();
        let b2: Value = serde_json::from_str(&b.to_string()).unwrap();
        prop_assert_eq!(&first, &diff(&a2, &b2));
        let mut sorted = first.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(first.len(), sorted.len());
    }

    #[test]
    fn arbitrary_json_never_panics(a in any_json(), b in any_json()) {
        let _ = diff(&a, &b);
    }
}
