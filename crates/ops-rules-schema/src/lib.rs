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
pub mod migration;
pub mod pins;
pub mod pointer;
pub mod published;
mod ref_cycles;
pub mod refs;
pub mod registry;
mod rules;
mod surface_schema;

use ops_model::Rule;

pub use registry::SchemaRegistry;
pub use rules::{
    ManifestInvalid, ManifestUnbound, MetaInvalid, SchemaBreakingChange, SchemaInvalid,
    SchemaLocation, SchemaUnversioned, ToolPins,
};
pub use surface_schema::{SURFACE_SCHEMA, surface_schema};

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
