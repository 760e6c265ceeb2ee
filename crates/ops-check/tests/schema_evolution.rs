//! Schema evolution end to end, in a temporary git repository made from the conforming
//! fixture: a breaking change to a published v1 fails SCH006 (against `--base HEAD` and
//! against the schema lock), `gen --check` sees the stale lock, and the same change shipped
//! as `suite.v2.schema.json` with a migration note passes. Also `schema diff` on files and
//! on `REV:path`, and `schema diff-report`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::fs;
use std::path::Path;
use std::process::Command;

use ops_model::testing::TestRepo;

const V1: &str = "ops/_schemas/load/suite.v1.schema.json";
const V2: &str = "ops/_schemas/load/suite.v2.schema.json";

/// Runs ops-check in `dir`: (exit code, stdout, stderr).
fn ops_check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ops-check"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn repo() -> TestRepo {
    TestRepo::fixture("conforming").git_commit_all()
}

/// The conforming suite schema without `script` in `required`.
fn without_script_required(text: &str) -> String {
    let edited = text.replace(
        r#""required": ["schema_name", "schema_version", "script", "scenarios"]"#,
        r#""required": ["schema_name", "schema_version", "scenarios"]"#,
    );
    assert_ne!(
        edited, text,
        "the fixture's suite schema changed; update this test"
    );
    edited
}

#[test]
fn breaking_change_in_place_fails_and_a_new_version_with_a_note_passes() {
    let repo = repo();
    let root = repo.path();
    let v1 = fs::read_to_string(root.join(V1)).unwrap();

    // Published and unchanged: clean against the lock and against HEAD.
    let (code, out, _) = ops_check(root, &["check", "--select", "SCH006", "."]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = ops_check(
        root,
        &["check", "--select", "SCH006", "--base", "HEAD", "."],
    );
    assert_eq!(code, 0, "{out}");

    // A required key removed from v1, in place.
    fs::write(root.join(V1), without_script_required(&v1)).unwrap();
    for args in [
        &["check", "--select", "SCH006", "--base", "HEAD", "."][..],
        &["check", "--select", "SCH006", "."][..],
    ] {
        let (code, out, err) = ops_check(root, args);
        assert_eq!(code, 1, "{args:?}\n{out}{err}");
        assert!(out.contains("error[SCH006]"), "{out}");
        assert!(out.contains(V1), "{out}");
        assert!(out.contains("at `/required`"), "{out}");
        assert!(out.contains("required-removed"), "{out}");
        assert!(out.contains("`script`"), "{out}");
    }
    // The lock no longer matches the schemas.
    let (code, diff, _) = ops_check(root, &["gen", "--check", "."]);
    assert_eq!(code, 1, "{diff}");
    assert!(diff.contains("schema-lock.json"), "{diff}");

    // `schema diff` from git to the work tree says the same.
    let (code, out, err) = ops_check(
        root,
        &[
            "schema",
            "diff",
            &format!("HEAD:{V1}"),
            V1,
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["breaking"], true);
    assert_eq!(report["changes"][0]["pointer"], "/required");
    assert_eq!(report["changes"][0]["kind"], "required-removed");
    assert_eq!(report["changes"][0]["class"], "breaking");

    // Instead: v1 untouched, the change shipped as v2.
    fs::write(root.join(V1), &v1).unwrap();
    let v2 = without_script_required(&v1)
        .replace("suite.v1.schema.json", "suite.v2.schema.json")
        .replace(
            r#""schema_version": { "const": 1 }"#,
            r#""schema_version": { "const": 2 }"#,
        );
    fs::write(root.join(V2), &v2).unwrap();
    let (code, out, _) = ops_check(
        root,
        &["check", "--select", "SCH006", "--base", "HEAD", "."],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no migration note"), "{out}");
    assert!(out.contains(V2), "{out}");

    let contract = root.join("ops/CONTRACT.md");
    let mut text = fs::read_to_string(&contract).unwrap();
    text.push_str("\n- `suite` v2 (`load/suite.v2.schema.json`): `script` is optional; suites without one run the default script.\n");
    fs::write(&contract, text).unwrap();
    let (code, out, _) = ops_check(
        root,
        &["check", "--select", "SCH006", "--base", "HEAD", "."],
    );
    assert_eq!(code, 0, "{out}");

    // gen records v2 in the lock; the whole contract holds against HEAD.
    let (code, _, err) = ops_check(root, &["gen", "."]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = ops_check(root, &["gen", "--check", "."]);
    assert_eq!(code, 0, "{out}");
    let lock = fs::read_to_string(root.join("ops/_generated_committed/schema-lock.json")).unwrap();
    assert!(lock.contains(V2), "{lock}");
    let (code, out, _) = ops_check(root, &["check", "--base", "HEAD", "."]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn an_unknown_base_revision_is_an_error() {
    let repo = repo();
    let (code, _, err) = ops_check(repo.path(), &["check", "--base", "no-such-rev", "."]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no-such-rev"), "{err}");
}

#[test]
fn schema_diff_on_files_human_and_json() {
    let dir = TestRepo::new()
        .file(
            "old.json",
            r#"{"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}"#,
        )
        .file(
            "new.json",
            r#"{"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "maxLength": 3}, "b": {"type": "integer"}}}"#,
        )
        .file("same.json", r#"{"type": "string"}"#);
    let root = dir.path();

    let (code, out, _) = ops_check(root, &["schema", "diff", "old.json", "new.json"]);
    assert_eq!(code, 1, "{out}");
    let breaking = out.find("breaking changes (1):").unwrap();
    let rest = out.find("non-breaking changes (1):").unwrap();
    assert!(breaking < rest, "{out}");
    assert!(
        out.contains("/properties/a/maxLength  bound-tightened"),
        "{out}"
    );
    assert!(out.contains("/properties/b  property-added"), "{out}");
    assert!(out.contains("1 breaking, 1 non-breaking"), "{out}");

    let (code, out, _) = ops_check(root, &["schema", "diff", "new.json", "new.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no changes"), "{out}");

    // The JSON output validates against `schema diff-report`.
    let (code, out, _) = ops_check(
        root,
        &["schema", "diff", "old.json", "new.json", "--format", "json"],
    );
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (code, schema, _) = ops_check(root, &["schema", "diff-report"]);
    assert_eq!(code, 0);
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&report), "{report}");

    // Errors exit 2.
    let (code, _, err) = ops_check(root, &["schema", "diff", "missing.json", "new.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
    fs::write(root.join("bad.json"), "{").unwrap();
    let (code, _, err) = ops_check(root, &["schema", "diff", "bad.json", "new.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("not JSON"), "{err}");
}

#[test]
fn explain_prints_the_page() {
    let (code, out, _) = ops_check(Path::new("."), &["explain", "SCH006"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("schema-breaking-change"), "{out}");
    assert!(out.contains("## Fix"), "{out}");
}
