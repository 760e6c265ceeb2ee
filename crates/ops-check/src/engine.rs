//! The driver: one walk, rules in parallel, one sorted report.

use std::path::Path;
use std::time::Duration;

use ops_model::run::OpenOptions;
use ops_model::selector::is_selected;
use ops_model::{
    BaseRevision, CheckMode, Contract, Finding, Rule, RuleMeta, RuleOutcome, RunContext, Selector,
    Severity,
};
use ops_report::Report;

use crate::EngineError;
use crate::registry::{INTERNAL_ERROR, UNREADABLE_PATH, all_rules};

/// The most worker threads an engine starts.
pub const MAX_JOBS: usize = 256;

/// Checks repositories against a [`Contract`].
///
/// Output is deterministic: the same tree gives byte-identical reports for any `jobs`.
pub struct Engine {
    contract: Contract,
    rules: Vec<&'static dyn Rule>,
    jobs: usize,
    respect_ignore: bool,
    mode: CheckMode,
    use_git: bool,
    config_label: Option<String>,
    base: Option<String>,
    timings: bool,
}

/// One rule's CPU time in a run (`check --timings`): its `wants`, `scan_file` and `check`
/// calls summed over threads, a shared read or parse charged to the rule that asked first.
#[derive(Clone, Copy, Debug)]
pub struct RuleTiming {
    pub rule: &'static RuleMeta,
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
            timings: false,
        }
    }

    /// Runs these rules instead of the registry (still filtered by select/ignore).
    pub fn with_rules(mut self, rules: Vec<&'static dyn Rule>) -> Engine {
        self.rules = rules;
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

    pub fn contract(&self) -> &Contract {
        &self.contract
    }

    /// The rules this engine will run, after `select`/`ignore`. Unknown selectors are errors:
    /// a typo must not silently switch a rule off.
    pub fn selected_rules(&self) -> Result<Vec<&'static dyn Rule>, EngineError> {
        let metas: Vec<_> = self.rules.iter().map(|r| r.meta()).collect();
        let parse = |list: &[String], origin: &str| -> Result<Vec<Selector>, EngineError> {
            list.iter()
                .map(|s| {
                    let sel = Selector::new(s);
                    if sel.matches_any(&metas) {
                        Ok(sel)
                    } else {
                        Err(EngineError::UnknownSelector {
                            selector: s.clone(),
                            origin: origin.to_string(),
                        })
                    }
                })
                .collect()
        };
        let select = parse(&self.contract.select, "select")?;
        let ignore = parse(&self.contract.ignore, "ignore")?;
        for key in self.contract.severity.keys() {
            parse(std::slice::from_ref(key), "severity")?;
        }
        Ok(self
            .rules
            .iter()
            .copied()
            .filter(|r| is_selected(r.meta(), &select, &ignore))
            .collect())
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
        let outcomes = pool.install(|| run.check_rules(&rules));
        let timings: Vec<RuleTiming> = outcomes
            .iter()
            .filter_map(|o| o.cpu.map(|cpu| RuleTiming { rule: o.rule, cpu }))
            .collect();
        let per_rule: Vec<Vec<Finding>> = outcomes.into_iter().map(internal_error).collect();
        let index = &run.index;

        let mut findings: Vec<Finding> = per_rule.into_iter().flatten().collect();
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
        for f in &mut findings {
            if let Some(sev) = self.severity_override(f) {
                f.severity = sev;
            }
        }
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings.dedup();

        let report = Report::new(
            root.display().to_string(),
            self.config_label.clone(),
            index.entries().len(),
            rules.len(),
            &findings,
        );
        Ok((report, timings))
    }

    /// The configured severity for a finding: exact code, then slug, then the longest group
    /// prefix. Engine diagnostics keep theirs.
    fn severity_override(&self, f: &Finding) -> Option<Severity> {
        if f.code == INTERNAL_ERROR.code || f.code == UNREADABLE_PATH.code {
            return None;
        }
        let map = &self.contract.severity;
        if let Some((_, sev)) = map.iter().find(|(k, _)| k.eq_ignore_ascii_case(f.code)) {
            return Some(*sev);
        }
        if let Some(sev) = map.get(f.slug) {
            return Some(*sev);
        }
        map.iter()
            .filter(|(k, _)| {
                !k.is_empty() && k.len() < f.code.len() && f.code[..k.len()].eq_ignore_ascii_case(k)
            })
            .max_by_key(|(k, _)| k.len())
            .map(|(_, sev)| *sev)
    }
}

/// Where the operations tree probably is when `root` has none: `root` itself is the ops
/// tree (the slip `ops-check check ops`), or an ancestor holds one.
fn no_ops_hint(root: &Path, ops_root: &str) -> String {
    let name_matches = root
        .canonicalize()
        .ok()
        .and_then(|abs| abs.file_name().map(|n| n.to_string_lossy().into_owned()))
        .is_some_and(|name| Some(name.as_str()) == ops_root.rsplit('/').next());
    let parent = root.join("..");
    if name_matches && parent.join(ops_root).is_dir() {
        return format!(
            "; `{}` looks like the {ops_root}/ tree itself: check the repository root instead (`ops-check check {}`)",
            root.display(),
            parent.display()
        );
    }
    let mut dir = root.canonicalize().ok();
    while let Some(d) = dir {
        if d.join(ops_root).is_dir() {
            return format!(
                "; {} has one: check that repository root instead",
                d.display()
            );
        }
        dir = d.parent().map(Path::to_path_buf);
    }
    format!(
        "; set `ops_root` in {} if the tree lives elsewhere",
        ops_model::contract::CONFIG_FILE_NAME
    )
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
