//! The concise report: one line per finding, for people scanning many findings, editors and
//! `grep`, then the summary line.
//!
//! ```text
//! ops/load/suites/smoke.json:4:10: SCH004 `/vus`: "two" is not of type "integer"
//! ops/misc: LAY001 `ops/misc/` is not a canonical domain or reserved directory (...)
//! failed: 2 errors, 0 warnings (31 rules over 120 entries; LAY001×1 SCH004×1)
//! ```
//!
//! The location is `path:line:col` for a place inside a file and the bare path otherwise
//! (a directory, a missing file, the root `.`); paths are relative to the checked root, as in
//! the human report. A message of several lines is joined into one with ` / `. No help text:
//! `ops-check explain CODE` or the human format give it.

use std::io::Write;

use crate::{RenderOptions, Report, ReportError, summary};

/// Writes one line per finding (or, with [`RenderOptions::statistics`], the counts per rule)
/// and the summary line.
pub fn write(
    report: &Report,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> Result<(), ReportError> {
    if options.statistics {
        summary::write_statistics(report, out)?;
    } else {
        for f in &report.findings {
            let location = match f.span {
                Some(s) => format!("{}:{}:{}", f.path, s.line, s.column),
                None => f.path.to_string(),
            };
            writeln!(out, "{location}: {} {}", f.code, one_line(&f.text()))?;
        }
    }
    writeln!(out, "{}", summary::line(report, options.elapsed))?;
    Ok(())
}

/// The lines of `text`, trimmed and joined with ` / `.
pub(crate) fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}
