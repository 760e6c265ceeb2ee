//! ops-check rules: SCH, schemas and manifests.
//!
//! The rules share one [`SchemaRegistry`] per run: every schema under `ops/_schemas/` is
//! parsed and compiled once, whatever the number of rules and manifests that use it.

pub mod binding;
pub mod diff;
pub mod draft;
pub mod load_error;
pub mod lock;
pub mod manifest;
mod manifest_invalid;
mod manifest_unbound;
mod meta_invalid;
pub mod migration;
pub mod pointer;
pub mod published;
mod ref_cycles;
pub mod refs;
pub mod registry;
mod schema_breaking_change;
mod schema_invalid;
mod schema_location;
mod schema_unversioned;
mod surface_schema;
mod tool_pins;
pub mod yaml;

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
