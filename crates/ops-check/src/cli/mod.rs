//! The `ops-check` command line. One file per subcommand; `run` is shared by the binary and
//! by `cargo xtask ops-check`.

mod baseline;
mod check;
mod clean;
mod completions;
mod config;
mod explain;
mod r#gen;
mod git;
mod output;
mod root;
mod rules;
mod schema;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

pub use output::CliError;

const ABOUT: &str = "Check a repository's ops/ tree against its Ops Contract";

const LONG_ABOUT: &str = "\
Check a repository's ops/ tree against its Ops Contract: which domains exist, where generated
files and run artifacts may live, where JSON schemas live and how they evolve, which make
targets form the operator surface. Every finding has a stable rule code, the file and line,
what is wrong and how to fix it.

The contract defaults to Ops Contract 1.0.0; ops-check.toml at the checked root changes any
path, list or severity (`ops-check config show` prints the effective values).

Exit codes: 0 no error finding, 1 error findings, 2 no report or an incomplete one (usage,
config or I/O error, a rule that failed, a part of the tree that could not be read).

`ops-check explain CODE` explains a rule; `ops-check help SUBCOMMAND` shows a subcommand's
options.";

/// The `ops-check` command line.
#[derive(Debug, Parser)]
#[command(name = "ops-check", version, about = ABOUT, long_about = LONG_ABOUT)]
pub struct Cli {
    /// More diagnostics on stderr (-v debug, -vv trace); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a repository against the contract and report the findings.
    ///
    /// The report goes to stdout (or -o FILE) in --format. The human and concise formats
    /// printed to stdout end with a summary line; otherwise the summary line goes to stderr,
    /// so the report itself is the same bytes on every run.
    Check(check::CheckArgs),
    /// List every rule: its code, name, severity, summary and contract clause.
    Rules(rules::RulesArgs),
    /// Print a rule's full explanation.
    Explain(explain::ExplainArgs),
    /// Show the effective config, or write a fitted one.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Record the current findings, so `check` reports only new ones.
    #[command(subcommand)]
    Baseline(baseline::BaselineCommand),
    /// Print a JSON Schema (config, report, surface, diff-report), or compare two versions
    /// of one (diff).
    Schema(schema::SchemaArgs),
    /// Render the generated ops docs and the surface lock (`--check`: print the diff, write
    /// nothing, exit 1 when out of date).
    Gen(r#gen::GenArgs),
    /// Remove ephemeral outputs: untracked files under ops/_artifacts/ and unlisted
    /// generated outputs. Never removes a tracked file or follows a symlink.
    Clean(clean::CleanArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// For example: `ops-check completions bash > ~/.local/share/bash-completion/completions/ops-check`.
    Completions(completions::CompletionsArgs),
}

/// The clap definition of the command line, for completions and man pages.
pub fn command() -> clap::Command {
    Cli::command()
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
        Command::Baseline(cmd) => baseline::run(cmd),
        Command::Schema(args) => schema::run(args),
        Command::Gen(args) => r#gen::run(args),
        Command::Clean(args) => clean::run(args),
        Command::Completions(args) => completions::run(args),
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
