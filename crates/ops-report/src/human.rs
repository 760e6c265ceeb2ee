//! The terminal report: one block per finding, compiler style, then a summary line.
//!
//! ```text
//! ops/load/suites/smoke.json:4:14: error[SCH004] `/vus` must be an integer
//!   = help: fix the value so it matches ops/_schemas/load-suite.v1.schema.json
//! ```

use std::io::Write;

use ops_model::Severity;
use owo_colors::OwoColorize;

use crate::{RenderOptions, Report, ReportError, ReportFinding, summary};

/// Writes the findings (or, with [`RenderOptions::statistics`], the counts per rule), a blank
/// line when there was anything above it, and the summary line.
pub fn write(
    report: &Report,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> Result<(), ReportError> {
    if options.statistics {
        summary::write_statistics(report, out)?;
    } else {
        for finding in &report.findings {
            write_finding(finding, out, options.color)?;
        }
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
    }
    write_summary(report, out, options)
}

fn location(f: &ReportFinding) -> String {
    match f.span {
        Some(span) => format!("{}:{}:{}", f.path, span.line, span.column),
        None => f.path.to_string(),
    }
}

fn write_finding(f: &ReportFinding, out: &mut dyn Write, color: bool) -> Result<(), ReportError> {
    let label = format!("{}[{}]", f.severity, f.code);
    let label = if color {
        match f.severity {
            Severity::Error => label.red().bold().to_string(),
            Severity::Warning => label.yellow().bold().to_string(),
            Severity::Info => label.cyan().bold().to_string(),
        }
    } else {
        label
    };
    let loc = location(f);
    let loc = if color { loc.bold().to_string() } else { loc };
    // Continuation lines of a multi-line message stay inside the finding's block.
    writeln!(out, "{loc}: {label} {}", f.text().replace('\n', "\n    "))?;
    if let Some(help) = &f.help {
        let prefix = if color {
            "= help:".green().to_string()
        } else {
            "= help:".to_string()
        };
        writeln!(out, "  {prefix} {}", help.replace('\n', "\n    "))?;
    }
    Ok(())
}

fn write_summary(
    report: &Report,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> Result<(), ReportError> {
    let verdict = summary::verdict(report);
    let verdict = match (options.color, verdict) {
        (false, v) => v.to_string(),
        (true, "failed") => verdict.red().bold().to_string(),
        (true, v) => v.green().bold().to_string(),
    };
    writeln!(
        out,
        "{verdict}: {}",
        summary::details(report, options.elapsed)
    )?;
    Ok(())
}
