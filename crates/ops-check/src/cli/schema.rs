//! `ops-check schema config|report|surface`: JSON Schemas of what ops-check reads and writes.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::CliError;
use super::output::{emit, io_err};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum)]
    which: Which,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Which {
    /// The config file, ops-check.toml.
    Config,
    /// The JSON report of `check --format json`.
    Report,
    /// The surface declaration, ops/_meta/surface.json (SCH008 validates against it).
    Surface,
}

pub fn run(args: SchemaArgs) -> Result<ExitCode, CliError> {
    let schema = match args.which {
        Which::Config => ops_model::Contract::json_schema(),
        Which::Report => ops_report::Report::json_schema(),
        Which::Surface => ops_rules_schema::surface_schema(),
    };
    emit(None, |out| {
        serde_json::to_writer_pretty(&mut *out, &schema).map_err(ops_report::ReportError::from)?;
        writeln!(out).map_err(io_err)
    })?;
    Ok(ExitCode::SUCCESS)
}
