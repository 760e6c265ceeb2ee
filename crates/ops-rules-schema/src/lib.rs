//! ops-check rules: SCH, schemas and manifests.
//!
//! The rules share one [`SchemaRegistry`] per run: every schema under `ops/_schemas/` is
//! parsed and compiled once, whatever the number of rules and manifests that use it.
#![warn(missing_docs)]

pub mod binding;
pub mod diff;
mod draft;
mod load_error;
pub mod lock;
mod manifest;
mod migration;
mod pins;
mod pointer;
mod published;
mod ref_chains;
mod ref_cycles;
// `refs` stays public only because `RefSite::fragment` is used nowhere in the crate: as a
// private module it would be dead code. Narrow it when that method goes.
pub mod refs;
pub mod registry;
mod rules;
mod surface_schema;

use ops_model::Rule;

/// JSON pointer helpers, public only for the fuzz target `fuzz/fuzz_targets/manifest.rs`.
#[doc(hidden)]
pub use pointer::{locate_json, push_token};
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
