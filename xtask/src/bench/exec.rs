//! The two helper processes of the bench, run as hidden xtask tasks so that each measured
//! command is a whole process of its own:
//!
//! - `bench-exec [--cwd DIR] -- PROGRAM ARGS...` runs one command and prints, on one line,
//!   its wall seconds, user and system CPU seconds, peak resident set size in KiB and exit
//!   code (`-` when a signal ended it). The CPU and memory figures are the kernel's own
//!   accounting of the child (`getrusage(RUSAGE_CHILDREN)`, POSIX): this runner has exactly one
//!   child, so they are that command's alone.
//! - `bench-walk TREE [--jobs N]` is the floor: the `ignore` walker with the options of
//!   ops-check's index walk (hidden files included, `.git` skipped, `.gitignore`, `.ignore`
//!   and `.git/info/exclude` honoured, no global gitignore, the config's `exclude` pruned),
//!   reading every regular file's bytes. It prints the files and bytes it read.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use nix::sys::resource::{UsageWho, getrusage};

/// `xtask bench-exec ...`; see the module docs.
pub fn bench_exec(args: &[String]) -> ExitCode {
    let (cwd, command) = match args {
        [flag, dir, sep, rest @ ..] if flag == "--cwd" && sep == "--" => {
            (Some(PathBuf::from(dir)), rest)
        }
        [sep, rest @ ..] if sep == "--" => (None, rest),
        _ => (None, &[][..]),
    };
    let Some((program, program_args)) = command.split_first() else {
        eprintln!("usage: xtask bench-exec [--cwd DIR] -- PROGRAM [ARGS...]");
        return ExitCode::from(2);
    };
    let mut cmd = Command::new(program);
    cmd.args(program_args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(dir) = &cwd {
        cmd.current_dir(dir);
    }
    let start = Instant::now();
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("bench-exec: cannot run {program}: {e}");
            return ExitCode::from(2);
        }
    };
    // Only stderr is piped, so reading it to the end before waiting cannot deadlock.
    let mut stderr = Vec::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_end(&mut stderr);
    }
    let status = match child.wait() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("bench-exec: cannot wait for {program}: {e}");
            return ExitCode::from(2);
        }
    };
    let wall = start.elapsed().as_secs_f64();
    let usage = match getrusage(UsageWho::RUSAGE_CHILDREN) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("bench-exec: getrusage: {e}");
            return ExitCode::from(2);
        }
    };
    let seconds = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    let code = status.code();
    // Exit 0 and 1 (findings) are normal for every measured tool; anything else is shown.
    if !matches!(code, Some(0 | 1)) {
        let text = String::from_utf8_lossy(&stderr);
        let tail: Vec<&str> = text.lines().rev().take(5).collect();
        for line in tail.into_iter().rev() {
            eprintln!("bench-exec: {program}: {line}");
        }
    }
    println!(
        "{wall:.6} {:.6} {:.6} {} {}",
        seconds(usage.user_time()),
        seconds(usage.system_time()),
        // Linux reports ru_maxrss in KiB.
        usage.max_rss().max(0),
        code.map_or_else(|| "-".to_string(), |c| c.to_string())
    );
    ExitCode::SUCCESS
}

/// `xtask bench-walk TREE [--jobs N]`; see the module docs.
pub fn bench_walk(args: &[String]) -> ExitCode {
    let mut tree = None;
    let mut jobs = 0;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--jobs" => match it.next().and_then(|v| v.parse().ok()) {
                Some(n) => jobs = n,
                None => {
                    eprintln!("bench-walk: --jobs takes a number");
                    return ExitCode::from(2);
                }
            },
            other => tree = Some(PathBuf::from(other)),
        }
    }
    let Some(tree) = tree else {
        eprintln!("usage: xtask bench-walk TREE [--jobs N]");
        return ExitCode::from(2);
    };
    match reading_walk(&tree, jobs) {
        Ok((files, bytes)) => {
            println!("{files} {bytes}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("bench-walk: {e}");
            ExitCode::from(2)
        }
    }
}

/// Walks `root` as ops-check's index does and reads every regular file. Returns the files
/// and bytes read. `jobs` 0 lets the walker pick the thread count, as ops-check's does.
pub fn reading_walk(root: &Path, jobs: usize) -> Result<(u64, u64), String> {
    let (contract, _) = ops_model::Contract::discover(root).map_err(|e| e.to_string())?;
    let exclude = contract.exclude.clone();
    let walk_root = root.to_path_buf();
    let files = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .hidden(false)
        .follow_links(false)
        .parents(true)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .threads(jobs)
        .filter_entry(move |e| {
            if e.file_name() == ".git" {
                return false;
            }
            if exclude.is_empty() || e.depth() == 0 {
                return true;
            }
            let rel = e
                .path()
                .strip_prefix(&walk_root)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !ops_model::index::is_excluded(&exclude, &rel, is_dir)
        });
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            if let Ok(entry) = entry
                && entry.file_type().is_some_and(|t| t.is_file())
                && let Ok(data) = std::fs::read(entry.path())
            {
                files.fetch_add(1, Ordering::Relaxed);
                bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
            }
            ignore::WalkState::Continue
        })
    });
    Ok((files.into_inner(), bytes.into_inner()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_floor_reads_what_the_index_walks() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            (".gitignore", "*.log\n"),
            ("ops/a.sh", "echo a\n"),
            ("ops/.hidden", "h\n"),
            ("ops/run.log", "ignored\n"),
            ("ops/k8s/tests/fixtures/x.json", "{}\n"),
            (".git/config", "not walked\n"),
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        // .gitignore, a.sh and .hidden: not the ignored log, the excluded fixtures or .git.
        assert_eq!(reading_walk(root, 1).unwrap(), (3, 6 + 7 + 2));
    }
}
