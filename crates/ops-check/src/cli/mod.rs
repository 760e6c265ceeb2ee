//! The `ops-check` command line. One file per subcommand; `run` is shared by the binary and
//! by `cargo xtask ops-check`.

mod check;
mod clean;
mod config;
mod explain;
mod r#gen;
mod output;
mod rules;
mod schema;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use output::CliError;

/// Enforces a repository's Ops Contract.
///
/// Exit codes: 0 no error-severity findings, 1 findings, 2 usage, config or I/O error.
#[derive(Debug, Parser)]
#[command(name = "ops-check", version, about, long_about = None)]
pub struct Cli {
    /// More diagnostics on stderr (-v debug, -vv trace); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a repository against the contract.
    Check(check::CheckArgs),
    /// List every rule.
    Rules(rules::RulesArgs),
    /// Print a rule's full explanation.
    Explain(explain::ExplainArgs),
    /// Show the effective config.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a JSON Schema: of the config file or of the JSON report.
    Schema(schema::SchemaArgs),
    /// Render the generated ops docs and the surface lock (`--check`: print the diff, write
    /// nothing, exit 1 when out of date).
    Gen(r#gen::GenArgs),
    /// Remove ephemeral outputs: untracked files under ops/_artifacts/ and unlisted
    /// generated outputs. Never removes a tracked file or follows a symlink.
    Clean(clean::CleanArgs),
}

/// Parses `args` (including the program name) and runs the command.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    init_tracing(cli.verbose);
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Config(cmd) => config::run(cmd),
        Command::Schema(args) => schema::run(args),
        Command::Gen(args) => r#gen::run(args),
        Command::Clean(args) => clean::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("ops-check: error: {err}");
            ExitCode::from(2)
        }
    }
}

fn init_tracing(verbose: u8) {
    use tracing_subscriber::EnvFilter;
    let default = match verbose {
        0 => "warn",
        1 => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    // Ignore the error when a subscriber is already set (the library embedded in a host).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
