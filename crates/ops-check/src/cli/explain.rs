//! `ops-check explain CODE|SLUG`.

use std::process::ExitCode;

use clap::Args;

use super::CliError;
use super::output::{emit, io_err};
use crate::registry::find;

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule code (`LAY001`) or name (`unknown-top-level`).
    rule: String,
}

pub fn run(args: ExplainArgs) -> Result<ExitCode, CliError> {
    let meta = find(&args.rule).ok_or_else(|| {
        CliError::Usage(format!(
            "unknown rule `{}` (see `ops-check rules`)",
            args.rule
        ))
    })?;
    emit(None, |out| {
        out.write_all(ops_report::docs::explain(meta).as_bytes())
            .map_err(io_err)
    })?;
    Ok(ExitCode::SUCCESS)
}
