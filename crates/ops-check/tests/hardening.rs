//! Odd trees end to end: a FIFO, symlink loops, dangling links, a link out of the root and
//! non-UTF-8 names and contents under `ops/`. The engine must finish (no hang on a FIFO or a
//! loop), never panic, and report what is wrong.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design
#![cfg(unix)]

use std::sync::mpsc;
use std::time::Duration;

use ops_check::registry::INTERNAL_ERROR;
use ops_check::{Contract, Engine, Report};
use ops_model::testing::TestRepo;

/// Runs the whole engine on `repo` in a thread; a run that takes a minute has hung.
fn check_with_deadline(repo: &TestRepo) -> Report {
    let root = repo.path().to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let report = Engine::new(Contract::default())
            .use_git(false)
            .jobs(2)
            .check(&root);
        let _ = tx.send(report);
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the check finished within a minute (no hang)")
        .expect("the check ran")
}

fn has(report: &Report, code: &str, path: &str, needle: &str) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.code == code && f.path.as_str() == path && f.message.contains(needle))
}

fn mkfifo(path: &std::path::Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn fifo_loops_and_non_utf8_names_complete_with_findings() {
    let outside = TestRepo::new().file("elsewhere.sh", "echo hi\n");
    let repo = TestRepo::new()
        .file("ops/CONTRACT.md", "# Ops\n\n- Owner: `team`\n- Contract version: `1.0.0`\n")
        .file("ops/INDEX.md", "# ops\n")
        .file("ops/_lib/common.sh", "log() { echo \"$*\"; }\n")
        .file("ops/k8s/scripts/render.sh", "#!/usr/bin/env bash\nsource \"$(dirname \"$0\")/loop-a\"\nsource \"$(dirname \"$0\")/../../_lib/common.sh\"\nlog render\n")
        .symlink("ops/k8s/scripts/loop-a", "loop-b")
        .symlink("ops/k8s/scripts/loop-b", "loop-a")
        .symlink("ops/k8s/self", "self")
        .symlink("ops/k8s/dangling.yaml", "missing.yaml")
        .symlink("ops/stack/elsewhere.sh", outside.path().join("elsewhere.sh").to_str().unwrap())
        .bytes("ops/e2e/k8s/tests/binary.sh", b"#!/bin/sh\n\xff\xfe\x00exec make x\n")
        .file("packages/atlasctl/src/atlasctl/commands/ops/stack/faults/inject.py", "def inject(): ...\n")
        // Non-UTF-8 names: a temporally named script in a domain, and a stray file at the top.
        .raw_name("ops/k8s/scripts", b"deploy-old-\xff.sh", "echo x\n")
        .raw_name("ops", b"notes-\xfe.txt", "x");

    // FIFOs: one at the top of ops/ and one among the e2e wrappers. Reading either would
    // block forever.
    let fifos = mkfifo(&repo.path().join("ops/pipe"))
        && mkfifo(&repo.path().join("ops/e2e/k8s/tests/pipe"));

    let report = check_with_deadline(&repo);
    let all: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} {} {}", f.path, f.code, f.message))
        .collect();
    let all = all.join("\n");

    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.code == INTERNAL_ERROR.code),
        "no rule may panic:\n{all}"
    );
    assert!(
        has(&report, "LAY002", "ops/k8s/scripts/loop-a", "loops"),
        "{all}"
    );
    assert!(
        has(&report, "LAY002", "ops/k8s/scripts/loop-b", "loops"),
        "{all}"
    );
    assert!(has(&report, "LAY002", "ops/k8s/self", "loops"), "{all}");
    assert!(
        has(&report, "LAY002", "ops/k8s/dangling.yaml", "dangling"),
        "{all}"
    );
    assert!(
        has(
            &report,
            "LAY002",
            "ops/stack/elsewhere.sh",
            "outside the repository root"
        ),
        "{all}"
    );
    assert!(
        has(
            &report,
            "LAY007",
            "ops/k8s/scripts/deploy-old-\u{fffd}.sh",
            "`old`"
        ),
        "{all}"
    );
    assert!(
        has(
            &report,
            "LAY001",
            "ops/notes-\u{fffd}.txt",
            "not a stable root file"
        ),
        "{all}"
    );
    assert!(
        has(
            &report,
            "LAY005",
            "ops/e2e/k8s/tests/binary.sh",
            "not valid UTF-8"
        ),
        "{all}"
    );
    if fifos {
        assert!(has(&report, "LAY001", "ops/pipe", "special file"), "{all}");
        assert!(
            has(&report, "LAY005", "ops/e2e/k8s/tests/pipe", "special file"),
            "{all}"
        );
    }
}

#[test]
fn output_is_the_same_for_one_and_many_jobs_on_an_odd_tree() {
    let repo = TestRepo::new()
        .file(
            "ops/CONTRACT.md",
            "- Owner: `t`\n- Contract version: `1.0.0`\n",
        )
        .symlink("ops/a", "b")
        .symlink("ops/b", "a")
        .bytes("ops/k8s/x.sh", b"\xff")
        .raw_name("ops", b"tmp-\xff.json", "{");
    let run = |jobs| {
        let report = Engine::new(Contract::default())
            .use_git(false)
            .jobs(jobs)
            .check(repo.path())
            .unwrap();
        serde_json::to_string(&report.findings).unwrap()
    };
    assert_eq!(run(1), run(8));
}
