use super::*;
use ops_model::BaseRevision;
use ops_model::testing::TestRepo;

const V1: &str = r#"{
  "type": "object",
  "required": ["name", "vus"],
  "properties": {
"name": {"type": "string"},
"vus": {"type": "integer", "minimum": 1}
  }
}"#;
const V1_OPTIONAL_ADDED: &str = r#"{
  "type": "object",
  "required": ["name", "vus"],
  "properties": {
"name": {"type": "string"},
"vus": {"type": "integer", "minimum": 1},
"note": {"type": "string"}
  }
}"#;
const V1_REQUIRED_REMOVED: &str = r#"{
  "type": "object",
  "required": ["name"],
  "properties": {
"name": {"type": "string"},
"vus": {"type": "integer", "minimum": 1}
  }
}"#;
const SUITE: &str = "ops/_schemas/load/suite.v1.schema.json";
const SUITE_V2: &str = "ops/_schemas/load/suite.v2.schema.json";
const LOCK: &str = "ops/_generated_committed/schema-lock.json";

/// The lock `gen` writes for a tree holding `schemas`.
fn lock_of(schemas: &[(&str, &str)]) -> String {
    let mut repo = TestRepo::new();
    for (p, t) in schemas {
        repo = repo.file(p, t);
    }
    lock::render(&lock::build(&repo.context().cx()).unwrap())
}

#[test]
fn without_lock_or_base_one_info() {
    let repo = TestRepo::new().file(SUITE, V1);
    let f = repo.context().run(&SchemaBreakingChange);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Info);
    assert!(
        f[0].message.contains("nothing to compare"),
        "{}",
        f[0].message
    );
}

#[test]
fn unchanged_and_compatible_changes_pass() {
    let lock = lock_of(&[(SUITE, V1)]);
    let same = TestRepo::new().file(SUITE, V1).file(LOCK, &lock);
    assert!(same.context().run(&SchemaBreakingChange).is_empty());
    let added = TestRepo::new()
        .file(SUITE, V1_OPTIONAL_ADDED)
        .file(LOCK, &lock);
    assert!(added.context().run(&SchemaBreakingChange).is_empty());
}

#[test]
fn breaking_change_against_the_lock_names_the_pointer() {
    let lock = lock_of(&[(SUITE, V1)]);
    let repo = TestRepo::new()
        .file(SUITE, V1_REQUIRED_REMOVED)
        .file(LOCK, &lock);
    let f = repo.context().run(&SchemaBreakingChange);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].path.as_str(), SUITE);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].span, Some(ops_model::Span::new(3, 3)));
    assert!(f[0].message.contains("at `/required`"), "{}", f[0].message);
    assert!(
        f[0].message.contains("required-removed"),
        "{}",
        f[0].message
    );
    assert!(f[0].message.contains("`vus`"), "{}", f[0].message);
}

#[test]
fn breaking_change_against_a_base_revision() {
    let base = BaseRevision::from_files("HEAD", &[(SUITE, V1)]);
    let repo = TestRepo::new().file(SUITE, V1_REQUIRED_REMOVED);
    let f = repo.context().with_base(base).run(&SchemaBreakingChange);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.contains("compared with `HEAD`"),
        "{}",
        f[0].message
    );
}

#[test]
fn deleting_a_published_version_is_breaking() {
    let base = BaseRevision::from_files("HEAD", &[(SUITE, V1), (SUITE_V2, V1)]);
    let repo = TestRepo::new().file(SUITE_V2, V1).file(
        "ops/CONTRACT.md",
        "## Migrations\n\n- suite v2: same shape.\n",
    );
    let lines = repo
        .context()
        .with_base(base)
        .run_lines(&SchemaBreakingChange);
    assert_eq!(
        lines,
        [format!(
            "{SUITE}: published schema version v1 of `load/suite.v*.schema.json` was deleted (it is {SUITE} in `HEAD`)"
        )]
    );
}

#[test]
fn a_new_major_version_needs_a_migration_note() {
    let base = BaseRevision::from_files("HEAD", &[(SUITE, V1)]);
    let without = TestRepo::new()
        .file(SUITE, V1)
        .file(SUITE_V2, V1_REQUIRED_REMOVED)
        .file(
            "ops/CONTRACT.md",
            "# Contract\n\n## Schema migrations\n\nNone yet.\n",
        );
    let f = without
        .context()
        .with_base(base.clone())
        .run(&SchemaBreakingChange);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].path.as_str(), SUITE_V2);
    assert!(
        f[0].message.contains("no migration note"),
        "{}",
        f[0].message
    );

    let with = TestRepo::new()
        .file(SUITE, V1)
        .file(SUITE_V2, V1_REQUIRED_REMOVED)
        .file(
            "ops/CONTRACT.md",
            "# Contract\n\n## Schema migrations\n\n- `suite` v2: `vus` is optional.\n",
        );
    assert!(
        with.context()
            .with_base(base)
            .run(&SchemaBreakingChange)
            .is_empty()
    );
}

#[test]
fn a_published_schema_that_no_longer_parses_is_left_to_sch002() {
    let lock = lock_of(&[(SUITE, V1)]);
    let repo = TestRepo::new().file(SUITE, "{ not json").file(LOCK, &lock);
    assert!(repo.context().run(&SchemaBreakingChange).is_empty());
}

#[test]
fn a_new_family_needs_nothing_and_a_bad_lock_is_reported() {
    let lock = lock_of(&[(SUITE, V1)]);
    let repo = TestRepo::new()
        .file(SUITE, V1)
        .file("ops/_schemas/obs/dashboard.v1.schema.json", "{}")
        .file(LOCK, &lock);
    assert!(repo.context().run(&SchemaBreakingChange).is_empty());
    let bad = TestRepo::new().file(SUITE, V1).file(LOCK, "{\n  oops\n}\n");
    let f = bad.context().run(&SchemaBreakingChange);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].path.as_str(), LOCK);
    assert_eq!(f[0].span, Some(ops_model::Span::line(2)));
}
