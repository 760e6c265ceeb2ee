//! `ops-check clean [PATH] [--dry-run] [--force-untracked]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::CliError;
use super::check::load_contract;
use super::output::io_err;
use crate::clean;

#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Repository root to clean.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Print what would be removed, remove nothing.
    #[arg(long, short = 'n')]
    dry_run: bool,
    /// Outside a git work tree, treat every candidate as untracked and remove it (without
    /// this, cleaning there refuses: nothing says which files are tracked).
    #[arg(long)]
    force_untracked: bool,
    /// Config file (default: ops-check.toml at the root, if present).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn run(args: CleanArgs) -> Result<ExitCode, CliError> {
    let (contract, _) = load_contract(&args.path, args.config.as_deref())?;
    let plan = clean::plan(&args.path, &contract, args.force_untracked)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let summary = clean::execute(&plan, args.dry_run, &mut out)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    out.flush().map_err(io_err)?;
    for (path, why) in &summary.skipped {
        eprintln!("ops-check clean: kept {path}: {why}");
    }
    Ok(ExitCode::SUCCESS)
}
