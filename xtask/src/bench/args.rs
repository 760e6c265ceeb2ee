//! The flags of `cargo xtask bench` and their usage text.

use std::path::PathBuf;

/// Printed by `--help` and on a usage error; docs/benchmarks.md repeats it.
pub const USAGE: &str = "\
usage: cargo xtask bench [PATH] [--files N] [--runs N] [--vs-alint] [--per-rule]
                         [--rule-runs N] [--scaling] [--json] [--jobs N]
                         [--fixture legacy|conforming] [--regenerate]

Times whole processes, paired and interleaved (A B A B ...), and quotes medians:
the ops-check release binary with every rule against the floor, a walk (the same
`ignore` walker with the same options as ops-check's index walk) that reads every file.

  PATH               bench this existing tree instead of a generated one
  --files N          generate a tree of about N files (default 20000): the fixture's
                     ops/ domains, schemas and runbooks replicated into shards, committed
                     in a git repository; cached under target/bench-trees/
  --runs N           counted runs of each command, after one warm-up (default 5)
  --vs-alint         also run alint (`alint check --format json`, the contract part it
                     can express) on the same tree, when alint is on PATH
  --per-rule         each rule's CPU time inside a full run (ops-check's hidden
                     `check --timings FILE`), slowest first
  --rule-runs N      runs of each rule for --per-rule (default 3)
  --scaling          the tree at 1x and 4x the files, and each input dimension a rule
                     iterates over at 1x and 10x items on a small tree: growth factors,
                     superlinear ones flagged
  --json             print one JSON line on stdout (tables, if any, go to stderr)
  --jobs N           pass --jobs N to ops-check and N walker threads to the floor
                     (default: every core)
  --fixture NAME     the fixture to replicate (default legacy; conforming if the
                     legacy one is missing)
  --regenerate       rebuild cached trees
  -h, --help         this text

Build first: cargo build --release -p ops-check -p xtask";

/// Parsed flags; see [`USAGE`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// An existing tree to bench; `None` generates one.
    pub path: Option<PathBuf>,
    /// About how many files the generated tree holds.
    pub files: usize,
    /// Counted runs of each command (at least 1).
    pub runs: usize,
    pub vs_alint: bool,
    pub per_rule: bool,
    /// Runs of each rule alone for `--per-rule` (at least 1).
    pub rule_runs: usize,
    pub scaling: bool,
    pub json: bool,
    /// `--jobs` for ops-check and walker threads for the floor; `None` = every core.
    pub jobs: Option<usize>,
    /// The fixture under `ops-fixtures/` to replicate; `None` picks legacy, else conforming.
    pub fixture: Option<String>,
    pub regenerate: bool,
    pub help: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            path: None,
            files: 20_000,
            runs: 5,
            vs_alint: false,
            per_rule: false,
            rule_runs: 3,
            scaling: false,
            json: false,
            jobs: None,
            fixture: None,
            regenerate: false,
            help: false,
        }
    }
}

/// Parses the arguments after `bench`. Errors name the offending argument.
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut opts = Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} takes a value"))
        };
        let number = |name: &str, v: String| -> Result<usize, String> {
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("{name} takes a whole number, not `{v}`"))
        };
        match flag {
            "--files" => opts.files = number(flag, value(flag)?)?,
            "--runs" => opts.runs = number(flag, value(flag)?)?.max(1),
            "--rule-runs" => opts.rule_runs = number(flag, value(flag)?)?.max(1),
            "--jobs" | "-j" => opts.jobs = Some(number(flag, value(flag)?)?.max(1)),
            "--fixture" => opts.fixture = Some(value(flag)?),
            "--vs-alint" => opts.vs_alint = true,
            "--per-rule" => opts.per_rule = true,
            "--scaling" => opts.scaling = true,
            "--json" => opts.json = true,
            "--regenerate" => opts.regenerate = true,
            "-h" | "--help" => opts.help = true,
            other if !other.starts_with('-') && opts.path.is_none() => {
                opts.path = Some(PathBuf::from(other))
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if opts.files == 0 {
        return Err("--files must be at least 1".into());
    }
    if let Some(f) = &opts.fixture
        && !matches!(f.as_str(), "legacy" | "conforming")
    {
        return Err(format!("--fixture is legacy or conforming, not `{f}`"));
    }
    Ok(opts)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn defaults() {
        assert_eq!(parse(&[]).unwrap(), Options::default());
    }

    #[test]
    fn every_flag() {
        let o = parse(&args(
            "--files 100_000 --runs 7 --vs-alint --per-rule --rule-runs=2 --scaling --json \
             -j 2 --fixture conforming --regenerate",
        ))
        .unwrap();
        assert_eq!(o.files, 100_000);
        assert_eq!(o.runs, 7);
        assert_eq!(o.rule_runs, 2);
        assert_eq!(o.jobs, Some(2));
        assert_eq!(o.fixture.as_deref(), Some("conforming"));
        assert!(o.vs_alint && o.per_rule && o.scaling && o.json && o.regenerate);
        assert_eq!(o.path, None);
    }

    #[test]
    fn a_path_and_at_least_one_run() {
        let o = parse(&args("some/tree --runs 0")).unwrap();
        assert_eq!(o.path, Some(PathBuf::from("some/tree")));
        assert_eq!(o.runs, 1);
    }

    #[test]
    fn errors_name_the_argument() {
        assert!(parse(&args("--files")).unwrap_err().contains("--files"));
        assert!(parse(&args("--files ten")).unwrap_err().contains("`ten`"));
        assert!(parse(&args("--bogus")).unwrap_err().contains("--bogus"));
        assert!(parse(&args("a b")).unwrap_err().contains("`b`"));
        assert!(parse(&args("--fixture x")).unwrap_err().contains("`x`"));
        assert!(parse(&args("--files 0")).is_err());
    }

    #[test]
    fn usage_names_every_flag() {
        for flag in [
            "--files",
            "--runs",
            "--vs-alint",
            "--per-rule",
            "--rule-runs",
            "--scaling",
            "--json",
            "--jobs",
            "--fixture",
            "--regenerate",
        ] {
            assert!(USAGE.contains(flag), "{flag}");
        }
    }
}
