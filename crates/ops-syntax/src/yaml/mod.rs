//! YAML 1.2 with positions: one reader for every rule and for `gen`.
//!
//! [`read_yaml`] reads a stream of documents with
//! [saphyr-parser](https://docs.rs/saphyr-parser) (a YAML 1.2 parser that passes the YAML
//! test suite) and builds, for each document, a [`Node`] tree with the position of every
//! node and the JSON value of the document ([`YamlDocument::value`]), which is what JSON
//! Schema validates. What the tree holds is what PyYAML's `safe_load` returns, except
//! where YAML 1.2 and YAML 1.1 differ (noted below):
//!
//! - **Anchors and aliases**: an alias is a copy of its anchored node, under the alias
//!   expansion budget ([`alias_budget`]: nodes copied per document). Past it, each further
//!   alias is [`NodeKind::Unknown`], the document has no JSON value and one warning names the
//!   budget and the alias's position ("billion laughs" ends in milliseconds).
//! - **Merge keys** (`<<: *a`, `<<: [*a, *b]`, `<<: {..}`), applied as PyYAML and js-yaml
//!   apply them: keys written in the mapping win over merged ones, an earlier mapping of a
//!   merge sequence wins over a later one, and the `<<` key disappears. See `merge.rs`.
//! - **Duplicate keys**: the last value wins, as in PyYAML, and a warning reports the key
//!   and its first position (js-yaml refuses such a file).
//! - **Scalars** resolve by the YAML 1.2 core schema ([`ScalarValue`]): `yes`, `no`, `on`,
//!   `off`, `y`, `n` are strings (PyYAML, a YAML 1.1 loader, reads them as booleans; GitHub
//!   Actions, like this reader, reads `on:` as the key `"on"`). Octal is `0o17` (`017` is the
//!   decimal 17). A core tag (`!!str 12`, `!!int "3"`) decides the type; a local tag (`!Ref
//!   x`) keeps the text as a string.
//! - **Keys in JSON**: a string key is itself; `null`, booleans and numbers as JSON writes
//!   them (`3: x` is `{"3": "x"}`, as `json.dumps` writes PyYAML's `{3: 'x'}`); a collection
//!   key becomes its compact JSON text, with a warning ([`Node::key_text`]).
//! - **No JSON equivalent**: `.inf` and `.nan` make the document's JSON value `None` with an
//!   error at the scalar.
//! - **Positions** ([`YamlDocument::position`], 1-based line, column in characters): a node
//!   starts at its anchor or tag if any, else at its first character. Through an alias, the
//!   copied node starts at the alias (`*a`) and its descendants are where the anchored node
//!   wrote them. A merged entry is where the merged mapping wrote it (its key in the anchored
//!   mapping): that is the text to change to change the value.
//! - **Budgets**: input size ([`input_budget`]), nesting depth ([`depth_budget`]: a deeper
//!   collection is unknown; saphyr-parser itself refuses flow collections nested deeper than
//!   255, a syntax error), alias expansion ([`alias_budget`]), all from
//!   [`YamlLimits`] (`[limits.yaml]` of the config).
//! - **Errors**: text that is not YAML is a [`YamlError`] with the line and column the
//!   parser stopped at; nothing of the stream is returned.

#[cfg(test)]
mod budget_tests;
mod compose;
#[cfg(test)]
mod fuzz_regressions;
mod json;
pub use json::KEY_TEXT_BUDGET;
mod merge;
mod node;
mod scalar;
mod source;
#[cfg(test)]
mod tests;

use ops_model::Span;
use serde_json::Value;

use crate::diagnostic::{Budget, Diagnostic};

pub use node::{Entry, Node, NodeKind, Scalar, ScalarStyle, ScalarValue};

pub use ops_model::contract::YamlLimits;

/// The input-size budget of [`read_yaml_with`] under `limits`.
pub fn input_budget(limits: &YamlLimits) -> Budget {
    Budget {
        name: "input size",
        limit: limits.max_input_bytes,
        unit: "bytes",
    }
}

/// The nesting depth budget: collections nested deeper than this are unknown.
pub fn depth_budget(limits: &YamlLimits) -> Budget {
    Budget {
        name: "nesting depth",
        limit: limits.max_depth,
        unit: "levels",
    }
}

/// The alias expansion budget: nodes copied by aliases in one document.
pub fn alias_budget(limits: &YamlLimits) -> Budget {
    Budget {
        name: "alias expansion",
        limit: limits.max_alias_nodes,
        unit: "nodes",
    }
}

/// One document of a YAML stream.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlDocument {
    /// The node tree (aliases copied, merge keys applied).
    pub root: Node,
    /// The document as JSON; `None` when part of it is unknown (a budget ran out) or has no
    /// JSON equivalent: [`YamlDocument::diagnostics`] says which and where.
    pub value: Option<Value>,
    /// Budget warnings, duplicate keys, invalid merge keys, lossy conversions, in position
    /// order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a node and, for a mapping entry or sequence item, its key start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodePosition {
    /// The key of a mapping entry; for a sequence item, the item itself (where `- ` puts
    /// it); `None` for the document root.
    pub key: Option<Span>,
    /// The node.
    pub value: Span,
}

/// Why a text is not YAML: the position the parser stopped at and its message
/// (`did not find expected ',' or ']'`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line and column (characters).
    pub span: Span,
    /// The parser's message, without position.
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at {}:{}",
            self.message, self.span.line, self.span.column
        )
    }
}

impl std::error::Error for YamlError {}

impl YamlDocument {
    /// The position of the node at a JSON pointer (`""` is the root, `/a/0/b~1c` the key
    /// `b/c` of the first item of `a`); `None` when the document holds no such node.
    pub fn position(&self, pointer: &str) -> Option<NodePosition> {
        json::position(&self.root, pointer)
    }

    /// The node at a JSON pointer.
    pub fn node(&self, pointer: &str) -> Option<&Node> {
        json::lookup(&self.root, pointer).map(|(_, node)| node)
    }
}

/// Reads every document of a YAML stream (an empty stream has none) within the default
/// [`YamlLimits`]. A leading byte-order mark is skipped. `Err` when the text is not YAML;
/// budgets and other problems of a document are in its [`YamlDocument::diagnostics`].
pub fn read_yaml(text: &str) -> Result<Vec<YamlDocument>, YamlError> {
    read_yaml_with(text, &YamlLimits::default())
}

/// [`read_yaml`] within `limits` (`[limits.yaml]` of the config).
pub fn read_yaml_with(text: &str, limits: &YamlLimits) -> Result<Vec<YamlDocument>, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > limits.max_input_bytes {
        let at = Span::new(1, 1);
        return Ok(vec![YamlDocument {
            root: Node {
                span: at,
                tag: None,
                kind: NodeKind::Unknown,
            },
            value: None,
            diagnostics: vec![Diagnostic::budget(
                at,
                input_budget(limits),
                "YAML file not read",
            )],
        }]);
    }
    let text = lone_cr_as_space(text);
    compose::compose(&source::Source::new(&text), limits)
}

/// The text with each `\r` that is not followed by `\n` replaced by a space (same length, so
/// every byte offset stays where it was). YAML counts a lone CR (the old Mac line end) as a
/// line break, JSON as white space, and ops-check counts lines at `\n` only: read as a
/// space, a position the reader gives is a line of the text as every other reader and
/// report of the project numbers it. Found by the `manifest` fuzz target (a JSON file with
/// 122 lone CRs had its nodes placed on line 124 of an 8-line text).
fn lone_cr_as_space(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '\r' && chars.peek().map(|&(_, n)| n) != Some('\n') {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
