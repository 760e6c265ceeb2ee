//! `ops-check explain CODE|SLUG`.

use std::process::ExitCode;

use clap::Args;

use super::CliError;
use super::output::{emit, io_err};
use crate::registry::{all_metas, find};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule code (`LAY001`) or name (`unknown-top-level`).
    rule: String,
}

pub fn run(args: ExplainArgs) -> Result<ExitCode, CliError> {
    let Some(meta) = find(&args.rule) else {
        // A group prefix names several rules: list them rather than fail.
        let group: Vec<_> = all_metas()
            .into_iter()
            .filter(|m| ops_model::Selector::new(&args.rule).matches(m) && m.code != args.rule)
            .collect();
        if group.is_empty() {
            return Err(CliError::Usage(format!(
                "unknown rule `{}` (see `ops-check rules`)",
                args.rule
            )));
        }
        let mut text = format!(
            "`{}` is a group of {} rules; explain one of them:\n",
            args.rule,
            group.len()
        );
        for m in group {
            text.push_str(&format!("  {}  {}  {}\n", m.code, m.slug, m.summary));
        }
        emit(None, |out| out.write_all(text.as_bytes()).map_err(io_err))?;
        return Ok(ExitCode::SUCCESS);
    };
    emit(None, |out| {
        out.write_all(ops_report::docs::explain(meta).as_bytes())
            .map_err(io_err)
    })?;
    Ok(ExitCode::SUCCESS)
}
