//! How much a finding matters.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The severity of a finding. Only `error` findings make `check` exit 1.
///
/// Written lowercase (`error`, `warning`, `info`); a config may also write `warn` for
/// `warning`.
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
    #[serde(alias = "warn")]
    Warning,
    /// A note about how the check ran (a degraded mode, a skipped input).
    Info,
}

impl Severity {
    /// The lowercase name, as written in configs and reports.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warn_is_read_as_warning() {
        let read = |s: &str| serde_json::from_str::<Severity>(s).ok();
        assert_eq!(read("\"warn\""), Some(Severity::Warning));
        assert_eq!(read("\"warning\""), Some(Severity::Warning));
        assert_eq!(
            serde_json::to_string(&Severity::Warning).ok().as_deref(),
            Some("\"warning\"")
        );
    }
}
