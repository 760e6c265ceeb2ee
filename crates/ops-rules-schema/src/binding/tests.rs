use super::*;
use ops_model::testing::TestRepo;
use serde_json::json;

#[test]
fn conventions_cover_name_stem_and_folder() {
    let contract = Contract::default();
    let scope = ManifestScope::new(&contract);
    let p = RepoPath::new("ops/load/suites/smoke.json");
    assert_eq!(
        scope.convention_paths(&p, None, "1"),
        vec![
            "ops/_schemas/load/smoke.v1.schema.json",
            "ops/_schemas/load/suites.v1.schema.json",
            "ops/_schemas/load/suite.v1.schema.json",
            "ops/_schemas/smoke.v1.schema.json",
            "ops/_schemas/suites.v1.schema.json",
            "ops/_schemas/suite.v1.schema.json",
        ]
    );
    let meta = RepoPath::new("ops/_meta/ownership.json");
    assert_eq!(
        scope.convention_paths(&meta, Some("owners"), "2")[0],
        "ops/_schemas/meta/owners.v2.schema.json"
    );
}

#[test]
fn majors() {
    assert_eq!(major_of(&json!(1)), Some("1".into()));
    assert_eq!(major_of(&json!("v2")), Some("2".into()));
    assert_eq!(major_of(&json!("1.4.0")), Some("1".into()));
    assert_eq!(major_of(&json!("one")), None);
    assert_eq!(major_of(&json!(1.5)), None);
}

#[test]
fn finds_schemas_by_id_and_paths() {
    let repo = TestRepo::new().file(
        "ops/_schemas/load/suite.v1.schema.json",
        r#"{"$id": "urn:atlas:suite:v1"}"#,
    );
    let cx = repo.context();
    let schemas = SchemaFiles::new(&cx.index, &cx.files, &cx.contract.schema);
    let scope = ManifestScope::new(&cx.contract);
    let from = RepoPath::new("ops/load/suites/smoke.json");
    for r in [
        "urn:atlas:suite:v1",
        "../../_schemas/load/suite.v1.schema.json",
        "load/suite.v1.schema.json",
        "ops/_schemas/load/suite.v1.schema.json#",
    ] {
        assert!(scope.find_schema(&schemas, &from, r).is_some(), "{r}");
    }
    assert!(
        scope
            .find_schema(&schemas, &from, "../../../../x.json")
            .is_none()
    );
}

#[test]
fn schema_files_know_absolute_root_ids_once() {
    let repo = TestRepo::new()
        .file(
            "ops/_schemas/a.v1.schema.json",
            r#"{"$id": "https://atlas.example/a/#"}"#,
        )
        .file(
            "ops/_schemas/b.v1.schema.json",
            r#"{"$id": "https://atlas.example/a/"}"#,
        )
        .file("ops/_schemas/c.v1.schema.json", r#"{"$id": "c.json"}"#)
        .file(
            "ops/_schemas/d.v1.schema.json",
            r#"{"$schema": "http://json-schema.org/draft-04/schema#", "id": "urn:d"}"#,
        )
        .file("ops/_schemas/schemas.lock.json", "{}");
    let cx = repo.context();
    let schemas = SchemaFiles::new(&cx.index, &cx.files, &cx.contract.schema);
    let found = |uri: &str| schemas.by_uri(uri).map(RepoPath::as_str);
    assert_eq!(
        found("https://atlas.example/a"),
        Some("ops/_schemas/a.v1.schema.json")
    );
    assert_eq!(
        found("https://atlas.example/a/#x"),
        Some("ops/_schemas/a.v1.schema.json")
    );
    assert_eq!(found("c.json"), None);
    assert_eq!(found("urn:d"), Some("ops/_schemas/d.v1.schema.json"));
    assert_eq!(schemas.paths().count(), 4);
    assert!(schemas.by_path("ops/_schemas/schemas.lock.json").is_none());
}

#[test]
fn binding_order_and_reasons() {
    let repo = TestRepo::new()
        .file(
            "ops/_schemas/load/suite.v1.schema.json",
            r#"{"$id": "urn:atlas:suite:v1"}"#,
        )
        .file("ops/_schemas/obs/alerts.v1.schema.json", "{}");
    let cx = repo.context();
    let mut contract = Contract::default();
    contract
        .schema
        .name_bindings
        .insert("Alerts".into(), "obs/alerts.v1.schema.json".into());
    contract.schema.bindings = vec![ops_model::contract::SchemaBinding {
        glob: ops_model::contract::PathGlob::new("ops/load/pinned/*.json").unwrap(),
        schema: "load/suite.v1.schema.json".into(),
    }];
    let schemas = SchemaFiles::new(&cx.index, &cx.files, &contract.schema);
    let scope = ManifestScope::new(&contract);
    let bind = |path: &str, doc: Value| match scope.bind(&schemas, &RepoPath::new(path), &doc) {
        Binding::Bound { schema, how, .. } => format!("{schema} by {how}"),
        Binding::IsSchema => "schema".to_string(),
        Binding::Unbound { reason, .. } => format!("unbound: {reason}"),
    };
    assert_eq!(
        bind("ops/load/pinned/x.json", json!({"$schema": "nope"})),
        "ops/_schemas/load/suite.v1.schema.json by `[[schema.bindings]]` glob `ops/load/pinned/*.json`"
    );
    assert_eq!(
        bind(
            "ops/x/y.json",
            json!({"$schema": "https://json-schema.org/draft/2020-12/schema"})
        ),
        "schema"
    );
    assert_eq!(
        bind(
            "ops/x/y.yaml",
            json!({"kind": "Alerts", "schema_version": 1})
        ),
        "ops/_schemas/obs/alerts.v1.schema.json by `kind: Alerts` (schema.name_bindings)"
    );
    assert_eq!(
        bind(
            "ops/load/suites/smoke.yaml",
            json!({"schema_version": "v1"})
        ),
        "ops/_schemas/load/suite.v1.schema.json by the naming convention `<name>.v1.schema.json`"
    );
    assert_eq!(
        bind("ops/load/suites/smoke.yaml", json!({"schema_version": 1.5})),
        "unbound: `schema_version: 1.5` is not a major version number"
    );
    assert_eq!(
        bind("ops/obs/dash.json", json!({"title": "x"})),
        "unbound: it names no schema"
    );
}

#[test]
fn meta_schema_uris() {
    assert!(is_meta_schema_uri(
        "https://json-schema.org/draft/2031-01/schema"
    ));
    assert!(!is_meta_schema_uri("../_schemas/suite.v1.schema.json"));
}

#[test]
fn schemes() {
    assert!(has_scheme("https://example.com/x.json"));
    assert!(has_scheme("urn:atlas:x"));
    assert!(!has_scheme("common.v1.json"));
    assert!(!has_scheme("../a:b.json"));
    assert!(!has_scheme("#/$defs/a"));
}

#[test]
fn inferred_binding_needs_exactly_one_schema_by_stem_in_both_sets() {
    let repo = TestRepo::new()
        .file("ops/_schemas/load/Scenario.v1.schema.json", "{}")
        .file("ops/_schemas/load/suite.v1.schema.json", "{}")
        .file("ops/_schemas/load/suite-extra.v1.schema.json", "{}")
        .file("ops/_schemas/load/nested/probe.v1.schema.json", "{}")
        .file("ops/load/scenarios.json", "{}")
        .file("ops/load/suites.json", "{}")
        .file("ops/load/probe.json", "{}");
    let cx = repo.context();
    let cx = cx.cx();
    let scope = ManifestScope::new(cx.contract);
    let registry = crate::registry::SchemaRegistry::of(&cx);
    let files = SchemaFiles::new(cx.index, cx.files, &cx.contract.schema);
    let by_files = |p: &str| {
        scope
            .inferred(&files, &RepoPath::new(p))
            .map(|(s, prefix)| (s.as_str().to_string(), prefix))
    };
    let by_registry = |p: &str| {
        scope
            .inferred(&*registry, &RepoPath::new(p))
            .map(|(s, prefix)| (s.path.as_str().to_string(), prefix))
    };
    for p in [
        "ops/load/scenarios.json",
        "ops/load/suites.json",
        "ops/load/probe.json",
    ] {
        assert_eq!(by_files(p), by_registry(p), "{p}");
    }
    // The plural's singular, matched whatever the schema name's case.
    assert_eq!(
        by_files("ops/load/scenarios.json"),
        Some((
            "ops/_schemas/load/Scenario.v1.schema.json".to_string(),
            "scenario".to_string()
        ))
    );
    // Two schemas start with `suite`: no guess.
    assert_eq!(by_files("ops/load/suites.json"), None);
    // Only schemas directly in the domain's folder count.
    assert_eq!(by_files("ops/load/probe.json"), None);
}
