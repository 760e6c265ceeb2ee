//! What the diff reports: one [`Change`] per difference, with its [`ChangeKind`] and its
//! [`Class`] under the Ops Contract's compatibility policy.

use std::fmt;

use serde::Serialize;

/// Whether a change breaks consumers of a published schema version.
///
/// The policy (Ops Contract, "Schema Evolution" and "Compatibility Guarantee"): a change is
/// breaking when a document valid under the old schema is invalid under the new one (adding
/// an optional property excepted), when a key leaves `required` or becomes required, when a
/// property leaves `properties`, when a `const`, `pattern` or `format` value changes or
/// appears, and whenever the diff cannot classify it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Breaking under the policy above: a document valid under the old version may be
    /// invalid under the new one, a rule of the policy says so (a key leaving `required`,
    /// a `pattern` that changes), or the diff cannot tell (`breaking` in reports).
    Breaking,
    /// Every document valid under the old version stays valid: the change only loosens,
    /// adds an optional property or changes annotations (`non-breaking` in reports).
    NonBreaking,
}

impl Class {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::NonBreaking => "non-breaking",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// What changed, named after the JSON Schema keyword it concerns
        /// (JSON Schema 2020-12 Validation, sections 6.1 to 6.5, and Core, section 10).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ChangeKind {
            $($(#[$doc])* $variant,)*
        }

        impl ChangeKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$variant,)*];

            /// The kebab-case name used in reports (`required-added`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ChangeKind::$variant => $name,)*
                }
            }
        }
    };
}

kinds! {
    /// A property was added to `properties`.
    PropertyAdded => "property-added",
    /// A property left `properties`.
    PropertyRemoved => "property-removed",
    /// A key became required.
    RequiredAdded => "required-added",
    /// A key left `required`.
    RequiredRemoved => "required-removed",
    /// `type` allows more.
    TypeWidened => "type-widened",
    /// `type` allows less.
    TypeNarrowed => "type-narrowed",
    /// `type` changed to something else.
    TypeChanged => "type-changed",
    /// A value was added to `enum`.
    EnumValueAdded => "enum-value-added",
    /// A value allowed before is not any more (`enum` value removed, or a value of an old
    /// `enum`/`const` rejected by the new schema).
    EnumValueRemoved => "enum-value-removed",
    /// An `enum` appeared.
    EnumAdded => "enum-added",
    /// The `enum` was removed.
    EnumRemoved => "enum-removed",
    /// A `const` appeared.
    ConstAdded => "const-added",
    /// The `const` value changed.
    ConstChanged => "const-changed",
    /// The `const` was removed.
    ConstRemoved => "const-removed",
    /// A `pattern` appeared.
    PatternAdded => "pattern-added",
    /// The `pattern` changed.
    PatternChanged => "pattern-changed",
    /// The `pattern` was removed.
    PatternRemoved => "pattern-removed",
    /// A `format` appeared.
    FormatAdded => "format-added",
    /// The `format` changed.
    FormatChanged => "format-changed",
    /// The `format` was removed.
    FormatRemoved => "format-removed",
    /// A lower bound on numbers (`minimum`, `exclusiveMinimum`) appeared.
    MinimumAdded => "minimum-added",
    /// The lower bound on numbers went up.
    MinimumIncreased => "minimum-increased",
    /// The lower bound on numbers went down.
    MinimumDecreased => "minimum-decreased",
    /// The lower bound on numbers was removed.
    MinimumRemoved => "minimum-removed",
    /// An upper bound on numbers (`maximum`, `exclusiveMaximum`) appeared.
    MaximumAdded => "maximum-added",
    /// The upper bound on numbers went up.
    MaximumIncreased => "maximum-increased",
    /// The upper bound on numbers went down.
    MaximumDecreased => "maximum-decreased",
    /// The upper bound on numbers was removed.
    MaximumRemoved => "maximum-removed",
    /// `multipleOf` appeared or changed so that fewer numbers pass.
    MultipleOfTightened => "multiple-of-tightened",
    /// `multipleOf` was removed or changed so that more numbers pass.
    MultipleOfLoosened => "multiple-of-loosened",
    /// A length, item-count or property-count bound (`minLength`, `maxItems`, ...) now
    /// allows less: added, or moved inwards.
    BoundTightened => "bound-tightened",
    /// Such a bound allows more: removed, or moved outwards.
    BoundLoosened => "bound-loosened",
    /// `additionalProperties` (or `unevaluatedProperties`) allows less.
    AdditionalPropertiesTightened => "additional-properties-tightened",
    /// `additionalProperties` (or `unevaluatedProperties`) allows more.
    AdditionalPropertiesLoosened => "additional-properties-loosened",
    /// A `patternProperties` entry appeared.
    PatternPropertyAdded => "pattern-property-added",
    /// A `patternProperties` entry was removed.
    PatternPropertyRemoved => "pattern-property-removed",
    /// A tuple position (`prefixItems`, or `items` as an array) was added.
    ItemAdded => "item-added",
    /// A tuple position was removed.
    ItemRemoved => "item-removed",
    /// `uniqueItems: true` appeared.
    UniqueItemsAdded => "unique-items-added",
    /// `uniqueItems: true` was removed.
    UniqueItemsRemoved => "unique-items-removed",
    /// A dependency (`dependentRequired`, `dependentSchemas`, `dependencies`) appeared.
    DependencyAdded => "dependency-added",
    /// A dependency was removed.
    DependencyRemoved => "dependency-removed",
    /// A constraint appeared (`not`, `contains`, `propertyNames`, `if`/`then`/`else`, ...).
    ConstraintAdded => "constraint-added",
    /// A constraint was removed.
    ConstraintRemoved => "constraint-removed",
    /// An `anyOf`/`oneOf` alternative was added.
    AlternativeAdded => "alternative-added",
    /// An old alternative has no counterpart that accepts it.
    AlternativeRemoved => "alternative-removed",
    /// A value may now match more than one `oneOf` alternative.
    OneOfOverlap => "one-of-overlap",
    /// An annotation changed (`title`, `description`, `examples`, `$comment`, `default`,
    /// `deprecated`, `readOnly`, `writeOnly`).
    AnnotationChanged => "annotation-changed",
    /// `$schema` changed.
    DraftChanged => "draft-changed",
    /// `$id` changed: references by the old identifier no longer resolve.
    IdChanged => "id-changed",
    /// Something the diff cannot classify, or a budget it ran out of.
    Unknown => "unknown",
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ChangeKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One difference between two schemas.
///
/// Pointers are JSON pointers (RFC 6901) into each document: where the difference is in the
/// old schema and in the new one. When the thing is absent on one side, the pointer there is
/// the closest schema object that is present (the object a property was removed from).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Change {
    /// Where in the new schema (`/properties/port/maximum`).
    pub new_pointer: String,
    /// Where in the old schema.
    pub old_pointer: String,
    /// What changed, named after the keyword it concerns.
    pub kind: ChangeKind,
    /// Whether it breaks consumers of the old version.
    pub class: Class,
    /// One line: what changed, with the values.
    pub reason: String,
}

impl Change {
    /// Whether the change is [`Class::Breaking`].
    pub fn is_breaking(&self) -> bool {
        self.class == Class::Breaking
    }
}

/// Whether any change is breaking.
pub fn any_breaking(changes: &[Change]) -> bool {
    changes.iter().any(Change::is_breaking)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_unique_kebab_case() {
        let mut names: Vec<&str> = ChangeKind::ALL.iter().map(|k| k.as_str()).collect();
        for n in &names {
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{n}");
        }
        let len = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), len);
    }
}
