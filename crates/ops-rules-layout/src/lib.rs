//! ops-check rules: LAY, the shape of the `ops/` tree.
//!
//! One rule per file, named after the rule's slug; shared path questions live in
//! [`ops_tree`], configured globs in [`config_globs`].

pub mod contract_files;
pub mod e2e_k8s_wrappers_only;
pub mod empty_dir;
pub mod fault_injection_owner;
pub mod helper_location;
pub mod ops_tree;
pub mod python_import;
pub mod shell_source;
pub mod shell_words;
pub mod symlinked_dir;
pub mod temporal_name;
pub mod unknown_top_level;

use ops_model::Rule;

pub use contract_files::ContractFiles;
pub use e2e_k8s_wrappers_only::E2eK8sWrappersOnly;
pub use empty_dir::EmptyDir;
pub use fault_injection_owner::FaultInjectionOwner;
pub use helper_location::HelperLocation;
pub use symlinked_dir::SymlinkedDir;
pub use temporal_name::TemporalName;
pub use unknown_top_level::UnknownTopLevel;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[
    &UnknownTopLevel,
    &SymlinkedDir,
    &EmptyDir,
    &HelperLocation,
    &E2eK8sWrappersOnly,
    &FaultInjectionOwner,
    &TemporalName,
    &ContractFiles,
];
