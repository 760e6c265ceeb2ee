//! Project tasks, run as `cargo xtask <task>`.
//!
//! - `ops-check [PATH] [ARGS...]`: runs `ops-check check` (default PATH: the conforming fixture).
//! - `docs [--check]`: regenerates `docs/rules/*.md` from rule metadata.
//! - `bench [PATH] [FLAGS]`: times ops-check against a walk that reads every file, alint, per
//!   rule and at growing sizes (`cargo xtask bench --help`).
//! - `man [DIR]`: writes the man pages (default DIR: `target/man/`).
//! - `fuzz-smoke [--seconds N] [TARGET...]`: runs every fuzz target briefly (nightly + cargo-fuzz).

mod bench;
mod docs;
mod fuzz;
mod man;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The workspace root (xtask lives one level below it).
fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// What `cargo xtask --help` prints.
const USAGE: &str = "\
usage: cargo xtask <TASK> [ARGS...]

  ops-check [PATH] [ARGS...]       ops-check check PATH ARGS... (default PATH: ops-fixtures/conforming)
  docs [--check]                   regenerate docs/rules/*.md from the rules' metadata
  bench [PATH] [--runs N]          time ops-check against a bare parallel walk of the same tree
  man [DIR]                        write the man pages (default DIR: target/man/)
  fuzz-smoke [--seconds N] [TARGET...]   run every fuzz target briefly (nightly + cargo-fuzz)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match task.as_str() {
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        "ops-check" => ops_check_task(rest),
        "docs" => docs::run(&workspace_root(), rest),
        "bench" => bench::run(&workspace_root(), rest),
        // The bench's own processes (not for people): the runner and the floor.
        "bench-exec" => bench::exec::bench_exec(rest),
        "bench-walk" => bench::exec::bench_walk(rest),
        "man" => man::run(&workspace_root(), rest),
        "fuzz-smoke" => fuzz::run(&workspace_root(), rest),
        other => {
            eprintln!(
                "xtask: unknown task `{other}` (expected ops-check, docs, bench, man or fuzz-smoke)"
            );
            ExitCode::from(2)
        }
    }
}

/// `cargo xtask ops-check [PATH] [ARGS...]` = `ops-check check PATH ARGS...`, with PATH
/// defaulting to the bundled conforming fixture.
fn ops_check_task(rest: &[String]) -> ExitCode {
    let (path, flags) = match rest.first() {
        Some(first) if !first.starts_with('-') => (PathBuf::from(first), &rest[1..]),
        _ => (workspace_root().join("ops-fixtures/conforming"), rest),
    };
    let mut argv = vec!["ops-check".to_string(), "check".to_string()];
    argv.push(path.to_string_lossy().into_owned());
    argv.extend(flags.iter().cloned());
    ops_check::cli::run(argv)
}
