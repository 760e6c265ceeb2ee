//! ops-check rules: LAY, the shape of the `ops/` tree.
//!
//! One rule per file in [`rules`], named after the rule's slug. What several rules ask of a
//! path lives in [`ops_tree`]; what LAY004 reads of scripts (who sources or imports whom)
//! in [`uses`]; what LAY005 reads of a wrapper script in [`wrapper`]. Every file is read
//! through `ops-syntax`.

pub mod ops_tree;
pub mod rules;
pub mod uses;
pub mod wrapper;

#[cfg(test)]
mod props;

use ops_model::Rule;

pub use rules::{
    ContractFiles, E2eK8sWrappersOnly, EmptyDir, FaultInjectionOwner, HelperLocation, SymlinkedDir,
    TemporalName, UnknownTopLevel,
};

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
