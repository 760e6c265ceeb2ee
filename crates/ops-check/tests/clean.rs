//! `ops-check clean` removes only ephemeral files: tracked files, files outside the cleaned
//! trees and everything outside the root (even through a symlink pointing there) survive.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::Command;

use ops_check::Contract;
use ops_check::clean::{self, CleanError};
use ops_model::testing::TestRepo;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

const TRACKED: &[&str] = &[
    "ops/_artifacts/.gitignore",
    "ops/_artifacts/INDEX.md",
    "ops/_examples/report.example.json",
    "ops/_examples/report.unified.example.json",
    "docs/_generated/ops-surface.md",
    "ops/k8s/values.yaml",
    // A tracked file where untracked ones are removed: still never removed.
    "ops/_examples/legacy.json",
];

const STRAYS: &[&str] = &[
    "ops/_artifacts/run-1/out.json",
    "ops/_artifacts/run-1/deep/x.log",
    "ops/_examples/report.local.json",
    "docs/_generated/ops-extra.md",
    // Untracked, but not ephemeral by the contract: left alone.
    "ops/k8s/stray.txt",
    "docs/_generated/notes.md",
];

/// A committed tree, stray outputs, and symlinks from cleaned trees to a directory outside.
fn setup() -> (TestRepo, tempfile::TempDir) {
    let repo = TRACKED
        .iter()
        .fold(TestRepo::new(), |repo, path| {
            let text = if path.ends_with(".gitignore") {
                "*\n!.gitignore\n!INDEX.md\n"
            } else {
                "x\n"
            };
            repo.file(path, text)
        })
        .git_commit_all();
    let outside = tempfile::tempdir().unwrap();
    let root = repo.path();
    for path in STRAYS {
        write(root, path, "stray\n");
    }
    write(outside.path(), "keep/precious.txt", "outside\n");
    std::os::unix::fs::symlink(
        outside.path().join("keep"),
        root.join("ops/_artifacts/escape"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("keep/precious.txt"),
        root.join("ops/_examples/escape.json"),
    )
    .unwrap();
    (repo, outside)
}

fn run(root: &Path, dry_run: bool) -> String {
    let plan = clean::plan(root, &Contract::default(), false).unwrap();
    let mut out = Vec::new();
    let summary = clean::execute(&plan, dry_run, &mut out).unwrap();
    assert!(summary.skipped.is_empty(), "{:?}", summary.skipped);
    String::from_utf8(out).unwrap()
}

const EPHEMERAL: &[&str] = &[
    "docs/_generated/ops-extra.md",
    "ops/_artifacts/escape",
    "ops/_artifacts/run-1/deep/x.log",
    "ops/_artifacts/run-1/out.json",
    "ops/_examples/escape.json",
    "ops/_examples/report.local.json",
];

#[test]
fn dry_run_lists_and_removes_nothing() {
    let (repo, _outside) = setup();
    let out = run(repo.path(), true);
    let expected: String = EPHEMERAL
        .iter()
        .map(|p| format!("would remove {p}\n"))
        .collect();
    assert_eq!(out, expected);
    for p in EPHEMERAL {
        assert!(
            fs::symlink_metadata(repo.path().join(p)).is_ok(),
            "{p} removed by a dry run"
        );
    }
}

#[test]
fn removes_only_ephemeral_files_and_never_leaves_the_root() {
    let (repo, outside) = setup();
    let root = repo.path();
    let out = run(root, false);
    let expected: String = EPHEMERAL.iter().map(|p| format!("removed {p}\n")).collect();
    assert_eq!(out, expected);
    for p in EPHEMERAL {
        assert!(fs::symlink_metadata(root.join(p)).is_err(), "{p} survived");
    }
    for p in TRACKED {
        assert!(root.join(p).is_file(), "tracked {p} was removed");
    }
    assert!(root.join("ops/k8s/stray.txt").is_file());
    assert!(root.join("docs/_generated/notes.md").is_file());
    // The symlinks were unlinked; what they pointed at is untouched.
    assert_eq!(
        fs::read_to_string(outside.path().join("keep/precious.txt")).unwrap(),
        "outside\n"
    );
    // Emptied directories go; the artifacts root stays.
    assert!(!root.join("ops/_artifacts/run-1").exists());
    assert!(root.join("ops/_artifacts").is_dir());
    // A second clean finds nothing.
    assert_eq!(run(root, false), "");
}

#[test]
fn outside_a_work_tree_it_refuses_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "ops/_artifacts/INDEX.md", "keep\n");
    write(root, "ops/_artifacts/run-1/out.json", "x\n");
    write(root, "ops/_examples/report.example.json", "{}\n");
    write(root, "ops/_examples/report.local.json", "{}\n");
    write(root, "ops/k8s/values.yaml", "a: 1\n");
    match clean::plan(root, &Contract::default(), false) {
        Err(CleanError::NoGit(_)) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
    let plan = clean::plan(root, &Contract::default(), true).unwrap();
    let mut out = Vec::new();
    clean::execute(&plan, false, &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "removed ops/_artifacts/run-1/out.json\nremoved ops/_examples/report.local.json\n"
    );
    assert!(root.join("ops/_artifacts/INDEX.md").is_file());
    assert!(root.join("ops/_examples/report.example.json").is_file());
    assert!(root.join("ops/k8s/values.yaml").is_file());
}

#[test]
fn the_binary_exits_2_outside_a_work_tree() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_ops-check"))
        .arg("clean")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&status.stderr).contains("--force-untracked"));
}
