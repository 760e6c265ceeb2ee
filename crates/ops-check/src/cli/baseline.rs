//! `ops-check baseline write [FILE] [--prune]`: record today's findings, or drop the ones
//! that are fixed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use ops_report::baseline::DEFAULT_BASELINE_FILE;
use ops_report::{Baseline, ReportFinding};

use super::CliError;
use super::check::engine_for;
use crate::BaselineChoice;
use crate::registry::{INTERNAL_ERROR, UNREADABLE_PATH, is_engine_code};

#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Record the current findings in a baseline file, so `check` reports only new ones.
    ///
    /// Every rule finding is recorded by rule code, path and message (line numbers left
    /// out), counted by occurrence; the engine's own diagnostics (OPS) never are. The file
    /// is sorted JSON: the same findings give the same bytes. With --prune, only what is
    /// fixed is removed (counts lowered, entries that match nothing dropped) and nothing is
    /// added.
    Write(WriteArgs),
}

#[derive(Debug, Args)]
pub struct WriteArgs {
    /// The baseline file. Default: the config's `baseline`, else ops-check-baseline.json at
    /// the repository root.
    file: Option<PathBuf>,
    /// Remove stale entries only: lower the counts of findings that occur less often, drop
    /// entries that match nothing; add nothing.
    #[arg(long)]
    prune: bool,
    /// Repository root (default: found as for `check`).
    #[arg(long, value_name = "PATH")]
    root: Option<PathBuf>,
    /// Config file (default: ops-check.toml at the root, if present).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Also check files that .gitignore excludes.
    #[arg(long)]
    no_ignore: bool,
    /// Worker threads, 1 to 256 (default: every core).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
}

pub fn run(cmd: BaselineCommand) -> Result<ExitCode, CliError> {
    match cmd {
        BaselineCommand::Write(args) => write(args),
    }
}

fn write(args: WriteArgs) -> Result<ExitCode, CliError> {
    let root = super::root::or_discover(args.root.clone());
    let engine = engine_for(&root, args.config.as_deref(), args.no_ignore, args.jobs)?
        .baseline_choice(BaselineChoice::Off);
    let at_root = |name: &str| {
        if root == Path::new(".") {
            PathBuf::from(name)
        } else {
            root.join(name)
        }
    };
    let file = match (&args.file, engine.contract().baseline.as_str()) {
        (Some(file), _) => file.clone(),
        (None, "") => at_root(DEFAULT_BASELINE_FILE),
        (None, configured) => at_root(configured),
    };
    let report = engine.check(&root)?;
    if let Some(f) = report
        .findings
        .iter()
        .find(|f| f.code == INTERNAL_ERROR.code || f.code == UNREADABLE_PATH.code)
    {
        return Err(CliError::Usage(format!(
            "the check is incomplete ({} {}: {}); a baseline of it would miss findings, so none was written",
            f.code, f.path, f.message
        )));
    }
    let findings: Vec<ReportFinding> = report
        .findings
        .into_iter()
        .filter(|f| !is_engine_code(&f.code))
        .collect();
    let (baseline, summary) = if args.prune {
        let old = crate::baseline::read(&file)?;
        let stale = old.compare(&findings).stale;
        let pruned = old.pruned(&stale);
        let summary = format!(
            "pruned {} from {} ({} stale); {} left",
            occurrences(old.total() - pruned.total()),
            path_name(&file),
            entries(stale.len()),
            occurrences(pruned.total())
        );
        (pruned, summary)
    } else {
        let baseline = Baseline::record(&findings);
        let summary = format!(
            "wrote {}: {} in {}",
            path_name(&file),
            occurrences(baseline.total()),
            entries(baseline.entries.len())
        );
        (baseline, summary)
    };
    super::output::write_output(&file, baseline.to_json().as_bytes()).map_err(|source| {
        CliError::Write {
            path: file.clone(),
            source,
        }
    })?;
    eprintln!("ops-check: baseline: {summary}");
    // The config does not name a baseline, so a plain `check` would not apply the one just
    // written: the first thing a new user tries after writing one.
    if engine.contract().baseline.is_empty() && !args.prune {
        let named = match &args.file {
            None => DEFAULT_BASELINE_FILE.to_string(),
            Some(file) => file.display().to_string(),
        };
        eprintln!(
            "ops-check: baseline: `check` applies it with `--baseline {named}`, or always once ops-check.toml says `baseline = \"{named}\"` (a path relative to the repository root)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn path_name(path: &Path) -> String {
    path.display().to_string()
}

fn occurrences(n: usize) -> String {
    if n == 1 {
        "1 finding occurrence".to_string()
    } else {
        format!("{n} finding occurrences")
    }
}

fn entries(n: usize) -> String {
    if n == 1 {
        "1 entry".to_string()
    } else {
        format!("{n} entries")
    }
}
