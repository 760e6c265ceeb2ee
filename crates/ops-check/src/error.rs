//! Errors that stop a run: exit code 2.

use thiserror::Error;

/// The engine could not check the repository (as opposed to: the repository breaks the
/// contract, which is a finding).
#[derive(Debug, Error)]
pub enum EngineError {
    #[error(transparent)]
    Model(#[from] ops_model::ModelError),
    #[error(transparent)]
    Config(#[from] ops_model::ConfigError),
    #[error(
        "unknown rule selector `{selector}` in {origin}: not a rule code, name or group prefix (see `ops-check rules`)"
    )]
    UnknownSelector { selector: String, origin: String },
    #[error("invalid config: `{key}`: {message}")]
    InvalidContract { key: String, message: String },
    #[error("no rule is selected: `select` and `ignore` leave nothing to run")]
    NoRules,
    #[error("--runtime needs git to tell untracked and ignored files apart, but {why}")]
    RuntimeWithoutGit { why: String },
    #[error("{root} has no operations tree: `{ops_root}/` is not a directory there{hint}")]
    NoOpsTree {
        root: String,
        ops_root: String,
        /// Where the tree probably is, starting with `; `, or empty.
        hint: String,
    },
    #[error("--base: {0}")]
    Base(#[from] ops_model::BaseError),
    #[error("cannot start {jobs} worker threads: {message}")]
    ThreadPool { jobs: usize, message: String },
}
