//! The report model: what one run found, in the order it is reported.

use std::borrow::Cow;
use std::collections::BTreeMap;

use ops_model::finding::occurrence_suffix;
use ops_model::{Finding, RepoPath, Severity, Span};
use schemars::JsonSchema;
use serde::Serialize;

/// Version of the JSON report format. Bumped only on a breaking change to its shape.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// The result of checking one repository.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Report {
    /// Version of this report format.
    pub schema_version: u32,
    /// The tool that wrote the report.
    pub tool: ToolInfo,
    /// The Ops Contract version whose rules ran.
    pub contract_version: String,
    /// The checked root, as given on the command line.
    pub root: String,
    /// The config file used, if any (relative to the root when inside it).
    pub config: Option<String>,
    /// Totals.
    pub summary: Summary,
    /// Findings sorted by path, position, code and message.
    pub findings: Vec<ReportFinding>,
    /// Number of findings per rule code.
    pub counts: BTreeMap<String, usize>,
    /// Findings a suppression hides (an `ops-check: ignore` comment or a `[[suppress]]`
    /// entry), each with its `suppression`, sorted like `findings`. They do not count as
    /// errors or warnings.
    pub suppressed: Vec<ReportFinding>,
}

/// The tool that wrote the report.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ToolInfo {
    /// `ops-check`.
    pub name: String,
    /// Its version (semver).
    pub version: String,
}

/// Totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// Entries (files, directories, links) in the walked tree.
    pub entries: usize,
    /// Rules that ran.
    pub rules: usize,
    /// Findings at `error` severity.
    pub errors: usize,
    /// Findings at `warning` severity.
    pub warnings: usize,
    /// Findings at `info` severity.
    pub infos: usize,
    /// Findings hidden by a suppression (listed in `suppressed`).
    pub suppressed: usize,
    /// Findings hidden because the baseline records them (not listed).
    pub baselined: usize,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReportFinding {
    /// Stable rule code, e.g. `ART001`.
    pub code: String,
    /// Stable rule name, e.g. `evidence-location`.
    pub slug: String,
    /// `error`, `warning` or `info`, after the config's overrides.
    pub severity: Severity,
    /// Repository-relative, `/`-separated path (`.` for the root itself).
    pub path: RepoPath,
    /// Position inside the file, when the finding is about a place in it (the first one
    /// when it occurs more than once).
    pub span: Option<Span>,
    /// How many times the finding occurs in its file: 1, or the number of `positions`.
    pub occurrences: usize,
    /// Every position, sorted, when the finding occurs more than once (the first is
    /// `span`); empty (and left out of the JSON) otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Span>,
    /// What is wrong. People see it followed by the occurrences ([`ReportFinding::text`]).
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Stable identity of the finding across runs and line moves: 16 hex digits, see
    /// [`crate::fingerprint`].
    pub fingerprint: String,
    /// When a baseline records some but not all occurrences of this finding: how many it
    /// accepts, of how many found (the finding is shown because the rest are new).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineShare>,
    /// Why the finding is suppressed (only for the findings of [`Report::suppressed`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<SuppressionInfo>,
}

/// How much of a finding a baseline accepts: `accepted` of the `found` occurrences of its
/// code, path and message (the rest are new).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BaselineShare {
    /// Occurrences the baseline records.
    pub accepted: usize,
    /// Occurrences found now (more than `accepted`).
    pub found: usize,
}

/// Where a suppression comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SuppressionKind {
    /// An `ops-check: ignore[...]` or `ops-check: ignore-file[...]` comment in the file.
    Inline,
    /// A `[[suppress]]` entry of the config.
    Config,
}

/// Why a finding is suppressed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SuppressionInfo {
    /// A comment in the file, or a config entry.
    pub kind: SuppressionKind,
    /// The reason written with the suppression.
    pub reason: String,
    /// Where the suppression is written, relative to the checked root: the comment's
    /// file, or the config file when it lies inside the root.
    pub path: Option<RepoPath>,
    /// The line of the comment or of the `[[suppress]]` entry.
    pub line: Option<u32>,
}

impl From<&Finding> for ReportFinding {
    /// The finding alone: its fingerprint is that of a first occurrence (a [`Report`] tells
    /// repeats apart).
    fn from(f: &Finding) -> Self {
        let fingerprint = crate::fingerprint::fingerprint(f.code, f.path.as_str(), &f.message);
        ReportFinding::with_fingerprint(f, fingerprint)
    }
}

impl ReportFinding {
    fn with_fingerprint(f: &Finding, fingerprint: String) -> Self {
        ReportFinding {
            code: f.code.to_string(),
            slug: f.slug.to_string(),
            severity: f.severity,
            path: f.path.clone(),
            span: f.span,
            occurrences: f.occurrences(),
            positions: f.positions.clone(),
            message: f.message.clone(),
            help: f.help.clone(),
            fingerprint,
            baseline: None,
            suppression: None,
        }
    }

    /// Report findings for `findings` in their order, with fingerprints that tell repeats
    /// apart (see [`crate::fingerprint::fingerprints`]).
    pub fn list(findings: &[Finding]) -> Vec<ReportFinding> {
        let fingerprints = crate::fingerprint::fingerprints(
            findings
                .iter()
                .map(|f| (f.code, f.path.as_str(), f.message.as_str())),
        );
        findings
            .iter()
            .zip(fingerprints)
            .map(|(f, fingerprint)| ReportFinding::with_fingerprint(f, fingerprint))
            .collect()
    }

    /// The message as people read it: with the occurrences when there are several
    /// (` (3 occurrences: lines 4, 9, 12)`) and what a baseline accepts of them
    /// (`; the baseline accepts 2 of 3`). Every renderer shows this.
    pub fn text(&self) -> Cow<'_, str> {
        let occurrences = occurrence_suffix(&self.positions);
        let baseline = self.baseline.map(|b| {
            format!(
                "the baseline accepts {} of {} like it here",
                b.accepted, b.found
            )
        });
        match (occurrences, baseline) {
            (None, None) => Cow::Borrowed(&self.message),
            (Some(o), None) => format!("{}{o}", self.message).into(),
            (None, Some(b)) => format!("{} ({b})", self.message).into(),
            (Some(o), Some(b)) => {
                let o = o.strip_suffix(')').unwrap_or(&o);
                format!("{}{o}; {b})", self.message).into()
            }
        }
    }

    /// The order findings are reported in: by path, then position, code and message.
    pub fn sort_key(&self) -> (&RepoPath, Option<Span>, &str, &str) {
        (&self.path, self.span, &self.code, &self.message)
    }
}

impl Report {
    /// Builds a report from findings that are already filtered and sorted.
    pub fn new(
        root: String,
        config: Option<String>,
        entries: usize,
        rules: usize,
        findings: &[Finding],
    ) -> Report {
        let summary = Summary {
            entries,
            rules,
            ..Summary::default()
        };
        let findings = ReportFinding::list(findings);
        let mut report = Report {
            schema_version: REPORT_SCHEMA_VERSION,
            tool: ToolInfo {
                name: "ops-check".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            contract_version: ops_model::CONTRACT_VERSION.into(),
            root,
            config,
            summary,
            findings,
            counts: BTreeMap::new(),
            suppressed: Vec::new(),
        };
        report.recount();
        report
    }

    /// Sets the suppressed findings (each with its [`SuppressionInfo`]), sorted and counted.
    pub fn set_suppressed(&mut self, suppressed: Vec<(Finding, SuppressionInfo)>) {
        let (findings, infos): (Vec<Finding>, Vec<SuppressionInfo>) =
            suppressed.into_iter().unzip();
        let mut list: Vec<ReportFinding> = ReportFinding::list(&findings)
            .into_iter()
            .zip(infos)
            .map(|(mut f, info)| {
                f.suppression = Some(info);
                f
            })
            .collect();
        list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.suppressed = list;
        self.recount();
    }

    /// Adds findings made after the report (the baseline's stale entries): sorted in, with
    /// their own fingerprints, counted.
    pub fn add(&mut self, findings: &[Finding]) {
        self.findings.extend(ReportFinding::list(findings));
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.recount();
    }

    /// Keeps only the findings (and suppressed findings) `keep` accepts, and recounts the
    /// summary and the per-rule counts. Fingerprints stay as computed over the whole run, so
    /// a finding keeps its identity whatever else is filtered out (`--changed-since`,
    /// baselines).
    pub fn retain(&mut self, mut keep: impl FnMut(&ReportFinding) -> bool) {
        self.findings.retain(&mut keep);
        self.suppressed.retain(&mut keep);
        self.recount();
    }

    fn recount(&mut self) {
        self.summary.suppressed = self.suppressed.len();
        self.summary.errors = 0;
        self.summary.warnings = 0;
        self.summary.infos = 0;
        self.counts.clear();
        for f in &self.findings {
            match f.severity {
                Severity::Error => self.summary.errors += 1,
                Severity::Warning => self.summary.warnings += 1,
                Severity::Info => self.summary.infos += 1,
            }
            *self.counts.entry(f.code.clone()).or_insert(0) += 1;
        }
    }

    /// True when some finding has error severity (exit code 1).
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }

    /// The JSON Schema of the JSON report (`ops-check schema report`).
    /// It describes the JSON as written (fields left out when empty are not required).
    pub fn json_schema() -> serde_json::Value {
        let schema = schemars::generate::SchemaSettings::default()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<Report>();
        serde_json::to_value(schema).unwrap_or_default()
    }
}
