//! Suppressions with reasons: inline comments in every comment syntax, `[[suppress]]`
//! entries, unused and invalid suppressions, and how reports list them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "../../ops-report/tests/support/sarif_validator.rs"]
mod sarif_validator;
#[path = "support/bin.rs"]
mod support;

use std::path::Path;

use ops_check::{Contract, Engine, Report};
use ops_model::testing::TestRepo;
use ops_model::{
    CheckContext, FileInfo, Finding, Rule, RuleMeta, ScanOutput, SourceFile, declare_rule,
};
use support::{bin, fixtures, run};

declare_rule! {
    /// Reports every line that holds `BAD`, in any file.
    BadLine {
        code: "TST201",
        slug: "bad-line",
        clause: "test",
        severity: Error,
        summary: "no BAD lines",
        explanation: "## What\nx\n## Why\ny\n## Fix\nz\n",
    }
}

impl Rule for BadLine {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    fn wants(&self, _cx: &CheckContext<'_>, _file: &FileInfo<'_>) -> bool {
        true
    }
    fn scan_file(&self, _cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let Ok(text) = file.text() else { return };
        for (n, line) in ops_model::text::numbered_lines(text) {
            if line.contains("BAD") {
                out.push(Finding::new(&Self::META, file.path().clone(), "a BAD line").at_line(n));
            }
        }
    }
    fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
        Vec::new()
    }
}

/// One file per comment syntax, each with a suppressed finding, plus what stays.
fn tree() -> TestRepo {
    TestRepo::new()
        .file(
            "ops/stack/a.sh",
            "echo BAD  # ops-check: ignore[TST201] shell: kept for the old runner\necho ok\necho BAD\n",
        )
        .file(
            "ops/stack/b.py",
            "# ops-check: ignore[bad-line] python, on the next line\nprint('BAD')\n",
        )
        .file(
            "Makefile",
            "x:\n\t@echo BAD # ops-check: ignore[TST] make, trailing\n",
        )
        .file(
            "makefiles/ops.mk",
            "# ops-check: ignore-file[TST201] make include, whole file\nA = BAD\nB = BAD\n",
        )
        .file(
            "ops/k8s/values.yaml",
            "# ops-check: ignore[TST201] yaml\nkey: BAD\nother: BAD\n",
        )
        .file(
            ".github/workflows/ci.yml",
            "on: push\njobs:\n  a:\n    steps:\n      - run: echo BAD # ops-check: ignore[TST201] workflow\n",
        )
        .file(
            "ops/stack/conf.toml",
            "# ops-check: ignore[TST201] toml\n# ops-check: ignore[LAY001] stacked above the line\nk = \"BAD\"\n",
        )
        .file(
            "docs/ops.md",
            "# Ops\n\n<!-- ops-check: ignore[TST201] the old runbook, kept on purpose -->\n```sh\nBAD one\nBAD two\n```\n\nBAD after the block\n",
        )
        .file("ops/stack/c.sh", "# ops-check: ignore[TST201] nothing here\necho fine\n")
        .file("ops/stack/d.sh", "# ops-check: ignore[TST201]\necho BAD\n")
        .file("ops/stack/e.json", "{\"a\": \"BAD\"}\n")
}

fn check(repo: &TestRepo, contract: Contract) -> Report {
    Engine::new(contract)
        .with_rules(vec![&BadLine, ops_check::registry::all_rules()[0]])
        .check(repo.path())
        .unwrap()
}

fn lines(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| {
            let line = f.span.map(|s| s.line).unwrap_or(0);
            format!("{}:{line} {} {}", f.path, f.code, f.text())
        })
        .collect()
}

#[test]
fn every_comment_syntax_suppresses_and_unused_or_invalid_ones_are_reported() {
    let contract = Contract {
        select: vec!["TST201".into()],
        ..Contract::default()
    };
    let report = check(&tree(), contract);
    assert_eq!(
        lines(&report),
        [
            "docs/ops.md:9 TST201 a BAD line",
            "ops/k8s/values.yaml:3 TST201 a BAD line",
            "ops/stack/a.sh:3 TST201 a BAD line",
            "ops/stack/c.sh:1 OPS003 suppression of `TST201` suppresses nothing: no such finding on line 2",
            "ops/stack/d.sh:1 OPS004 `ignore[TST201]` gives no reason: say after the brackets why the finding is accepted",
            "ops/stack/d.sh:2 TST201 a BAD line",
            "ops/stack/e.json:1 TST201 a BAD line",
        ]
    );
    let suppressed: Vec<String> = report
        .suppressed
        .iter()
        .map(|f| {
            let s = f.suppression.as_ref().unwrap();
            format!(
                "{}:{} <- {}:{} {}",
                f.path,
                f.span.map(|s| s.line).unwrap_or(0),
                s.path.as_ref().unwrap(),
                s.line.unwrap(),
                s.reason
            )
        })
        .collect();
    assert_eq!(
        suppressed,
        [
            ".github/workflows/ci.yml:5 <- .github/workflows/ci.yml:5 workflow",
            "Makefile:2 <- Makefile:2 make, trailing",
            "docs/ops.md:5 <- docs/ops.md:3 the old runbook, kept on purpose",
            "makefiles/ops.mk:2 <- makefiles/ops.mk:1 make include, whole file",
            "ops/k8s/values.yaml:2 <- ops/k8s/values.yaml:1 yaml",
            "ops/stack/a.sh:1 <- ops/stack/a.sh:1 shell: kept for the old runner",
            "ops/stack/b.py:2 <- ops/stack/b.py:1 python, on the next line",
            "ops/stack/conf.toml:3 <- ops/stack/conf.toml:1 toml",
        ]
    );
    // The block's two lines are one finding with two occurrences; the file-wide comment
    // takes both of its lines.
    assert_eq!(report.suppressed[2].occurrences, 2);
    assert_eq!(report.suppressed[3].occurrences, 2);
    assert_eq!(report.summary.suppressed, 8);
}

#[test]
fn a_comment_about_a_rule_that_did_not_run_is_not_judged() {
    // LAY001 did not run (select): the stacked LAY001 comment in conf.toml is not unused.
    let report = check(
        &tree(),
        Contract {
            select: vec!["TST201".into()],
            ..Contract::default()
        },
    );
    assert!(!lines(&report).iter().any(|l| l.contains("conf.toml")));
}

#[test]
fn config_entries_suppress_by_path_and_unused_ones_are_reported_at_their_line() {
    let repo = tree();
    let text = "select = [\"TST201\"]\n\n[[suppress]]\npaths = [\"ops/stack/*.json\", \"ops/stack/d.sh\"]\nrules = [\"TST201\"]\nreason = \"generated upstream\"\n\n[[suppress]]\npaths = [\"vendor/**\"]\nrules = [\"bad-line\"]\nreason = \"nothing there\"\n";
    std::fs::write(repo.path().join("ops-check.toml"), text).unwrap();
    let (contract, _) = Contract::discover(repo.path()).unwrap();
    let report = check(&repo, contract);
    let shown = lines(&report);
    assert!(
        !shown.iter().any(|l| l.starts_with("ops/stack/e.json")),
        "{shown:#?}"
    );
    assert!(
        !shown.iter().any(|l| l.starts_with("ops/stack/d.sh:2")),
        "{shown:#?}"
    );
    assert!(
        shown.contains(&"ops-check.toml:8 OPS003 [[suppress]] entry 2 (paths `vendor/**`) suppresses nothing for `bad-line`".to_string()),
        "{shown:#?}"
    );
    let json = report
        .suppressed
        .iter()
        .find(|f| f.path.as_str() == "ops/stack/e.json")
        .unwrap();
    let info = json.suppression.as_ref().unwrap();
    assert_eq!(info.reason, "generated upstream");
    assert_eq!(
        (info.path.as_ref().unwrap().as_str(), info.line),
        ("ops-check.toml", Some(3))
    );
}

#[test]
fn severity_of_suppression_checks_can_be_raised() {
    let contract = Contract::from_toml(
        "select = [\"TST201\"]\n[severity]\nOPS003 = \"error\"\n",
        Path::new("ops-check.toml"),
    )
    .unwrap();
    let report = check(&tree(), contract);
    let unused = report.findings.iter().find(|f| f.code == "OPS003").unwrap();
    assert_eq!(unused.severity, ops_check::Severity::Error);
}

#[test]
fn reports_list_suppressed_findings_in_json_and_sarif() {
    let repo = TestRepo::copy_of(&fixtures().join("violations/SUR004"));
    let doc = repo.path().join("docs/operations.md");
    let text = std::fs::read_to_string(&doc).unwrap().replace(
        "```sh",
        "<!-- ops-check: ignore[SUR004] the local profile has no make target yet -->\n```sh",
    );
    std::fs::write(&doc, text).unwrap();
    let workflow = repo.path().join(".github/workflows/ops.yml");
    let text = std::fs::read_to_string(&workflow).unwrap().replace(
        "          bash ops/",
        "          # ops-check: ignore[direct-script-call] CI renders the chart itself\n          bash ops/",
    );
    std::fs::write(&workflow, text).unwrap();

    let (code, out, _) = run(bin()
        .arg("check")
        .arg(repo.path())
        .args(["--format", "json"]));
    assert_eq!(code, 0, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["summary"]["suppressed"], 2);
    assert_eq!(json["findings"].as_array().unwrap().len(), 0);
    let kinds: Vec<&str> = json["suppressed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["suppression"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["inline", "inline"]);

    let (_, out, _) = run(bin()
        .arg("check")
        .arg(repo.path())
        .args(["--format", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(sarif_validator::sarif_errors(&log).is_empty());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        assert_eq!(r["suppressions"][0]["kind"], "inSource", "{r:#}");
        assert!(r["suppressions"][0]["justification"].is_string());
    }

    let (_, out, _) = run(bin().arg("check").arg(repo.path()));
    assert!(
        out.starts_with("ok: no findings") && out.contains("; 2 suppressed"),
        "{out}"
    );
}
