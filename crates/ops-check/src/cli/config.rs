//! `ops-check config show [PATH]`.

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
}

pub fn run(cmd: ConfigCommand) -> Result<ExitCode, CliError> {
    match cmd {
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
