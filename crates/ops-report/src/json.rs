//! The JSON report: the [`Report`] serialized, pretty-printed, with a trailing newline.

use std::io::Write;

use crate::{Report, ReportError};

/// Writes `report` as pretty-printed JSON with a final newline.
pub fn write(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")?;
    Ok(())
}
