//! ops-check rules: ART, where outputs may live.
//!
//! Evidence under `artifacts/evidence/`, runtime artifacts under `ops/_artifacts/` (or the
//! allowlist), deterministic generated outputs under `ops/_generated_committed/`, static
//! generated assets under `ops/_generated/`, and the committed-generated list.

#![warn(missing_docs)]

mod allowlist;
mod generated;
mod notes;
mod output_dirs;
mod placement;
mod writes;

mod rules;
#[cfg(test)]
mod test_support;

/// The allowlist reader, public only for the fuzz target `fuzz/fuzz_targets/allowlist.rs`.
#[doc(hidden)]
pub use allowlist::Allowlist;
pub use generated::generated_marker;
pub use rules::{
    AllowlistFormat, ArtifactWriteTarget, CommittedGeneratedMissing, CommittedGeneratedUnlisted,
    EvidenceLocation, GeneratedLocation, GeneratedStatic, NondeterministicGenerated,
    RuntimeArtifactLocation, StrayRuntimeOutput,
};

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
