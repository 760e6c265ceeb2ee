//! The binary as a user runs it: exit codes, formats, errors.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ops-check"));
    cmd.env_remove("RUST_LOG").env("NO_COLOR", "1");
    cmd
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ops-fixtures")
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

#[test]
fn conforming_fixture_exits_zero() {
    let (code, out, _) = run(bin().arg("check").arg(fixtures().join("conforming")));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("ok: no findings"), "{out}");
}

#[test]
fn violations_exit_one_with_file_code_message_and_fix() {
    let (code, out, _) = run(bin().arg("check").arg(fixtures().join("violations/LAY001")));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[LAY001]"), "{out}");
    assert!(out.contains("= help:"), "{out}");
    assert!(out.contains("failed:"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colours off a terminal: {out}");
}

#[test]
fn missing_root_exits_two_with_one_line() {
    let (code, out, err) = run(bin().args(["check", "/no/such/dir"]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("/no/such/dir"), "{err}");
}

#[test]
fn bad_config_exits_two_naming_file_key_and_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ops-check.toml"),
        "[layout]\ndomainz = []\n",
    )
    .unwrap();
    let (code, _, err) = run(bin().arg("check").arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("ops-check.toml:2:1"), "{err}");
    assert!(err.contains("domainz"), "{err}");
}

#[test]
fn unknown_selector_and_bad_usage_exit_two() {
    let (code, _, err) = run(bin().args(["check", ".", "--select", "NOPE123"]));
    assert_eq!(code, 2);
    assert!(err.contains("NOPE123"), "{err}");
    let (code, _, _) = run(bin().args(["check", "--format", "yaml"]));
    assert_eq!(code, 2);
}

#[test]
fn json_report_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("report.json");
    let (code, stdout, _) = run(bin()
        .arg("check")
        .arg(fixtures().join("violations/LAY001"))
        .args(["--format", "json", "--output"])
        .arg(&out_file));
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap()).unwrap();
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["findings"][0]["code"], "LAY001");
    assert!(report["counts"]["LAY001"].as_u64().unwrap() >= 1);
}

#[test]
fn select_and_ignore_flags() {
    let lay001 = fixtures().join("violations/LAY001");
    let (code, out, _) = run(bin().arg("check").arg(&lay001).args([
        "--select",
        "LAY001,LAY003",
        "--ignore",
        "unknown-top-level",
    ]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 rule over"), "{out}");
    let (code, _, _) = run(bin()
        .arg("check")
        .arg(&lay001)
        .args(["--select", "unknown-top-level"]));
    assert_eq!(code, 1);
}

#[test]
fn rules_explain_config_and_schemas() {
    let (code, out, _) = run(bin().arg("rules"));
    assert_eq!(code, 0);
    assert!(
        out.contains("LAY001") && out.contains("unknown-top-level"),
        "{out}"
    );

    let (code, out, _) = run(bin().args(["rules", "--format", "json"]));
    assert_eq!(code, 0);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "LAY003")
    );

    for name in ["LAY002", "symlinked-dir", "lay002"] {
        let (code, out, _) = run(bin().args(["explain", name]));
        assert_eq!(code, 0);
        assert!(out.contains("## Fix"), "{out}");
    }
    let (code, _, err) = run(bin().args(["explain", "XYZ999"]));
    assert_eq!(code, 2);
    assert!(err.contains("XYZ999"));

    let (code, out, _) = run(bin()
        .args(["config", "show"])
        .arg(fixtures().join("conforming")));
    assert_eq!(code, 0);
    assert!(out.contains("ops_root = \"ops\""), "{out}");

    for which in ["config", "report"] {
        let (code, out, _) = run(bin().args(["schema", which]));
        assert_eq!(code, 0);
        let schema: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(jsonschema::validator_for(&schema).is_ok());
    }
}

#[test]
fn machine_formats() {
    let lay001 = fixtures().join("violations/LAY001");
    let (code, out, _) = run(bin().arg("check").arg(&lay001).args(["--format", "sarif"]));
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "LAY001");

    let (code, out, _) = run(bin().arg("check").arg(&lay001).args(["--format", "junit"]));
    assert_eq!(code, 1);
    assert!(out.contains("<failure type=\"LAY001\""), "{out}");

    // Annotations name files from the top of the git work tree (this repository, when the
    // tests run in a clone of it), so that they land on the right file.
    let (code, out, _) = run(bin().arg("check").arg(&lay001).args(["--format", "github"]));
    assert_eq!(code, 1);
    let top = std::process::Command::new("git")
        .arg("-C")
        .arg(&lay001)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    assert!(out.starts_with(&format!("::error file={top}ops/")), "{out}");
}

#[test]
fn output_never_replaces_a_device_or_a_symlink() {
    use std::os::unix::fs::FileTypeExt;
    let conforming = fixtures().join("conforming");
    let (code, _, _) = run(bin()
        .arg("check")
        .arg(&conforming)
        .args(["-o", "/dev/null"]));
    assert_eq!(code, 0);
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (code, _, _) = run(bin().arg("check").arg(&conforming).arg("-o").arg(&link));
    assert_eq!(code, 0);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .starts_with("ok: no findings")
    );

    let ro = dir.path().join("ro.txt");
    std::fs::write(&ro, "keep").unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    let (code, _, err) = run(bin().arg("check").arg(&conforming).arg("-o").arg(&ro));
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
}

#[test]
fn incomplete_runs_exit_two() {
    // Runtime mode outside a git work tree would check nothing.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("ops")).unwrap();
    let (code, _, err) = run(bin().arg("check").arg(dir.path()).arg("--runtime"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--runtime needs git"), "{err}");

    // A selection that leaves nothing to run.
    let (code, _, err) = run(bin()
        .arg("check")
        .arg(fixtures().join("conforming"))
        .args(["--select", "LAY001", "--ignore", "LAY"]));
    assert_eq!(code, 2);
    assert!(err.contains("no rule is selected"), "{err}");

    let (code, _, err) = run(bin().args(["check", ".", "--jobs", "100000"]));
    assert_eq!(code, 2);
    assert!(err.contains("between 1 and 256"), "{err}");
}

#[test]
fn config_values_are_validated_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ops-check.toml"),
        "[schema]\nschemas_dir = \"ops/_schemas\"\nexempt = [\"ops/[x\"]\n",
    )
    .unwrap();
    let (code, _, err) = run(bin().arg("check").arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("ops-check.toml:3:10"), "{err}");
    assert!(err.contains("schema.exempt"), "{err}");

    std::fs::write(dir.path().join("ops-check.toml"), "ops_root = \"/etc\"\n").unwrap();
    let (code, _, err) = run(bin().arg("check").arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("is absolute"), "{err}");

    let (code, _, err) = run(bin().args(["config", "show", "/no/such/dir"]));
    assert_eq!(code, 2);
    assert!(err.contains("no such directory"), "{err}");
}

#[test]
fn explain_a_group_lists_its_rules() {
    let (code, out, _) = run(bin().args(["explain", "LAY"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("group of") && out.contains("LAY001") && out.contains("LAY008"),
        "{out}"
    );
}

#[test]
fn closed_stdout_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = bin()
        .args(["rules"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before the output is written
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("Broken pipe"), "{err}");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_root_without_an_ops_tree_is_one_error_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# not a repository with ops/\n",
    )
    .unwrap();
    let (code, out, err) = run(bin().arg("check").arg(dir.path()));
    assert_eq!(code, 2, "{out}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("has no operations tree: `ops/` is not a directory there"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    // The common slip: pointing at the ops tree itself.
    let ops = fixtures().join("conforming/ops");
    let (code, _, err) = run(bin().arg("check").arg(&ops));
    assert_eq!(code, 2);
    assert!(err.contains("looks like the ops/ tree itself"), "{err}");

    // A subdirectory of a repository: the ancestor that has one is named.
    let (code, _, err) = run(bin().arg("check").arg(fixtures().join("conforming/docs")));
    assert_eq!(code, 2);
    assert!(
        err.contains("conforming has one: check that repository root instead"),
        "{err}"
    );
}
