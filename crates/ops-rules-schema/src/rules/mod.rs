//! The SCH rules, one file each, in code order.

mod manifest_invalid;
mod manifest_unbound;
mod meta_invalid;
mod schema_breaking_change;
mod schema_invalid;
mod schema_location;
mod schema_unversioned;
mod tool_pins;

pub use manifest_invalid::ManifestInvalid;
pub use manifest_unbound::ManifestUnbound;
pub use meta_invalid::MetaInvalid;
pub use schema_breaking_change::SchemaBreakingChange;
pub use schema_invalid::SchemaInvalid;
pub use schema_location::SchemaLocation;
pub use schema_unversioned::SchemaUnversioned;
pub use tool_pins::ToolPins;

pub(crate) use manifest_invalid::failing_span;
pub(crate) use schema_unversioned::default_pattern;
