//! Tests of the registry pipeline.

use super::*;
use ops_model::testing::TestRepo;
use serde_json::json;

fn problems(reg: &SchemaRegistry) -> Vec<String> {
    reg.entries()
        .iter()
        .flat_map(|e| {
            e.problems.iter().map(move |p| {
                let at = p
                    .span
                    .map(|s| format!(":{}:{}", s.line, s.column))
                    .unwrap_or_default();
                format!("{}{at}: {}", e.path, p.message)
            })
        })
        .collect()
}

fn build(repo: &TestRepo) -> SchemaRegistry {
    let cx = repo.context();
    SchemaRegistry::build(&cx.cx())
}

#[test]
fn local_refs_by_path_and_id_with_cycles_compile() {
    let repo = TestRepo::new()
        .file(
            "ops/_schemas/common.v1.schema.json",
            r##"{"$id": "https://atlas.example/schemas/common.v1.schema.json",
                "$defs": {"name": {"type": "string", "minLength": 1},
                          "tree": {"type": "object", "properties": {"child": {"$ref": "#/$defs/tree"},
                                    "suite": {"$ref": "load/suite.v1.schema.json"}}}}}"##,
        )
        .file(
            "ops/_schemas/load/suite.v1.schema.json",
            r##"{"$schema": "http://json-schema.org/draft-07/schema#",
                "type": "object", "required": ["name"],
                "properties": {"name": {"$ref": "../common.v1.schema.json#/$defs/name"},
                               "again": {"$ref": "https://atlas.example/schemas/common.v1.schema.json#/$defs/tree"},
                               "self": {"$ref": "#"}}}"##,
        )
        .file("ops/_schemas/INDEX.md", "# schemas\n");
    let reg = build(&repo);
    assert_eq!(problems(&reg), Vec::<String>::new());
    assert_eq!(reg.entries().len(), 2);
    let suite = reg.get("ops/_schemas/load/suite.v1.schema.json").unwrap();
    assert_eq!(suite.draft, Draft::Draft7);
    let v = suite.validator().unwrap();
    assert!(v.is_valid(&json!({"name": "smoke", "self": {"name": "x"}})));
    assert!(!v.is_valid(&json!({"name": ""})));
    assert!(!v.is_valid(&json!({"name": "a", "again": {"child": {"suite": {"name": 3}}}})));
    assert!(
        reg.by_uri("https://atlas.example/schemas/common.v1.schema.json#x")
            .is_some()
    );
    assert!(reg.refused().is_empty(), "{:?}", reg.refused());
}

#[test]
fn remote_refs_are_reported_and_never_requested() {
    let repo = TestRepo::new()
        .file(
            "ops/_schemas/remote.v1.schema.json",
            "{\n  \"properties\": {\n    \"x\": {\"$ref\": \"https://example.com/x.json\"}\n  }\n}\n",
        )
        .file(
            "ops/_schemas/user.v1.schema.json",
            r#"{"properties": {"r": {"$ref": "remote.v1.schema.json"}}}"#,
        )
        .file("ops/_schemas/fine.v1.schema.json", r#"{"type": "object"}"#);
    let reg = build(&repo);
    let found = problems(&reg);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with(
            "ops/_schemas/remote.v1.schema.json:3:11: remote `$ref` `https://example.com/x.json`"
        ),
        "{found:#?}"
    );
    assert!(
        found[1].contains("references ops/_schemas/remote.v1.schema.json"),
        "{found:#?}"
    );
    assert!(
        reg.get("ops/_schemas/fine.v1.schema.json")
            .unwrap()
            .validator()
            .is_some()
    );
    assert!(reg.refused().is_empty());
}

#[test]
fn invalid_documents_are_problems_with_positions() {
    let repo = TestRepo::new()
        .file("ops/_schemas/syntax.v1.schema.json", "{\n  \"type\": ,\n}")
        .file(
            "ops/_schemas/bad-type.v1.schema.json",
            "{\n  \"properties\": {\n    \"a\": {\"type\": \"strin\"}\n  }\n}",
        )
        .file("ops/_schemas/array.v1.schema.json", "[1]")
        .file(
            "ops/_schemas/meta.v1.schema.json",
            r#"{"$schema": "https://atlas.example/meta"}"#,
        )
        .file(
            "ops/_schemas/missing.v1.schema.json",
            r#"{"$ref": "nope.v1.schema.json"}"#,
        )
        .file("ops/_schemas/a.v1.schema.json", r#"{"$id": "urn:atlas:a"}"#)
        .file("ops/_schemas/b.v1.schema.json", r#"{"$id": "urn:atlas:a"}"#)
        .file(
            "ops/_schemas/schemas.lock.json",
            "not json, and not a schema",
        );
    let reg = build(&repo);
    let found = problems(&reg).join("\n");
    for expected in [
        "ops/_schemas/array.v1.schema.json:1:1: a schema must be a JSON object or a boolean, found an array",
        "ops/_schemas/b.v1.schema.json:1:2: `$id` `urn:atlas:a` is already declared by ops/_schemas/a.v1.schema.json",
        "ops/_schemas/bad-type.v1.schema.json:3:11: schema does not compile as 2020-12:",
        "meta-schema keyword `anyOf`",
        "ops/_schemas/meta.v1.schema.json:1:2: `$schema` \"https://atlas.example/meta\" is not a JSON Schema draft",
        "ops/_schemas/missing.v1.schema.json:1:2: `$ref` `nope.v1.schema.json` does not resolve: no schema is registered at `ops/_schemas/nope.v1.schema.json`",
        "ops/_schemas/syntax.v1.schema.json:2:11: schema is not valid JSON",
    ] {
        assert!(found.contains(expected), "missing {expected:?} in\n{found}");
    }
    assert!(reg.get("ops/_schemas/schemas.lock.json").is_none());
}

/// A schema that references more documents than its own registry holds
/// (`OWN_REGISTRY_MAX`) is compiled against the registry of every schema, built only then:
/// its references resolve all the way down the chain.
#[test]
fn a_chain_longer_than_an_own_registry_compiles_against_the_shared_one() {
    let n = super::compile::OWN_REGISTRY_MAX + 6;
    let mut repo = TestRepo::new().file("ops/_schemas/INDEX.md", "# schemas\n");
    for i in 0..n {
        let body = if i + 1 < n {
            format!(
                r#"{{"type": "object", "properties": {{"next": {{"$ref": "s{}.v1.schema.json"}}}}}}"#,
                i + 1
            )
        } else {
            r#"{"type": "object", "required": ["end"], "properties": {"end": {"type": "integer"}}}"#
                .to_string()
        };
        repo = repo.file(&format!("ops/_schemas/s{i}.v1.schema.json"), &body);
    }
    let reg = build(&repo);
    assert_eq!(problems(&reg), Vec::<String>::new());
    let head = reg.get("ops/_schemas/s0.v1.schema.json").unwrap();
    let v = head.validator().unwrap();
    // `end` sits `n - 1` levels down, in the last schema of the chain.
    let mut good = json!({"end": 1});
    let mut bad = json!({"end": "one"});
    for _ in 1..n {
        good = json!({ "next": good });
        bad = json!({ "next": bad });
    }
    assert!(v.is_valid(&good));
    assert!(!v.is_valid(&bad));
}
