//! The JSON report validates against the schema `ops-check schema report` prints.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::Path;

use ops_check::{Contract, Engine};

#[test]
fn a_real_report_validates_against_its_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ops-fixtures/violations/LAY001");
    let (contract, _) = Contract::discover(&root).unwrap();
    let report = Engine::new(contract).check(&root).unwrap();
    assert!(
        !report.findings.is_empty(),
        "the fixture should produce findings"
    );
    let instance = serde_json::to_value(&report).unwrap();
    let schema = ops_check::Report::json_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // And a mutilated one does not.
    let mut bad = instance.clone();
    bad["findings"][0]["severity"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&bad));
}
