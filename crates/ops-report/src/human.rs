//! The terminal report: one block per finding, compiler style, then a summary line.
//!
//! ```text
//! ops/load/suites/smoke.json:4:14: error[SCH004] `/vus` must be an integer
//!   = help: fix the value so it matches ops/_schemas/load-suite.v1.schema.json
//! ```

use std::io::Write;

use ops_model::Severity;
use owo_colors::OwoColorize;

use crate::{Report, ReportError, ReportFinding};

/// How to print.
#[derive(Clone, Copy, Debug, Default)]
pub struct HumanOptions {
    /// ANSI colours (only on a terminal, never with `NO_COLOR`; the caller decides).
    pub color: bool,
}

pub fn write(
    report: &Report,
    out: &mut dyn Write,
    options: HumanOptions,
) -> Result<(), ReportError> {
    for finding in &report.findings {
        write_finding(finding, out, options)?;
    }
    write_summary(report, out, options)
}

fn location(f: &ReportFinding) -> String {
    match f.span {
        Some(span) => format!("{}:{}:{}", f.path, span.line, span.column),
        None => f.path.to_string(),
    }
}

fn write_finding(
    f: &ReportFinding,
    out: &mut dyn Write,
    options: HumanOptions,
) -> Result<(), ReportError> {
    let label = format!("{}[{}]", f.severity, f.code);
    let label = if options.color {
        match f.severity {
            Severity::Error => label.red().bold().to_string(),
            Severity::Warning => label.yellow().bold().to_string(),
            Severity::Info => label.cyan().bold().to_string(),
        }
    } else {
        label
    };
    let loc = location(f);
    let loc = if options.color {
        loc.bold().to_string()
    } else {
        loc
    };
    // Continuation lines of a multi-line message stay inside the finding's block.
    writeln!(out, "{loc}: {label} {}", f.message.replace('\n', "\n    "))?;
    if let Some(help) = &f.help {
        let prefix = if options.color {
            "= help:".green().to_string()
        } else {
            "= help:".to_string()
        };
        writeln!(out, "  {prefix} {}", help.replace('\n', "\n    "))?;
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn write_summary(
    report: &Report,
    out: &mut dyn Write,
    options: HumanOptions,
) -> Result<(), ReportError> {
    let s = &report.summary;
    let scope = format!(
        "{} over {}",
        plural(s.rules, "rule"),
        plural(s.entries, "entry").replace("entrys", "entries")
    );
    if report.findings.is_empty() {
        let ok = if options.color {
            "ok".green().bold().to_string()
        } else {
            "ok".to_string()
        };
        writeln!(
            out,
            "{ok}: no findings ({scope}, contract {})",
            report.contract_version
        )?;
        return Ok(());
    }
    if !report.findings.is_empty() {
        writeln!(out)?;
    }
    let mut parts = vec![plural(s.errors, "error"), plural(s.warnings, "warning")];
    if s.infos > 0 {
        parts.push(format!("{} info", s.infos));
    }
    let by_code = report
        .counts
        .iter()
        .map(|(code, n)| format!("{code}×{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    let verdict = if report.has_errors() {
        "failed"
    } else {
        "passed"
    };
    let verdict = match (options.color, report.has_errors()) {
        (true, true) => verdict.red().bold().to_string(),
        (true, false) => verdict.green().bold().to_string(),
        _ => verdict.to_string(),
    };
    writeln!(out, "{verdict}: {} ({scope}; {by_code})", parts.join(", "))?;
    Ok(())
}
