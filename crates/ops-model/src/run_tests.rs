use super::*;
use crate::testing::TestRepo;
use crate::{FileInfo, FileKind, ScanOutput, SourceFile, declare_rule};
use std::sync::atomic::{AtomicUsize, Ordering};

declare_rule! {
    /// Counts the lines of shell scripts in the scan, reports them in check.
    Lines {
        code: "TST001",
        slug: "lines",
        clause: "t",
        severity: Warning,
        summary: "t",
        explanation: "## What\nx\n## Why\ny\n## Fix\nz\n",
    }
}

static READS: AtomicUsize = AtomicUsize::new(0);

impl Rule for Lines {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    fn wants(&self, _cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        file.kind() == FileKind::Shell
    }
    fn scan_file(&self, _cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        READS.fetch_add(1, Ordering::SeqCst);
        let n = file.text().map(|t| t.lines().count()).unwrap_or(0);
        if file.path().as_str().contains("boom") {
            panic!("boom");
        }
        if n > 1 {
            out.push(Finding::new(&Self::META, file.path().clone(), "long"));
        }
        out.keep(n);
    }
    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        cx.facts::<usize>(&Self::META)
            .map(|(path, n)| Finding::new(&Self::META, path.clone(), format!("{n} lines")))
            .collect()
    }
}

#[test]
fn the_scan_pass_offers_wanted_files_and_keeps_facts() {
    let repo = TestRepo::new()
        .file("a.sh", "a\nb\n")
        .script("bin/run", "#!/bin/sh\necho\necho\n")
        .file("notes.txt", "x\n");
    let lines = repo.context().run_lines(&Lines);
    assert_eq!(
        lines,
        [
            "a.sh: 2 lines",
            "a.sh: long",
            "bin/run: 3 lines",
            "bin/run: long"
        ]
    );
}

#[test]
fn timings_are_measured_only_when_asked() {
    let repo = TestRepo::new().file("a.sh", "a\nb\n");
    let run = repo.context();
    assert_eq!(run.check_rules(&[&Lines])[0].cpu, None);
    let run = run.with_timings(true);
    assert!(run.check_rules(&[&Lines])[0].cpu.is_some());
}

#[test]
fn a_panic_in_the_scan_fails_only_that_rule() {
    let repo = TestRepo::new().file("boom.sh", "x\n").file("b.sh", "y\n");
    let run = repo.context();
    let outcomes = run.check_rules(&[&Lines]);
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].result.as_ref().unwrap_err(), "boom");
}

declare_rule! {
    /// Prefetches a shared value in prepare, reads it in check; panics in prepare on demand.
    Prepared {
        code: "TST002",
        slug: "prepared",
        clause: "t",
        severity: Warning,
        summary: "t",
        explanation: "## What\nx\n## Why\ny\n## Fix\nz\n",
    }
}

static BUILDS: AtomicUsize = AtomicUsize::new(0);

/// The shared value of [`Prepared`]: built by `prepare` (true) or by `check`.
struct Built(bool);

impl Rule for Prepared {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    fn prepare(&self, cx: &CheckContext<'_>) {
        if cx.index.is_file("panic-in-prepare") {
            panic!("prepare failed");
        }
        cx.shared.prefetch(|| {
            BUILDS.fetch_add(1, Ordering::SeqCst);
            Built(true)
        });
    }
    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let built = cx.shared.get_or_init(|| {
            BUILDS.fetch_add(1, Ordering::SeqCst);
            Built(false)
        });
        let by = if built.0 { "prepare" } else { "check" };
        vec![Finding::new(
            &Self::META,
            crate::RepoPath::root(),
            format!("built by {by}"),
        )]
    }
}

#[test]
fn a_value_prepared_beside_the_pass_is_built_once_and_a_panic_there_is_not_a_finding() {
    let before = BUILDS.load(Ordering::SeqCst);
    let repo = TestRepo::new().file("a.sh", "a\n").file("b.sh", "b\n");
    let run = repo.context();
    // Two rules prefetch the same value: one builds it, check reads it.
    let outcomes = run.check_rules(&[&Prepared, &Prepared, &Lines]);
    assert_eq!(BUILDS.load(Ordering::SeqCst) - before, 1);
    for outcome in &outcomes[..2] {
        let findings = outcome.result.as_ref().unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "built by prepare");
    }
    // A prepare that panics leaves the value to check, which builds it.
    let repo = TestRepo::new().file("panic-in-prepare", "x\n");
    assert_eq!(repo.context().run_lines(&Prepared), [".: built by check"]);
}
