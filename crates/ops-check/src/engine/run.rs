//! One check: validate the contract, walk once, run the rules and the suppression scan in
//! parallel, then suppressions, severities, the baseline, one sorted report.

use std::path::Path;

use ops_model::run::OpenOptions;
use ops_model::{BaseRevision, Finding, Rule, RuleMeta, RuleOutcome, RunContext};
use ops_report::Report;

use super::paths::{inside, no_ops_hint};
use super::{Engine, RuleTiming, not_read};
use crate::EngineError;
use crate::registry::{INTERNAL_ERROR, UNREADABLE_PATH};
use crate::suppress::apply::{Context, apply};
use crate::suppress::scanner::SuppressionScanner;

impl Engine {
    /// Checks the repository at `root`.
    ///
    /// The contract is validated first (paths normalized, globs compiled): a contract built
    /// in code gets the same checks as one read from `ops-check.toml`. The rules run on a
    /// pool of [`Engine::jobs`] threads made for the call; what the run read and
    /// parsed is freed on a short-lived thread of its own after the report is built, so the
    /// call does not wait for it.
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
        release(run);
        Ok((report, timings))
    }
}

/// Frees the run (file contents, parsed documents, shared values such as the make database
/// and the compiled schemas) on a thread of its own: nothing waits for it, and at the end of
/// a large run it is long (0.25 s of a 200,000-entrypoint surface's make database, 0.07 s at
/// 100,000 files, perf). Dropped here if no thread can be started.
fn release(run: RunContext) {
    let _ = std::thread::Builder::new()
        .name("ops-check-release".to_string())
        .spawn(move || drop(run));
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
