//! The surface rules on a copy of the conforming fixture: clean as it is, and the two
//! breakages the issue names are reported where they are.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

use ops_model::testing::TestRepo;
use ops_model::{Finding, Rule};
use ops_rules_surface::RULES;

fn conforming() -> TestRepo {
    TestRepo::fixture("conforming")
}

fn run_all(repo: &TestRepo) -> Vec<Finding> {
    let cx = repo.context();
    RULES.iter().flat_map(|r: &&dyn Rule| cx.run(*r)).collect()
}

fn show(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let line = f.span.map_or(0, |s| s.line);
            format!("{} {}:{}: {}", f.code, f.path, line, f.message)
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1
}

#[test]
fn conforming_fixture_is_clean() {
    assert_eq!(show(&run_all(&conforming())), Vec::<String>::new());
}

#[test]
fn deleting_a_target_names_its_surface_line() {
    let repo = conforming();
    let mk = repo.path().join("makefiles/ops.mk");
    let text = fs::read_to_string(&mk).unwrap();
    let without = text.replace("ops-up:\n\t$(ATLASCTL) ops stack up\n\n", "");
    assert_ne!(
        text, without,
        "the fixture's ops-up rule moved; update this test"
    );
    fs::write(&mk, without).unwrap();

    let surface = fs::read_to_string(repo.path().join("ops/_meta/surface.json")).unwrap();
    let expected_line = line_of(&surface, "\"ops-up\"");
    let findings = run_all(&repo);
    let sur002: Vec<_> = findings.iter().filter(|f| f.code == "SUR002").collect();
    assert_eq!(sur002.len(), 1, "{:?}", show(&findings));
    assert_eq!(sur002[0].path.as_str(), "ops/_meta/surface.json");
    assert_eq!(sur002[0].span.map(|s| s.line), Some(expected_line));
    assert!(
        sur002[0].message.contains("`ops-up`"),
        "{}",
        sur002[0].message
    );
}

#[test]
fn a_workflow_running_an_ops_script_is_reported_with_file_and_line() {
    let repo = conforming();
    let wf = repo.path().join(".github/workflows/ops.yml");
    let mut text = fs::read_to_string(&wf).unwrap();
    text.push_str("      - run: bash ops/k8s/scripts/render-chart.sh\n");
    fs::write(&wf, &text).unwrap();

    let findings = run_all(&repo);
    assert_eq!(
        show(&findings),
        [format!(
            "SUR004 .github/workflows/ops.yml:{}: runs the ops script `ops/k8s/scripts/render-chart.sh` directly: `bash ops/k8s/scripts/render-chart.sh`",
            line_of(&text, "bash ops/k8s/scripts/render-chart.sh")
        )]
    );
}
