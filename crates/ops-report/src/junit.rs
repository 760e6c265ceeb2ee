//! JUnit XML, for CI systems that show test reports: one test case per rule that ran with
//! findings, one `<failure>` per error finding; warnings and notes go to `system-out`.
//! A clean run is one passing test case, so dashboards show that the gate ran.

use std::collections::BTreeMap;
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

fn line(f: &ReportFinding) -> String {
    let loc = match f.span {
        Some(s) => format!("{}:{}:{}", f.path, s.line, s.column),
        None => f.path.to_string(),
    };
    match &f.help {
        Some(help) => format!("{loc}: {} (help: {help})", f.message),
        None => format!("{loc}: {}", f.message),
    }
}

pub fn write(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    let mut by_rule: BTreeMap<(&str, &str), Vec<&ReportFinding>> = BTreeMap::new();
    for f in &report.findings {
        by_rule.entry((&f.code, &f.slug)).or_default().push(f);
    }
    let failures = report.summary.errors;
    let tests = by_rule.len().max(1);
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
    if by_rule.is_empty() {
        writeln!(
            out,
            r#"    <testcase classname="ops-check" name="contract ({} rules)"/>"#,
            report.summary.rules
        )?;
    }
    for ((code, slug), findings) in &by_rule {
        writeln!(
            out,
            r#"    <testcase classname="ops-check.{code}" name="{code} {slug}">"#
        )?;
        let mut notes = Vec::new();
        for f in findings {
            if f.severity == Severity::Error {
                writeln!(
                    out,
                    r#"      <failure type="{code}" message="{}">{}</failure>"#,
                    escape(&f.message),
                    escape(&line(f))
                )?;
            } else {
                notes.push(format!("{}: {}", f.severity, line(f)));
            }
        }
        if !notes.is_empty() {
            writeln!(
                out,
                "      <system-out>{}</system-out>",
                escape(&notes.join("\n"))
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")?;
    Ok(())
}
