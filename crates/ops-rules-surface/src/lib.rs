//! ops-check rules: SUR/DEP.

pub mod index_md;
pub mod lock;
pub mod makefile;
pub mod markdown;
pub mod model;
mod problem;
pub mod read;
pub mod release;
pub mod shell;
pub mod surface_file;
pub mod workflow;

mod deprecated_without_guidance;
mod direct_script_call;
mod removal_without_window;
mod surface_index_drift;
mod surface_target_undefined;
mod wrapper_not_thin;

pub use problem::FileProblem;

pub use deprecated_without_guidance::DeprecatedWithoutGuidance;
pub use direct_script_call::DirectScriptCall;
pub use removal_without_window::RemovalWithoutWindow;
pub use surface_index_drift::SurfaceIndexDrift;
pub use surface_target_undefined::SurfaceTargetUndefined;
pub use wrapper_not_thin::WrapperNotThin;

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
