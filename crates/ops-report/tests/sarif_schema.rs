//! SARIF logs validate against the official SARIF 2.1.0 schema, formats included: odd paths,
//! findings about the repository as a whole, a check of a subdirectory, rule links.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/sarif_validator.rs"]
mod sarif_validator;

use ops_model::{Finding, RepoPath, RuleMeta, Severity, Span};
use ops_report::{Format, RenderOptions, Report};
use sarif_validator::sarif_errors;

static RULE: RuleMeta = RuleMeta {
    code: "SCH004",
    slug: "manifest-invalid",
    clause: "Manifests validate against their schema.",
    severity: Severity::Error,
    summary: "manifests validate",
    explanation: "## What\n\nx\n\n## Why\n\ny\n\n## Fix\n\nz\n",
    budgets: &[],
};

fn sarif(findings: &[Finding], options: &RenderOptions) -> serde_json::Value {
    let report = Report::new("r".into(), None, 1, 1, findings);
    let mut out = Vec::new();
    ops_report::write(&report, Format::Sarif, &mut out, options).unwrap();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn odd_paths_root_findings_and_links_validate() {
    let findings = [
        Finding::new(&RULE, "", "about the whole repository"),
        Finding::new(&RULE, "ops/a b/é#?%.json", "x").at(Span::new(2, 3)),
        Finding::new(&RULE, "ops/c:d.json", "y").severity(Severity::Info),
        Finding::new(&RULE, "ops/[x]{y}.json", "z").severity(Severity::Warning),
    ];
    for options in [
        RenderOptions::default(),
        RenderOptions {
            rules: vec![&RULE],
            repo_prefix: RepoPath::new("sub dir/api"),
            docs_url: Some("https://example.com/docs/rules".into()),
            ..RenderOptions::default()
        },
    ] {
        let log = sarif(&findings, &options);
        let errors = sarif_errors(&log);
        assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
    }
}

#[test]
fn the_validator_checks_formats() {
    let mut log = sarif(
        &[Finding::new(&RULE, "ops/x.json", "x")],
        &RenderOptions {
            rules: vec![&RULE],
            ..RenderOptions::default()
        },
    );
    assert!(sarif_errors(&log).is_empty());
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        serde_json::json!("a b");
    assert!(
        !sarif_errors(&log).is_empty(),
        "a space is no URI reference"
    );
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        serde_json::json!("");
    assert!(!sarif_errors(&log).is_empty(), "empty URIs are refused");
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        serde_json::json!("ops/x.json");
    log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = serde_json::json!("docs/SCH004.md");
    assert!(!sarif_errors(&log).is_empty(), "helpUri must be absolute");
}

#[test]
fn occurrences_and_suppressions_validate() {
    use ops_report::{SuppressionInfo, SuppressionKind};
    let mut repeated = Finding::new(&RULE, "ops/a.json", "x").at(Span::new(3, 1));
    repeated.positions = vec![Span::new(3, 1), Span::new(8, 2)];
    let mut report = Report::new("r".into(), None, 1, 1, &[repeated]);
    let info = |kind, path: &str| SuppressionInfo {
        kind,
        reason: "because".into(),
        path: Some(RepoPath::new(path)),
        line: Some(4),
    };
    report.set_suppressed(vec![
        (
            Finding::new(&RULE, "ops/b c.json", "y").at(Span::new(5, 1)),
            info(SuppressionKind::Inline, "ops/b c.json"),
        ),
        (
            Finding::new(&RULE, "ops/d.json", "z"),
            info(SuppressionKind::Config, "ops-check.toml"),
        ),
    ]);
    let mut out = Vec::new();
    ops_report::write(&report, Format::Sarif, &mut out, &RenderOptions::default()).unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let errors = sarif_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
}
