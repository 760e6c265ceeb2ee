//! The driver: one walk, rules in parallel, suppressions and the baseline, one sorted report.

use std::path::Path;
use std::time::Duration;

use ops_model::run::OpenOptions;
use ops_model::{
    BaseRevision, CheckMode, Contract, Finding, Rule, RuleMeta, RuleOutcome, RunContext,
};
use ops_report::{Baseline, Report};

use crate::EngineError;
use crate::registry::{INTERNAL_ERROR, UNREADABLE_PATH, all_rules};
use crate::suppress::apply::{Context, apply};
use crate::suppress::scanner::SuppressionScanner;

mod baseline;
mod not_read;
mod paths;
mod selection;

pub use baseline::BaselineChoice;
use paths::{inside, no_ops_hint};

/// The most worker threads an engine starts.
pub const MAX_JOBS: usize = 256;

/// Checks repositories against a [`Contract`].
///
/// One [`Engine::check`] walks the tree once, runs the selected rules in parallel (with the
/// engine's scan for suppression comments beside them), applies the suppressions and the
/// baseline, and returns one sorted [`Report`]. Output is deterministic: the same tree gives
/// byte-identical reports for any `jobs`.
///
/// Embedded in another command line, with a rule of its own, a baseline and SARIF:
///
/// ```
/// use ops_check::{Baseline, Contract, Engine};
/// use ops_model::testing::TestRepo;
/// use ops_model::{CheckContext, FileInfo, FileKind, Finding, Rule, RuleMeta, ScanOutput,
///     SourceFile, declare_rule};
/// use ops_report::{Format, RenderOptions};
///
/// declare_rule! {
///     /// Shell scripts under ops/ must not call `sudo`.
///     pub NoSudo {
///         code: "XMP001",
///         slug: "no-sudo",
///         clause: "Operator scripts never escalate privileges themselves.",
///         severity: Error,
///         summary: "ops scripts do not call sudo",
///         explanation: "## What\nA script calls sudo.\n## Why\nRuns must not need root.\n## Fix\nDrop it.\n",
///     }
/// }
///
/// impl Rule for NoSudo {
///     fn meta(&self) -> &'static RuleMeta {
///         &Self::META
///     }
///     fn wants(&self, _cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
///         file.kind() == FileKind::Shell
///     }
///     fn scan_file(&self, _cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
///         let Ok(text) = file.text() else { return };
///         for (n, line) in ops_model::text::numbered_lines(text) {
///             if line.trim_start().starts_with("sudo ") {
///                 out.push(Finding::new(&Self::META, file.path().clone(), "`sudo` in an ops script").at_line(n));
///             }
///         }
///     }
///     fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
///         Vec::new()
///     }
/// }
///
/// // A repository with one old problem.
/// let repo = TestRepo::new()
///     .file("ops/stack/up.sh", "#!/bin/sh\nsudo systemctl start x\n");
/// let engine = |baseline: Option<Baseline>| {
///     let engine = Engine::new(Contract::default()).register(&NoSudo).jobs(2);
///     match baseline {
///         Some(b) => engine.baseline(b),
///         None => engine,
///     }
/// };
///
/// // Adopt: record what is there today...
/// let first = engine(None).check(repo.path())?;
/// assert!(first.findings.iter().any(|f| f.code == "XMP001"));
/// let baseline = Baseline::record(&first.findings);
///
/// // ...and from then on report only what is new.
/// let repo = repo.file("ops/stack/down.sh", "#!/bin/sh\nsudo systemctl stop x\n");
/// let engine = engine(Some(baseline));
/// let report = engine.check(repo.path())?;
/// let new: Vec<_> = report.findings.iter().map(|f| (f.code.as_str(), f.path.as_str())).collect();
/// assert_eq!(new, [("XMP001", "ops/stack/down.sh")]);
///
/// // SARIF for code scanning, with the descriptors of every rule that ran.
/// let options = RenderOptions {
///     rules: engine.selected_rules()?.iter().map(|r| r.meta()).collect(),
///     ..RenderOptions::default()
/// };
/// let mut sarif = Vec::new();
/// ops_report::write(&report, Format::Sarif, &mut sarif, &options)?;
/// assert!(String::from_utf8(sarif)?.contains("\"ruleId\": \"XMP001\""));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Engine {
    contract: Contract,
    rules: Vec<&'static dyn Rule>,
    jobs: usize,
    respect_ignore: bool,
    mode: CheckMode,
    use_git: bool,
    config_label: Option<String>,
    base: Option<String>,
    baseline: BaselineChoice,
    strict_baseline: bool,
    timings: bool,
}

/// One rule's CPU time in a run (`check --timings`): its `wants`, `scan_file` and `check`
/// calls summed over threads, a shared read or parse charged to the rule that asked first.
#[derive(Clone, Copy, Debug)]
pub struct RuleTiming {
    /// The rule measured.
    pub rule: &'static RuleMeta,
    /// CPU time on the threads that ran it (thread clocks, summed).
    pub cpu: Duration,
}

impl Engine {
    /// An engine with every registered rule, filtered by the contract's `select`/`ignore`.
    pub fn new(contract: Contract) -> Engine {
        Engine {
            contract,
            rules: all_rules(),
            jobs: 0,
            respect_ignore: true,
            mode: CheckMode::default(),
            use_git: true,
            config_label: None,
            base: None,
            baseline: BaselineChoice::FromConfig,
            strict_baseline: false,
            timings: false,
        }
    }

    /// Runs these rules instead of the registry (still filtered by select/ignore).
    pub fn with_rules(mut self, rules: Vec<&'static dyn Rule>) -> Engine {
        self.rules = rules;
        self
    }

    /// Adds a rule to the ones the engine runs (an embedding tool's own rule; its code must
    /// differ from every other rule's). Select/ignore and `[severity]` apply to it as to any
    /// rule.
    pub fn register(mut self, rule: &'static dyn Rule) -> Engine {
        self.rules.push(rule);
        self
    }

    /// Applies this baseline instead of the config's: findings it records are hidden,
    /// entries that match nothing are reported (OPS005). See [`ops_report::baseline`].
    pub fn baseline(mut self, baseline: Baseline) -> Engine {
        self.baseline = BaselineChoice::Given(baseline);
        self
    }

    /// Chooses the baseline: the config's (the default), a file, a given one, or none.
    pub fn baseline_choice(mut self, choice: BaselineChoice) -> Engine {
        self.baseline = choice;
        self
    }

    /// `--strict-baseline`: stale baseline entries (OPS005) are errors instead of notes.
    pub fn strict_baseline(mut self, strict: bool) -> Engine {
        self.strict_baseline = strict;
        self
    }

    /// Worker threads for the walk and the rules; 0 (the default) uses every core. At most
    /// [`MAX_JOBS`]: more threads than that only add scheduling cost (the output is the
    /// same for any value).
    pub fn jobs(mut self, jobs: usize) -> Engine {
        self.jobs = jobs.min(MAX_JOBS);
        self
    }

    /// Whether `.gitignore`d files are skipped (the default) or checked too.
    pub fn respect_ignore(mut self, respect: bool) -> Engine {
        self.respect_ignore = respect;
        self
    }

    /// Runtime mode (`check --runtime`): untracked and ignored files are reported by ART008.
    pub fn runtime(mut self, runtime: bool) -> Engine {
        self.mode.runtime = runtime;
        self
    }

    /// Whether to ask git which files are tracked (on by default; off makes the run behave
    /// as outside a work tree).
    pub fn use_git(mut self, use_git: bool) -> Engine {
        self.use_git = use_git;
        self
    }

    /// Names the config file in the report.
    pub fn config_label(mut self, label: Option<String>) -> Engine {
        self.config_label = label;
        self
    }

    /// `check --base REV`: read the schemas directory as it was at `REV` (with git, no
    /// checkout) for SCH006 to compare against. An unknown revision stops the run.
    pub fn base(mut self, rev: Option<String>) -> Engine {
        self.base = rev;
        self
    }

    /// Whether [`Engine::check_timed`] measures each rule's CPU time (off by default: it
    /// reads the thread clock around every scanned file).
    pub fn timings(mut self, timings: bool) -> Engine {
        self.timings = timings;
        self
    }

    /// The contract the engine checks against.
    pub fn contract(&self) -> &Contract {
        &self.contract
    }

    /// Checks the repository at `root`.
    ///
    /// The contract is validated first (paths normalized, globs compiled): a contract built
    /// in code gets the same checks as one read from `ops-check.toml`.
    pub fn check(&self, root: &Path) -> Result<Report, EngineError> {
        self.check_timed(root).map(|(report, _)| report)
    }

    /// [`Engine::check`], with each rule's CPU time in the order the rules ran when
    /// [`Engine::timings`] is on (empty otherwise).
    pub fn check_timed(&self, root: &Path) -> Result<(Report, Vec<RuleTiming>), EngineError> {
        let mut contract = self.contract.clone();
        contract
            .validate()
            .map_err(|invalid| EngineError::InvalidContract {
                key: invalid.key,
                message: invalid.message,
            })?;
        let rules = self.selected_rules()?;
        if rules.is_empty() {
            return Err(EngineError::NoRules);
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs)
            .thread_name(|i| format!("ops-check-{i}"))
            .build()
            .map_err(|e| EngineError::ThreadPool {
                jobs: self.jobs,
                message: e.to_string(),
            })?;

        let open = OpenOptions {
            respect_ignore: self.respect_ignore,
            threads: pool.current_num_threads(),
            use_git: self.use_git,
            runtime: self.mode.runtime,
        };
        let (run, no_git) = RunContext::open(root, contract, &open)?;
        let mut run = run.with_timings(self.timings);
        tracing::debug!(
            entries = run.index.entries().len(),
            "walked {}",
            root.display()
        );
        if let Some(why) = &no_git {
            tracing::debug!("no git facts: {why}");
        }
        // Runtime mode without git would check nothing and pass: refuse instead.
        if self.mode.runtime && run.git.is_none() {
            return Err(EngineError::RuntimeWithoutGit {
                why: if self.use_git {
                    format!(
                        "{} is not inside a git work tree (or git cannot be run there)",
                        root.display()
                    )
                } else {
                    "git facts are switched off".to_string()
                },
            });
        }
        // Without an operations tree every rule would report its absence in its own way:
        // say it once, and say where the tree probably is.
        let ops_root = run.contract.ops_root.clone();
        if !run.index.is_dir(&ops_root) {
            return Err(EngineError::NoOpsTree {
                root: root.display().to_string(),
                ops_root: ops_root.clone(),
                hint: no_ops_hint(root, &ops_root),
            });
        }
        if let Some(rev) = &self.base {
            run.base = Some(BaseRevision::load(
                root,
                rev,
                &[run.contract.schema.schemas_dir.as_str()],
                run.contract.limits.max_file_size,
            )?);
        }
        // The engine's scan for suppression comments runs beside the rules, in their pass.
        let scanner = SuppressionScanner::default();
        let mut to_run: Vec<&dyn Rule> = rules.iter().map(|r| *r as &dyn Rule).collect();
        to_run.push(&scanner);
        let outcomes = pool.install(|| run.check_rules(&to_run));
        let timings: Vec<RuleTiming> = outcomes
            .iter()
            .filter_map(|o| o.cpu.map(|cpu| RuleTiming { rule: o.rule, cpu }))
            .collect();
        let index = &run.index;

        let mut findings: Vec<Finding> = outcomes.into_iter().flat_map(internal_error).collect();
        findings.extend(index.issues().iter().map(|issue| {
            Finding::new(
                &UNREADABLE_PATH,
                issue.path.clone(),
                format!(
                    "cannot read `{}` ({}); nothing below it was checked",
                    issue.path, issue.message
                ),
            )
            .help("make it readable by the user running ops-check, or exclude it with .gitignore or .ignore")
        }));

        findings.extend(not_read::not_read(&run, &rules, &findings));

        let known: Vec<&'static RuleMeta> = self.rules.iter().map(|r| r.meta()).collect();
        let ran: Vec<&'static RuleMeta> = rules.iter().map(|r| r.meta()).collect();
        let source = &run.contract.source;
        let context = Context {
            known: &known,
            ran: &ran,
            config: &run.contract.suppress,
            config_path: source.path().and_then(|p| inside(root, p)),
            config_lines: (0..run.contract.suppress.len())
                .map(|i| {
                    source
                        .locate(&format!("suppress.{i}"), None)
                        .map(|l| l.line)
                })
                .collect(),
        };
        let outcome = apply(findings, scanner.take(), &context);
        let mut findings = outcome.kept;
        findings.extend(outcome.diagnostics);
        for f in &mut findings {
            self.override_severity(f);
        }
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();
        let mut suppressed = outcome.suppressed;
        for (f, _) in &mut suppressed {
            self.override_severity(f);
        }

        let mut report = Report::new(
            root.display().to_string(),
            self.config_label.clone(),
            index.entries().len(),
            rules.len(),
            &findings,
        );
        report.set_suppressed(suppressed);
        if let Some(baseline) = self.load_baseline(root, &run.contract)? {
            let stale = report.apply_baseline(&baseline);
            report.add(&crate::baseline::stale_findings(
                &stale,
                self.strict_baseline,
            ));
        }
        Ok((report, timings))
    }
}

/// A rule's findings; a rule that panicked becomes one internal-error finding naming it.
fn internal_error(outcome: RuleOutcome) -> Vec<Finding> {
    let meta = outcome.rule;
    match outcome.result {
        Ok(findings) => findings,
        Err(why) => vec![
            Finding::new(
                &INTERNAL_ERROR,
                ops_model::RepoPath::root(),
                format!(
                    "rule {} ({}) failed internally: {why}",
                    meta.code, meta.slug
                ),
            )
            .help(format!(
                "this is a bug in ops-check; `--ignore {}` skips the rule until it is fixed",
                meta.code
            )),
        ],
    }
}
