//! ops-check rules: SCH, schemas and manifests.
//!
//! The rules share one [`SchemaRegistry`] per run: every schema under `ops/_schemas/` is
//! parsed and compiled once, whatever the number of rules and manifests that use it.

pub mod binding;
pub mod diff;
mod draft;
mod load_error;
pub mod lock;
mod manifest;
mod manifest_invalid;
mod manifest_unbound;
mod meta_invalid;
mod migration;
mod pointer;
mod published;
mod ref_cycles;
// `refs` stays public only because `RefSite::fragment` is used nowhere in the crate: as a
// private module it would be dead code. Narrow it when that method goes.
pub mod refs;
pub mod registry;
mod schema_breaking_change;
mod schema_invalid;
mod schema_location;
mod schema_unversioned;
mod surface_schema;
mod tool_pins;
mod yaml;

use ops_model::Rule;

pub use manifest_invalid::ManifestInvalid;
pub use manifest_unbound::ManifestUnbound;
pub use meta_invalid::MetaInvalid;
pub use registry::SchemaRegistry;
pub use schema_breaking_change::SchemaBreakingChange;
pub use schema_invalid::SchemaInvalid;
pub use schema_location::SchemaLocation;
pub use schema_unversioned::SchemaUnversioned;
pub use surface_schema::{SURFACE_SCHEMA, surface_schema};
pub use tool_pins::ToolPins;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[
    &SchemaLocation,
    &SchemaInvalid,
    &SchemaUnversioned,
    &ManifestInvalid,
    &ManifestUnbound,
    &SchemaBreakingChange,
    &ToolPins,
    &MetaInvalid,
];
