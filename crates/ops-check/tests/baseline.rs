//! Baselines end to end: `baseline write`, `check --baseline`, stale entries, `--prune`,
//! `--strict-baseline`, the config's `baseline`, and repeats of one finding in one file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use std::path::Path;

use ops_check::{Baseline, Contract, Engine};
use ops_model::declare_rule;
use ops_model::testing::TestRepo;
use ops_model::{
    CheckContext, FileInfo, FileKind, Finding, Rule, RuleMeta, ScanOutput, SourceFile,
};
use support::{bin, fixtures, run};

/// A copy of the LAY001 fixture: findings on `ops/misc` and `ops/notes.txt`.
fn legacy() -> TestRepo {
    TestRepo::copy_of(&fixtures().join("violations/LAY001"))
}

fn check(root: &Path, args: &[&str]) -> (i32, String, String) {
    run(bin()
        .arg("check")
        .arg(root)
        .args(["--format", "concise"])
        .args(args))
}

#[test]
fn round_trip_new_findings_fail_fixed_ones_go_stale_and_prune_removes_them() {
    let repo = legacy();
    let file = repo.path().join("ops-check-baseline.json");
    let (code, _, err) = run(bin().args(["baseline", "write", "--root"]).arg(repo.path()));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 finding occurrences in 2 entries"), "{err}");
    // The config names no baseline: the message says how `check` applies this one.
    assert!(
        err.contains("`--baseline ops-check-baseline.json`")
            && err.contains("`baseline = \"ops-check-baseline.json\"`"),
        "{err}"
    );
    let written = std::fs::read_to_string(&file).unwrap();

    // Everything recorded: clean, and the summary says what it hid.
    let (code, out, _) = check(repo.path(), &["--baseline", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("ok: no findings") && out.contains("2 hidden by the baseline"),
        "{out}"
    );

    // A new violation fails and is the only finding reported.
    let repo = repo.file("ops/extra/x.txt", "x");
    let (code, out, _) = check(repo.path(), &["--baseline", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let findings: Vec<&str> = out.lines().filter(|l| l.contains(": LAY")).collect();
    assert_eq!(findings.len(), 1, "{out}");
    assert!(findings[0].starts_with("ops/extra: LAY001"), "{out}");
    std::fs::remove_dir_all(repo.path().join("ops/extra")).unwrap();

    // Fixing an old one leaves one stale entry: a note, an error when strict.
    std::fs::remove_file(repo.path().join("ops/notes.txt")).unwrap();
    let (code, out, _) = check(repo.path(), &["--baseline", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let stale: Vec<&str> = out.lines().filter(|l| l.contains(": OPS005")).collect();
    assert_eq!(stale.len(), 1, "{out}");
    assert!(
        stale[0].starts_with("ops/notes.txt: OPS005 baseline entry LAY001"),
        "{out}"
    );
    let (code, out, _) = check(
        repo.path(),
        &["--baseline", file.to_str().unwrap(), "--strict-baseline"],
    );
    assert_eq!(code, 1, "{out}");

    // --prune removes the stale entry and adds nothing.
    let repo = repo.file("ops/extra/y.txt", "y");
    let (code, _, err) = run(bin()
        .args(["baseline", "write", "--prune", "--root"])
        .arg(repo.path()));
    assert_eq!(code, 0, "{err}");
    let pruned = Baseline::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(pruned.entries.len(), 1);
    assert_eq!(pruned.entries[0].path, "ops/misc");
    assert_ne!(std::fs::read_to_string(&file).unwrap(), written);
    let (code, out, _) = check(repo.path(), &["--baseline", file.to_str().unwrap()]);
    assert_eq!(
        code, 1,
        "the new finding is not in the pruned baseline: {out}"
    );
    assert!(!out.contains("OPS005"), "{out}");
}

#[test]
fn the_config_names_the_baseline_and_writes_are_deterministic() {
    let repo = legacy();
    let config = repo.path().join("ops-check.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.insert_str(0, "baseline = \"ci/ops-baseline.json\"\n");
    std::fs::write(&config, text).unwrap();
    std::fs::create_dir_all(repo.path().join("ci")).unwrap();
    let (code, _, err) = check(repo.path(), &[]);
    assert_eq!(code, 2, "a named baseline that is missing is an error");
    assert!(
        err.contains("ci/ops-baseline.json") && err.contains("baseline write"),
        "{err}"
    );

    let write = |jobs: &str| {
        let (code, _, err) = run(bin()
            .args(["baseline", "write", "-j", jobs, "--root"])
            .arg(repo.path()));
        assert_eq!(code, 0, "{err}");
        assert!(!err.contains("--baseline"), "the config names it: {err}");
        std::fs::read(repo.path().join("ci/ops-baseline.json")).unwrap()
    };
    assert_eq!(write("1"), write("4"));
    let (code, out, _) = check(repo.path(), &[]);
    assert_eq!(code, 0, "{out}");
    let (code, _, _) = check(repo.path(), &["--no-baseline"]);
    assert_eq!(code, 1);
}

#[test]
fn an_incomplete_run_writes_no_baseline() {
    let repo = legacy();
    let (code, _, err) = run(bin()
        .args(["baseline", "write", "--prune", "--root"])
        .arg(repo.path()));
    assert_eq!(code, 2, "pruning needs a baseline: {err}");
    assert!(err.contains("no such file"), "{err}");
    std::fs::write(
        repo.path().join("ops-check-baseline.json"),
        "{\"version\": 9}",
    )
    .unwrap();
    let (code, _, err) = check(
        repo.path(),
        &[
            "--baseline",
            repo.path()
                .join("ops-check-baseline.json")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not an ops-check baseline"), "{err}");
}

declare_rule! {
    /// Reports every `TODO` line of a shell script, with the same message each time.
    Todo {
        code: "TST101",
        slug: "todo-left",
        clause: "test",
        severity: Error,
        summary: "no TODO in scripts",
        explanation: "## What\nx\n## Why\ny\n## Fix\nz\n",
    }
}

impl Rule for Todo {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    fn wants(&self, _cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        file.kind() == FileKind::Shell
    }
    fn scan_file(&self, _cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let Ok(text) = file.text() else { return };
        for (n, line) in ops_model::text::numbered_lines(text) {
            if line.contains("TODO") {
                out.push(
                    Finding::new(&Self::META, file.path().clone(), "a TODO is left").at_line(n),
                );
            }
        }
    }
    fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
        Vec::new()
    }
}

#[test]
fn repeats_are_counted_moves_are_not_new_and_one_more_fails() {
    let engine = |baseline: Option<Baseline>| {
        let e = Engine::new(Contract::default()).with_rules(vec![&Todo]);
        match baseline {
            Some(b) => e.baseline(b),
            None => e,
        }
    };
    let repo = TestRepo::new().file("ops/stack/up.sh", "a\n# TODO x\nb\n# TODO y\n");
    let first = engine(None).check(repo.path()).unwrap();
    assert_eq!(first.findings.len(), 1);
    assert_eq!(first.findings[0].occurrences, 2);
    assert_eq!(first.findings[0].message, "a TODO is left");
    let baseline = Baseline::record(&first.findings);
    assert_eq!(baseline.entries[0].count, 2);

    // The same two, moved down: still hidden, and the fingerprint has not changed.
    let repo = repo.file(
        "ops/stack/up.sh",
        "new\nlines\na\n# TODO x\nb\nc\n# TODO y\n",
    );
    let moved = engine(None).check(repo.path()).unwrap();
    assert_eq!(moved.findings[0].fingerprint, first.findings[0].fingerprint);
    let report = engine(Some(baseline.clone())).check(repo.path()).unwrap();
    assert!(report.findings.is_empty());
    assert_eq!(report.summary.baselined, 1);

    // One more occurrence of the old problem: reported, with the share the baseline accepts.
    let repo = repo.file("ops/stack/up.sh", "# TODO x\n# TODO y\n# TODO z\n");
    let report = engine(Some(baseline)).check(repo.path()).unwrap();
    assert!(report.has_errors());
    assert_eq!(
        report.findings[0].text(),
        "a TODO is left (3 occurrences: lines 1, 2, 3; the baseline accepts 2 of 3 like it here)"
    );
}
