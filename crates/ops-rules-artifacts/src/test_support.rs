//! Helpers for tests that need a git repository.

#![allow(clippy::unwrap_used)] // test support: a failing git is a test failure

use ops_model::testing::TestRepo;
use ops_model::{Contract, RunContext};

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
