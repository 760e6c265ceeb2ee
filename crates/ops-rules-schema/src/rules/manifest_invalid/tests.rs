use super::*;
use ops_model::testing::TestRepo;

const SUITE: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://atlas.example/schemas/load/suite.v1.schema.json",
  "type": "object",
  "required": ["schema_name", "schema_version", "scenarios"],
  "additionalProperties": false,
  "properties": {
"$schema": {"type": "string"},
"schema_name": {"const": "suite"},
"schema_version": {"const": 1},
"scenarios": {"type": "array", "items": {"$ref": "../common.v1.schema.json#/$defs/scenario"}}
  }
}"##;
const COMMON: &str = r##"{
  "$defs": {"scenario": {"type": "object", "required": ["vus"],
"properties": {"vus": {"type": "integer", "minimum": 1}}}}
}"##;

fn repo() -> TestRepo {
    TestRepo::new()
        .file("ops/_schemas/load/suite.v1.schema.json", SUITE)
        .file("ops/_schemas/common.v1.schema.json", COMMON)
}

#[test]
fn conforming_json_and_yaml_manifests_are_clean() {
    let repo = repo()
        .file(
            "ops/load/suites/smoke.json",
            r#"{"$schema": "../../_schemas/load/suite.v1.schema.json", "schema_name": "suite", "schema_version": 1, "scenarios": [{"vus": 2}]}"#,
        )
        .file(
            "ops/load/suites/soak.yaml",
            "schema_name: suite\nschema_version: 1\nscenarios:\n  - vus: 10\n",
        )
        .file("ops/k8s/charts/atlas/templates/x.yaml", "{{ if .Values.x }}\nkind: Foo\n{{ end }}\n");
    let cx = repo.context();
    assert_eq!(cx.run_lines(&ManifestInvalid), Vec::<String>::new());
}

#[test]
fn errors_point_at_the_failing_value() {
    let repo = repo()
        .file(
            "ops/load/suites/smoke.json",
            "{\n  \"$schema\": \"https://atlas.example/schemas/load/suite.v1.schema.json\",\n  \"schema_name\": \"suite\",\n  \"schema_version\": 1,\n  \"scenarios\": [\n    {\"vus\": \"two\"}\n  ],\n  \"extra\": true\n}\n",
        )
        .file(
            "ops/load/suites/soak.yaml",
            "schema_name: suite\nschema_version: 1\nscenarios:\n  - vus: 0\n  - {}\n",
        )
        .file("ops/load/suites/broken.yaml", "schema_version: 1\nscenarios: [\n");
    let cx = repo.context();
    let found: Vec<String> = cx
        .run(&ManifestInvalid)
        .iter()
        .map(|f| {
            let s = f.span.unwrap_or(Span::new(0, 0));
            format!(
                "{}:{}:{}: {} | {}",
                f.path,
                s.line,
                s.column,
                f.message,
                f.help.clone().unwrap_or_default()
            )
        })
        .collect();
    let text = found.join("\n");
    for expected in [
        "ops/load/suites/broken.yaml:3:1: manifest is not valid YAML",
        "ops/load/suites/smoke.json:6:13: `/scenarios/0/vus`: \"two\" is not of type \"integer\" (keyword `type` at ops/_schemas/common.v1.schema.json#/$defs/scenario/properties/vus/type; bound by `$schema: https://atlas.example/schemas/load/suite.v1.schema.json`)",
        "ops/load/suites/smoke.json:8:3: `/`: Additional properties are not allowed ('extra' was unexpected)",
        "help: remove `extra`",
        "ops/load/suites/soak.yaml:4:10: `/scenarios/0/vus`: 0 is less than the minimum of 1 (keyword `minimum`",
        "bound by the naming convention `<name>.v1.schema.json`",
        "ops/load/suites/soak.yaml:5:5: `/scenarios/1`: \"vus\" is a required property",
    ] {
        let expected = expected.replace("help: ", "| ");
        assert!(text.contains(&expected), "missing {expected:?} in\n{text}");
    }
    assert_eq!(found.len(), 5, "{text}");
}

/// Issue 10, input 7: a scenario built from an anchored one with a merge key and two
/// overrides has every required key (YAML merge keys applied as PyYAML applies them).
#[test]
fn merge_keys_are_applied_before_validation() {
    let suite = r##"{
  "type": "object",
  "properties": {"scenarios": {"type": "array", "items": {"$ref": "#/$defs/scenario"}}},
  "$defs": {"scenario": {"type": "object", "required": ["name", "vus", "duration"],
"additionalProperties": false,
"properties": {"name": {"type": "string"}, "vus": {"type": "integer"},
               "duration": {"type": "string"}}}}
}"##;
    let repo = TestRepo::new()
        .file("ops/_schemas/load/suite.v1.schema.json", suite)
        .file(
            "ops/load/suites/smoke.yaml",
            "schema_version: 1\nscenarios:\n  - &health\n    name: health\n    vus: 1\n    duration: 30s\n  - <<: *health\n    name: search\n    vus: 5\n",
        );
    assert_eq!(
        repo.context().run_lines(&ManifestInvalid),
        Vec::<String>::new()
    );
}

#[test]
fn manifests_bound_to_broken_schemas_are_left_to_sch002() {
    let repo = TestRepo::new()
        .file("ops/_schemas/x.v1.schema.json", r#"{"type": "strin"}"#)
        .file(
            "ops/load/x.json",
            r#"{"$schema": "../_schemas/x.v1.schema.json"}"#,
        );
    let cx = repo.context();
    assert!(cx.run(&ManifestInvalid).is_empty());
}
