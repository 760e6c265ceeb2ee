//! Validation of SARIF logs against the vendored official schema (`../schemas/`), with
//! `format` checking on and no network. Shared by the ops-report and ops-check tests
//! (`#[path]`-included).

use std::path::Path;

use serde_json::{Value, json};

/// The errors of `log` against SARIF 2.1.0 (empty when valid), plus any empty `uri`.
///
/// The official schema is JSON Schema draft 04, whose vocabulary has no `uri-reference`
/// format (draft 06 added it), so a draft-04 validator would let an artifact URI like
/// `a b` through. That format is checked here with the draft-07 definition.
pub fn sarif_errors(log: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ops-report/tests/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let uri_reference = jsonschema::options()
        .should_validate_formats(true)
        .build(&json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "format": "uri-reference"
        }))
        .unwrap();
    let validator = jsonschema::options()
        .offline()
        .should_validate_formats(true)
        .should_ignore_unknown_formats(false)
        .with_format("uri-reference", move |s: &str| {
            uri_reference.is_valid(&json!(s))
        })
        .build(&schema)
        .unwrap();
    let mut errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    empty_uris(log, "", &mut errors);
    errors
}

fn empty_uris(v: &Value, at: &str, errors: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let here = format!("{at}/{k}");
                if k.to_ascii_lowercase().ends_with("uri") && v.as_str() == Some("") {
                    errors.push(format!("empty URI at {here}"));
                }
                empty_uris(v, &here, errors);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                empty_uris(v, &format!("{at}/{i}"), errors);
            }
        }
        _ => {}
    }
}
