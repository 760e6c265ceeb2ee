//! `[[suppress]]`: findings of some rules on some paths, accepted on purpose, with a reason.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::matchers::PathGlobs;
use crate::RepoPath;

/// One `[[suppress]]` entry:
///
/// ```toml
/// [[suppress]]
/// paths = ["ops/vendor/**"]
/// rules = ["LAY004"]
/// reason = "vendored upstream; fixed there"
/// ```
///
/// Every key is required. The engine checks that each rule selector names a rule and
/// reports an entry that suppresses nothing (OPS003).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// Repository path globs of the files and directories whose findings are suppressed
    /// (`*` stays inside one path component, `**` crosses them). A glob that matches every
    /// name inside a directory (`ops/vendor/**`, `ops/vendor/*`) also covers the directory
    /// itself.
    pub paths: PathGlobs,
    /// Rules whose findings are suppressed there: codes (`LAY004`), names or group prefixes.
    pub rules: Vec<String>,
    /// Why the findings are accepted; shown with each suppressed finding in the JSON and
    /// SARIF reports. Required.
    pub reason: String,
}

/// A file name no glob written as a literal can match: a glob that matches it inside a
/// directory matches every name there.
const ANY_NAME: &str = "\u{1}";

impl Suppression {
    /// Whether the entry's `paths` cover a finding at `path` (see [`Suppression::paths`]).
    pub fn covers(&self, path: &RepoPath) -> bool {
        self.paths.is_match(path.as_str())
            || (!path.is_root() && self.paths.is_match(&format!("{path}/{ANY_NAME}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(paths: &[&str]) -> Suppression {
        let paths: Vec<String> = paths.iter().map(|p| (*p).to_string()).collect();
        Suppression {
            paths: PathGlobs::new(&paths).unwrap_or_default(),
            rules: vec!["LAY".into()],
            reason: "r".into(),
        }
    }

    #[test]
    fn globs_cover_files_and_the_directory_they_empty() {
        let s = entry(&["ops/vendor/**"]);
        for yes in ["ops/vendor", "ops/vendor/a.sh", "ops/vendor/x/y.sh"] {
            assert!(s.covers(&RepoPath::new(yes)), "{yes}");
        }
        for no in ["ops/vendored", "ops", "", "ops/other/a.sh"] {
            assert!(!s.covers(&RepoPath::new(no)), "{no}");
        }
        let s = entry(&["ops/*/x.sh"]);
        assert!(s.covers(&RepoPath::new("ops/a/x.sh")));
        assert!(!s.covers(&RepoPath::new("ops/a")));
    }
}
