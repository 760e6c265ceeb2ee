//! The shared model of ops-check.
//!
//! Everything a rule needs lives here: the [`Contract`] (what the repository promises, with
//! defaults equal to Ops Contract 1.0.0), the [`RepoIndex`] built by one walk of the tree,
//! the [`FileCache`] that reads and parses each file at most once, git facts, and the
//! [`Rule`] trait with its [`RuleMeta`] and [`Finding`]s.
//!
//! Rules are pure: they never touch the file system, the process environment or the clock
//! directly; they read through [`CheckContext`]. That is what lets the driver run them in
//! parallel and lets tests run them against small in-memory-built trees ([`testing::TestRepo`]).

#![warn(missing_docs)]

pub mod base_revision;
pub mod cache;
pub mod contract;
pub mod cpu_clock;
pub mod error;
pub mod finding;
pub mod git;
pub mod glob;
pub mod index;
pub mod kind;
pub mod path;
pub mod rule;
pub mod run;
pub mod selector;
pub mod severity;
pub mod shared;
pub mod suggest;
pub mod testing;
pub mod text;

pub use base_revision::{BaseError, BaseRevision};
pub use cache::{FileCache, JsonError, ReadError, SourceFile};
pub use contract::Contract;
pub use error::{ConfigError, ModelError};
pub use finding::{Finding, Span};
pub use git::{GitFacts, GitUnavailable};
pub use glob::GlobList;
pub use index::{Entry, EntryKind, LinkInfo, LinkTarget, RepoIndex, WalkIssue, WalkOptions};
pub use kind::FileKind;
pub use path::RepoPath;
pub use rule::{CheckContext, CheckMode, FileInfo, Rule, RuleMeta, ScanOutput, Scans};
pub use run::{RuleOutcome, RunContext};
pub use selector::Selector;
pub use severity::Severity;
pub use shared::SharedState;

/// The version of the Ops Contract whose defaults this crate encodes.
pub const CONTRACT_VERSION: &str = "1.0.0";
