//! Baseline files on disk, and what the engine reports about them: a stale entry is an
//! OPS005 finding at the entry's path (so `--changed-since` shows it with the change that
//! fixed the finding).

use std::path::Path;

use ops_model::{Finding, RepoPath, Severity};
use ops_report::{Baseline, StaleEntry};

use crate::EngineError;
use crate::registry::STALE_BASELINE;

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<Baseline, EngineError> {
    let text = std::fs::read_to_string(path).map_err(|e| EngineError::Baseline {
        path: path.to_path_buf(),
        message: if e.kind() == std::io::ErrorKind::NotFound {
            "no such file (write one with `ops-check baseline write`)".to_string()
        } else {
            e.to_string()
        },
    })?;
    Baseline::parse(&text).map_err(|e| EngineError::Baseline {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// The findings that report stale entries: `info`, or `error` when `strict`.
pub fn stale_findings(stale: &[StaleEntry], strict: bool) -> Vec<Finding> {
    stale
        .iter()
        .map(|s| {
            let e = &s.entry;
            let what = if s.found == 0 {
                "no longer found".to_string()
            } else {
                format!(
                    "found {} of the {} occurrences it records",
                    s.found, e.count
                )
            };
            Finding::new(
                &STALE_BASELINE,
                RepoPath::new(&e.path),
                format!("baseline entry {} \"{}\": {what}", e.code, e.message),
            )
            .help("run `ops-check baseline write --prune` and commit the smaller baseline")
            .severity(if strict {
                Severity::Error
            } else {
                STALE_BASELINE.severity
            })
        })
        .collect()
}
