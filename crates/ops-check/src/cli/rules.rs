//! `ops-check rules`: every rule, as a table or JSON.

use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::CliError;
use super::output::{ListFormat, emit, io_err};
use crate::registry::all_metas;

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format: a table for people, or JSON for scripts
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    format: ListFormat,
}

#[derive(Serialize)]
struct RuleRow<'a> {
    code: &'a str,
    slug: &'a str,
    group: &'a str,
    severity: ops_model::Severity,
    summary: &'a str,
    clause: &'a str,
}

pub fn run(args: RulesArgs) -> Result<ExitCode, CliError> {
    let metas = all_metas();
    emit(None, |out| {
        match args.format {
            ListFormat::Json => {
                let rows: Vec<RuleRow> = metas
                    .iter()
                    .map(|m| RuleRow {
                        code: m.code,
                        slug: m.slug,
                        group: m.group(),
                        severity: m.severity,
                        summary: m.summary,
                        clause: m.clause,
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &rows)
                    .map_err(ops_report::ReportError::from)?;
                writeln!(out).map_err(io_err)?;
            }
            ListFormat::Human => {
                let slug_w = metas.iter().map(|m| m.slug.len()).max().unwrap_or(4);
                for m in &metas {
                    writeln!(
                        out,
                        "{:<7} {:<slug_w$} {:<7} {}\n        clause: {}",
                        m.code, m.slug, m.severity, m.summary, m.clause
                    )
                    .map_err(io_err)?;
                }
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
