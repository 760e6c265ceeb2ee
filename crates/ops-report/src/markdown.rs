//! Markdown (GitHub Flavored Markdown), for `$GITHUB_STEP_SUMMARY`, pull-request and
//! merge-request comments: a heading with the verdict, the summary, a table with one row per
//! rule that has findings (linked to its page when [`RenderOptions::docs_url`] is set), then
//! per rule a collapsed `<details>` block with its first [`FIRST_FINDINGS`] findings.
//!
//! Paths are shown from the top of the repository ([`RenderOptions::repo_prefix`]), as the
//! reader of a pull request sees them. Message text is escaped so that it renders as written:
//! code spans stay code spans, everything else cannot open HTML, links or emphasis.

use std::collections::BTreeSet;
use std::io::Write;

use crate::{RenderOptions, Report, ReportError, ReportFinding, concise::one_line, summary};

/// How many findings of each rule are listed; the rest are counted.
pub const FIRST_FINDINGS: usize = 10;

/// Writes the Markdown summary of `report`.
pub fn write(
    report: &Report,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> Result<(), ReportError> {
    writeln!(out, "### ops-check: {}", summary::verdict(report))?;
    writeln!(out)?;
    writeln!(out, "{}", text(&summary::details(report, None)))?;
    if report.findings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "| rule | name | severity | findings | summary |")?;
    writeln!(out, "|---|---|---|---:|---|")?;
    for (code, count) in &report.counts {
        let findings: Vec<&ReportFinding> =
            report.findings.iter().filter(|f| &f.code == code).collect();
        let slug = findings.first().map_or("", |f| f.slug.as_str());
        let severities: BTreeSet<_> = findings.iter().map(|f| f.severity).collect();
        let severities: Vec<&str> = severities.iter().map(|s| s.as_str()).collect();
        let about = options
            .rule(code)
            .map_or(String::new(), |m| text(m.summary));
        writeln!(
            out,
            "| {} | {} | {} | {count} | {} |",
            rule_link(code, options),
            code_span(slug),
            severities.join(", "),
            about.replace('|', "\\|")
        )?;
    }
    for (code, count) in &report.counts {
        let findings = report.findings.iter().filter(|f| &f.code == code);
        let slug = report
            .findings
            .iter()
            .find(|f| &f.code == code)
            .map_or("", |f| f.slug.as_str());
        writeln!(out)?;
        writeln!(
            out,
            "<details><summary><code>{code}</code> {slug}: {}</summary>",
            if *count == 1 {
                "1 finding".to_string()
            } else {
                format!("{count} findings")
            }
        )?;
        writeln!(out)?;
        for f in findings.take(FIRST_FINDINGS) {
            let mut location = options.repo_path(&f.path);
            if let Some(s) = f.span {
                location.push_str(&format!(":{}:{}", s.line, s.column));
            }
            writeln!(
                out,
                "- {} {}: {}",
                code_span(&location),
                f.severity,
                text(&one_line(&f.text()))
            )?;
        }
        if *count > FIRST_FINDINGS {
            writeln!(out, "- … and {} more", count - FIRST_FINDINGS)?;
        }
        writeln!(out)?;
        writeln!(out, "</details>")?;
    }
    Ok(())
}

fn rule_link(code: &str, options: &RenderOptions) -> String {
    match options.rule_url(code) {
        Some(url) => format!("[{code}]({url})"),
        None => code.to_string(),
    }
}

/// A code span holding `content` literally, fenced with more backticks than it contains.
fn code_span(content: &str) -> String {
    if content.is_empty() {
        return String::new();
    }
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{content}{fence}")
    } else {
        format!("{fence} {content} {fence}")
    }
}

/// Message text: backtick code spans are kept, the text between them is escaped (HTML,
/// links, emphasis). Unbalanced backticks are escaped too. Pipes inside code spans are left
/// alone: table cells escape them separately.
fn text(message: &str) -> String {
    let balanced = message.matches('`').count().is_multiple_of(2);
    let mut out = String::with_capacity(message.len());
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push_str(if balanced { "`" } else { "\\`" });
        }
        if balanced && i % 2 == 1 {
            // Inside a code span: literal.
            out.push_str(part);
            continue;
        }
        for c in part.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\\' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_outside_code_spans_only() {
        assert_eq!(text("`a<b>` is <bad> *x*"), "`a<b>` is &lt;bad&gt; \\*x\\*");
        assert_eq!(text("odd ` tick"), "odd \\` tick");
        assert_eq!(text("[link](x) a_b"), "\\[link\\](x) a\\_b");
    }

    #[test]
    fn code_spans_fence_backticks() {
        assert_eq!(code_span("ops/x"), "`ops/x`");
        assert_eq!(code_span("a`b"), "`` a`b ``");
    }
}
