//! Errors that stop a run: exit code 2.

use thiserror::Error;

/// The engine could not check the repository (as opposed to: the repository breaks the
/// contract, which is a finding).
#[derive(Debug, Error)]
pub enum EngineError {
    /// The root cannot be walked.
    #[error(transparent)]
    Model(#[from] ops_model::ModelError),
    /// The config cannot be read.
    #[error(transparent)]
    Config(#[from] ops_model::ConfigError),
    /// A rule selector names no rule.
    #[error(
        "{}unknown rule selector `{selector}` in {origin}: not a rule code, name or group prefix{hint} (see `ops-check rules`)",
        location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default()
    )]
    UnknownSelector {
        /// The selector as written.
        selector: String,
        /// Where it was given: `select`, `ignore`, `[severity]`, `[[suppress]] rules`.
        origin: String,
        /// `file:line:column` in the config, when it was written there.
        location: Option<String>,
        /// `; did you mean ...?`, or empty.
        hint: String,
    },
    /// A contract built in code does not validate.
    #[error("invalid config: `{key}`: {message}")]
    InvalidContract {
        /// The dotted key.
        key: String,
        /// Why.
        message: String,
    },
    /// `select` and `ignore` leave nothing to run.
    #[error("no rule is selected: `select` and `ignore` leave nothing to run")]
    NoRules,
    /// `--runtime` without git facts.
    #[error("--runtime needs git to tell untracked and ignored files apart, but {why}")]
    RuntimeWithoutGit {
        /// Why there are none.
        why: String,
    },
    /// The root has no operations tree.
    #[error("{root} has no operations tree: `{ops_root}/` is not a directory there{hint}")]
    NoOpsTree {
        /// The checked root.
        root: String,
        /// The configured `ops_root`.
        ops_root: String,
        /// Where the tree probably is, starting with `; `, or empty.
        hint: String,
    },
    /// `--base REV` cannot be read.
    #[error("--base: {0}")]
    Base(#[from] ops_model::BaseError),
    /// A baseline file cannot be read.
    #[error("baseline {}: {message}", path.display())]
    Baseline {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        message: String,
    },
    /// The worker pool cannot start.
    #[error("cannot start {jobs} worker threads: {message}")]
    ThreadPool {
        /// Threads asked for.
        jobs: usize,
        /// Why.
        message: String,
    },
}
