//! What binding says of a manifest document: bound (to what, how), a schema itself, or
//! unbound (what it claimed, why nothing matched).

use super::NAME_KEY;

/// What a manifest says about its schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// `$schema` with a value that is not a meta-schema.
    Schema(String),
    /// `schema_name`, maybe with a version.
    Name(String),
    /// Only a version field.
    Version(String),
}

impl Claim {
    pub(crate) fn describe(&self, version_key: &str) -> String {
        match self {
            Claim::Schema(s) => format!("`$schema: {s}`"),
            Claim::Name(n) => format!("`{NAME_KEY}: {n}`"),
            Claim::Version(v) => format!("`{version_key}: {v}`"),
        }
    }
}

/// How a manifest document is bound.
pub enum Binding<'r, S> {
    /// Bound to a schema.
    Bound {
        /// The schema, as the [`SchemaSet`](super::SchemaSet) the caller passed knows it.
        schema: &'r S,
        /// By what, for messages: a Markdown phrase such as `` `$schema: <uri>` `` or
        /// ``the naming convention `<name>.v1.schema.json` ``.
        how: String,
        /// The binding is a guess ([`ManifestScope::inferred`](super::ManifestScope::inferred)): what follows from it is a
        /// warning, not an error.
        inferred: bool,
    },
    /// A JSON Schema document, not a manifest: its `$schema` names a meta-schema
    /// ([`is_meta_schema_uri`](super::is_meta_schema_uri)). SCH001's concern.
    IsSchema,
    /// Not bound.
    Unbound {
        /// What the document claims about its schema; `None` when it names none.
        claim: Option<Claim>,
        /// Why nothing matched, for the message: the names and paths tried.
        reason: String,
        /// JSON pointer (RFC 6901) to the top-level field to blame (`/$schema`,
        /// `/schema_name`, `/kind` or `/<version_key>`), for the finding's position; `None`
        /// when the fault is a field that is missing, or a `[[schema.bindings]]` glob that
        /// names no schema.
        span_pointer: Option<String>,
    },
}
