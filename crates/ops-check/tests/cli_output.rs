//! Where `check` puts what: the report on stdout or in `-o FILE`, the summary line (with the
//! run time) on stderr when stdout does not end with it, `--statistics`, `--quiet`,
//! `--exit-zero`, and the new formats end to end.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use support::{bin, fixtures, run};

fn lay001() -> std::path::PathBuf {
    fixtures().join("violations/LAY001")
}

/// `failed: ... in 0.12s`: the summary line with a run time.
fn is_timed_summary(line: &str) -> bool {
    line.starts_with("failed: 2 errors, 0 warnings (")
        && line.ends_with('s')
        && line.contains(") in ")
}

#[test]
fn output_file_and_summary_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let (code, out, err) = run(bin().arg("check").arg(lay001()).arg("-o").arg(&file));
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(is_timed_summary(err.trim()), "{err}");
    let report = std::fs::read_to_string(&file).unwrap();
    assert!(report.contains("error[LAY001]"), "{report}");
    assert!(
        report
            .trim_end()
            .ends_with("(1 rule over 9 entries; LAY001×2)"),
        "no run time in the file: {report}"
    );
}

#[test]
fn human_on_stdout_has_no_stderr_summary_and_no_time() {
    let (code, out, err) = run(bin().arg("check").arg(lay001()));
    assert_eq!(code, 1);
    assert!(err.is_empty(), "{err}");
    assert!(!out.contains(" in 0."), "{out}");
}

#[test]
fn machine_formats_on_stdout_keep_the_summary_on_stderr() {
    for format in ["json", "sarif", "junit", "github", "gitlab", "markdown"] {
        let (code, _, err) = run(bin().arg("check").arg(lay001()).args(["--format", format]));
        assert_eq!(code, 1, "{format}");
        assert!(is_timed_summary(err.trim()), "{format}: {err}");
    }
}

#[test]
fn reports_are_identical_across_runs_and_jobs() {
    for format in [
        "human", "concise", "json", "sarif", "github", "gitlab", "markdown", "junit",
    ] {
        let first = run(bin()
            .arg("check")
            .arg(lay001())
            .args(["--format", format, "-j", "1"]))
        .1;
        let again = run(bin()
            .arg("check")
            .arg(lay001())
            .args(["--format", format, "-j", "3"]))
        .1;
        assert_eq!(first, again, "{format}");
    }
}

#[test]
fn quiet_prints_only_the_summary_and_still_writes_the_file() {
    let (code, out, err) = run(bin().arg("check").arg(lay001()).arg("--quiet"));
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(is_timed_summary(err.trim()), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.json");
    let (code, out, err) = run(bin()
        .arg("check")
        .arg(lay001())
        .args(["-q", "--format", "json", "-o"])
        .arg(&file));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(is_timed_summary(err.trim()), "{err}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(report["findings"].as_array().unwrap().len(), 2);
}

#[test]
fn statistics_count_per_rule() {
    let (code, out, err) = run(bin().arg("check").arg(lay001()).arg("--statistics"));
    assert_eq!(code, 1);
    assert!(err.is_empty(), "{err}");
    assert_eq!(
        out,
        "  2  LAY001  unknown-top-level\n\nfailed: 2 errors, 0 warnings (1 rule over 9 entries; LAY001×2)\n"
    );
    let (_, out, _) =
        run(bin()
            .arg("check")
            .arg(lay001())
            .args(["--statistics", "--format", "concise"]));
    assert_eq!(
        out,
        "  2  LAY001  unknown-top-level\nfailed: 2 errors, 0 warnings (1 rule over 9 entries; LAY001×2)\n"
    );
    // With a machine format the table joins the summary on stderr; stdout stays JSON.
    let (_, out, err) =
        run(bin()
            .arg("check")
            .arg(lay001())
            .args(["--statistics", "--format", "json"]));
    serde_json::from_str::<serde_json::Value>(&out).unwrap();
    let mut lines = err.lines();
    assert_eq!(lines.next(), Some("  2  LAY001  unknown-top-level"));
    assert!(is_timed_summary(lines.next().unwrap()), "{err}");
}

#[test]
fn exit_zero_keeps_the_report_and_exit_two() {
    let (code, out, _) = run(bin().arg("check").arg(lay001()).arg("--exit-zero"));
    assert_eq!(code, 0);
    assert!(out.contains("error[LAY001]"), "{out}");
    let (code, _, _) = run(bin().args(["check", "/no/such/dir", "--exit-zero"]));
    assert_eq!(code, 2);
}

#[test]
fn concise_gitlab_and_markdown_end_to_end() {
    let (_, out, _) = run(bin()
        .arg("check")
        .arg(lay001())
        .args(["--format", "concise"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("ops/misc: LAY001 `ops/misc/` is not"),
        "{out}"
    );

    let (_, out, _) = run(bin()
        .arg("check")
        .arg(lay001())
        .args(["--format", "gitlab"]));
    let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &issues[0];
    assert_eq!(first["check_name"], "LAY001");
    assert_eq!(first["severity"], "major");
    assert_eq!(first["location"]["lines"]["begin"], 1);
    assert!(
        first["location"]["path"]
            .as_str()
            .unwrap()
            .ends_with("ops/misc"),
        "{out}"
    );
    assert_eq!(first["fingerprint"].as_str().unwrap().len(), 16);

    let (_, out, _) = run(bin().arg("check").arg(lay001()).args([
        "--format",
        "markdown",
        "--docs-url",
        "https://example.com/rules",
    ]));
    assert!(out.starts_with("### ops-check: failed\n"), "{out}");
    assert!(
        out.contains(
            "| [LAY001](https://example.com/rules/LAY001.md) | `unknown-top-level` | error | 2 |"
        ),
        "{out}"
    );
}

#[test]
fn docs_url_must_be_absolute() {
    let (code, _, err) = run(bin()
        .arg("check")
        .arg(lay001())
        .args(["--docs-url", "docs/rules"]));
    assert_eq!(code, 2);
    assert!(err.contains("not an absolute URI"), "{err}");
}
