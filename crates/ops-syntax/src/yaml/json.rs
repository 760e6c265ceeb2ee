//! The JSON view of a YAML node tree, and JSON pointers (RFC 6901) into it.

use ops_model::{Severity, Span};
use serde_json::{Map, Number, Value};

use super::NodePosition;
use super::node::{Node, NodeKind, ScalarValue};
use crate::diagnostic::{Budget, Diagnostic, DiagnosticKind};

/// Why a node has no JSON value.
pub(super) enum NoJson {
    /// Where and why: an unknown part (a budget ran out) or a float JSON cannot hold
    /// (`.inf`, `.nan`).
    At(Span, String),
    /// A collection used as a mapping key whose JSON text is over [`KEY_TEXT_BUDGET`].
    LongKey(Span),
}

/// The key text budget: a collection used as a mapping key is read as its JSON text, whose
/// length doubles with each level of collection keys nested in keys (each level escapes
/// the quotes of the one inside); past this many bytes the key is unknown.
pub const KEY_TEXT_BUDGET: Budget = Budget {
    name: "mapping key text",
    limit: 4096,
    unit: "bytes",
};

/// The node as a JSON value, or why it has none. Mapping keys are converted by
/// [`Node::key_text`].
pub(super) fn to_json(node: &Node) -> Result<Value, NoJson> {
    Ok(match &node.kind {
        NodeKind::Unknown => {
            return Err(NoJson::At(
                node.span,
                "the value here is unknown".to_string(),
            ));
        }
        NodeKind::Scalar(s) => match s.value {
            ScalarValue::Null => Value::Null,
            ScalarValue::Bool(b) => Value::Bool(b),
            ScalarValue::Int(i) => Value::Number(i.into()),
            ScalarValue::Float(f) => match Number::from_f64(f) {
                Some(n) => Value::Number(n),
                None => {
                    return Err(NoJson::At(
                        s.content,
                        format!(
                            "`{}` has no JSON equivalent (JSON has no infinity or NaN)",
                            s.text
                        ),
                    ));
                }
            },
            ScalarValue::Str => Value::String(s.text.clone()),
        },
        NodeKind::Sequence(items) => {
            Value::Array(items.iter().map(to_json).collect::<Result<_, _>>()?)
        }
        NodeKind::Mapping(entries) => {
            let mut map = Map::new();
            for e in entries {
                let key = match e.key.key_text() {
                    Some(key) => key,
                    None if matches!(e.key.kind, NodeKind::Mapping(_) | NodeKind::Sequence(_)) => {
                        return Err(NoJson::LongKey(e.key.span));
                    }
                    None => {
                        return Err(NoJson::At(
                            e.key.span,
                            "the key here is unknown".to_string(),
                        ));
                    }
                };
                map.insert(key, to_json(&e.value)?);
            }
            Value::Object(map)
        }
    })
}

/// The JSON value of a document root; `None` with a diagnostic when it has none (an
/// unknown part has its budget diagnostic already).
pub(super) fn document_value(root: &Node, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    if !root.is_known() {
        return None;
    }
    match to_json(root) {
        Ok(v) => Some(v),
        Err(NoJson::At(span, message)) => {
            diagnostics.push(Diagnostic::new(
                span,
                Severity::Error,
                DiagnosticKind::Unrepresentable,
                message,
            ));
            None
        }
        Err(NoJson::LongKey(span)) => {
            diagnostics.push(Diagnostic::budget(
                span,
                KEY_TEXT_BUDGET,
                "YAML mapping key not read",
            ));
            None
        }
    }
}

/// The unescaped reference tokens of a JSON pointer (`""` has none; `~1` is `/`, `~0` is
/// `~`). A leading `#` (URI fragment form) is accepted.
pub(super) fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
}

/// The node at a JSON pointer and, for a mapping entry, its key node.
pub(super) fn lookup<'n>(root: &'n Node, pointer: &str) -> Option<(Option<&'n Node>, &'n Node)> {
    let mut key = None;
    let mut node = root;
    for token in tokens(pointer) {
        match &node.kind {
            NodeKind::Mapping(_) => {
                let entry = node.entry(&token)?;
                key = Some(&entry.key);
                node = &entry.value;
            }
            NodeKind::Sequence(items) => {
                node = items.get(token.parse::<usize>().ok()?)?;
                key = Some(node);
            }
            _ => return None,
        }
    }
    Some((key, node))
}

/// The position of the node at a pointer: see [`super::YamlDocument::position`].
pub(super) fn position(root: &Node, pointer: &str) -> Option<NodePosition> {
    let (key, node) = lookup(root, pointer)?;
    Some(NodePosition {
        key: key.map(|k| k.span),
        value: node.span,
    })
}
