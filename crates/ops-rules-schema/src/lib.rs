//! ops-check rules: SCH.

use ops_model::Rule;

/// Every rule of this crate, in code order.
pub static RULES: &[&dyn Rule] = &[];
