//! Merge keys and duplicate keys: how a mapping's entries become the mapping a YAML loader
//! returns, following PyYAML's `SafeConstructor.flatten_mapping` (js-yaml agrees).
//!
//! - `<<: *a` or `<<: {..}` merges the entries of a mapping; `<<: [*a, *b]` merges several,
//!   an earlier mapping winning over a later one.
//! - Keys written in the mapping itself win over merged ones, wherever the `<<` stands.
//! - The `<<` entry disappears. Its value must be a mapping or a sequence of mappings;
//!   anything else is an error (PyYAML refuses the document), and the entry is dropped.
//! - A key written twice: the last value wins (PyYAML), reported as a warning (js-yaml
//!   refuses such a document). The entry keeps the place of the key's first occurrence, as
//!   in the Python dict PyYAML builds.

use std::collections::BTreeMap;

use ops_model::Severity;

use super::node::{Entry, Node, NodeKind, ScalarStyle};
use super::scalar::CORE;
use crate::diagnostic::{Diagnostic, DiagnosticKind};

/// Is this key node the merge key: a plain untagged `<<`, or one tagged `!!merge`?
fn is_merge_key(key: &Node) -> bool {
    match &key.kind {
        NodeKind::Scalar(s) => match &key.tag {
            None => s.style == ScalarStyle::Plain && s.text == "<<",
            Some(tag) => tag.strip_prefix(CORE) == Some("merge"),
        },
        _ => false,
    }
}

/// The entries of a mapping from its written (key, value) pairs.
pub(super) fn resolve(pairs: Vec<(Node, Node)>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let mut merged = Vec::new();
    let mut explicit = Vec::new();
    for (key, value) in pairs {
        if !is_merge_key(&key) {
            explicit.push(Entry {
                key,
                value,
                merged: false,
            });
            continue;
        }
        match value.kind {
            NodeKind::Mapping(entries) => merged.extend(entries.into_iter().map(as_merged)),
            NodeKind::Sequence(items) => {
                let mut groups = Vec::new();
                for item in items {
                    match item.kind {
                        NodeKind::Mapping(entries) => groups.push(entries),
                        NodeKind::Unknown => groups.push(vec![unknown_entry(&key, item.span)]),
                        _ => diagnostics.push(bad_merge(&item)),
                    }
                }
                // Later mappings first, so that earlier ones win: last wins below.
                for entries in groups.into_iter().rev() {
                    merged.extend(entries.into_iter().map(as_merged));
                }
            }
            // A budget made the merged value unknown: so is this part of the mapping.
            NodeKind::Unknown => merged.push(unknown_entry(&key, value.span)),
            NodeKind::Scalar(_) => diagnostics.push(bad_merge(&value)),
        }
    }
    let explicit_from = merged.len();
    let total = merged.len() + explicit.len();
    let mut out: Vec<Entry> = Vec::with_capacity(total);
    // Small mappings (nearly all) are searched in place, without allocating key strings.
    let mut seen: Option<BTreeMap<String, usize>> = (total > SMALL).then(BTreeMap::new);
    for (i, entry) in merged.into_iter().chain(explicit).enumerate() {
        let Some(name) = entry.key.key_cow() else {
            out.push(entry);
            continue;
        };
        if matches!(entry.key.kind, NodeKind::Mapping(_) | NodeKind::Sequence(_)) {
            diagnostics.push(Diagnostic::new(
                entry.key.span,
                Severity::Warning,
                DiagnosticKind::Lossy,
                format!("a collection used as a mapping key is read as the JSON text `{name}`"),
            ));
        }
        let found = match &seen {
            Some(seen) => seen.get(name.as_ref()).copied(),
            None => out
                .iter()
                .position(|e| e.key.key_cow().as_deref() == Some(name.as_ref())),
        };
        match found {
            Some(at) => {
                let first = &out[at];
                if i >= explicit_from && !first.merged {
                    diagnostics.push(Diagnostic::new(
                        entry.key.span,
                        Severity::Warning,
                        DiagnosticKind::DuplicateKey,
                        format!(
                            "duplicate key `{name}` (first at {}:{}): the last value is used, \
                             as PyYAML does; js-yaml refuses the file",
                            first.key.span.line, first.key.span.column
                        ),
                    ));
                }
                drop(name);
                out[at] = entry;
            }
            None => {
                if let Some(seen) = seen.as_mut() {
                    seen.insert(name.into_owned(), out.len());
                } else {
                    drop(name);
                }
                out.push(entry);
            }
        }
    }
    out
}

/// Mappings up to this many entries look for duplicates by a linear search.
const SMALL: usize = 16;

fn as_merged(entry: Entry) -> Entry {
    Entry {
        merged: true,
        ..entry
    }
}

/// Stands for merged entries a budget made unknown: the `<<` key with an unknown value.
fn unknown_entry(key: &Node, span: ops_model::Span) -> Entry {
    Entry {
        key: key.clone(),
        value: Node {
            span,
            tag: None,
            kind: NodeKind::Unknown,
        },
        merged: true,
    }
}

fn bad_merge(value: &Node) -> Diagnostic {
    Diagnostic::new(
        value.span,
        Severity::Error,
        DiagnosticKind::Unrepresentable,
        "the value of a merge key `<<` must be a mapping or a sequence of mappings \
         (PyYAML and js-yaml refuse this file); the entry is ignored",
    )
}
