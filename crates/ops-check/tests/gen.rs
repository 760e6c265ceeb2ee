//! `ops-check gen [--check]` on a copy of the conforming fixture.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use ops_model::testing::TestRepo;

fn ops_check(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ops-check"))
        .args(args)
        .arg(root)
        .output()
        .unwrap()
}

fn conforming_copy() -> TestRepo {
    TestRepo::fixture("conforming")
}

#[test]
fn gen_then_check_is_clean_and_a_hand_edit_is_a_diff() {
    let dir = conforming_copy();
    let root = dir.path();

    let generated = ops_check(&["gen"], root);
    assert_eq!(
        generated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let check = ops_check(&["gen", "--check"], root);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(check.stdout.is_empty());

    let doc = root.join("docs/_generated/ops-surface.md");
    let edited = fs::read_to_string(&doc)
        .unwrap()
        .replace("ops stack up", "ops stack up --fast");
    fs::write(&doc, &edited).unwrap();
    let check = ops_check(&["gen", "--check"], root);
    let diff = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{diff}");
    assert!(
        diff.contains("--- a/docs/_generated/ops-surface.md"),
        "{diff}"
    );
    assert!(
        diff.contains("+++ b/docs/_generated/ops-surface.md"),
        "{diff}"
    );
    assert!(
        diff.lines()
            .any(|l| l.starts_with('-') && l.contains("--fast")),
        "{diff}"
    );
    assert!(
        diff.lines()
            .any(|l| l.starts_with('+') && l.contains("ops stack up`")),
        "{diff}"
    );
    // --check writes nothing.
    assert_eq!(fs::read_to_string(&doc).unwrap(), edited);

    // gen repairs it, atomically, leaving no temp files behind.
    assert_eq!(ops_check(&["gen"], root).status.code(), Some(0));
    assert_eq!(ops_check(&["gen", "--check"], root).status.code(), Some(0));
    let leftovers: Vec<_> = fs::read_dir(root.join("docs/_generated"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let check = ops_check(&["check", "--select", "SUR,DEP"], root);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn gen_refuses_to_write_when_something_cannot_be_rendered() {
    let dir = conforming_copy();
    let root = dir.path();
    fs::write(root.join("ops/_meta/surface.lock.json"), "{ broken").unwrap();
    let before = fs::read_to_string(root.join("docs/_generated/ops-surface.md")).unwrap();
    let mk = root.join("makefiles/ops.mk");
    let text = fs::read_to_string(&mk)
        .unwrap()
        .replace("ops stack up", "ops stack up --fast");
    fs::write(&mk, text).unwrap();

    let out = ops_check(&["gen"], root);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ops/_meta/surface.lock.json"), "{err}");
    assert_eq!(
        fs::read_to_string(root.join("docs/_generated/ops-surface.md")).unwrap(),
        before
    );
}

#[cfg(unix)]
#[test]
fn gen_refuses_generated_paths_through_symlinks() {
    let dir = conforming_copy();
    let root = dir.path();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("ops-surface.md");
    fs::write(&victim, "SENTINEL\n").unwrap();
    fs::remove_dir_all(root.join("docs/_generated")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("docs/_generated")).unwrap();

    for args in [&["gen"][..], &["gen", "--check"][..]] {
        let out = ops_check(args, root);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("`docs/_generated` is a symlink"),
            "{args:?}: {err}"
        );
        assert_eq!(fs::read_to_string(&victim).unwrap(), "SENTINEL\n");
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 1);
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_meta_dir_is_named_as_a_symlink() {
    let dir = conforming_copy();
    let root = dir.path();
    fs::rename(root.join("ops/_meta"), root.join("meta-real")).unwrap();
    std::os::unix::fs::symlink("../meta-real", root.join("ops/_meta")).unwrap();
    let out = ops_check(&["gen"], root);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`ops/_meta/surface.json` is behind a symlink: `ops/_meta` is a symlink"),
        "{err}"
    );
    assert!(!err.contains("does not exist"), "{err}");
}

#[test]
fn gen_refuses_inputs_it_cannot_parse_and_writes_nothing() {
    let dir = conforming_copy();
    let root = dir.path();
    let schema = root.join("ops/_schemas/load/baseline.v1.schema.json");
    assert!(schema.exists());
    fs::write(&schema, "{\"type\": ").unwrap();
    let page = root.join("docs/_generated/ops-schemas.md");
    let before = fs::read_to_string(&page).unwrap();

    let out = ops_check(&["gen"], root);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(
            "docs/_generated/ops-schemas.md: `ops/_schemas/load/baseline.v1.schema.json` is not valid JSON at 1:9"
        ),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&page).unwrap(), before);
}

#[test]
fn crlf_checkouts_are_up_to_date() {
    let dir = conforming_copy();
    let root = dir.path();
    let doc = root.join("docs/_generated/ops-surface.md");
    let crlf = fs::read_to_string(&doc).unwrap().replace('\n', "\r\n");
    fs::write(&doc, &crlf).unwrap();
    let out = ops_check(&["gen", "--check"], root);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(ops_check(&["gen"], root).status.code(), Some(0));
    assert_eq!(fs::read_to_string(&doc).unwrap(), crlf);
}

#[test]
fn a_closed_stdout_pipe_ends_quietly() {
    let dir = conforming_copy();
    let root = dir.path();
    let doc = root.join("docs/_generated/ops-surface.md");
    fs::write(&doc, "stale\n".repeat(20_000)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ops-check"))
        .args(["gen", "--check"])
        .arg(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the diff (far over a pipe buffer) is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert!(err.contains("out of date"), "{err}");
}
