//! Golden tests: each renderer's exact output for one report with every kind of finding.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use ops_model::{Finding, RepoPath, RuleMeta, Severity, Span};
use ops_report::{Format, RenderOptions, Report};

static SCH: RuleMeta = RuleMeta {
    code: "SCH004",
    slug: "manifest-invalid",
    clause: "schema conformance",
    severity: Severity::Error,
    summary: "manifests validate",
    explanation: "## What\n\nA manifest breaks its schema.\n\n## Fix\n\nFix the value.\n",
    budgets: &[],
};

static LAY: RuleMeta = RuleMeta {
    code: "LAY004",
    slug: "helper-location",
    clause: "helpers",
    severity: Severity::Warning,
    summary: "helpers live in _lib",
    explanation: "## What\n\nA helper lives in a domain.\n",
    budgets: &[],
};

static ART: RuleMeta = RuleMeta {
    code: "ART009",
    slug: "allowlist-format",
    clause: "the allowlist is well-formed",
    severity: Severity::Error,
    summary: "the allowlist parses",
    explanation: "## What\n\nThe allowlist is broken.\n",
    budgets: &[],
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

/// A report with a finding about the repository as a whole (its path is the root) and the
/// same problem twice in one file.
fn with_root_and_repeats() -> Report {
    report(&[
        Finding::new(&ART, "", "config: `allowlist` is not a list"),
        Finding::new(&SCH, "ops/a.json", "`/vus` is <bad> at line 3").at(Span::new(3, 1)),
        Finding::new(&SCH, "ops/a.json", "`/vus` is <bad> at line 9").at(Span::new(9, 1)),
    ])
}

fn options() -> RenderOptions {
    RenderOptions {
        rules: vec![&LAY, &SCH, &ART],
        ..RenderOptions::default()
    }
}

/// The options of a check of the subdirectory `services/api` of a repository, with rule pages
/// published under a base URL.
fn in_subdirectory() -> RenderOptions {
    RenderOptions {
        repo_prefix: RepoPath::new("services/api"),
        docs_url: Some("https://docs.example.com/ops-check/rules".into()),
        ..options()
    }
}

fn render_with(report: &Report, format: Format, options: &RenderOptions) -> String {
    let mut out = Vec::new();
    ops_report::write(report, format, &mut out, options).unwrap();
    String::from_utf8(out).unwrap()
}

fn render(report: &Report, format: Format, color: bool) -> String {
    render_with(report, format, &RenderOptions { color, ..options() })
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

#[test]
fn github_in_a_subdirectory() {
    let out = render_with(&with_root_and_repeats(), Format::Github, &in_subdirectory());
    insta::assert_snapshot!(out);
    assert!(out.contains("file=services/api/ops/a.json"), "{out}");
}

#[test]
fn concise() {
    insta::assert_snapshot!(render(&sample(), Format::Concise, false));
}

#[test]
fn concise_clean() {
    insta::assert_snapshot!(render(&report(&[]), Format::Concise, false));
}

#[test]
fn statistics_replace_the_list_in_human_and_concise() {
    let options = RenderOptions {
        statistics: true,
        ..options()
    };
    let human = render_with(&sample(), Format::Human, &options);
    insta::assert_snapshot!(human);
    assert_eq!(
        render_with(&sample(), Format::Concise, &options)
            .lines()
            .collect::<Vec<_>>(),
        human.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>()
    );
}

#[test]
fn elapsed_time_only_when_given() {
    let options = RenderOptions {
        elapsed: Some(std::time::Duration::from_millis(1234)),
        ..options()
    };
    let out = render_with(&sample(), Format::Human, &options);
    assert!(out.trim_end().ends_with(") in 1.23s"), "{out}");
    assert!(!render(&sample(), Format::Human, false).contains(" in "));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(render_with(&sample(), Format::Markdown, &in_subdirectory()));
}

#[test]
fn markdown_clean() {
    insta::assert_snapshot!(render(&report(&[]), Format::Markdown, false));
}

#[test]
fn markdown_lists_the_first_findings_and_counts_the_rest() {
    let findings: Vec<Finding> = (1..=13)
        .map(|i| Finding::new(&SCH, format!("ops/m{i:02}.json"), "bad").at_line(1))
        .collect();
    let out = render(&report(&findings), Format::Markdown, false);
    assert!(
        out.contains("ops/m10.json") && !out.contains("ops/m11.json"),
        "{out}"
    );
    assert!(out.contains("- … and 3 more"), "{out}");
}

#[test]
fn gitlab() {
    insta::assert_snapshot!(render_with(&sample(), Format::Gitlab, &in_subdirectory()));
}

#[test]
fn gitlab_root_findings_and_repeats() {
    let out = render(&with_root_and_repeats(), Format::Gitlab, false);
    insta::assert_snapshot!(out);
    let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fps: std::collections::BTreeSet<_> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fps.len(), 3, "fingerprints are unique: {out}");
}

#[test]
fn sarif_root_findings_become_notifications() {
    let out = render_with(&with_root_and_repeats(), Format::Sarif, &in_subdirectory());
    insta::assert_snapshot!(out);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 2);
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["associatedRule"]["id"], "ART009");
    // Descriptors come from metadata: every rule that ran, in code order.
    let ids: Vec<_> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ART009", "LAY004", "SCH004"]);
}

/// A report after adoption: a finding that occurs three times (a baseline accepts two of
/// them), findings hidden by the baseline, and suppressed findings (a comment, a config
/// entry).
fn adopted() -> Report {
    use ops_report::{Baseline, SuppressionInfo, SuppressionKind};
    let mut repeated = Finding::new(&SCH, "ops/a.json", "`/vus` is <bad>").at(Span::new(3, 1));
    repeated.positions = [3, 9, 15].iter().map(|l| Span::new(*l, 1)).collect();
    let old = Finding::new(&LAY, "ops/k8s/lib.sh", "sourced by 2 domains");
    let mut before = repeated.clone();
    before.positions.truncate(2);
    let baseline = Baseline::record(&report(&[before, old.clone()]).findings);
    let mut r = report(&[repeated, old]);
    assert!(r.apply_baseline(&baseline).is_empty());
    r.set_suppressed(vec![
        (
            Finding::new(&LAY, "ops/stack/x.sh", "helper in a domain").at(Span::new(7, 1)),
            SuppressionInfo {
                kind: SuppressionKind::Inline,
                reason: "moved in the next release".into(),
                path: Some(RepoPath::new("ops/stack/x.sh")),
                line: Some(6),
            },
        ),
        (
            Finding::new(&LAY, "ops/vendor/y.sh", "helper in a domain"),
            SuppressionInfo {
                kind: SuppressionKind::Config,
                reason: "vendored upstream".into(),
                path: Some(RepoPath::new("ops-check.toml")),
                line: Some(12),
            },
        ),
    ]);
    r
}

#[test]
fn human_after_adoption() {
    let out = render(&adopted(), Format::Human, false);
    insta::assert_snapshot!(out);
    assert!(
        out.contains("(3 occurrences: lines 3, 9, 15; the baseline accepts 2 of 3 like it here)"),
        "{out}"
    );
    assert!(
        out.contains("; 1 hidden by the baseline, 2 suppressed"),
        "{out}"
    );
}

#[test]
fn json_after_adoption() {
    insta::assert_snapshot!(render(&adopted(), Format::Json, false));
}

#[test]
fn sarif_after_adoption() {
    let out = render(&adopted(), Format::Sarif, false);
    insta::assert_snapshot!(out);
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["occurrenceCount"], 3);
    assert_eq!(results[1]["suppressions"][0]["kind"], "inSource");
    assert_eq!(results[2]["suppressions"][0]["kind"], "external");
    assert_eq!(
        results[2]["suppressions"][0]["justification"],
        "vendored upstream"
    );
}
