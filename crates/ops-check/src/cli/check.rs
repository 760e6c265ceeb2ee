//! `ops-check check [PATH]`.
//!
//! Where things go: the report, in `--format`, goes to stdout or to `-o FILE`. The human and
//! concise formats printed to stdout end with the summary line (with the run time on a
//! terminal); in every other case — a machine format, `-o FILE`, `--quiet` — the summary line,
//! with the run time, goes to stderr, after the `--statistics` table when asked. So stdout and
//! the report file are the same bytes on every run, and a CI log still shows the verdict.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use ops_model::{Contract, RepoPath};
use ops_report::{Format, RenderOptions, Report, summary};

use super::CliError;
use super::git;
use super::output::{ColorChoice, color_enabled, emit};
use crate::registry::{ENGINE_DIAGNOSTICS, INTERNAL_ERROR, UNREADABLE_PATH};
use crate::{BaselineChoice, Engine};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Repository root to check (the directory that holds `ops/`; may be a subdirectory of a
    /// git work tree). Default: the nearest directory at or above the current one with an
    /// ops-check.toml, else the top of the git work tree, else the current directory.
    path: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// Run only these rules (code, name or group prefix; comma-separated or repeated).
    /// Replaces the config's `select`.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules (added to the config's `ignore`).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Write the report to FILE instead of stdout; the summary line then goes to stderr.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Config file (default: ops-check.toml at the checked root, if present).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Also check files that .gitignore excludes.
    #[arg(long)]
    no_ignore: bool,
    /// Runtime mode: after an operator run, report untracked and ignored files outside the
    /// allowed roots (ART008).
    #[arg(long)]
    runtime: bool,
    /// Worker threads, 1 to 256 (default: every core). Output is identical for any value.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// When to colour the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print nothing but the summary line (on stderr). A report file named by -o is still
    /// written in full.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Show the number of findings per rule instead of the findings (human and concise on
    /// stdout); with another format, -o or --quiet the table goes to stderr.
    #[arg(long)]
    statistics: bool,
    /// Exit 0 even when there are error findings. Exit 2 (no report, or an incomplete one)
    /// is kept.
    #[arg(long)]
    exit_zero: bool,
    /// Report only findings on files changed since the git revision REV (its merge base with
    /// HEAD, to the work tree, plus untracked files), on directories holding them, and on the
    /// repository as a whole. For gating pull requests of repositories with old findings.
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
    /// Absolute base URL of the rule pages, for links in the sarif (helpUri) and markdown
    /// reports: a rule's page is URL/CODE.md, or URL with `{code}` replaced by the code.
    #[arg(long, value_name = "URL")]
    docs_url: Option<String>,
    /// Compare the schemas with this git revision instead of the schema lock (SCH006);
    /// read with git, no checkout.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// Hide the findings recorded in this baseline file (written by `ops-check baseline
    /// write`) and report its stale entries (OPS005). Default: the config's `baseline`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    baseline: Option<PathBuf>,
    /// Apply no baseline, even one the config names.
    #[arg(long)]
    no_baseline: bool,
    /// Stale baseline entries are errors (exit 1), so the baseline must shrink as findings
    /// are fixed (`ops-check baseline write --prune`).
    #[arg(long)]
    strict_baseline: bool,
    /// Debugging aid for `cargo xtask bench --per-rule` (hidden): write each rule's CPU time
    /// to FILE, one `CODE<TAB>SECONDS` line per rule, in registry order. The report is
    /// unchanged. See docs/benchmarks.md.
    #[arg(long, value_name = "FILE", hide = true)]
    timings: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    /// For people: one block per finding with its fix, then a summary line.
    Human,
    /// One line per finding (`path:line:col: CODE message`), then a summary line.
    Concise,
    /// The full report; its schema is `ops-check schema report`.
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps, IDEs).
    Sarif,
    /// JUnit XML, for CI test-report views.
    Junit,
    /// GitHub Actions annotations on the pull request's files.
    Github,
    /// GitLab Code Quality JSON, for the merge-request widget.
    Gitlab,
    /// Markdown: a table per rule and the first findings, for $GITHUB_STEP_SUMMARY and PR
    /// comments.
    Markdown,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Concise => Format::Concise,
            FormatArg::Json => Format::Json,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Junit => Format::Junit,
            FormatArg::Github => Format::Github,
            FormatArg::Gitlab => Format::Gitlab,
            FormatArg::Markdown => Format::Markdown,
        }
    }
}

/// `--timings FILE`: `CODE<TAB>SECONDS` lines.
fn write_timings(path: &Path, timings: &[crate::RuleTiming]) -> Result<(), CliError> {
    let text: String = timings
        .iter()
        .map(|t| format!("{}\t{:.6}\n", t.rule.code, t.cpu.as_secs_f64()))
        .collect();
    std::fs::write(path, text).map_err(|source| CliError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Loads the config for a root: `--config FILE`, else `ops-check.toml` at the root.
pub fn load_contract(
    root: &Path,
    config: Option<&Path>,
) -> Result<(Contract, Option<PathBuf>), CliError> {
    Ok(match config {
        Some(file) => (Contract::load(file)?, Some(file.to_path_buf())),
        None => Contract::discover(root)?,
    })
}

/// The config path as shown in the report: relative to the root when inside it.
fn config_label(root: &Path, file: Option<&Path>) -> Option<String> {
    file.map(|f| {
        f.strip_prefix(root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/")
    })
}

/// The docs URL must be an absolute URI (RFC 3986): SARIF's `helpUri` requires one. `origin`
/// names where it was given (`--docs-url`, or the config key).
fn check_docs_url(url: &str, origin: &str) -> Result<(), CliError> {
    // `{code}` is not URI syntax; check the URL as it will be used.
    let sample = url.replace("{code}", "LAY001");
    fluent_uri::Uri::parse(sample.as_str())
        .map(|_| ())
        .map_err(|e| {
            CliError::Usage(format!(
                "{origin} {url}: not an absolute URI ({e}); expected e.g. https://host/docs/rules"
            ))
        })
}

/// The docs URL: `--docs-url`, else the config's `docs_url`; checked either way.
fn docs_url(args: &CheckArgs, contract: &Contract) -> Result<Option<String>, CliError> {
    if let Some(url) = &args.docs_url {
        check_docs_url(url, "--docs-url")?;
        return Ok(Some(url.clone()));
    }
    if contract.docs_url.is_empty() {
        return Ok(None);
    }
    let origin = match contract.source.locate("docs_url", None) {
        Some(at) => format!("{at}: `docs_url`"),
        None => "`docs_url`".to_string(),
    };
    check_docs_url(&contract.docs_url, &origin)?;
    Ok(Some(contract.docs_url.clone()))
}

/// An engine for `root` with the options `check` and `baseline write` share.
pub fn engine_for(
    root: &Path,
    config: Option<&Path>,
    no_ignore: bool,
    jobs: Option<usize>,
) -> Result<Engine, CliError> {
    let (contract, file) = load_contract(root, config)?;
    let mut engine = Engine::new(contract)
        .respect_ignore(!no_ignore)
        .config_label(config_label(root, file.as_deref()));
    if let Some(jobs) = jobs {
        if jobs == 0 || jobs > crate::MAX_JOBS {
            return Err(CliError::Usage(format!(
                "--jobs must be between 1 and {}",
                crate::MAX_JOBS
            )));
        }
        engine = engine.jobs(jobs);
    }
    Ok(engine)
}

pub fn run(args: CheckArgs) -> Result<ExitCode, CliError> {
    let started = Instant::now();
    let root = super::root::or_discover(args.path.clone());
    if let Some(url) = &args.docs_url {
        check_docs_url(url, "--docs-url")?;
    }
    // Asked first: a mistyped revision should fail before a long check.
    let changed = match &args.changed_since {
        Some(rev) => Some(git::changed_since(&root, rev)?),
        None => None,
    };

    let (mut contract, file) = load_contract(&root, args.config.as_deref())?;
    let docs_url = docs_url(&args, &contract)?;
    if !args.select.is_empty() {
        contract.select = args.select.clone();
    }
    contract.ignore.extend(args.ignore.iter().cloned());

    let baseline = match (&args.baseline, args.no_baseline) {
        (Some(file), _) => BaselineChoice::File(file.clone()),
        (None, true) => BaselineChoice::Off,
        (None, false) => BaselineChoice::FromConfig,
    };
    let mut engine = Engine::new(contract)
        .respect_ignore(!args.no_ignore)
        .runtime(args.runtime)
        .base(args.base.clone())
        .baseline_choice(baseline)
        .strict_baseline(args.strict_baseline)
        .config_label(config_label(&root, file.as_deref()))
        .timings(args.timings.is_some());
    if let Some(jobs) = args.jobs {
        if jobs == 0 || jobs > crate::MAX_JOBS {
            return Err(CliError::Usage(format!(
                "--jobs must be between 1 and {}",
                crate::MAX_JOBS
            )));
        }
        engine = engine.jobs(jobs);
    }
    let (mut report, timings) = engine.check_timed(&root)?;
    if let Some(path) = &args.timings {
        write_timings(path, &timings)?;
    }
    // Judged on the whole report: an unreadable directory is no less missing for being
    // outside the change.
    let incomplete = report
        .findings
        .iter()
        .any(|f| f.code == INTERNAL_ERROR.code || f.code == UNREADABLE_PATH.code);
    if let (Some(changed), Some(rev)) = (&changed, &args.changed_since) {
        let before = report.findings.len();
        report.retain(|f| git::touches_changed(&f.path, changed));
        let hidden = before - report.findings.len();
        if hidden > 0 {
            eprintln!(
                "ops-check: --changed-since {rev}: {hidden} finding{} on unchanged files not shown",
                if hidden == 1 { "" } else { "s" }
            );
        }
    }

    let format = Format::from(args.format);
    let repo_prefix = match format {
        Format::Github | Format::Sarif | Format::Gitlab | Format::Markdown => {
            git::work_tree_prefix_or_root(&root)
        }
        _ => RepoPath::root(),
    };
    let mut rules: Vec<_> = engine.selected_rules()?.iter().map(|r| r.meta()).collect();
    rules.extend(ENGINE_DIAGNOSTICS.iter().copied());
    let mut options = RenderOptions {
        color: color_enabled(args.color, args.output.is_some()),
        repo_prefix,
        docs_url,
        rules,
        statistics: false,
        elapsed: None,
    };

    // The summary is part of stdout only for a people's format printed there.
    let summary_on_stdout = format.for_people() && args.output.is_none() && !args.quiet;
    if summary_on_stdout {
        options.statistics = args.statistics;
        if std::io::stdout().is_terminal() {
            options.elapsed = Some(started.elapsed());
        }
    }
    if !args.quiet || args.output.is_some() {
        emit(args.output.as_deref(), |out| {
            Ok(ops_report::write(&report, format, out, &options)?)
        })?;
    }
    if !summary_on_stdout {
        write_stderr_summary(&report, args.statistics, started)?;
    }
    Ok(if incomplete {
        ExitCode::from(2)
    } else if report.has_errors() && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The `--statistics` table (when asked) and the summary line with the run time, on stderr.
fn write_stderr_summary(
    report: &Report,
    statistics: bool,
    started: Instant,
) -> Result<(), CliError> {
    let mut text = Vec::new();
    if statistics {
        summary::write_statistics(report, &mut text)?;
    }
    writeln!(text, "{}", summary::line(report, Some(started.elapsed())))
        .map_err(super::output::io_err)?;
    // A closed stderr is no reason to fail a check whose report is written.
    let _ = std::io::stderr().lock().write_all(&text);
    Ok(())
}
