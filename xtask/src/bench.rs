//! `cargo xtask bench [PATH] [--runs N] [--scale N] [--jobs N] [--per-rule]`
//!
//! Measures ops-check as a ratio against a bare parallel walk (the same `ignore` walker, same
//! options, counting entries and nothing else) of the same tree in the same run. A ratio is
//! meaningful across machines; a wall-clock number is not. Without PATH it checks a synthetic
//! tree generated under `target/bench-tree-<scale>/` (a copy of the conforming fixture with
//! `scale` extra suites per domain). Run it in release mode for numbers worth quoting:
//! `cargo run --release -p xtask -- bench`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ops_check::{Contract, Engine};

struct Options {
    path: Option<PathBuf>,
    runs: usize,
    scale: usize,
    jobs: usize,
    per_rule: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        path: None,
        runs: 5,
        scale: 500,
        jobs: 0,
        per_rule: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} takes a number"))
        };
        match arg.as_str() {
            "--runs" => opts.runs = number("--runs")?.max(1),
            "--scale" => opts.scale = number("--scale")?,
            "--jobs" => opts.jobs = number("--jobs")?,
            "--per-rule" => opts.per_rule = true,
            other if !other.starts_with('-') && opts.path.is_none() => {
                opts.path = Some(PathBuf::from(other))
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(opts)
}

pub fn run(root: &Path, args: &[String]) -> ExitCode {
    let opts = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("xtask bench: {e}");
            return ExitCode::from(2);
        }
    };
    let tree = match &opts.path {
        Some(p) => p.clone(),
        None => match synthetic_tree(root, opts.scale) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("xtask bench: cannot generate the tree: {e}");
                return ExitCode::from(2);
            }
        },
    };
    if cfg!(debug_assertions) {
        eprintln!(
            "note: debug build; for real numbers run `cargo run --release -p xtask -- bench`"
        );
    }
    let (contract, _) = match Contract::discover(&tree) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("xtask bench: {e}");
            return ExitCode::from(2);
        }
    };
    let engine = Engine::new(contract).jobs(opts.jobs);

    // Warm the page cache once so neither side pays for the first read of the tree.
    let entries = bare_walk(&tree, opts.jobs);
    let mut walk_times = Vec::new();
    let mut check_times = Vec::new();
    let mut findings = 0;
    for _ in 0..opts.runs {
        let t = Instant::now();
        bare_walk(&tree, opts.jobs);
        walk_times.push(t.elapsed());
        let t = Instant::now();
        match engine.check(&tree) {
            Ok(report) => findings = report.findings.len(),
            Err(e) => {
                eprintln!("xtask bench: {e}");
                return ExitCode::from(2);
            }
        }
        check_times.push(t.elapsed());
    }
    let walk = median(&mut walk_times);
    let check = median(&mut check_times);
    println!("tree:        {} ({entries} entries)", tree.display());
    println!("runs:        {} (medians below)", opts.runs);
    println!("bare walk:   {:.2} ms", ms(walk));
    println!("ops-check:   {:.2} ms ({findings} findings)", ms(check));
    println!(
        "ratio:       {:.2}x the bare walk",
        ms(check) / ms(walk).max(1e-6)
    );
    if opts.per_rule {
        per_rule(&engine, &tree, opts.jobs, walk);
    }
    ExitCode::SUCCESS
}

/// Each rule alone (walk included), slowest first, as a ratio to the bare walk: tells which
/// rule to look at when the total ratio grows.
fn per_rule(engine: &Engine, tree: &Path, jobs: usize, walk: Duration) {
    let mut rows = Vec::new();
    for rule in ops_check::registry::all_rules() {
        let code = rule.meta().code;
        let contract = Contract {
            select: vec![code.to_string()],
            ignore: Vec::new(),
            ..engine.contract().clone()
        };
        let single = Engine::new(contract).jobs(jobs);
        let t = Instant::now();
        if single.check(tree).is_err() {
            continue;
        }
        rows.push((t.elapsed(), code));
    }
    rows.sort_by(|a, b| b.cmp(a));
    println!("per rule (walk included, one run each):");
    for (time, code) in rows {
        println!(
            "  {code}  {:>8.2} ms  {:>6.2}x",
            ms(time),
            ms(time) / ms(walk).max(1e-6)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The baseline: the same parallel walker, doing nothing but counting.
fn bare_walk(root: &Path, jobs: usize) -> usize {
    let count = AtomicUsize::new(0);
    ignore::WalkBuilder::new(root)
        .hidden(false)
        .follow_links(false)
        .git_global(false)
        .require_git(false)
        .threads(jobs)
        .filter_entry(|e| e.file_name() != ".git")
        .build_parallel()
        .run(|| {
            Box::new(|_| {
                count.fetch_add(1, Ordering::Relaxed);
                ignore::WalkState::Continue
            })
        });
    count.into_inner()
}

/// The conforming fixture plus `scale` synthetic suites in every domain: scripts, manifests,
/// docs. Generated once per scale and reused.
fn synthetic_tree(root: &Path, scale: usize) -> std::io::Result<PathBuf> {
    let tree = root.join(format!("target/bench-tree-{scale}"));
    let done = tree.join(".complete");
    if done.exists() {
        return Ok(tree);
    }
    if tree.exists() {
        fs::remove_dir_all(&tree)?;
    }
    copy_dir(&root.join("ops-fixtures/conforming"), &tree)?;
    for domain in ["stack", "k8s", "obs", "load", "datasets", "e2e"] {
        for i in 0..scale {
            let dir = tree.join(format!("ops/{domain}/suites/suite-{i:05}"));
            fs::create_dir_all(&dir)?;
            fs::write(
                dir.join("suite.json"),
                format!(
                    "{{\n  \"name\": \"suite-{i}\",\n  \"domain\": \"{domain}\",\n  \"vus\": {i}\n}}\n"
                ),
            )?;
            fs::write(
                dir.join("run.sh"),
                "#!/usr/bin/env bash\nset -euo pipefail\nsource \"$(dirname \"$0\")/../../../_lib/common.sh\"\nlog \"running\"\n",
            )?;
            fs::write(
                dir.join("INDEX.md"),
                format!("# suite {i}\n\nA synthetic suite.\n"),
            )?;
        }
    }
    fs::write(&done, "")?;
    Ok(tree)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else if kind.is_file() {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
