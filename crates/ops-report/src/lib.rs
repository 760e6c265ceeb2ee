//! The report of one `ops-check` run and its renderers.
//!
//! The driver builds one [`Report`]; each output format is one module with a
//! `write(&Report, &mut dyn Write)` function. Renderers never filter, sort or compute: what
//! they print is exactly what the report holds, in its order.

pub mod docs;
pub mod error;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod model;
pub mod sarif;

pub use error::ReportError;
pub use model::{REPORT_SCHEMA_VERSION, Report, ReportFinding, Summary, ToolInfo};

/// Output formats of `ops-check check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Junit,
    Github,
}

/// Writes `report` in `format`.
pub fn write(
    report: &Report,
    format: Format,
    out: &mut dyn std::io::Write,
    human: human::HumanOptions,
) -> Result<(), ReportError> {
    match format {
        Format::Human => human::write(report, out, human),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Junit => junit::write(report, out),
        Format::Github => github::write(report, out),
    }
}
