//! ops-check rules: ART, where outputs may live.
//!
//! Evidence under `artifacts/evidence/`, runtime artifacts under `ops/_artifacts/` (or the
//! allowlist), deterministic generated outputs under `ops/_generated_committed/`, static
//! generated assets under `ops/_generated/`, and the committed-generated list.

mod allowlist;
mod output_dirs;
mod placement;

mod allowlist_format;
mod evidence_location;
mod runtime_artifact_location;

pub use allowlist_format::AllowlistFormat;
pub use evidence_location::EvidenceLocation;
pub use runtime_artifact_location::RuntimeArtifactLocation;

use ops_model::Rule;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[
    &EvidenceLocation,
    &RuntimeArtifactLocation,
    &AllowlistFormat,
];
