//! One run: everything a [`CheckContext`] borrows, owned in one place, and the two passes
//! that run rules over it.
//!
//! The engine, `ops-check gen` and the tests all build their context through
//! [`RunContext`], so a rule sees the same thing wherever it runs.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;

use crate::rule::{FileInfo, Scans};
use crate::{
    CheckContext, CheckMode, Contract, FileCache, Finding, GitFacts, RepoIndex, Rule, RuleMeta,
    SharedState,
};
use pass::RuleClock;

/// Everything one run of the rules reads: the contract, the walked tree, the file cache,
/// git facts, the mode and per-run shared state.
pub struct RunContext {
    /// The effective contract.
    pub contract: Contract,
    /// The walked tree.
    pub index: Arc<RepoIndex>,
    /// File contents, read at most once per run.
    pub files: FileCache,
    /// Git facts; `None` outside a work tree.
    pub git: Option<GitFacts>,
    /// How the check runs.
    pub mode: CheckMode,
    /// Per-run values shared by the rules of a family.
    pub shared: SharedState,
    /// `check --base REV`: files as they were at that revision.
    pub base: Option<crate::BaseRevision>,
    /// Measure each rule's CPU time ([`RuleOutcome::cpu`]); off by default, since reading
    /// the thread clock around every scanned file costs a little.
    pub timings: bool,
}

/// What one rule produced in a run.
pub struct RuleOutcome {
    /// The rule.
    pub rule: &'static RuleMeta,
    /// The rule's findings, or the message of the panic that stopped it.
    pub result: Result<Vec<Finding>, String>,
    /// With [`RunContext::timings`]: the CPU time of the rule's `wants`, `scan_file` and
    /// `check` calls, summed over threads (see [`crate::cpu_clock`]). A file read or parse
    /// that several rules share is charged to the rule that asked first.
    pub cpu: Option<Duration>,
}

/// How [`RunContext::open`] reads a tree.
#[derive(Clone, Debug)]
pub struct OpenOptions {
    /// Honour ignore files for untracked paths (tracked files are always in).
    pub respect_ignore: bool,
    /// Walker threads; 0 uses every core.
    pub threads: usize,
    /// Ask git which files are tracked.
    pub use_git: bool,
    /// Runtime mode (`check --runtime`): also ask git for untracked and ignored files.
    pub runtime: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            respect_ignore: true,
            threads: 0,
            use_git: true,
            runtime: false,
        }
    }
}

impl RunContext {
    /// Reads the tree at `root` for a run: one walk, and `git ls-files` at the same time on
    /// another thread. The config's `exclude` trees are left out of both. Files that git
    /// tracks are in the index even when an ignore file matches them.
    ///
    /// Git facts are `None` outside a work tree (or without git); the reason is returned
    /// beside the context so a caller that needs git can say why it is missing.
    pub fn open(
        root: &std::path::Path,
        contract: Contract,
        options: &OpenOptions,
    ) -> Result<(RunContext, Option<crate::GitUnavailable>), crate::ModelError> {
        let walk = crate::WalkOptions {
            respect_ignore: options.respect_ignore,
            threads: options.threads,
            exclude: contract.exclude.clone(),
        };
        let (index, git) = std::thread::scope(|scope| {
            let git = options
                .use_git
                .then(|| scope.spawn(|| GitFacts::load(root, options.runtime)));
            let index = RepoIndex::build(root, &walk);
            let git = match git.map(|handle| handle.join()) {
                None => Err(crate::GitUnavailable::NoGit(
                    "git facts are switched off".into(),
                )),
                Some(Ok(result)) => result,
                Some(Err(_)) => Err(crate::GitUnavailable::NoGit("git reader failed".into())),
            };
            (index, git)
        });
        let mut index = index?;
        let (git, why) = match git {
            Ok(mut facts) => {
                facts.retain(|p| !crate::index::is_excluded(&contract.exclude, p.as_str(), false));
                if options.respect_ignore {
                    index.add_tracked(facts.tracked(), &contract.exclude);
                }
                (Some(facts), None)
            }
            Err(why) => (None, Some(why)),
        };
        let mode = CheckMode {
            runtime: options.runtime,
        };
        Ok((
            RunContext::new(contract, index)
                .with_git_facts(git)
                .with_mode(mode),
            why,
        ))
    }

    /// A run over `index` with `contract`, no git facts, in check mode.
    pub fn new(contract: Contract, index: RepoIndex) -> RunContext {
        let index = Arc::new(index);
        let files = FileCache::with_limits(index.clone(), contract.limits.clone());
        RunContext {
            contract,
            index,
            files,
            git: None,
            mode: CheckMode::default(),
            shared: SharedState::new(),
            base: None,
            timings: false,
        }
    }

    /// Adds git facts.
    pub fn with_git(mut self, git: GitFacts) -> Self {
        self.git = Some(git);
        self
    }

    /// Sets git facts, or none.
    pub fn with_git_facts(mut self, git: Option<GitFacts>) -> Self {
        self.git = git;
        self
    }

    /// Adds the files of a base revision (`check --base`).
    pub fn with_base(mut self, base: crate::BaseRevision) -> Self {
        self.base = Some(base);
        self
    }

    /// Sets the mode.
    pub fn with_mode(mut self, mode: CheckMode) -> Self {
        self.mode = mode;
        self
    }

    /// Switches per-rule CPU timings on or off ([`RunContext::timings`]).
    pub fn with_timings(mut self, timings: bool) -> Self {
        self.timings = timings;
        self
    }

    /// Switches on runtime mode.
    pub fn runtime(mut self) -> Self {
        self.mode.runtime = true;
        self
    }

    /// The walked tree.
    pub fn index(&self) -> &RepoIndex {
        &self.index
    }

    /// A context without scan results (for code that reads facts outside a rule run, such
    /// as `gen`).
    pub fn cx(&self) -> CheckContext<'_> {
        self.cx_with(Scans::empty())
    }

    fn cx_with<'a>(&'a self, scans: &'a Scans) -> CheckContext<'a> {
        CheckContext {
            contract: &self.contract,
            index: &self.index,
            files: &self.files,
            git: self.git.as_ref(),
            mode: &self.mode,
            shared: &self.shared,
            base: self.base.as_ref(),
            scans,
        }
    }

    /// The regular files that some rule of `rules` wants and that were found over
    /// `limits.max_file_size` when read ([`FileCache::oversized`]), so no rule saw their
    /// content: `(index position, size in bytes)`, in index order. Call it after the rules
    /// ran. Asks each rule's `wants` again for those files only (a panic counts as not
    /// wanted).
    pub fn too_large_to_read(&self, rules: &[&dyn Rule]) -> Vec<(usize, u64)> {
        let bare = self.cx();
        let entries = self.index.entries();
        self.files
            .oversized()
            .into_iter()
            .filter(|&(i, _)| {
                let info = FileInfo {
                    entry: &entries[i],
                    position: i,
                    files: &self.files,
                };
                rules.iter().any(|rule| {
                    catch_unwind(AssertUnwindSafe(|| rule.wants(&bare, &info))).unwrap_or(false)
                })
            })
            .collect()
    }

    /// Runs `rules` in the current rayon pool: the scan pass (each file read once, offered to
    /// every rule that wants it, in parallel), then each rule's `check`, in parallel. A rule
    /// that panics in either part gets the panic's message instead of findings; the other
    /// rules are not affected. Outcomes come in the order of `rules`.
    pub fn check_rules(&self, rules: &[&dyn Rule]) -> Vec<RuleOutcome> {
        let clock = RuleClock::new(self.timings, rules.len());
        let per_file = self.scan_pass(rules, &clock);

        let mut findings: Vec<Vec<Finding>> = rules.iter().map(|_| Vec::new()).collect();
        let mut failures: Vec<Option<String>> = rules.iter().map(|_| None).collect();
        let mut facts: Vec<Vec<_>> = rules.iter().map(|_| Vec::new()).collect();
        for (i, outputs) in per_file {
            for (n, output) in outputs {
                match output {
                    Ok(out) => {
                        findings[n].extend(out.findings);
                        if out.facts.is_some() {
                            facts[n].push((i, out.facts));
                        }
                    }
                    Err(message) => {
                        failures[n].get_or_insert(message);
                    }
                }
            }
        }
        let mut scans = Scans::default();
        for (rule, kept) in rules.iter().zip(facts) {
            scans.insert(rule.meta().code, kept);
        }
        let cx = self.cx_with(&scans);
        let checked: Vec<Result<Vec<Finding>, String>> = rules
            .par_iter()
            .zip(failures.par_iter())
            .enumerate()
            .map(|(n, (rule, failed))| match failed {
                Some(message) => Err(message.clone()),
                None => {
                    let start = clock.start();
                    let result =
                        catch_unwind(AssertUnwindSafe(|| rule.check(&cx))).map_err(panic_message);
                    clock.charge(n, start);
                    result
                }
            })
            .collect();
        rules
            .iter()
            .zip(findings)
            .zip(checked)
            .zip(clock.into_times())
            .map(|(((rule, mut scanned), checked), cpu)| RuleOutcome {
                rule: rule.meta(),
                result: checked.map(|own| {
                    scanned.extend(own);
                    crate::finding::merge_repeats(scanned)
                }),
                cpu,
            })
            .collect()
    }

    /// Runs one rule and returns its findings sorted; a panic is re-raised (for tests).
    pub fn run(&self, rule: &dyn Rule) -> Vec<Finding> {
        let outcome = self.check_rules(&[rule]).pop();
        let mut findings = match outcome.map(|o| o.result) {
            Some(Ok(findings)) => findings,
            Some(Err(message)) => std::panic::panic_any(message),
            None => Vec::new(),
        };
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        findings
    }

    /// Runs one rule and returns `path: message` lines, handy in assertions.
    pub fn run_lines(&self, rule: &dyn Rule) -> Vec<String> {
        crate::testing::finding_lines(&self.run(rule))
    }
}

/// The text of a panic payload.
pub fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[path = "run_pass.rs"]
mod pass;

#[cfg(test)]
#[path = "run_tests.rs"]
mod tests;
