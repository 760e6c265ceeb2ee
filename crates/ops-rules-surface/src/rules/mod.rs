//! The SUR and DEP rules, one file each.

mod deprecated_without_guidance;
mod direct_script_call;
mod removal_without_window;
mod surface_index_drift;
mod surface_target_undefined;
mod wrapper_not_thin;

pub use deprecated_without_guidance::DeprecatedWithoutGuidance;
pub use direct_script_call::DirectScriptCall;
pub use removal_without_window::RemovalWithoutWindow;
pub use surface_index_drift::SurfaceIndexDrift;
pub use surface_target_undefined::SurfaceTargetUndefined;
pub use wrapper_not_thin::WrapperNotThin;
