//! `cargo xtask man [DIR]`: the man pages of `ops-check` and of each subcommand
//! (`ops-check.1`, `ops-check-check.1`, ...), rendered by clap_mangen from the same clap
//! definition as the parser. DIR defaults to `target/man/` in the workspace.

use std::path::Path;
use std::process::ExitCode;

pub fn run(root: &Path, args: &[String]) -> ExitCode {
    let dir = match args {
        [] => root.join("target/man"),
        [dir] if !dir.starts_with('-') => Path::new(dir).to_path_buf(),
        _ => {
            eprintln!("usage: cargo xtask man [DIR]   (default DIR: target/man)");
            return ExitCode::from(2);
        }
    };
    if let Err(err) = std::fs::create_dir_all(&dir) {
        eprintln!("xtask man: cannot create {}: {err}", dir.display());
        return ExitCode::from(2);
    }
    if let Err(err) = clap_mangen::generate_to(ops_check::cli::command(), &dir) {
        eprintln!(
            "xtask man: cannot write the man pages to {}: {err}",
            dir.display()
        );
        return ExitCode::from(2);
    }
    println!("wrote the man pages to {}", dir.display());
    ExitCode::SUCCESS
}
