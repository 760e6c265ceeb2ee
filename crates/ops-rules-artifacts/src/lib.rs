//! ops-check rules: ART, where outputs may live.
//!
//! Evidence under `artifacts/evidence/`, runtime artifacts under `ops/_artifacts/` (or the
//! allowlist), deterministic generated outputs under `ops/_generated_committed/`, static
//! generated assets under `ops/_generated/`, and the committed-generated list.

mod allowlist;
mod generated;
mod generated_dirs;
mod notes;
mod output_dirs;
mod placement;
mod write_scan;

mod allowlist_format;
mod artifact_write_target;
mod committed_generated_missing;
mod committed_generated_unlisted;
mod evidence_location;
mod generated_location;
mod generated_static;
mod nondeterministic_generated;
mod runtime_artifact_location;
mod stray_runtime_output;

/// The allowlist reader, public only for the fuzz target `fuzz/fuzz_targets/allowlist.rs`.
#[doc(hidden)]
pub use allowlist::Allowlist;
pub use allowlist_format::AllowlistFormat;
pub use artifact_write_target::ArtifactWriteTarget;
pub use committed_generated_missing::CommittedGeneratedMissing;
pub use committed_generated_unlisted::CommittedGeneratedUnlisted;
pub use evidence_location::EvidenceLocation;
pub use generated::generated_marker;
pub use generated_location::GeneratedLocation;
pub use generated_static::GeneratedStatic;
pub use nondeterministic_generated::NondeterministicGenerated;
pub use runtime_artifact_location::RuntimeArtifactLocation;
pub use stray_runtime_output::StrayRuntimeOutput;

use ops_model::Rule;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[
    &EvidenceLocation,
    &RuntimeArtifactLocation,
    &AllowlistFormat,
    &GeneratedLocation,
    &GeneratedStatic,
    &CommittedGeneratedMissing,
    &CommittedGeneratedUnlisted,
    &StrayRuntimeOutput,
    &ArtifactWriteTarget,
    &NondeterministicGenerated,
];
