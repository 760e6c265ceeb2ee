//! Baselines: the findings a repository had when it adopted ops-check, recorded so that
//! `check` reports only new ones, and the record only shrinks.
//!
//! A baseline file (`ops-check-baseline.json` by default) is JSON:
//!
//! ```json
//! {
//!   "version": 1,
//!   "entries": [
//!     {
//!       "path": "ops/k8s/lib.sh",
//!       "code": "LAY004",
//!       "count": 2,
//!       "message": "`ops/k8s/lib.sh` is sourced by 2 domains"
//!     }
//!   ]
//! }
//! ```
//!
//! An entry is keyed by the rule code, the path (relative to the checked root) and the
//! message with positions replaced by `N` ([`crate::fingerprint::normalize_message`]): the
//! same key as the finding's fingerprint, written out so that a change to the baseline reads
//! as what it accepts. Line numbers are never part of it, so a finding that only moves still
//! matches. `count` is the number of occurrences accepted: a merged finding counts each of
//! its [`ReportFinding::occurrences`], and findings with the same key add up.
//!
//! Matching is by count per key: when at most `count` occurrences are found, every finding of
//! the key is hidden; when more are found, every finding of the key is shown, with the share
//! the baseline accepts ([`crate::BaselineShare`]), because one new occurrence of an old
//! problem is a new problem and which of them is new cannot be told. An entry with fewer
//! occurrences than its `count` (or none) is stale: [`Comparison::stale`] lists it so the
//! caller can report it and `baseline write --prune` can lower or drop it.
//!
//! The file is written sorted by path, code and message, pretty-printed with a final
//! newline: the same findings give the same bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::fingerprint::normalize_message;
use crate::{BaselineShare, Report, ReportFinding};

/// The version of the baseline format written and read.
pub const BASELINE_VERSION: u32 = 1;

/// The file `baseline write` writes when given no other.
pub const DEFAULT_BASELINE_FILE: &str = "ops-check-baseline.json";

/// A baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// [`BASELINE_VERSION`].
    pub version: u32,
    /// The accepted findings, sorted by path, code and message; one entry per key.
    pub entries: Vec<BaselineEntry>,
}

/// Accepted occurrences of one finding: a rule code, a path and a normalized message.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The path of the finding, relative to the checked root (`""` for the root itself).
    pub path: String,
    /// The rule code.
    pub code: String,
    /// How many occurrences are accepted (at least 1).
    pub count: usize,
    /// The message with positions replaced by `N`.
    pub message: String,
}

/// An entry that matches fewer occurrences than it accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleEntry {
    /// The entry as recorded.
    pub entry: BaselineEntry,
    /// How many of its occurrences are found now (less than `entry.count`).
    pub found: usize,
}

/// What a baseline says about a list of findings ([`Baseline::compare`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// For each finding, in order: hidden by the baseline (`None`), or shown, with the share
    /// the baseline accepts when it accepts some (`Some(share)`), or new (`Some(None)`).
    pub verdicts: Vec<Option<Option<BaselineShare>>>,
    /// Entries that match fewer occurrences than they accept, in baseline order.
    pub stale: Vec<StaleEntry>,
}

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// Not JSON of the baseline's shape.
    #[error("not an ops-check baseline: {0}")]
    Json(#[from] serde_json::Error),
    /// Written by a newer ops-check.
    #[error(
        "baseline format version {0} is not supported (this ops-check reads version {BASELINE_VERSION})"
    )]
    Version(u32),
}

type Key = (String, String, String);

fn key(f: &ReportFinding) -> Key {
    (
        f.path.as_str().to_string(),
        f.code.clone(),
        normalize_message(&f.message),
    )
}

impl Baseline {
    /// A baseline accepting every finding in `findings`.
    pub fn record<'a>(findings: impl IntoIterator<Item = &'a ReportFinding>) -> Baseline {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for f in findings {
            *counts.entry(key(f)).or_insert(0) += f.occurrences.max(1);
        }
        Baseline {
            version: BASELINE_VERSION,
            entries: counts
                .into_iter()
                .map(|((path, code, message), count)| BaselineEntry {
                    path,
                    code,
                    count,
                    message,
                })
                .collect(),
        }
    }

    /// Reads a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let mut baseline: Baseline = serde_json::from_str(text)?;
        if baseline.version != BASELINE_VERSION {
            return Err(BaselineError::Version(baseline.version));
        }
        baseline.normalize();
        Ok(baseline)
    }

    /// Entries sorted, one per key (counts of repeated keys added), none with count 0.
    fn normalize(&mut self) {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for e in self.entries.drain(..) {
            *counts.entry((e.path, e.code, e.message)).or_insert(0) += e.count;
        }
        self.entries = counts
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|((path, code, message), count)| BaselineEntry {
                path,
                code,
                count,
                message,
            })
            .collect();
    }

    /// The file's text: pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Total occurrences accepted.
    pub fn total(&self) -> usize {
        self.entries.iter().map(|e| e.count).sum()
    }

    /// What the baseline says about `findings` (see the module docs).
    pub fn compare(&self, findings: &[ReportFinding]) -> Comparison {
        let accepted: BTreeMap<Key, usize> = self
            .entries
            .iter()
            .map(|e| ((e.path.clone(), e.code.clone(), e.message.clone()), e.count))
            .collect();
        let keys: Vec<Key> = findings.iter().map(key).collect();
        let mut found: BTreeMap<&Key, usize> = BTreeMap::new();
        for (k, f) in keys.iter().zip(findings) {
            *found.entry(k).or_insert(0) += f.occurrences.max(1);
        }
        let verdicts = keys
            .iter()
            .map(|k| {
                let found = found.get(k).copied().unwrap_or(0);
                match accepted.get(k).copied().unwrap_or(0) {
                    0 => Some(None),
                    n if found <= n => None,
                    n => Some(Some(BaselineShare { accepted: n, found })),
                }
            })
            .collect();
        let stale = self
            .entries
            .iter()
            .filter_map(|e| {
                let k = (e.path.clone(), e.code.clone(), e.message.clone());
                let found = found.get(&k).copied().unwrap_or(0);
                (found < e.count).then(|| StaleEntry {
                    entry: e.clone(),
                    found,
                })
            })
            .collect();
        Comparison { verdicts, stale }
    }

    /// The baseline without what `stale` says is gone: counts lowered to what is found,
    /// entries found no more removed. Nothing is added.
    pub fn pruned(&self, stale: &[StaleEntry]) -> Baseline {
        let mut baseline = self.clone();
        for s in stale {
            if let Some(e) = baseline.entries.iter_mut().find(|e| **e == s.entry) {
                e.count = s.found;
            }
        }
        baseline.normalize();
        baseline
    }
}

impl Report {
    /// Hides the findings `baseline` accepts and marks the ones it accepts in part (see
    /// [`crate::baseline`]); returns the stale entries for the caller to report.
    /// `summary.baselined` counts the hidden findings.
    pub fn apply_baseline(&mut self, baseline: &Baseline) -> Vec<StaleEntry> {
        let comparison = baseline.compare(&self.findings);
        let mut hidden = 0;
        let findings = std::mem::take(&mut self.findings);
        self.findings = findings
            .into_iter()
            .zip(comparison.verdicts)
            .filter_map(|(mut f, verdict)| match verdict {
                None => {
                    hidden += 1;
                    None
                }
                Some(share) => {
                    f.baseline = share;
                    Some(f)
                }
            })
            .collect();
        self.summary.baselined += hidden;
        self.retain(|_| true);
        comparison.stale
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::{Finding, RuleMeta, Severity, Span};

    static META: RuleMeta = RuleMeta {
        code: "TST001",
        slug: "t",
        clause: "t",
        severity: Severity::Error,
        summary: "t",
        explanation: "t",
        budgets: &[],
    };

    fn report(findings: &[Finding]) -> Report {
        Report::new("r".into(), None, 1, 1, findings)
    }

    fn at(path: &str, line: u32, message: &str) -> Finding {
        Finding::new(&META, path, message).at(Span::line(line))
    }

    fn merged(path: &str, lines: &[u32], message: &str) -> Finding {
        let mut f = at(path, lines[0], message);
        f.positions = lines.iter().map(|l| Span::line(*l)).collect();
        f
    }

    #[test]
    fn recorded_findings_are_hidden_even_when_they_move() {
        let before = report(&[merged("a.sh", &[3, 9], "x"), at("b.sh", 4, "y at line 4")]);
        let baseline = Baseline::record(&before.findings);
        assert_eq!(baseline.entries.len(), 2);
        assert_eq!(baseline.entries[0].count, 2);
        assert_eq!(baseline.entries[1].message, "y at line N");

        let mut after = report(&[merged("a.sh", &[5, 20], "x"), at("b.sh", 7, "y at line 7")]);
        let stale = after.apply_baseline(&baseline);
        assert!(after.findings.is_empty() && stale.is_empty());
        assert_eq!(after.summary.baselined, 2);
        assert_eq!(after.summary.errors, 0);
    }

    #[test]
    fn one_more_occurrence_shows_the_finding_with_the_share() {
        let baseline = Baseline::record(&report(&[merged("a.sh", &[3, 9], "x")]).findings);
        let mut after = report(&[merged("a.sh", &[3, 9, 12], "x")]);
        assert!(after.apply_baseline(&baseline).is_empty());
        assert_eq!(after.findings.len(), 1);
        assert_eq!(
            after.findings[0].text(),
            "x (3 occurrences: lines 3, 9, 12; the baseline accepts 2 of 3 like it here)"
        );
        assert!(after.has_errors());
    }

    #[test]
    fn fixed_findings_make_entries_stale_and_prune_drops_them() {
        let baseline =
            Baseline::record(&report(&[merged("a.sh", &[3, 9], "x"), at("b.sh", 1, "y")]).findings);
        let mut after = report(&[at("a.sh", 3, "x")]);
        let stale = after.apply_baseline(&baseline);
        assert_eq!(stale.len(), 2);
        assert_eq!((stale[0].entry.count, stale[0].found), (2, 1));
        assert_eq!(stale[1].found, 0);
        let pruned = baseline.pruned(&stale);
        assert_eq!(pruned.entries.len(), 1);
        assert_eq!(pruned.entries[0].count, 1);
    }

    #[test]
    fn the_file_round_trips_sorted_and_refuses_other_versions() {
        let baseline = Baseline::record(
            &report(&[at("z.sh", 1, "b"), at("a.sh", 1, "a"), at("a.sh", 2, "a")]).findings,
        );
        let text = baseline.to_json();
        assert!(text.ends_with("}\n"));
        assert!(text.find("a.sh").unwrap() < text.find("z.sh").unwrap());
        assert_eq!(Baseline::parse(&text).unwrap(), baseline);
        assert_eq!(baseline.total(), 3);
        let err = Baseline::parse("{\"version\": 2, \"entries\": []}").unwrap_err();
        assert!(err.to_string().contains("version 2"), "{err}");
        assert!(Baseline::parse("[]").is_err());
    }
}
