//! The report of one `ops-check` run and its renderers.
//!
//! The driver builds one [`Report`]; each output format is one module with a
//! `write(&Report, &mut dyn Write[, &RenderOptions])` function. Renderers never filter or
//! sort: what they print is exactly what the report holds, in its order. [`RenderOptions`]
//! carries what a report does not: where the checked root sits in the repository, rule
//! metadata and links, and the terminal extras (statistics, run time) of the human formats.
//! [`fingerprint`] defines the stable identity of a finding; [`summary`] the summary line;
//! [`baseline`] the baseline file and how it hides recorded findings.

#![warn(missing_docs)]

pub mod baseline;
pub mod concise;
pub mod docs;
pub mod error;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod model;
pub mod options;
pub mod sarif;
pub mod summary;

pub use baseline::{Baseline, BaselineEntry, BaselineError, StaleEntry};
pub use error::ReportError;
pub use model::{
    BaselineShare, REPORT_SCHEMA_VERSION, Report, ReportFinding, Summary, SuppressionInfo,
    SuppressionKind, ToolInfo,
};
pub use options::RenderOptions;

/// Output formats of `ops-check check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people: one block per finding with its fix, then the summary line.
    Human,
    /// One line per finding, `path:line:col: CODE message`, then the summary line.
    Concise,
    /// The [`Report`] as JSON.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// Markdown summary for `$GITHUB_STEP_SUMMARY` and review comments.
    Markdown,
}

impl Format {
    /// Whether the format is meant for people and ends with the summary line (human,
    /// concise). The others are read by programs.
    pub fn for_people(self) -> bool {
        matches!(self, Format::Human | Format::Concise)
    }
}

/// Writes `report` in `format`.
pub fn write(
    report: &Report,
    format: Format,
    out: &mut dyn std::io::Write,
    options: &RenderOptions,
) -> Result<(), ReportError> {
    match format {
        Format::Human => human::write(report, out, options),
        Format::Concise => concise::write(report, out, options),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out, options),
        Format::Junit => junit::write(report, out),
        Format::Github => github::write(report, out, options),
        Format::Gitlab => gitlab::write(report, out, options),
        Format::Markdown => markdown::write(report, out, options),
    }
}
