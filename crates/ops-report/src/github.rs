//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request
//! (`::error file=...,line=...,title=...::message`).
//!
//! `file` is the path from the top of the repository ([`RenderOptions::repo_prefix`]): GitHub
//! resolves it against the checkout, so a check of a subdirectory still annotates the right
//! file. A finding about the checked root itself has no `file` and shows in the run's summary.

use std::io::Write;

use ops_model::Severity;

use crate::{RenderOptions, Report, ReportError};

/// Escapes a property value (`file`, `title`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Escapes the message.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes one workflow command per finding, then a summary line.
pub fn write(
    report: &Report,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> Result<(), ReportError> {
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if !f.path.is_root() {
            props.push(format!("file={}", property(&options.repo_path(&f.path))));
        }
        if let Some(span) = f.span {
            props.push(format!("line={}", span.line));
            props.push(format!("col={}", span.column));
        }
        props.push(format!(
            "title={}",
            property(&format!("{} {}", f.code, f.slug))
        ));
        let message = match &f.help {
            Some(help) => format!("{}\nhelp: {help}", f.text()),
            None => f.text().into_owned(),
        };
        writeln!(out, "::{command} {}::{}", props.join(","), data(&message))?;
    }
    let s = &report.summary;
    writeln!(
        out,
        "ops-check: {}, {}, {} info ({} over {})",
        count(s.errors, "error"),
        count(s.warnings, "warning"),
        s.infos,
        count(s.rules, "rule"),
        count(s.entries, "entry").replace("entrys", "entries")
    )?;
    Ok(())
}
