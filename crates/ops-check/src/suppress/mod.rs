//! Suppressions with reasons: `ops-check: ignore[...]` comments in files ([`comment`]), found
//! by an engine scan beside the rules ([`scanner`]), and the config's `[[suppress]]` entries;
//! [`apply`] applies both to a run's findings and judges them.

pub mod apply;
pub mod comment;
pub mod scanner;
