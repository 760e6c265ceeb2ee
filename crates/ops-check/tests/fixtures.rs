//! The bundled fixtures: the conforming repository is clean under every rule, and each rule's
//! violation fixture reports exactly that rule.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::{Path, PathBuf};

use ops_check::registry::all_metas;
use ops_check::{Contract, Engine, Report};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ops-fixtures")
}

fn check(root: &Path) -> Report {
    let (contract, _) = Contract::discover(root).expect("fixture config");
    Engine::new(contract).check(root).expect("check runs")
}

fn describe(report: &Report) -> String {
    report
        .findings
        .iter()
        .map(|f| format!("  {} {} {}", f.path, f.code, f.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn conforming_fixture_is_clean() {
    let report = check(&fixtures().join("conforming"));
    assert!(
        report.findings.is_empty(),
        "the conforming fixture must be clean, found:\n{}",
        describe(&report)
    );
    assert_eq!(report.summary.rules, all_metas().len());
}

/// Rules whose fixture only shows after an operator run, in runtime mode: a committed tree
/// cannot hold untracked or ignored files, so their fixture is a tree plus the list of files
/// a run leaves behind, and `tests/runtime.rs` replays it in a fresh git repository.
const RUNTIME_RULES: &[&str] = &["ART008"];

#[test]
fn every_rule_has_a_violation_fixture_reporting_exactly_it() {
    let mut problems = Vec::new();
    for meta in all_metas() {
        let dir = fixtures().join("violations").join(meta.code);
        if !dir.is_dir() {
            problems.push(format!("{}: no fixture at {}", meta.code, dir.display()));
            continue;
        }
        let (contract, config) = Contract::discover(&dir).expect("fixture config");
        if config.is_none() {
            problems.push(format!("{}: fixture has no ops-check.toml", meta.code));
            continue;
        }
        if RUNTIME_RULES.contains(&meta.code) {
            if !dir.join("strays.txt").is_file() {
                problems.push(format!("{}: runtime fixture has no strays.txt", meta.code));
            }
            continue;
        }
        let report = Engine::new(contract).check(&dir).expect("check runs");
        let own = report
            .findings
            .iter()
            .filter(|f| f.code == meta.code)
            .count();
        let others: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code != meta.code)
            .collect();
        if own == 0 || !others.is_empty() {
            problems.push(format!(
                "{}: expected only {} findings, got:\n{}",
                meta.code,
                meta.code,
                describe(&report)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn fixture_directories_belong_to_rules() {
    let codes: Vec<&str> = all_metas().iter().map(|m| m.code).collect();
    let mut strays = Vec::new();
    for entry in std::fs::read_dir(fixtures().join("violations")).expect("violations dir") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !codes.contains(&name.as_str()) {
            strays.push(name);
        }
    }
    strays.sort();
    assert!(
        strays.is_empty(),
        "fixtures of unregistered rules: {strays:?}"
    );
}
