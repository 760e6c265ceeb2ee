//! `ops-check config show [PATH]` and `ops-check config init [PATH]`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use super::CliError;
use super::check::load_contract;
use super::output::{emit, io_err};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective config (defaults merged with ops-check.toml) as TOML.
    Show {
        /// Repository root whose ops-check.toml is read.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Config file instead of PATH/ops-check.toml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Write a commented ops-check.toml fitted to the repository at PATH: the domains,
    /// schemas directory, tool-version pins and makefiles found there; every other key
    /// commented out at its default.
    Init {
        /// Repository root to look at and write PATH/ops-check.toml into.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Replace an existing ops-check.toml.
        #[arg(long)]
        force: bool,
        /// Print the config instead of writing it.
        #[arg(long)]
        stdout: bool,
    },
}

pub fn run(cmd: ConfigCommand) -> Result<ExitCode, CliError> {
    match cmd {
        ConfigCommand::Init {
            path,
            force,
            stdout,
        } => {
            if !path.is_dir() {
                return Err(CliError::Usage(format!(
                    "{}: no such directory",
                    path.display()
                )));
            }
            let text = crate::init::config_for(&path).map_err(crate::EngineError::from)?;
            if stdout {
                emit(None, |out| out.write_all(text.as_bytes()).map_err(io_err))?;
                return Ok(ExitCode::SUCCESS);
            }
            let file = path.join(ops_model::contract::CONFIG_FILE_NAME);
            if file.exists() && !force {
                return Err(CliError::Usage(format!(
                    "{} exists; pass --force to replace it, or --stdout to print the new config",
                    file.display()
                )));
            }
            super::output::write_output(&file, text.as_bytes()).map_err(|source| {
                CliError::Write {
                    path: file.clone(),
                    source,
                }
            })?;
            eprintln!(
                "ops-check: wrote {}; `ops-check check {}` runs with it",
                file.display(),
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::Show { path, config } => {
            if config.is_none() && !path.is_dir() {
                return Err(CliError::Usage(format!(
                    "{}: no such directory",
                    path.display()
                )));
            }
            let (contract, file) = load_contract(&path, config.as_deref())?;
            let source = match &file {
                Some(f) => format!("# effective config: defaults merged with {}\n", f.display()),
                None => "# effective config: the contract 1.0.0 defaults (no ops-check.toml)\n"
                    .to_string(),
            };
            emit(None, |out| {
                out.write_all(source.as_bytes()).map_err(io_err)?;
                out.write_all(contract.to_toml().as_bytes()).map_err(io_err)
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
