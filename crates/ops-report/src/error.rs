//! Errors while writing a report.

use thiserror::Error;

/// A report could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    /// The output refused the bytes.
    #[error("cannot write the report: {0}")]
    Io(#[from] std::io::Error),
    /// The report could not be serialized (never expected: its types serialize).
    #[error("cannot serialize the report: {0}")]
    Json(#[from] serde_json::Error),
}
