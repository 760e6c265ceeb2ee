//! The YAML node tree: what a YAML loader builds, with the source position of every node.

use ops_model::Span;
use ops_model::text::to_u32;

/// One YAML node. Aliases are already replaced by a copy of their anchored node, and merge
/// keys (`<<`) already applied, so the tree holds the data PyYAML's `safe_load` returns.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the node starts: its anchor or tag when it has one, else its first character
    /// (the opening quote, bracket or block indicator). For a copy made by an alias, the
    /// alias (`*name`) is where the copy's root starts; its descendants keep the positions
    /// where the anchored node wrote them.
    pub span: Span,
    /// The node's tag as written after resolving its handle (`tag:yaml.org,2002:str` for
    /// `!!str`, `!custom` for a local tag); `None` when untagged.
    pub tag: Option<String>,
    /// The content.
    pub kind: NodeKind,
}

/// What a [`Node`] holds.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A scalar.
    Scalar(Scalar),
    /// A sequence, items in order.
    Sequence(Vec<Node>),
    /// A mapping, entries in the order of their keys' first occurrence (as a Python dict
    /// built by PyYAML): a key given twice keeps its first place and its last value.
    Mapping(Vec<Entry>),
    /// Not known: a budget ran out here (see the document's diagnostics).
    Unknown,
}

/// One mapping entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key node.
    pub key: Node,
    /// The value node.
    pub value: Node,
    /// True for an entry a merge key (`<<`) brought in; its positions are where the merged
    /// mapping wrote it.
    pub merged: bool,
}

/// How a scalar is written (YAML 1.2, chapter 7 and 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    /// Unquoted.
    Plain,
    /// `'...'`
    SingleQuoted,
    /// `"..."`
    DoubleQuoted,
    /// `|` block: line breaks kept.
    Literal,
    /// `>` block: line breaks folded into spaces.
    Folded,
}

/// The type a scalar resolves to, by its tag or, untagged and plain, by the YAML 1.2 core
/// schema (`null`, `true`, `12`, `0x1F`, `1.5e3`, `.inf`, ...). `yes`, `no`, `on`, `off`,
/// `y` and `n` are strings, as in YAML 1.2 (PyYAML, a YAML 1.1 loader, reads them as
/// booleans; GitHub Actions reads `on:` as the string `on`, as here).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarValue {
    /// `~`, `null`, `Null`, `NULL` or nothing.
    Null,
    /// `true`/`false` in any of the three core-schema cases.
    Bool(bool),
    /// A decimal, `0o` octal or `0x` hexadecimal integer that fits in an `i64`.
    Int(i64),
    /// A float, or an integer too large for an `i64`; `.inf`, `-.inf` and `.nan` included.
    Float(f64),
    /// A string: the scalar's text.
    Str,
}

/// A scalar: its text, how it was written, what it resolves to, and where each part of
/// its text is written in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The value as the YAML loader gives it: unquoted, escapes decoded, lines folded.
    pub text: String,
    /// How it is written.
    pub style: ScalarStyle,
    /// What it resolves to.
    pub value: ScalarValue,
    /// Where the first character of `text` is written (after any anchor, tag, quote or block
    /// header).
    pub content: Span,
    /// For a scalar written over several lines: where each stretch of `text` starts, as
    /// (byte offset in `text`, position), sorted by offset. Empty for a one-line scalar.
    pub pieces: Vec<(usize, Span)>,
}

impl Scalar {
    /// The file position of a byte offset in [`Scalar::text`]: exact for plain, single-quoted
    /// and block scalars; for a double-quoted scalar with escapes, the columns after the first
    /// escape on a line are approximate (the line is right).
    pub fn span_at(&self, offset: usize) -> Span {
        let i = self
            .pieces
            .partition_point(|(o, _)| *o <= offset)
            .saturating_sub(1);
        let (start, at) = self.pieces.get(i).copied().unwrap_or((0, self.content));
        let stretch = self
            .text
            .get(start..offset.min(self.text.len()))
            .unwrap_or("");
        match stretch.rfind('\n') {
            // Only reachable when pieces are missing: count lines on.
            Some(nl) => Span::new(
                at.line + to_u32(stretch.matches('\n').count()),
                to_u32(stretch[nl + 1..].chars().count() + 1),
            ),
            None => Span::new(at.line, at.column + to_u32(stretch.chars().count())),
        }
    }
}

impl Node {
    /// The scalar, when this node is one.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text when this node is a scalar resolving to a string.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar()
            .filter(|s| s.value == ScalarValue::Str)
            .map(|s| s.text.as_str())
    }

    /// The entries, when this node is a mapping.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, when this node is a sequence.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The entry whose key reads as `key` in JSON (see [`Node::key_text`]), when this node
    /// is a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries()?
            .iter()
            .find(|e| e.key.key_cow().as_deref() == Some(key))
    }

    /// The value at `key`, when this node is a mapping holding it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// This node used as a mapping key, as a JSON object key: a string as itself; `null`,
    /// `true`, `false`, integers and floats as JSON writes them (`null`, `true`, `12`, `1.5`;
    /// `.inf` and `.nan` as `inf`, `-inf`, `NaN`); a collection as its compact JSON text
    /// (`[1,2]`), which [`super::read_yaml`] reports as lossy. This is what PyYAML followed by
    /// `json.dumps` does for scalar keys.
    pub fn key_text(&self) -> Option<String> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(match s.value {
                ScalarValue::Str => s.text.clone(),
                ScalarValue::Null => "null".to_string(),
                ScalarValue::Bool(b) => b.to_string(),
                ScalarValue::Int(i) => i.to_string(),
                ScalarValue::Float(f) => match serde_json::Number::from_f64(f) {
                    Some(n) => n.to_string(),
                    None if f.is_nan() => "NaN".to_string(),
                    None if f > 0.0 => "inf".to_string(),
                    None => "-inf".to_string(),
                },
            }),
            // Written into a bounded buffer: the text of nested collection keys doubles in
            // length per level (escaped quotes), so it is cut at the key text budget.
            NodeKind::Sequence(_) | NodeKind::Mapping(_) => {
                let value = super::json::to_json(self).ok()?;
                let mut out = Bounded(Vec::new());
                serde_json::to_writer(&mut out, &value).ok()?;
                String::from_utf8(out.0).ok()
            }
            NodeKind::Unknown => None,
        }
    }

    /// [`Node::key_text`], borrowed for a string key.
    pub(super) fn key_cow(&self) -> Option<std::borrow::Cow<'_, str>> {
        match &self.kind {
            NodeKind::Scalar(s) if s.value == ScalarValue::Str => {
                Some(std::borrow::Cow::Borrowed(&s.text))
            }
            _ => self.key_text().map(std::borrow::Cow::Owned),
        }
    }

    /// Every mapping entry of the tree, depth first in document order: an entry comes before
    /// the entries inside its value, and keys are not searched. For scans of a whole
    /// manifest ("every `output_dir:` wherever it is").
    pub fn all_entries(&self) -> Vec<&Entry> {
        enum Visit<'n> {
            Node(&'n Node),
            Entry(&'n Entry),
        }
        let mut out = Vec::new();
        let mut stack = vec![Visit::Node(self)];
        while let Some(visit) = stack.pop() {
            match visit {
                Visit::Entry(entry) => {
                    out.push(entry);
                    stack.push(Visit::Node(&entry.value));
                }
                Visit::Node(node) => match &node.kind {
                    NodeKind::Mapping(entries) => {
                        stack.extend(entries.iter().rev().map(Visit::Entry))
                    }
                    NodeKind::Sequence(items) => stack.extend(items.iter().rev().map(Visit::Node)),
                    NodeKind::Scalar(_) | NodeKind::Unknown => {}
                },
            }
        }
        out
    }

    /// The number of nodes in this tree (this one included), counting unknown ones as one.
    pub fn size(&self) -> usize {
        match &self.kind {
            NodeKind::Scalar(_) | NodeKind::Unknown => 1,
            NodeKind::Sequence(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            NodeKind::Mapping(entries) => {
                1 + entries
                    .iter()
                    .map(|e| e.key.size() + e.value.size())
                    .sum::<usize>()
            }
        }
    }

    /// The number of nesting levels (1 for a scalar).
    pub fn height(&self) -> usize {
        match &self.kind {
            NodeKind::Scalar(_) | NodeKind::Unknown => 1,
            NodeKind::Sequence(items) => 1 + items.iter().map(Node::height).max().unwrap_or(0),
            NodeKind::Mapping(entries) => {
                1 + entries
                    .iter()
                    .map(|e| e.key.height().max(e.value.height()))
                    .max()
                    .unwrap_or(0)
            }
        }
    }

    /// True when no part of the tree is [`NodeKind::Unknown`].
    pub fn is_known(&self) -> bool {
        match &self.kind {
            NodeKind::Scalar(_) => true,
            NodeKind::Unknown => false,
            NodeKind::Sequence(items) => items.iter().all(Node::is_known),
            NodeKind::Mapping(entries) => entries
                .iter()
                .all(|e| e.key.is_known() && e.value.is_known()),
        }
    }
}

/// A writer that refuses to grow past [`super::json::KEY_TEXT_BUDGET`].
struct Bounded(Vec<u8>);

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > super::json::KEY_TEXT_BUDGET.limit {
            return Err(std::io::Error::other("key text budget"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
