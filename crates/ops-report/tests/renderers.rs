//! Golden tests: each renderer's exact output for one report with every kind of finding.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use ops_model::{Finding, RuleMeta, Severity, Span};
use ops_report::{Format, Report, human::HumanOptions};

static SCH: RuleMeta = RuleMeta {
    code: "SCH004",
    slug: "manifest-invalid",
    clause: "schema conformance",
    severity: Severity::Error,
    summary: "manifests validate",
    explanation: "",
};

static LAY: RuleMeta = RuleMeta {
    code: "LAY004",
    slug: "helper-location",
    clause: "helpers",
    severity: Severity::Warning,
    summary: "helpers live in _lib",
    explanation: "",
};

fn report(findings: &[Finding]) -> Report {
    Report::new(
        "repo".into(),
        Some("ops-check.toml".into()),
        42,
        30,
        findings,
    )
}

fn sample() -> Report {
    report(&[
        Finding::new(
            &LAY,
            "ops/k8s/lib.sh",
            "`ops/k8s/lib.sh` is sourced by 2 domains",
        )
        .help("move it to ops/_lib/"),
        Finding::new(
            &SCH,
            "ops/load/suites/smoke.json",
            "`/vus`: \"two\" is not of type \"integer\" <type>",
        )
        .at(Span::new(4, 10))
        .help("fix the value & re-run"),
        Finding::new(&SCH, "ops/x, y.json", "bad\nvalue: 100%").severity(Severity::Info),
    ])
}

fn render(report: &Report, format: Format, color: bool) -> String {
    let mut out = Vec::new();
    ops_report::write(report, format, &mut out, HumanOptions { color }).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn human() {
    insta::assert_snapshot!(render(&sample(), Format::Human, false));
}

#[test]
fn human_clean() {
    insta::assert_snapshot!(render(&report(&[]), Format::Human, false));
}

#[test]
fn human_colour_only_when_asked() {
    assert!(render(&sample(), Format::Human, true).contains('\u{1b}'));
    assert!(!render(&sample(), Format::Human, false).contains('\u{1b}'));
}

#[test]
fn json() {
    insta::assert_snapshot!(render(&sample(), Format::Json, false));
}

#[test]
fn sarif() {
    insta::assert_snapshot!(render(&sample(), Format::Sarif, false));
}

#[test]
fn junit() {
    insta::assert_snapshot!(render(&sample(), Format::Junit, false));
}

#[test]
fn junit_clean() {
    insta::assert_snapshot!(render(&report(&[]), Format::Junit, false));
}

#[test]
fn github() {
    insta::assert_snapshot!(render(&sample(), Format::Github, false));
}
