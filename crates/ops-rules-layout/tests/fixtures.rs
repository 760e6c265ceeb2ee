//! Every LAY rule against the shared fixtures: the conforming repository is clean, and each
//! rule's violation fixture yields exactly the findings listed here.

#![allow(clippy::expect_used)] // test helpers: a broken fixture is a test failure

use std::path::PathBuf;

use ops_model::testing::TestContext;
use ops_model::{Contract, RepoIndex, WalkOptions};

fn fixture(rel: &str) -> TestContext {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ops-fixtures")
        .join(rel);
    let index = RepoIndex::build(&root, &WalkOptions::default()).expect("walk fixture");
    TestContext::new(Contract::default(), index)
}

fn lines(code: &str) -> Vec<String> {
    let cx = fixture(&format!("violations/{code}"));
    let rule = ops_rules_layout::RULES
        .iter()
        .find(|r| r.meta().code == code)
        .expect("registered");
    cx.run_lines(*rule)
}

#[test]
fn conforming_fixture_is_clean() {
    let cx = fixture("conforming");
    for rule in ops_rules_layout::RULES {
        assert_eq!(
            cx.run_lines(*rule),
            Vec::<String>::new(),
            "{}",
            rule.meta().code
        );
    }
}

#[test]
fn every_rule_has_a_violation_fixture_that_fires() {
    for rule in ops_rules_layout::RULES {
        let code = rule.meta().code;
        assert!(
            !lines(code).is_empty(),
            "{code} reports nothing on its fixture"
        );
    }
}

#[test]
fn lay001_fixture() {
    let found = lines("LAY001");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("ops/misc: `ops/misc/` is not a canonical domain"));
    assert!(found[1].starts_with("ops/notes.txt: `ops/notes.txt` is not a stable root file"));
}

#[test]
fn lay002_fixture() {
    assert_eq!(
        lines("LAY002"),
        [
            "ops/stack/charts: `ops/stack/charts` is a symlink to the directory `../k8s/charts`",
            "ops/stack/workspace-manifest.toml: `ops/stack/workspace-manifest.toml` is a symlink to `../../../../../Cargo.toml`, outside the repository root",
        ]
    );
}

#[test]
fn lay003_fixture() {
    assert_eq!(
        lines("LAY003"),
        [
            "ops/k8s/unused: `ops/k8s/unused/` holds only empty directories and placeholders (`overlays`, `overlays/dev`, `overlays/dev/.gitkeep`)",
            "ops/obs/dashboards: `ops/obs/dashboards/` holds only the placeholder `.gitkeep`",
        ]
    );
}

#[test]
fn lay007_fixture() {
    assert_eq!(
        lines("LAY007"),
        [
            "ops/k8s/scripts/deploy-old.sh: the name `deploy-old.sh` is not a durable noun: `old` is a temporal or task word",
            "ops/load/baselines/smoke-2024-01-01.json: the name `smoke-2024-01-01.json` is not a durable noun: `2024` looks like a date",
            "ops/stack/scripts/step1-setup.sh: the name `step1-setup.sh` is not a durable noun: `step1` is step numbering",
        ]
    );
}

#[test]
fn lay008_fixture() {
    assert_eq!(
        lines("LAY008"),
        [
            "ops/CONTRACT.md: `ops/CONTRACT.md` declares no contract version",
            "ops/INDEX.md: `ops/INDEX.md` (the index of stable operator entrypoints) does not exist",
        ]
    );
}

#[test]
fn lay004_fixture() {
    assert_eq!(
        lines("LAY004"),
        [
            "ops/k8s/lib/kube.sh: `ops/k8s/lib/kube.sh` is a helper shared across domains (k8s, stack): sourced by `ops/k8s/scripts/deploy.sh:3`, `ops/stack/scripts/stack-up.sh:4`",
            "ops/load/baseline_math.py: `ops/load/baseline_math.py` is a helper used only inside `load`, but it lives outside `ops/load/scripts/` and `ops/_lib/`: imported by `ops/load/k6/summarize.py:6`",
        ]
    );
}

#[test]
fn lay005_fixture() {
    assert_eq!(
        lines("LAY005"),
        [
            "ops/e2e/k8s/tests/expected-rollout.json: `ops/e2e/k8s/tests/expected-rollout.json` is not a wrapper entry script: data, fixtures and expected outputs do not belong in `ops/e2e/k8s/tests/`",
            "ops/e2e/k8s/tests/rollout.sh: `ops/e2e/k8s/tests/rollout.sh` does not delegate: no command starts with `exec`, `make`, `atlasctl ops`, `./bin/atlasctl ops`",
            "ops/e2e/k8s/tests/rollout.sh: `ops/e2e/k8s/tests/rollout.sh` runs assertion logic: `assert_eq` at line 7",
        ]
    );
}

#[test]
fn lay006_fixture() {
    assert_eq!(
        lines("LAY006"),
        [
            "ops/k8s/scripts/fault-inject.sh: `ops/k8s/scripts/fault-inject.sh` looks like a fault injection implementation in `k8s`, but `stack` owns fault injection (name matches `*fault*inject*`)",
            "packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject.py: the canonical fault injection API `packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject.py` does not exist",
        ]
    );
}
