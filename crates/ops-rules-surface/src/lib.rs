//! ops-check rules: SUR/DEP, and the readers of the surface they share.
//!
//! - [`surface_file`]: `ops/_meta/surface.json`; [`index_md`]: the targets a page lists;
//!   [`makefiles`]: the makefiles as make reads them; [`lock`]: the surface lock;
//!   [`release`]: the current release. [`model`] builds them once per run.
//! - [`commands`], [`instructions`], [`guidance`]: what a command runs, the commands a doc
//!   or workflow tells someone to run, the guidance a deprecated script prints.
//! - `rules`: one file per rule.
//!
//! Every language is read through `ops_syntax`; this crate only judges.
#![warn(missing_docs)]

pub mod commands;
pub mod guidance;
pub mod index_md;
pub mod instructions;
pub mod lock;
pub mod makefiles;
pub mod model;
mod plain_command;
mod problem;
pub mod read;
pub mod release;
pub mod surface_file;

mod rules;

pub use problem::FileProblem;

pub use rules::{
    DeprecatedWithoutGuidance, DirectScriptCall, RemovalWithoutWindow, SurfaceIndexDrift,
    SurfaceTargetUndefined, WrapperNotThin,
};

use ops_model::Rule;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[
    &SurfaceIndexDrift,
    &SurfaceTargetUndefined,
    &WrapperNotThin,
    &DirectScriptCall,
    &DeprecatedWithoutGuidance,
    &RemovalWithoutWindow,
];
