//! ops-check rules: LAY, the shape of the `ops/` tree.
//!
//! The crate exports its rules ([`RULES`], and each rule's type); everything else is
//! internal. One rule per file in `src/rules/`, named after the rule's slug. What several
//! rules ask of a path lives in `ops_tree`; what LAY004 reads of scripts (who sources or
//! imports whom) in `uses`; what LAY005 reads of a wrapper script in `wrapper`. Every file is
//! read through `ops-syntax`.

#![warn(missing_docs)]

mod ops_tree;
mod rules;
mod uses;
mod wrapper;

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
