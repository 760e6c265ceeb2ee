//! ops-check rules: SCH, schemas and manifests.
//!
//! The rules share one [`SchemaRegistry`] per run: every schema under `ops/_schemas/` is
//! parsed and compiled once, whatever the number of rules and manifests that use it.

pub mod draft;
pub mod pointer;
pub mod refs;
pub mod registry;
pub mod yaml;

use ops_model::Rule;

pub use registry::SchemaRegistry;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[];
