//! The machine form of a diff (`ops-check schema diff --format json`); its JSON Schema is
//! printed by `ops-check schema diff-report`.

use schemars::JsonSchema;
use serde::Serialize;

use super::change::{Change, any_breaking};

/// The result of `ops-check schema diff OLD NEW --format json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DiffReport {
    /// Whether any change is breaking (the command then exits 1).
    pub breaking: bool,
    /// Every change, sorted by pointer.
    pub changes: Vec<ReportChange>,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReportChange {
    /// JSON pointer (RFC 6901) into the new schema; when the thing is gone, the closest
    /// schema object that is still there.
    pub pointer: String,
    /// JSON pointer into the old schema.
    pub old_pointer: String,
    /// What changed, kebab-case (`required-added`, `maximum-decreased`, `unknown`, ...).
    pub kind: String,
    /// `breaking` or `non-breaking`.
    #[schemars(regex(pattern = r"^(breaking|non-breaking)$"))]
    pub class: String,
    /// One line: what changed, with the values.
    pub reason: String,
}

impl DiffReport {
    /// The report of `changes` (as [`diff`](super::diff) returns them, sorted), in the same
    /// order: `breaking` is [`any_breaking`], each [`Change`] becomes a [`ReportChange`]
    /// with its kind and class as their kebab-case names.
    pub fn new(changes: &[Change]) -> DiffReport {
        DiffReport {
            breaking: any_breaking(changes),
            changes: changes
                .iter()
                .map(|c| ReportChange {
                    pointer: c.new_pointer.clone(),
                    old_pointer: c.old_pointer.clone(),
                    kind: c.kind.as_str().to_string(),
                    class: c.class.as_str().to_string(),
                    reason: c.reason.clone(),
                })
                .collect(),
        }
    }

    /// The JSON Schema (2020-12) of this report.
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(DiffReport)).unwrap_or_default()
    }
}
