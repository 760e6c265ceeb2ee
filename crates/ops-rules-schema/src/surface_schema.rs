//! The schema of `ops/_meta/surface.json`, shipped inside ops-check (SCH008 validates against
//! it; `ops-check schema surface` prints it).

use std::sync::LazyLock;

use jsonschema::Validator;
use serde_json::Value;

/// The schema text, as shipped.
pub const SURFACE_SCHEMA: &str = include_str!("surface.v1.schema.json");

/// The schema of `ops/_meta/surface.json`.
pub fn surface_schema() -> Value {
    serde_json::from_str(SURFACE_SCHEMA).unwrap_or(Value::Bool(true))
}

/// The compiled schema, built once per process. It references nothing outside itself.
pub(crate) static SURFACE_VALIDATOR: LazyLock<Result<Validator, String>> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SURFACE_SCHEMA).map_err(|e| e.to_string())?;
    jsonschema::options()
        .offline()
        .build(&schema)
        .map_err(|e| e.to_string())
});

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shipped_schema_compiles_and_judges_surfaces() {
        let v = SURFACE_VALIDATOR.as_ref().unwrap();
        assert!(
            v.is_valid(&json!({"schema_version": 1, "entrypoints": ["ops-up"], "deprecated": []}))
        );
        assert!(v.is_valid(
            &json!({"schema_version": 1, "entrypoints": ["ops-up", "ops-y"],
            "deprecated": [{"target": "ops-x", "since": "1.2.0", "replacement": "ops-y"}]})
        ));
        assert!(v.is_valid(&json!({"schema_version": 2, "entrypoints": []})));
        assert!(!v.is_valid(&json!({"schema_version": 3, "entrypoints": []})));
        // Issue 11 item 18: the shapes real repositories use.
        assert!(v.is_valid(
            &json!({"schema_version": 2, "owner": "platform", "docs": "x",
            "entrypoints": ["ops-up", {"name": "ops-down", "description": "x", "since": "0.3.0"}]})
        ));
        assert!(!v.is_valid(&json!({"schema_version": 2, "entrypoints": [{"description": "x"}]})));
        assert!(!v.is_valid(&json!({"schema_version": 2, "entrypoints": [{"name": "bad name"}]})));
        assert!(!v.is_valid(&json!({"schema_version": 1, "entrypoints": ["a", "a"]})));
        assert!(!v.is_valid(&json!({"schema_version": 1, "entrypoints": [], "deprecated": [{"target": "x", "since": "soon"}]})));
        assert!(v.is_valid(&json!({"schema_version": 1, "entrypoints": [], "extra": 1})));
        assert_eq!(surface_schema()["$id"], "urn:ops-check:schema:surface.v1");
    }
}
