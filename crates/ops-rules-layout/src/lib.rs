//! ops-check rules: LAY, the shape of the `ops/` tree.
//!
//! One rule per file, named after the rule's slug; shared path questions live in
//! [`ops_tree`].

pub mod contract_files;
pub mod empty_dir;
pub mod ops_tree;
pub mod symlinked_dir;
pub mod temporal_name;
pub mod unknown_top_level;

use ops_model::Rule;

pub use contract_files::ContractFiles;
pub use empty_dir::EmptyDir;
pub use symlinked_dir::SymlinkedDir;
pub use temporal_name::TemporalName;
pub use unknown_top_level::UnknownTopLevel;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[
    &UnknownTopLevel,
    &SymlinkedDir,
    &EmptyDir,
    &TemporalName,
    &ContractFiles,
];
