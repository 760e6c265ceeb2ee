//! How much a finding matters.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The severity of a finding. Only `error` findings make `check` exit 1.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the contract: fails the check.
    Error,
    /// Likely breaks the contract or will soon: reported, does not fail the check.
    Warning,
    /// A note about how the check ran (a degraded mode, a skipped input).
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
