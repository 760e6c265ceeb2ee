//! `ops-check gen [PATH] [--check]`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::CliError;
use super::check::load_contract;
use super::output::io_err;
use ops_gen::generate;

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Repository root.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Write nothing; print the diff and exit 1 when a generated file is out of date.
    #[arg(long)]
    check: bool,
    /// Config file (default: ops-check.toml at the root, if present).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn run(args: GenArgs) -> Result<ExitCode, CliError> {
    let (contract, _) = load_contract(&args.path, args.config.as_deref())?;
    let outcome = generate(&args.path, &contract, args.check)?;
    if args.check {
        print_diffs(&outcome.diffs)?;
        if outcome.is_up_to_date() {
            eprintln!(
                "ops-check gen: {} files up to date",
                outcome.unchanged.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "ops-check gen: out of date: {} (run `ops-check gen`)",
            outcome
                .changed
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    for path in &outcome.changed {
        eprintln!("ops-check gen: wrote {path}");
    }
    if outcome.is_up_to_date() {
        eprintln!(
            "ops-check gen: {} files up to date",
            outcome.unchanged.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the diffs to stdout. A reader that stops early (`gen --check | head`) closes the
/// pipe: the rest is not wanted, which is not an error.
fn print_diffs(diffs: &[String]) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    let written = diffs
        .iter()
        .try_for_each(|d| out.write_all(d.as_bytes()))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(io_err),
    }
}
