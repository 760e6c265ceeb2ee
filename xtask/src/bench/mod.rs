//! `cargo xtask bench`: ops-check against the floor (a walk that reads every file) and,
//! optionally, alint, per rule, and at growing sizes. See [`args::USAGE`] and
//! docs/benchmarks.md.
//!
//! Every figure is a whole process measured from outside (wall, user and system CPU, peak
//! RSS: [`exec`]), commands interleaved round by round, medians quoted; ratios are taken pair
//! by pair. A ratio survives a change of machine; a wall-clock number does not. Tests never
//! assert a time.

mod args;
mod dims;
pub mod exec;
mod git;
mod measure;
mod per_rule;
mod report;
mod rewrite;
mod scaling;
mod tree;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use args::{Options, USAGE};
use measure::{Cmd, Summary, paired_ratio, rounds, walls};
use tree::{Fixture, Tree};

/// Entry point of `cargo xtask bench ARGS...`.
pub fn run(workspace: &Path, args: &[String]) -> ExitCode {
    let opts = match args::parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("xtask bench: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if opts.help {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    match bench(workspace, &opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask bench: {e}");
            ExitCode::from(2)
        }
    }
}

fn bench(workspace: &Path, opts: &Options) -> Result<(), String> {
    let ops_check = workspace.join("target/release/ops-check");
    if cfg!(debug_assertions) {
        eprintln!(
            "bench: note: xtask is a debug build, so the floor walk is unoptimised; \
             run `cargo run --release -p xtask -- bench`"
        );
    }
    let fixture = Fixture::load(workspace, opts.fixture.as_deref())?;
    let tree = match &opts.path {
        Some(p) => {
            let (files, bytes) = exec::reading_walk(p, opts.jobs.unwrap_or(0))?;
            Tree {
                root: p.clone(),
                files: files as usize,
                bytes,
            }
        }
        None => tree::generate(workspace, &fixture, opts.files, opts.regenerate)?,
    };
    // Checked after generating, so a tree can be generated (and cached) while ops-check builds.
    if !ops_check.is_file() {
        return Err(format!(
            "{} is missing: run `cargo build --release -p ops-check -p xtask` first",
            ops_check.display()
        ));
    }
    let load_before = load_average();

    let check = |root: &Path| -> Cmd {
        let mut c = Cmd::new("ops-check", &ops_check)
            .arg("check")
            .arg(root)
            .arg("--format")
            .arg("json")
            .arg("-o")
            .arg("/dev/null")
            .arg("--color")
            .arg("never");
        if let Some(j) = opts.jobs {
            c = c.arg("--jobs").arg(j.to_string());
        }
        c
    };
    let floor = {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
        let mut c = Cmd::new("floor", exe).arg("bench-walk").arg(&tree.root);
        if let Some(j) = opts.jobs {
            c = c.arg("--jobs").arg(j.to_string());
        }
        c
    };
    let alint = if opts.vs_alint {
        alint_command(workspace, &tree.root)?
    } else {
        None
    };

    let check_cmd = check(&tree.root);
    let mut cmds = vec![&check_cmd, &floor];
    if let Some(a) = &alint {
        cmds.push(a);
    }
    let samples = rounds(&cmds, opts.runs, 1)?;
    let check_sum = Summary::of(&samples[0]);
    let floor_sum = Summary::of(&samples[1]);
    let alint_sum = alint.as_ref().map(|_| Summary::of(&samples[2]));
    let main = report::Main {
        tree: &tree,
        runs: opts.runs,
        check: check_sum,
        floor: floor_sum,
        alint: alint_sum,
        ratio: paired_ratio(&walls(&samples[0]), &walls(&samples[1])),
        alint_ratio: alint_sum.map(|_| paired_ratio(&walls(&samples[0]), &walls(&samples[2]))),
        alint_wanted: opts.vs_alint,
    };

    let mut tables = String::new();
    if opts.per_rule {
        let scratch = workspace.join("target/bench-trees/scratch");
        let rows = per_rule::measure_rules(&check_cmd, opts.rule_runs, &scratch)?;
        tables.push('\n');
        tables.push_str(&per_rule::table(&rows, &floor_sum, opts.rule_runs));
    }
    if opts.scaling {
        // Scaling by files needs a generated tree; a given PATH is scaled by dimensions only.
        let files = match &opts.path {
            None => Some(scaling::files(
                workspace,
                &fixture,
                opts.files,
                opts.runs,
                opts.regenerate,
                &check,
            )?),
            Some(_) => None,
        };
        let dims = scaling::dimensions(workspace, &fixture, opts.runs, opts.regenerate, &check)?;
        tables.push('\n');
        tables.push_str(&scaling::table(files.as_ref(), &dims));
    }
    let load_after = load_average();
    let text = format!(
        "{}{}",
        report::human(&main, &load_before, &load_after),
        tables
    );
    if opts.json {
        eprint!("{text}");
        println!("{}", report::json_line(&main));
    } else {
        print!("{text}");
    }
    Ok(())
}

/// The alint command for a tree, or `None` (with a note) when alint is not on PATH. The
/// tree's own `.alint.yml` is used when it has one (generated trees do), else the bundled
/// config, written to `target/bench-trees/alint.yml`.
fn alint_command(workspace: &Path, root: &Path) -> Result<Option<Cmd>, String> {
    let Some(alint) = on_path("alint") else {
        eprintln!(
            "bench: alint is missing (not on PATH): install it with \
             `cargo install alint --version 0.21.0 --locked`; measuring without it"
        );
        return Ok(None);
    };
    let mut cmd = Cmd::new("alint", alint).cwd(root).arg("check");
    if !root.join(".alint.yml").is_file() {
        let config = workspace.join("target/bench-trees/alint.yml");
        std::fs::create_dir_all(workspace.join("target/bench-trees"))
            .and_then(|_| std::fs::write(&config, tree::ALINT_CONFIG))
            .map_err(|e| format!("cannot write {}: {e}", config.display()))?;
        cmd = cmd.arg("--config").arg(config);
    }
    Ok(Some(cmd.arg("--format").arg("json")))
}

/// The first `name` on PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// `/proc/loadavg`'s first three figures, or `unknown`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}
