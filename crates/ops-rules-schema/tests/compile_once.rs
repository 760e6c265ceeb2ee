//! A generated tree of 200 schemas and 5,000 manifests: every SCH rule runs at once over the
//! same context, and each schema is compiled exactly once (counted, not timed).
//!
//! This file holds a single test so that the process-wide compilation counter sees only it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ops_model::testing::TestRepo;
use ops_rules_schema::{RULES, SchemaRegistry, registry::compilations};

const SCHEMAS: usize = 200;
const MANIFESTS: usize = 5_000;

#[test]
fn each_schema_compiles_once_per_run() {
    let mut repo = TestRepo::new().file(
        "ops/_schemas/common.v1.schema.json",
        r##"{"$id": "https://atlas.example/ops/schemas/common.v1.schema.json",
            "$defs": {"name": {"type": "string", "minLength": 1}}}"##,
    );
    // 199 item schemas, each referencing the common one (by relative path for even ones, by
    // `$id` for odd ones) and, for a cycle, the next item schema.
    let items = SCHEMAS - 1;
    for i in 0..items {
        let common = if i % 2 == 0 {
            "../common.v1.schema.json#/$defs/name".to_string()
        } else {
            "https://atlas.example/ops/schemas/common.v1.schema.json#/$defs/name".to_string()
        };
        let next = (i + 1) % items;
        repo = repo.file(
            &format!("ops/_schemas/load/item{i:03}.v1.schema.json"),
            &format!(
                r#"{{"type": "object", "required": ["name"],
                    "properties": {{"name": {{"$ref": "{common}"}},
                                    "next": {{"$ref": "item{next:03}.v1.schema.json"}},
                                    "$schema": {{"type": "string"}},
                                    "schema_name": {{"type": "string"}},
                                    "schema_version": {{"const": 1}}}}}}"#
            ),
        );
    }
    for m in 0..MANIFESTS {
        let i = m % items;
        repo = if m % 2 == 0 {
            repo.file(
                &format!("ops/load/items/m{m:04}.json"),
                &format!(
                    r#"{{"$schema": "../../_schemas/load/item{i:03}.v1.schema.json", "name": "m{m}"}}"#
                ),
            )
        } else {
            repo.file(
                &format!("ops/load/items/m{m:04}.yaml"),
                &format!(
                    "schema_name: item{i:03}\nschema_version: 1\nname: m{m}\nnext:\n  name: n\n"
                ),
            )
        };
    }
    // One broken manifest proves the others were validated, not skipped.
    repo = repo
        .file(
            "ops/load/items/broken.json",
            r#"{"$schema": "../../_schemas/load/item007.v1.schema.json", "name": ""}"#,
        )
        .file("configs/ops/tool-versions.json", r#"{"k6": "v0.50.0"}"#);

    let cx = repo.context();
    let before = compilations();
    let findings: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = RULES.iter().map(|rule| s.spawn(|| cx.run(*rule))).collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let compiled = compilations() - before;
    // Without a schema lock or a base revision SCH006 only says so, at info.
    let (notes, findings): (Vec<_>, Vec<_>) =
        findings.into_iter().partition(|f| f.code == "SCH006");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].severity, ops_model::Severity::Info);

    let lines: Vec<String> = findings
        .iter()
        .take(5)
        .map(|f| format!("{} {} {}", f.path, f.code, f.message))
        .collect();
    assert_eq!(findings.len(), 1, "{lines:#?}");
    assert_eq!(findings[0].code, "SCH004");
    assert_eq!(findings[0].path.as_str(), "ops/load/items/broken.json");
    assert_eq!(compiled, SCHEMAS, "each schema compiled exactly once");
    let registry = SchemaRegistry::of(&cx.cx());
    assert_eq!(registry.entries().len(), SCHEMAS);
    assert!(registry.entries().iter().all(|e| e.validator().is_some()));
    assert!(registry.refused().is_empty());

    // Asking again in the same run builds nothing.
    for rule in RULES {
        cx.run(*rule);
    }
    assert_eq!(compilations() - before, SCHEMAS);
}
