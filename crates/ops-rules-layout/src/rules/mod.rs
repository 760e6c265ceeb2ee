//! The LAY rules, one per file, named after the rule's slug.

pub mod contract_files;
pub mod e2e_k8s_wrappers_only;
pub mod empty_dir;
pub mod fault_injection_owner;
pub mod helper_location;
pub mod symlinked_dir;
pub mod temporal_name;
pub mod unknown_top_level;

pub use contract_files::ContractFiles;
pub use e2e_k8s_wrappers_only::E2eK8sWrappersOnly;
pub use empty_dir::EmptyDir;
pub use fault_injection_owner::FaultInjectionOwner;
pub use helper_location::HelperLocation;
pub use symlinked_dir::SymlinkedDir;
pub use temporal_name::TemporalName;
pub use unknown_top_level::UnknownTopLevel;
