//! `ops-check completions SHELL`: the shell completion script, generated from the same clap
//! definition as the parser (clap_complete), so it never lists a flag that does not exist.

use std::process::ExitCode;

use clap::Args;
use clap_complete::Shell;

use super::CliError;
use super::output::emit;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: CompletionsArgs) -> Result<ExitCode, CliError> {
    let mut command = super::command();
    emit(None, |out| {
        clap_complete::generate(args.shell, &mut command, "ops-check", out);
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
