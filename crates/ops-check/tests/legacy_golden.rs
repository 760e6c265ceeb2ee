//! The precision test of the whole tool: the full report on `ops-fixtures/legacy/`, a
//! repository that drifted from its contract the way real ones do, is a reviewed golden
//! file. Every line of `snapshots/legacy_golden__legacy_report.snap` was checked against
//! the fixture's catalog (`ops-fixtures/legacy.planted.md`): each planted drift `Pnn` is
//! reported at its stated severity, no innocent look-alike `Nnn` is, and nothing else is.
//!
//! When a rule change moves this report, the test fails. Review the new report against
//! the catalog before accepting it (`cargo insta review`, or `INSTA_UPDATE=always`), and
//! update the catalog's review section in the same commit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use support::{bin, fixtures, run};

/// One line per finding, in report order: severity, code, where, the message and, when a
/// problem repeats in a file, its count.
fn golden_lines(report: &serde_json::Value) -> String {
    let mut out = String::new();
    for f in report["findings"].as_array().expect("findings") {
        let mut place = f["path"].as_str().unwrap_or("").to_owned();
        if let Some(line) = f["span"]["line"].as_u64() {
            place.push_str(&format!(":{line}"));
        }
        let count = match f["occurrences"].as_u64() {
            Some(n) if n > 1 => format!(" [{n}x]"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{:<7} {} {}{}\n    {}\n",
            f["severity"].as_str().unwrap_or("?"),
            f["code"].as_str().unwrap_or("?"),
            place,
            count,
            f["message"].as_str().unwrap_or(""),
        ));
    }
    out
}

#[test]
fn legacy_report() {
    let root = fixtures().join("legacy");
    let (code, out, err) = run(bin()
        .args(["check", "--format", "json", "--jobs", "2"])
        .arg(&root));
    assert_eq!(code, 1, "the legacy fixture has error findings\n{err}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("a JSON report");
    insta::assert_snapshot!("legacy_report", golden_lines(&report));
}

#[test]
fn legacy_report_counts_match_the_catalog() {
    // The catalog plants 45 drifts (P01-P45); two `info` notes say what could not be
    // checked because this team never ran `ops-check gen` (no schema lock, no surface lock).
    let root = fixtures().join("legacy");
    let (_, out, _) = run(bin().args(["check", "--format", "json"]).arg(&root));
    let report: serde_json::Value = serde_json::from_str(&out).expect("a JSON report");
    let findings = report["findings"].as_array().expect("findings");
    let by = |severity: &str| {
        findings
            .iter()
            .filter(|f| f["severity"] == severity)
            .count()
    };
    assert_eq!(by("error") + by("warning"), 45, "planted drifts");
    assert_eq!(by("info"), 2, "notes");
}
