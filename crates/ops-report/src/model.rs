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
}

impl From<&Finding> for ReportFinding {
    fn from(f: &Finding) -> Self {
        ReportFinding {
            code: f.code.to_string(),
            slug: f.slug.to_string(),
            severity: f.severity,
            path: f.path.clone(),
            span: f.span,
            message: f.message.clone(),
            help: f.help.clone(),
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
        let mut summary = Summary {
            entries,
            rules,
            ..Summary::default()
        };
        let mut counts = BTreeMap::new();
        for f in findings {
            match f.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
            *counts.entry(f.code.to_string()).or_insert(0) += 1;
        }
        Report {
            schema_version: REPORT_SCHEMA_VERSION,
            tool: ToolInfo {
                name: "ops-check".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            contract_version: ops_model::CONTRACT_VERSION.into(),
            root,
            config,
            summary,
            findings: findings.iter().map(ReportFinding::from).collect(),
            counts,
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
