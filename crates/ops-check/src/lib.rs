//! ops-check: enforces a repository's Ops Contract.
//!
//! Use it three ways: the `ops-check` binary, `cargo xtask ops-check`, or as a library inside
//! another operator CLI:
//!
//! ```no_run
//! use ops_check::{Contract, Engine};
//!
//! let (contract, _config_file) = Contract::discover("path/to/repo".as_ref())?;
//! let report = Engine::new(contract).jobs(4).check("path/to/repo".as_ref())?;
//! for finding in &report.findings {
//!     println!("{} {} {}", finding.path, finding.code, finding.message);
//! }
//! std::process::exit(if report.has_errors() { 1 } else { 0 });
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod baseline;
pub mod clean;
pub mod cli;
pub mod docs;
mod engine;
mod error;
pub mod init;
pub mod registry;
mod suppress;

pub use engine::{BaselineChoice, Engine, MAX_JOBS, RuleTiming};
pub use error::EngineError;
pub use ops_model::{CheckMode, Contract, Finding, Rule, RuleMeta, Severity};
pub use ops_report::{Baseline, Report, ReportFinding};
