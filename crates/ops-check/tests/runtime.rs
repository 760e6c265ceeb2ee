//! `check --runtime`: after a run, untracked and ignored files outside the allowed roots are
//! reported (ART008), and exactly those.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::fs;
use std::path::{Path, PathBuf};

use ops_check::{Contract, Engine};
use ops_model::testing::TestRepo;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ops-fixtures")
}

fn write(root: &Path, rel: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, "{}\n").unwrap();
}

/// A fresh git repository holding `tree`, committed.
fn committed_copy(tree: &Path) -> TestRepo {
    TestRepo::copy_of(tree).git_commit_all()
}

/// Checks `root` with the contract it declares: every finding as `CODE path`.
fn check(root: &Path, runtime: bool) -> Vec<String> {
    let (contract, _) = Contract::discover(root).unwrap();
    let report = Engine::new(contract).runtime(runtime).check(root).unwrap();
    report
        .findings
        .iter()
        .map(|f| format!("{} {}", f.code, f.path))
        .collect()
}

/// The paths ART008 reports.
fn art008(root: &Path, runtime: bool) -> Vec<String> {
    check(root, runtime)
        .iter()
        .filter_map(|line| line.strip_prefix("ART008 "))
        .map(str::to_string)
        .collect()
}

#[test]
fn runtime_mode_reports_exactly_the_disallowed_outputs() {
    let repo = committed_copy(&fixtures().join("conforming"));
    let root = repo.path();
    // Ignored by the repository's own rules: `ops/_artifacts/.gitignore` ignores all but its
    // index; `*.log` is excluded locally.
    fs::write(root.join(".git/info/exclude"), "*.log\n").unwrap();
    let allowed = [
        "ops/_artifacts/run-1/summary.json",
        "ops/_artifacts/k8s/test-results.xml",
        "artifacts/evidence/load/smoke.json",
        // configs/ops/artifacts-allowlist.txt lists it.
        "ops/load/baselines/k6-summary-cache/summary.json",
    ];
    let disallowed = [
        "ops/load/k6/summary.json",
        "artifacts/load/run-1/out.json",
        "artifacts/load/run-1/more/out.json",
        "smoke.log",
        "ops/k8s/charts/atlas/rendered.log",
    ];
    for p in allowed.iter().chain(&disallowed) {
        write(root, p);
    }
    assert_eq!(
        art008(root, true),
        [
            "artifacts/load",
            "ops/k8s/charts/atlas/rendered.log",
            "ops/load/k6/summary.json",
            "smoke.log",
        ]
    );
    // Without --runtime, ART008 says nothing.
    assert_eq!(art008(root, false), Vec::<String>::new());
}

#[test]
fn the_conforming_tree_after_a_clean_run_is_clean_in_runtime_mode() {
    let repo = committed_copy(&fixtures().join("conforming"));
    write(repo.path(), "ops/_artifacts/run-1/summary.json");
    write(repo.path(), "artifacts/evidence/run-1/report.json");
    assert_eq!(check(repo.path(), true), Vec::<String>::new());
}

/// The ART008 violation fixture, run the way its README says: committed to a fresh
/// repository, then the strays of `strays.txt` written, then checked in runtime mode.
#[test]
fn art008_fixture_reports_only_art008_in_runtime_mode() {
    let fixture = fixtures().join("violations/ART008");
    let repo = committed_copy(&fixture);
    let strays = fs::read_to_string(fixture.join("strays.txt")).unwrap();
    for line in strays.lines() {
        let line = line.split('#').next().unwrap().trim();
        if let Some(path) = line.split_whitespace().next() {
            write(repo.path(), path);
        }
    }
    assert_eq!(
        check(repo.path(), true),
        ["ART008 artifacts/load", "ART008 ops/load/k6/summary.json"]
    );
}
