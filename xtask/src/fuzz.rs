//! `cargo xtask fuzz-smoke [--seconds N] [TARGET...]`: seeds each fuzz target's corpus from
//! the fixtures and runs every target (or the named ones) for N seconds (default 30) with
//! cargo-fuzz on the nightly toolchain, one after the other.
//!
//! The long runs that docs/reliability.md reports are the same command with
//! `--seconds 600`. Fuzzing needs `cargo install cargo-fuzz` and the nightly toolchain; the
//! workspace itself builds on stable, and `fuzz/` is its own workspace.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Whether a fixture file seeds a target's corpus.
type Seeds = fn(&Path) -> bool;

/// Every fuzz target (`fuzz/fuzz_targets/<name>.rs`) and the fixture files that seed it.
const TARGETS: &[(&str, Seeds)] = &[
    ("shell", |p| ext(p, &["sh", "bash", "bats"])),
    ("make", |p| {
        name(p, &["Makefile", "GNUmakefile", "makefile"]) || ext(p, &["mk"])
    }),
    ("markdown", |p| ext(p, &["md"])),
    ("yaml", |p| ext(p, &["yaml", "yml"]) && !is_workflow(p)),
    ("workflow", is_workflow),
    ("python", |p| ext(p, &["py"])),
    ("config", |p| name(p, &["ops-check.toml"])),
    ("schema_diff", |p| {
        p.to_string_lossy().ends_with(".schema.json")
    }),
    ("surface", |p| {
        name(p, &["surface.json", "surface.lock.json"])
    }),
    ("index_md", |p| name(p, &["INDEX.md"])),
    ("allowlist", |p| name(p, &["artifacts-allowlist.txt"])),
    ("manifest", |p| ext(p, &["json", "yaml", "yml"])),
];

fn ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.contains(&e))
}

fn name(p: &Path, names: &[&str]) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| names.contains(&n))
}

fn is_workflow(p: &Path) -> bool {
    ext(p, &["yml", "yaml"]) && p.to_string_lossy().contains(".github/workflows/")
}

struct Options {
    seconds: u64,
    targets: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        seconds: 30,
        targets: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--seconds" => {
                opts.seconds = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seconds takes a number")?
            }
            t if TARGETS.iter().any(|(n, _)| *n == t) => opts.targets.push(t.to_string()),
            other => {
                let names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown argument `{other}` (targets: {})",
                    names.join(", ")
                ));
            }
        }
    }
    Ok(opts)
}

pub fn run(root: &Path, args: &[String]) -> ExitCode {
    let opts = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("xtask fuzz-smoke: {e}");
            return ExitCode::from(2);
        }
    };
    let probe = Command::new("cargo")
        .args(["+nightly", "fuzz", "--version"])
        .current_dir(root)
        .output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!(
            "xtask fuzz-smoke: needs cargo-fuzz and the nightly toolchain \
             (`cargo install cargo-fuzz`; `rustup toolchain install nightly`)"
        );
        return ExitCode::from(2);
    }
    let fuzz_dir = root.join("fuzz");
    let available = targets_in(&fuzz_dir);
    let chosen: Vec<&str> = TARGETS
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| available.contains(*n))
        .filter(|n| opts.targets.is_empty() || opts.targets.iter().any(|t| t == n))
        .collect();
    let mut failed = Vec::new();
    for target in &chosen {
        let seeds = match seed(root, &fuzz_dir, target) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("xtask fuzz-smoke: cannot seed {target}: {e}");
                return ExitCode::from(2);
            }
        };
        eprintln!("== fuzz {target}: {} s, {seeds} seed files", opts.seconds);
        let status = Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target, "--"])
            .arg(format!("-max_total_time={}", opts.seconds))
            .args(["-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"])
            .current_dir(root)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            failed.push(*target);
        }
    }
    if failed.is_empty() {
        eprintln!("fuzz-smoke: {} targets ran clean", chosen.len());
        ExitCode::SUCCESS
    } else {
        eprintln!("fuzz-smoke: failed: {}", failed.join(", "));
        ExitCode::from(1)
    }
}

/// The target names that have a source file under `fuzz/fuzz_targets/`.
fn targets_in(fuzz_dir: &Path) -> BTreeSet<String> {
    fs::read_dir(fuzz_dir.join("fuzz_targets"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "rs").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect()
}

/// Copies every fixture file that suits `target` into `fuzz/corpus/<target>/` (named by the
/// fixture path, so reruns overwrite rather than duplicate). `schema_diff` takes pairs
/// `OLD NUL NEW`: each schema against itself and against the next one.
fn seed(root: &Path, fuzz_dir: &Path, target: &str) -> std::io::Result<usize> {
    let Some((_, wanted)) = TARGETS.iter().find(|(n, _)| *n == target) else {
        return Ok(0);
    };
    let corpus = fuzz_dir.join("corpus").join(target);
    fs::create_dir_all(&corpus)?;
    let mut files = Vec::new();
    collect(&root.join("ops-fixtures"), &mut files)?;
    files.retain(|p| wanted(p));
    files.sort();
    let seed_name = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace(['/', '\\'], "__")
    };
    let mut n = 0;
    if target == "schema_diff" {
        for (i, a) in files.iter().enumerate() {
            let next = &files[(i + 1) % files.len()];
            let (old, new) = (fs::read(a)?, fs::read(next)?);
            for (suffix, other) in [("same", &old), ("next", &new)] {
                let mut pair = old.clone();
                pair.push(0);
                pair.extend_from_slice(other);
                fs::write(corpus.join(format!("{}.{suffix}", seed_name(a))), pair)?;
                n += 1;
            }
        }
    } else {
        for file in &files {
            fs::copy(file, corpus.join(seed_name(file)))?;
            n += 1;
        }
    }
    Ok(n)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(&entry.path(), out)?;
        } else if kind.is_file() {
            out.push(entry.path());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_pick_their_fixture_files() {
        let pick = |target: &str, path: &str| {
            TARGETS
                .iter()
                .find(|(n, _)| *n == target)
                .is_some_and(|(_, f)| f(Path::new(path)))
        };
        assert!(pick("workflow", "a/.github/workflows/ci.yml"));
        assert!(!pick("yaml", "a/.github/workflows/ci.yml"));
        assert!(pick("yaml", "ops/k8s/values.yaml"));
        assert!(pick("make", "makefiles/ops.mk"));
        assert!(pick("schema_diff", "ops/_schemas/a.v1.schema.json"));
        assert!(parse(&["--seconds".into(), "5".into(), "shell".into()]).is_ok());
        assert!(parse(&["nope".into()]).is_err());
    }
}
