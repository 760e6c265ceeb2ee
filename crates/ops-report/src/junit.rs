//! JUnit XML, for CI systems that show test reports: one test case per finding, failed for
//! an error, passed with the text in `system-out` for a warning or info. A clean run is one
//! passing test case, so dashboards show that the gate ran.

use std::io::Write;

use ops_model::Severity;

use crate::{Report, ReportError, ReportFinding};

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn location(f: &ReportFinding) -> String {
    match f.span {
        Some(s) => format!("{}:{}:{}", f.path, s.line, s.column),
        None => f.path.to_string(),
    }
}

fn line(f: &ReportFinding) -> String {
    let loc = location(f);
    match &f.help {
        Some(help) => format!("{loc}: {} (help: {help})", f.text()),
        None => format!("{loc}: {}", f.text()),
    }
}

/// Writes `report` as JUnit XML.
pub fn write(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    // One test case per finding: the common JUnit schema allows one <failure> per case, and
    // CI dashboards count cases and failures from these attributes.
    let tests = report.findings.len().max(1);
    let failures = report.summary.errors;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="ops-check" tests="{tests}" failures="{failures}">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="ops-contract {}" tests="{tests}" failures="{failures}">"#,
        escape(&report.contract_version)
    )?;
    if report.findings.is_empty() {
        writeln!(
            out,
            r#"    <testcase classname="ops-check" name="contract ({} rules)"/>"#,
            report.summary.rules
        )?;
    }
    for f in &report.findings {
        writeln!(
            out,
            r#"    <testcase classname="ops-check.{}" name="{} {}: {}">"#,
            escape(&f.code),
            escape(&f.code),
            escape(&f.slug),
            escape(&location(f))
        )?;
        if f.severity == Severity::Error {
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                escape(&f.code),
                escape(&f.text()),
                escape(&line(f))
            )?;
        } else {
            writeln!(
                out,
                "      <system-out>{}: {}</system-out>",
                f.severity,
                escape(&line(f))
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")?;
    Ok(())
}
