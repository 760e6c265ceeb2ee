//! The driver: one walk, rules in parallel, suppressions and the baseline, one sorted report.

use std::time::Duration;

use ops_model::{CheckMode, Contract, Rule, RuleMeta};
use ops_report::Baseline;

use crate::registry::all_rules;

mod baseline;
mod not_read;
mod paths;
mod run;
mod selection;

pub use baseline::BaselineChoice;

/// The most worker threads an engine starts.
pub const MAX_JOBS: usize = 256;

/// Checks repositories against a [`Contract`].
///
/// One [`Engine::check`] walks the tree once, runs the selected rules in parallel (with the
/// engine's scan for suppression comments beside them), applies the suppressions and the
/// baseline, and returns one sorted [`Report`](ops_report::Report). Output is deterministic: the same tree gives
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
}
