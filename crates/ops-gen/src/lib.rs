//! `ops-check gen`: the committed generated files of an operations tree, and the rule that
//! keeps them true.
//!
//! - [`render`]: pure functions that render `docs/_generated/ops-surface.md`,
//!   `ops-contracts.md`, `ops-schemas.md`, the surface lock and the schema lock from the
//!   facts the rule crates read (the surface declaration, the makefiles, the schema
//!   bindings), so a generated page and the rules cannot disagree.
//! - [`write`](mod@write): `gen` itself: render, then write atomically only those paths, or with
//!   `--check` print the diff.
//! - SUR005 [`GeneratedDocsDrift`]: compares the committed files with what `gen` renders,
//!   or, for a page another tool generated, checks the facts it states.
//!
//! This crate sits above the rule crates (it may depend on any of them); rule crates never
//! depend on it.
#![warn(missing_docs)]

mod doc_facts;
mod generated_docs_drift;
pub mod render;
pub mod write;

pub use generated_docs_drift::GeneratedDocsDrift;
pub use render::{
    Doc, GeneratedFile, RenderProblem, Rendered, render_generated, render_lock, same_text,
    unified_diff,
};
pub use write::{GenError, GenOutcome, generate};

use ops_model::Rule;

/// The rules of this crate: SUR005, which needs the renderers.
pub static RULES: &[&dyn Rule] = &[&GeneratedDocsDrift];
