//! GitLab Code Quality, for the merge-request widget and the pipeline's Code Quality tab
//! (`artifacts: reports: codequality:`). The format is a JSON array of issues, a subset of the
//! Code Climate engine specification; GitLab reads exactly these fields:
//!
//! | field | value |
//! |---|---|
//! | `description` | the message (one line) |
//! | `check_name` | the rule code, e.g. `LAY001` |
//! | `fingerprint` | the finding's stable fingerprint ([`crate::fingerprint`]) |
//! | `severity` | `major` for `error`, `minor` for `warning`, `info` for `info` |
//! | `location.path` | the path from the top of the repository ([`RenderOptions::repo_prefix`]) |
//! | `location.lines.begin` | the line, or 1 when the finding is about a whole file or directory |
//!
//! GitLab's other levels, `critical` and `blocker`, are not used: ops-check has three
//! severities, and an `error` already fails the job. A finding about the checked root itself
//! has the path of the root (`.` at the top of the repository).

use std::io::Write;

use ops_model::Severity;
use serde_json::{Value, json};

use crate::{RenderOptions, Report, ReportError, concise::one_line};

/// The Code Quality severity of an ops-check severity (see the module docs).
pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// Writes the Code Quality issues of `report` as a JSON array.
pub fn write(
    report: &Report,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> Result<(), ReportError> {
    let issues: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "description": one_line(&f.text()),
                "check_name": f.code,
                "fingerprint": f.fingerprint,
                "severity": severity(f.severity),
                "location": {
                    "path": options.repo_path(&f.path),
                    "lines": { "begin": f.span.map_or(1, |s| s.line) },
                },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    out.write_all(b"\n")?;
    Ok(())
}
