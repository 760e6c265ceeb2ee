//! The `ops-check` binary: see `ops-check --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    ops_check::cli::run(std::env::args_os())
}
