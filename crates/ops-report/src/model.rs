//! The report model: what one run found, in the order it is reported.

use std::collections::BTreeMap;

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
    pub tool: ToolInfo,
    /// The Ops Contract version whose rules ran.
    pub contract_version: String,
    /// The checked root, as given on the command line.
    pub root: String,
    /// The config file used, if any (relative to the root when inside it).
    pub config: Option<String>,
    pub summary: Summary,
    /// Findings sorted by path, position, code and message.
    pub findings: Vec<ReportFinding>,
    /// Number of findings per rule code.
    pub counts: BTreeMap<String, usize>,
}

/// The tool that wrote the report.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

/// Totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// Entries (files, directories, links) in the walked tree.
    pub entries: usize,
    /// Rules that ran.
    pub rules: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReportFinding {
    /// Stable rule code, e.g. `ART001`.
    pub code: String,
    /// Stable rule name, e.g. `evidence-location`.
    pub slug: String,
    pub severity: Severity,
    /// Repository-relative, `/`-separated path (`.` for the root itself).
    pub path: RepoPath,
    /// Position inside the file, when the finding is about a place in it.
    pub span: Option<Span>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Stable identity of the finding across runs and line moves: 16 hex digits, see
    /// [`crate::fingerprint`].
    pub fingerprint: String,
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
            message: f.message.clone(),
            help: f.help.clone(),
            fingerprint,
        }
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
        let fingerprints = crate::fingerprint::fingerprints(
            findings
                .iter()
                .map(|f| (f.code, f.path.as_str(), f.message.as_str())),
        );
        let findings = findings
            .iter()
            .zip(fingerprints)
            .map(|(f, fingerprint)| ReportFinding::with_fingerprint(f, fingerprint))
            .collect();
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
        };
        report.recount();
        report
    }

    /// Keeps only the findings `keep` accepts, and recounts the summary and the per-rule
    /// counts. Fingerprints stay as computed over the whole run, so a finding keeps its
    /// identity whatever else is filtered out (`--changed-since`, baselines).
    pub fn retain(&mut self, keep: impl FnMut(&ReportFinding) -> bool) {
        self.findings.retain(keep);
        self.recount();
    }

    fn recount(&mut self) {
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
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
    }
}
