//! The ART rules, one file each, named after the rule's slug.

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

pub use allowlist_format::AllowlistFormat;
pub use artifact_write_target::ArtifactWriteTarget;
pub use committed_generated_missing::CommittedGeneratedMissing;
pub use committed_generated_unlisted::CommittedGeneratedUnlisted;
pub use evidence_location::EvidenceLocation;
pub use generated_location::GeneratedLocation;
pub use generated_static::GeneratedStatic;
pub use nondeterministic_generated::NondeterministicGenerated;
pub use runtime_artifact_location::RuntimeArtifactLocation;
pub use stray_runtime_output::StrayRuntimeOutput;
