//! `check --changed-since REV`: only findings on files changed since REV (committed on the
//! branch, staged, unstaged or untracked), on directories holding them and on the repository
//! as a whole; the exit code follows what is shown.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use std::path::Path;

use ops_model::testing::TestRepo;
use support::{bin, fixtures, git, run};

/// The LAY001 fixture (findings on `ops/misc` and `ops/notes.txt`) committed on `main`.
fn legacy_repo() -> TestRepo {
    let repo = TestRepo::copy_of(&fixtures().join("violations/LAY001"));
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "legacy"]);
    repo
}

fn concise(root: &Path, rev: &str) -> (i32, Vec<String>, String) {
    let (code, out, err) =
        run(bin()
            .arg("check")
            .arg(root)
            .args(["--format", "concise", "--changed-since", rev]));
    let paths = out
        .lines()
        .filter(|l| l.contains(": LAY001 "))
        .map(|l| l.split(": ").next().unwrap().to_string())
        .collect();
    (code, paths, err)
}

#[test]
fn nothing_changed_nothing_reported() {
    let repo = legacy_repo();
    let (code, paths, err) = concise(repo.path(), "HEAD");
    assert_eq!(code, 0, "{err}");
    assert!(paths.is_empty(), "{paths:?}");
    assert!(
        err.contains("2 findings on unchanged files not shown"),
        "{err}"
    );
}

#[test]
fn untracked_and_uncommitted_files_count() {
    let repo = legacy_repo();
    std::fs::write(repo.path().join("ops/new.txt"), "x\n").unwrap();
    let (code, paths, _) = concise(repo.path(), "HEAD");
    assert_eq!(code, 1);
    assert_eq!(paths, ["ops/new.txt"]);

    std::fs::write(repo.path().join("ops/notes.txt"), "edited\n").unwrap();
    let (_, paths, _) = concise(repo.path(), "HEAD");
    assert_eq!(paths, ["ops/new.txt", "ops/notes.txt"]);
}

#[test]
fn a_branch_is_compared_with_its_merge_base() {
    let repo = legacy_repo();
    let root = repo.path();
    git(root, &["checkout", "-q", "-b", "feature"]);
    std::fs::write(root.join("ops/misc/more.sh"), "echo\n").unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "more"]);
    // main moves on after the branch point: its own changes are not the branch's.
    git(root, &["checkout", "-q", "main"]);
    std::fs::write(root.join("ops/later.txt"), "x\n").unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "later"]);
    git(root, &["checkout", "-q", "feature"]);

    let (code, paths, _) = concise(root, "main");
    assert_eq!(code, 1);
    // The finding is about the directory that holds the changed file.
    assert_eq!(paths, ["ops/misc"]);
}

#[test]
fn a_checked_subdirectory_sees_only_its_own_changes() {
    let outer = TestRepo::new();
    let sub = outer.path().join("services/api");
    std::fs::create_dir_all(&sub).unwrap();
    let status = std::process::Command::new("cp")
        .arg("-R")
        .arg(fixtures().join("violations/LAY001/."))
        .arg(&sub)
        .status()
        .unwrap();
    assert!(status.success());
    git(outer.path(), &["init", "-q", "-b", "main"]);
    git(outer.path(), &["add", "-A"]);
    git(outer.path(), &["commit", "-q", "-m", "base"]);
    std::fs::write(sub.join("ops/new.txt"), "x\n").unwrap();
    std::fs::write(outer.path().join("elsewhere.txt"), "x\n").unwrap();

    let (_, paths, _) = concise(&sub, "HEAD");
    assert_eq!(paths, ["ops/new.txt"]);
    // Machine formats name the file from the top of the repository.
    let (_, out, _) =
        run(bin()
            .arg("check")
            .arg(&sub)
            .args(["--format", "github", "--changed-since", "HEAD"]));
    assert!(
        out.starts_with("::error file=services/api/ops/new.txt,"),
        "{out}"
    );
}

#[test]
fn bad_revisions_and_no_git_exit_two() {
    let repo = legacy_repo();
    let (code, _, err) = concise(repo.path(), "no-such-rev");
    assert_eq!(code, 2);
    assert!(err.contains("--changed-since no-such-rev"), "{err}");

    let plain = TestRepo::copy_of(&fixtures().join("violations/LAY001"));
    let (code, _, err) = concise(plain.path(), "HEAD");
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
}
