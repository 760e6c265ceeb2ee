//! The repository's fixtures against this crate's rules: the conforming tree is clean, and
//! each ART violation fixture reports its own rule. (The driver's fixture test checks the
//! same through the engine; this one runs without it.)

#![allow(clippy::unwrap_used)] // test code: a failure to read the fixtures is a test failure

use std::path::{Path, PathBuf};

use ops_model::testing::TestContext;
use ops_model::{Contract, GitFacts, RepoIndex, WalkOptions};
use ops_rules_artifacts::RULES;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ops-fixtures")
}

fn context(root: &Path) -> TestContext {
    let (contract, _) = Contract::discover(root).unwrap();
    let index = RepoIndex::build(root, &WalkOptions::default()).unwrap();
    let git = GitFacts::load(root, false).ok();
    TestContext::new(contract, index).with_git_facts(git)
}

#[test]
fn conforming_fixture_is_clean() {
    let cx = context(&fixtures().join("conforming"));
    let findings: Vec<String> = RULES
        .iter()
        .flat_map(|r| cx.run(*r))
        .map(|f| format!("{} {}: {}", f.code, f.path, f.message))
        .collect();
    assert_eq!(findings, Vec::<String>::new());
}

#[test]
fn each_violation_fixture_reports_its_rule() {
    for rule in RULES {
        let code = rule.meta().code;
        if code == "ART008" {
            // Runtime only: see ops-fixtures/violations/ART008/README.md.
            continue;
        }
        let cx = context(&fixtures().join("violations").join(code));
        let findings = cx.run(*rule);
        assert!(
            findings
                .iter()
                .any(|f| f.severity != ops_model::Severity::Info),
            "{code}: {findings:?}"
        );
    }
}

#[test]
fn every_rule_is_registered_in_code_order() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.meta().code).collect();
    let expected: Vec<String> = (1..=10).map(|n| format!("ART{n:03}")).collect();
    assert_eq!(codes, expected);
}
