//! Issue 11, the SCH inputs (items 5, 8, 15, 16, 17, 18): each is a small change to a copy of
//! `ops-fixtures/conforming`, checked with every SCH rule, and must give exactly the findings
//! listed (as `severity code path:line: message` lines).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use ops_model::testing::TestRepo;
use ops_rules_schema::RULES;

fn conforming() -> TestRepo {
    TestRepo::fixture("conforming")
}

/// Every SCH finding as `Severity CODE path:line: message`.
fn sch(repo: &TestRepo) -> Vec<String> {
    let run = repo.context();
    let mut lines: Vec<String> = run
        .check_rules(RULES)
        .into_iter()
        .flat_map(|o| o.result.expect("no rule panics"))
        .map(|f| {
            format!(
                "{:?} {} {}:{}: {}",
                f.severity,
                f.code,
                f.path,
                f.span.map_or(0, |s| s.line),
                f.message
            )
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn conforming_is_clean() {
    assert_eq!(sch(&conforming()), Vec::<String>::new());
}

/// Item 5: a JSON type key next to a version, an action's owner and ref, a compose volume are
/// not pins; the known shapes are.
#[test]
fn item_05_pins_by_known_shapes_only() {
    let repo = conforming()
        .file(
            "ops/datasets/promotion/release-metadata.json",
            "{\n  \"kind\": \"release_metadata\",\n  \"version\": \"0.2.0\"\n}\n",
        )
        .file(
            ".github/workflows/kind.yml",
            "on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: helm/kind-action@v1.10.0\n      - uses: azure/setup-helm@v4\n        with:\n          version: v3.14.0\n",
        )
        .file(
            "ops/stack/compose/docker-compose.yaml",
            "services:\n  k6:\n    image: grafana/k6:0.50.0\n    volumes:\n      - ./k6:/scripts:ro\n",
        )
        .file("ops/stack/versions.env", "KIND_VERSION=v0.21.0\n")
        .file(
            "ops/stack/scripts/tools.sh",
            "#!/bin/sh\ninstall_tool kubectl --version 1.29.2\n",
        );
    assert_eq!(
        sch(&repo),
        [
            "Error SCH007 .github/workflows/kind.yml:9: pins `helm` at `v3.14.0`, but configs/ops/tool-versions.json:2 pins `v3.14.4`",
            "Error SCH007 ops/stack/scripts/tools.sh:2: pins `kubectl` at `1.29.2`, but configs/ops/tool-versions.json:5 pins `v1.29.4`",
            "Error SCH007 ops/stack/versions.env:1: pins `kind` at `v0.21.0`, but configs/ops/tool-versions.json:4 pins `v0.22.0`",
            "Warning SCH007 ops/stack/compose/docker-compose.yaml:3: repeats the pin of `k6` at `0.50.0`: it is pinned in configs/ops/tool-versions.json:3; a second copy drifts on the next bump",
        ]
    );
}

/// Item 15: `.python-version` pins `python` under its alias table; the config extends it.
#[test]
fn item_15_tool_aliases() {
    let repo = conforming()
        .file(
            "configs/ops/tool-versions.json",
            "{\n  \"helm\": \"v3.14.4\",\n  \"k6\": \"v0.50.0\",\n  \"kind\": \"v0.22.0\",\n  \"kubectl\": \"v1.29.4\",\n  \"python\": \"3.11.4\"\n}\n",
        )
        .file(".python-version", "3.12.1\n")
        .file("ops/stack/compose/py.yaml", "services:\n  py:\n    image: python3:3.11.4\n  kc:\n    image: kind-cli:0.21.0\n");
    assert_eq!(
        sch(&repo),
        [
            "Error SCH007 .python-version:1: pins `python` at `3.12.1`, but configs/ops/tool-versions.json:6 pins `3.11.4`",
            "Warning SCH007 ops/stack/compose/py.yaml:3: repeats the pin of `python` at `3.11.4`: it is pinned in configs/ops/tool-versions.json:6; a second copy drifts on the next bump",
        ]
    );
    let mut contract = ops_model::Contract::default();
    contract
        .schema
        .tool_aliases
        .insert("kind".into(), vec!["kind-cli".into()]);
    let run = repo.context_with(contract);
    let found: Vec<String> = run
        .check_rules(&[&ops_rules_schema::ToolPins])
        .into_iter()
        .flat_map(|o| o.result.unwrap())
        .map(|f| format!("{}:{}", f.path, f.span.unwrap().line))
        .collect();
    assert!(
        found.contains(&"ops/stack/compose/py.yaml:5".to_string()),
        "{found:?}"
    );
}

/// Item 8: a vendored third-party schema carries its version as `-1.6` in its name and `$id`.
#[test]
fn item_08_versions_in_the_usual_forms() {
    let repo = conforming()
        .file(
            "ops/_schemas/vendor/cyclonedx-1.6.schema.json",
            r#"{"$schema": "http://json-schema.org/draft-07/schema#",
                "$id": "http://cyclonedx.org/schema/bom-1.6.schema.json", "type": "object"}"#,
        )
        .file(
            "ops/_schemas/vendor/thing_v2.json",
            r#"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}"#,
        )
        .file(
            "ops/_schemas/vendor/unversioned.schema.json",
            r#"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}"#,
        );
    assert_eq!(
        sch(&repo),
        [
            "Error SCH003 ops/_schemas/vendor/unversioned.schema.json:1: unversioned: no `v<N>` in the path or `$id`, and no required `schema_version` property pinned with `const`"
        ]
    );
}

const CATALOG_SCHEMA: &str = r#"{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "required": ["schema_version", "datasets"],
  "properties": {
    "schema_version": {"const": 1},
    "datasets": {"type": "array", "items": {"type": "object", "required": ["sha256"],
      "properties": {"sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}}}
  }
}"#;

/// Item 16: bindings by a `const`-pinned version, by `ops/_meta/<name>.json`, and by
/// inference (warnings that say so); every SCH004 finding says how it was bound.
#[test]
fn item_16_bindings_as_real_trees_name_schemas() {
    let repo = conforming()
        .file("ops/_schemas/datasets/catalog.schema.json", CATALOG_SCHEMA)
        .file(
            "ops/datasets/catalog/catalog.json",
            "{\n  \"schema_version\": 1,\n  \"datasets\": [{\"sha256\": \"TBD\"}]\n}\n",
        )
        .file(
            "ops/_schemas/meta/owners.schema.json",
            r#"{"type": "object", "properties": {"domains": {"type": "object",
                "propertyNames": {"enum": ["k8s", "load"]}}}}"#,
        )
        .file(
            "ops/_meta/owners.json",
            "{\n  \"domains\": {\"ci\": \"x\"}\n}\n",
        )
        .file(
            "ops/_schemas/load/scenario-manifest.schema.json",
            r#"{"type": "object", "additionalProperties": {"type": "object",
                "properties": {"think_time": {"type": "string", "pattern": "^[0-9]+s$"}}}}"#,
        )
        .file(
            "ops/load/scenarios/scenarios.json",
            "{\n  \"search\": {\"think_time\": \"2\"}\n}\n",
        );
    let found = sch(&repo);
    let sch003: Vec<&String> = found.iter().filter(|l| l.contains("SCH003")).collect();
    assert_eq!(sch003.len(), 2, "{found:#?}"); // the two unversioned schemas added here
    let rest: Vec<&String> = found.iter().filter(|l| !l.contains("SCH003")).collect();
    assert_eq!(
        rest,
        [
            "Error SCH004 ops/_meta/owners.json:2: `/domains`: \"ci\" is not one of \"k8s\" or \"load\" (keyword `propertyNames` at ops/_schemas/meta/owners.schema.json#/properties/domains/propertyNames; bound by the meta-file convention `ops/_meta/owners.json` -> `ops/_schemas/meta/owners.schema.json`)",
            "Error SCH004 ops/datasets/catalog/catalog.json:3: `/datasets/0/sha256`: \"TBD\" does not match \"^[0-9a-f]{64}$\" (keyword `pattern` at ops/_schemas/datasets/catalog.schema.json#/properties/datasets/items/properties/sha256/pattern; bound by the naming convention `<name>.schema.json` with `schema_version` pinned to `const: 1`)",
            "Warning SCH004 ops/load/scenarios/scenarios.json:2: `/search/think_time`: \"2\" does not match \"^[0-9]+s$\" (keyword `pattern` at ops/_schemas/load/scenario-manifest.schema.json#/additionalProperties/properties/think_time/pattern; bound by inference only: the manifest names no schema, and it is the one schema of its domain whose name starts with `scenario`)",
        ]
    );
}

/// Item 17: a schema outside `ops/` named by a manifest's `$schema` or `schema_name`.
#[test]
fn item_17_schemas_outside_ops_named_by_a_manifest() {
    let repo = conforming()
        .file(
            "packages/tool/schemas/tool.ops.manifest.v1.schema.json",
            r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}"#,
        )
        .file(
            "ops/stack/tool-manifest.json",
            "{\n  \"$schema\": \"../../packages/tool/schemas/tool.ops.manifest.v1.schema.json\",\n  \"schema_version\": 1\n}\n",
        )
        .file(
            "packages/other/x.ops.v1.schema.json",
            r#"{"type": "object"}"#,
        )
        .file(
            "ops/k8s/x.json",
            "{\n  \"schema_name\": \"x.ops\",\n  \"schema_version\": 1\n}\n",
        );
    let found = sch(&repo);
    assert_eq!(
        found,
        [
            "Error SCH001 packages/other/x.ops.v1.schema.json:1: schema for ops manifests outside ops/_schemas/: `ops/k8s/x.json` names it by `schema_name: x.ops`",
            "Error SCH001 packages/tool/schemas/tool.ops.manifest.v1.schema.json:1: schema for ops manifests outside ops/_schemas/: `ops/stack/tool-manifest.json` names it by `$schema`",
            "Error SCH005 ops/k8s/x.json:2: manifest claims a schema with `schema_name: x.ops` but is bound to none: none of ops/_schemas/k8s/x.ops.v1.schema.json, ops/_schemas/x.ops.v1.schema.json exists, nor ops/_schemas/k8s/x.ops.schema.json, ops/_schemas/x.ops.schema.json with `schema_version` pinned to `const: 1`",
        ]
    );
}

const SURFACE_V2: &str = r#"{
  "schema_version": 2,
  "owner": "atlas-platform",
  "description": "Operator surface",
  "docs": "docs/ops.md",
  "entrypoints": [
    "ops-contracts-check",
    {"name": "ops-datasets-pin", "domain": "datasets", "since": "0.3.0"},
    {"name": "ops-down", "description": "Tear down", "env": ["X"]},
    "ops-e2e-smoke", "ops-k8s-deploy", "ops-load-smoke", "ops-obs-drill", "ops-up"
  ],
  "deprecated": []
}
"#;

/// Item 18: `surface.json` in the shapes real repositories use passes the shipped schema; a
/// repository's own schema for it wins.
#[test]
fn item_18_surface_shapes_and_the_repositorys_own_schema() {
    let repo = conforming().file("ops/_meta/surface.json", SURFACE_V2);
    assert_eq!(sch(&repo), Vec::<String>::new());
    let repo = repo.file(
        "ops/_schemas/meta/surface.schema.json",
        r#"{"type": "object", "required": ["owner", "team"]}"#,
    );
    assert_eq!(
        sch(&repo),
        [
            "Error SCH003 ops/_schemas/meta/surface.schema.json:1: unversioned: no `v<N>` in the path or `$id`, and no required `schema_version` property pinned with `const`",
            "Error SCH008 ops/_meta/surface.json:1: `/`: \"team\" is a required property (keyword `required` of ops/_schemas/meta/surface.schema.json (bound by the meta-file convention `ops/_meta/surface.json` -> `ops/_schemas/meta/surface.schema.json`) at #/required)",
        ]
    );
}
