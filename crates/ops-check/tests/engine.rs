//! The engine: parallel rules, deterministic output, selection, severity, panics.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use ops_check::{Contract, Engine, Severity};
use ops_model::testing::TestRepo;
use ops_model::{CheckContext, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// Reports every file, so output has many findings to order.
    EveryFile {
        code: "TST001",
        slug: "every-file",
        clause: "test",
        severity: Warning,
        summary: "reports every file",
        explanation: "## What\nx\n## Why\ny\n## Fix\nz\n",
    }
}

impl Rule for EveryFile {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        // Deliberately reversed: the engine must sort.
        let mut found: Vec<Finding> = cx
            .index
            .files()
            .map(|e| Finding::new(&Self::META, e.path.clone(), "seen"))
            .collect();
        found.reverse();
        found
    }
}

declare_rule! {
    Panics {
        code: "TST002",
        slug: "panics",
        clause: "test",
        severity: Error,
        summary: "always panics",
        explanation: "## What\nx\n## Why\ny\n## Fix\nz\n",
    }
}

impl Rule for Panics {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
        panic!("boom")
    }
}

fn tree() -> TestRepo {
    let mut repo = TestRepo::new();
    for i in 0..60 {
        repo = repo.file(&format!("ops/d{}/f{i}.txt", i % 7), "x");
    }
    repo
}

fn json(report: &ops_check::Report) -> String {
    serde_json::to_string(report).unwrap()
}

#[test]
fn output_is_identical_for_any_jobs() {
    let repo = tree();
    let run = |jobs| {
        let engine = Engine::new(Contract::default())
            .with_rules(vec![&EveryFile])
            .jobs(jobs);
        json(&engine.check(repo.path()).unwrap())
    };
    let one = run(1);
    assert!(one.contains("TST001"));
    for jobs in [2, 3, 8] {
        assert_eq!(one, run(jobs), "jobs={jobs}");
    }
    // The real rule set too.
    let real = |jobs| {
        json(
            &Engine::new(Contract::default())
                .jobs(jobs)
                .check(repo.path())
                .unwrap(),
        )
    };
    assert_eq!(real(1), real(4));
}

#[test]
fn findings_are_sorted_by_path() {
    let repo = tree();
    let report = Engine::new(Contract::default())
        .with_rules(vec![&EveryFile])
        .check(repo.path())
        .unwrap();
    let paths: Vec<_> = report
        .findings
        .iter()
        .map(|f| f.path.as_str().to_string())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(report.counts["TST001"], 60);
    assert_eq!(report.summary.warnings, 60);
    assert!(!report.has_errors());
}

#[test]
fn a_panicking_rule_becomes_an_internal_error_and_others_still_run() {
    let repo = tree();
    let report = Engine::new(Contract::default())
        .with_rules(vec![&Panics, &EveryFile])
        .check(repo.path())
        .unwrap();
    let internal: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "OPS001")
        .collect();
    assert_eq!(internal.len(), 1);
    assert!(
        internal[0].message.contains("TST002"),
        "{}",
        internal[0].message
    );
    assert!(internal[0].message.contains("boom"));
    assert_eq!(report.counts["TST001"], 60);
}

#[test]
fn select_ignore_and_severity_overrides() {
    let repo = tree();
    let contract = Contract {
        select: vec!["TST".into()],
        ignore: vec!["panics".into()],
        severity: [("every-file".to_string(), Severity::Error)].into(),
        ..Contract::default()
    };
    let engine = Engine::new(contract).with_rules(vec![&Panics, &EveryFile]);
    let report = engine.check(repo.path()).unwrap();
    assert_eq!(report.summary.rules, 1);
    assert_eq!(report.summary.errors, 60);

    let contract = Contract {
        select: vec!["TST9".into()],
        ..Contract::default()
    };
    let err = Engine::new(contract)
        .with_rules(vec![&EveryFile])
        .check(repo.path())
        .unwrap_err();
    assert!(err.to_string().contains("`TST9`"), "{err}");
}

#[test]
fn missing_root_is_an_error_not_a_panic() {
    let err = Engine::new(Contract::default())
        .check("/no/such/dir".as_ref())
        .unwrap_err();
    assert_eq!(err.to_string(), "/no/such/dir: no such directory");
}
