//! `ops-check check [PATH]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use ops_model::Contract;
use ops_report::{Format, human};

use super::CliError;
use super::output::{ColorChoice, color_enabled, emit};
use crate::Engine;
use crate::registry::{INTERNAL_ERROR, UNREADABLE_PATH};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Repository root to check.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Run only these rules (code, name or group prefix; comma-separated or repeated).
    /// Replaces the config's `select`.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules (added to the config's `ignore`).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Write the report to FILE instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Config file (default: ops-check.toml at the checked root, if present).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Also check files that .gitignore excludes.
    #[arg(long)]
    no_ignore: bool,
    /// Runtime mode: after an operator run, report untracked and ignored files outside the
    /// allowed roots (ART008).
    #[arg(long)]
    runtime: bool,
    /// Worker threads, 1 to 256 (default: every core). Output is identical for any value.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// When to colour the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Compare the schemas with this git revision instead of the schema lock (SCH006);
    /// read with git, no checkout.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    /// For people: one block per finding and a summary line.
    Human,
    /// The full report, schema in `ops-check schema report`.
    Json,
    /// SARIF 2.1.0 for code-scanning dashboards.
    Sarif,
    /// JUnit XML for CI test reports.
    Junit,
    /// GitHub Actions annotations.
    Github,
}

/// Loads the config for a root: `--config FILE`, else `ops-check.toml` at the root.
pub fn load_contract(
    root: &Path,
    config: Option<&Path>,
) -> Result<(Contract, Option<PathBuf>), CliError> {
    Ok(match config {
        Some(file) => (Contract::load(file)?, Some(file.to_path_buf())),
        None => Contract::discover(root)?,
    })
}

/// The config path as shown in the report: relative to the root when inside it.
fn config_label(root: &Path, file: Option<&Path>) -> Option<String> {
    file.map(|f| {
        f.strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/")
    })
}

pub fn run(args: CheckArgs) -> Result<ExitCode, CliError> {
    let (mut contract, file) = load_contract(&args.path, args.config.as_deref())?;
    if !args.select.is_empty() {
        contract.select = args.select.clone();
    }
    contract.ignore.extend(args.ignore.iter().cloned());

    let mut engine = Engine::new(contract)
        .respect_ignore(!args.no_ignore)
        .runtime(args.runtime)
        .base(args.base.clone())
        .config_label(config_label(&args.path, file.as_deref()));
    if let Some(jobs) = args.jobs {
        if jobs == 0 || jobs > crate::MAX_JOBS {
            return Err(CliError::Usage(format!(
                "--jobs must be between 1 and {}",
                crate::MAX_JOBS
            )));
        }
        engine = engine.jobs(jobs);
    }
    let report = engine.check(&args.path)?;

    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Json => Format::Json,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Junit => Format::Junit,
        FormatArg::Github => Format::Github,
    };
    let color = color_enabled(args.color, args.output.is_some());
    emit(args.output.as_deref(), |out| {
        Ok(ops_report::write(
            &report,
            format,
            out,
            human::HumanOptions { color },
        )?)
    })?;

    // A rule that failed, or a part of the tree that could not be read, leaves the report
    // incomplete: that is not a verdict on the repository.
    let incomplete = report
        .findings
        .iter()
        .any(|f| f.code == INTERNAL_ERROR.code || f.code == UNREADABLE_PATH.code);
    Ok(if incomplete {
        ExitCode::from(2)
    } else if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
