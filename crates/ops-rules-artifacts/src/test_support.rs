//! Helpers for tests that need a git repository.

#![allow(clippy::unwrap_used)] // test support: a failing git is a test failure

use ops_model::testing::TestRepo;
use ops_model::{Contract, RunContext};

/// `git add -f path`: a tracked file that `.gitignore` matches, as `git add -f` leaves it.
pub fn force_add(repo: &TestRepo, path: &str) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(repo.path())
        .args(["add", "-f", path])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git add -f {path}");
}

/// The run the engine opens on `repo`: one walk plus `git ls-files`, tracked files in the
/// index whatever `.gitignore` says.
pub fn open(repo: &TestRepo) -> RunContext {
    RunContext::open(
        repo.path(),
        Contract::default(),
        &ops_model::run::OpenOptions::default(),
    )
    .unwrap()
    .0
}
