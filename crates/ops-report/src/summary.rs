//! The summary line that ends the human and concise reports (and goes to stderr when the
//! report goes elsewhere), and the `--statistics` table.
//!
//! ```text
//! failed: 2 errors, 0 warnings (1 rule over 9 entries; LAY001×2)
//! ok: no findings (31 rules over 120 entries, contract 1.0.0) in 0.04s
//! passed: 0 errors, 1 warning (31 rules over 120 entries; OPS005×1); 12 hidden by the baseline, 2 suppressed
//! ```

use std::io::Write;
use std::time::Duration;

use crate::{Report, ReportError};

/// The verdict word: `ok` (no findings), `passed` (no error findings) or `failed`.
pub fn verdict(report: &Report) -> &'static str {
    if report.findings.is_empty() {
        "ok"
    } else if report.has_errors() {
        "failed"
    } else {
        "passed"
    }
}

/// The summary after the verdict word and its colon: counts, scope, what the baseline and
/// suppressions hid (when they hid anything) and, when given, the run time (` in 0.04s`, two
/// decimals of a second).
pub fn details(report: &Report, elapsed: Option<Duration>) -> String {
    let s = &report.summary;
    let scope = format!(
        "{} over {}",
        plural(s.rules, "rule", "rules"),
        plural(s.entries, "entry", "entries")
    );
    let mut text = if report.findings.is_empty() {
        format!(
            "no findings ({scope}, contract {})",
            report.contract_version
        )
    } else {
        let mut parts = vec![
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings"),
        ];
        if s.infos > 0 {
            parts.push(format!("{} info", s.infos));
        }
        let by_code = report
            .counts
            .iter()
            .map(|(code, n)| format!("{code}×{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        format!("{} ({scope}; {by_code})", parts.join(", "))
    };
    let mut hidden = Vec::new();
    if s.baselined > 0 {
        hidden.push(format!("{} hidden by the baseline", s.baselined));
    }
    if s.suppressed > 0 {
        hidden.push(format!("{} suppressed", s.suppressed));
    }
    if !hidden.is_empty() {
        text.push_str(&format!("; {}", hidden.join(", ")));
    }
    if let Some(elapsed) = elapsed {
        text.push_str(&format!(" in {:.2}s", elapsed.as_secs_f64()));
    }
    text
}

/// The whole line, uncoloured, without a newline.
pub fn line(report: &Report, elapsed: Option<Duration>) -> String {
    format!("{}: {}", verdict(report), details(report, elapsed))
}

/// `--statistics`: one line per rule with findings, most findings first (then by code):
/// the count right-aligned, the code, the rule name.
///
/// ```text
///   12  SUR002  direct-script-call
///    2  LAY001  unknown-top-level
/// ```
pub fn write_statistics(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut rows: Vec<(&str, usize, &str)> = report
        .counts
        .iter()
        .map(|(code, n)| {
            let slug = report
                .findings
                .iter()
                .find(|f| &f.code == code)
                .map_or("", |f| f.slug.as_str());
            (code.as_str(), *n, slug)
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows
        .iter()
        .map(|r| r.1.to_string().len())
        .max()
        .unwrap_or(1);
    let code_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    for (code, n, slug) in rows {
        writeln!(out, "  {n:>width$}  {code:<code_width$}  {slug}")?;
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}
