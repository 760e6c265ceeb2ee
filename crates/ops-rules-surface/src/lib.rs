//! ops-check rules: SUR/DEP.

pub mod index_md;
pub mod lock;
pub mod makefile;
pub mod markdown;
pub mod model;
pub mod release;
pub mod shell;
pub mod surface_file;
pub mod workflow;

mod surface_index_drift;
mod surface_target_undefined;
mod wrapper_not_thin;

pub use surface_index_drift::SurfaceIndexDrift;
pub use surface_target_undefined::SurfaceTargetUndefined;
pub use wrapper_not_thin::WrapperNotThin;

use ops_model::Rule;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[&SurfaceIndexDrift, &SurfaceTargetUndefined, &WrapperNotThin];
