//! The schema diff: every change from an old to a new version of a JSON Schema, each
//! classified breaking or non-breaking under the Ops Contract's compatibility policy.
//!
//! ```
//! use ops_rules_schema::diff::{diff, ChangeKind, Class};
//! use serde_json::json;
//!
//! let old = json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}});
//! let new = json!({"type": "object", "properties": {"a": {"type": "string"}}});
//! let changes = diff(&old, &new);
//! assert_eq!(changes.len(), 1);
//! assert_eq!(changes[0].kind, ChangeKind::RequiredRemoved);
//! assert_eq!(changes[0].class, Class::Breaking);
//! assert_eq!(changes[0].old_pointer, "/required");
//! ```
//!
//! The policy, in order: a document valid under the old schema and invalid under the new
//! one is breaking, except that adding an optional property never is; a key leaving or
//! entering `required`, a property leaving `properties`, a `const`, `pattern` or `format`
//! that changes or appears are breaking whatever the rest says; what the diff cannot
//! classify is breaking ("unknown change"). Only-loosening changes and annotation changes
//! are non-breaking.
//!
//! How: each side is expanded into alternatives (following local `$ref` by pointer, `$id`
//! and anchor, `allOf`, `anyOf`, `oneOf`); each old alternative is matched with a new one
//! that accepts it and the keyword families are compared; finite old schemas (`enum`,
//! `const`, `boolean`, `null`) are decided exactly with the `jsonschema` validator. Work is
//! bounded by a step budget ([`budget`]), a nesting limit (64 `$ref`/`allOf`/`anyOf`/`oneOf`
//! levels in one place) and an alternatives limit (128): past them the diff reports an
//! unknown change naming the budget.

mod alternatives;
mod arrays;
pub mod budget;
mod change;
mod compare;
mod dependencies;
mod disjoint;
mod doc;
mod flat;
mod logic;
mod meta;
mod numeric;
mod objects;
mod report;
mod strings;
mod types;
mod typing;
mod values;

use std::cell::RefCell;

use jsonschema::Draft;
use serde_json::Value;

pub use change::{Change, ChangeKind, Class, any_breaking};
pub use report::{DiffReport, ReportChange};

use budget::Budget;
use compare::{Differ, Out};
use doc::Doc;
use values::Checker;

/// How to diff.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// The draft of a document without a `$schema` the diff knows.
    pub default_draft: Draft,
    /// Steps the diff may take ([`budget::DEFAULT_STEPS`]).
    pub max_steps: usize,
    /// The URI both documents are retrieved from (relative references resolve against it;
    /// the same on both sides, so that equal references mean the same document).
    pub base_uri: String,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            default_draft: Draft::Draft202012,
            max_steps: budget::DEFAULT_STEPS,
            base_uri: "file:///schema.json".to_string(),
        }
    }
}

/// Every change from `old` to `new` with the default options. See [`diff_with`].
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    diff_with(old, new, &DiffOptions::default())
}

/// Every change from `old` to `new`, sorted by new pointer, old pointer, kind and reason;
/// no duplicates. Empty when the documents are equal. Never panics and always ends: past
/// the budget the result holds an unknown change naming it.
pub fn diff_with(old: &Value, new: &Value, options: &DiffOptions) -> Vec<Change> {
    if old == new {
        return Vec::new();
    }
    let old_doc = Doc::new(old, &options.base_uri, options.default_draft);
    let new_doc = Doc::new(new, &options.base_uri, options.default_draft);
    let budget = Budget::new(options.max_steps);
    let old_checker = RefCell::new(Checker::new(old, &options.base_uri, old_doc.draft));
    let new_checker = RefCell::new(Checker::new(new, &options.base_uri, new_doc.draft));
    let mut differ = Differ::new(&old_doc, &new_doc, &budget, &old_checker, &new_checker);
    let mut out = Out::new(String::new(), String::new());
    let root = [String::new()];
    differ.schemas(&root, &root, "", "", &mut out);
    let mut changes = out.changes;
    changes.sort_by(|a, b| {
        (&a.new_pointer, &a.old_pointer, a.kind, a.class, &a.reason).cmp(&(
            &b.new_pointer,
            &b.old_pointer,
            b.kind,
            b.class,
            &b.reason,
        ))
    });
    changes.dedup();
    changes
}
