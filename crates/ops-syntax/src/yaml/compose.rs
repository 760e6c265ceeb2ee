//! Builds node trees from saphyr-parser's events: anchors and aliases under the alias
//! expansion budget, the nesting depth budget, merge keys, scalar resolution, positions.

use std::collections::BTreeMap;

use ops_model::{Severity, Span};
use saphyr_parser::{Event, Marker, Parser, Tag};

use super::node::{Node, NodeKind, Scalar, ScalarStyle};
use super::source::{Source, marker_span};
use super::{YamlDocument, YamlError, YamlLimits, alias_budget, depth_budget, json, merge, scalar};
use crate::diagnostic::{Budget, Diagnostic, DiagnosticKind};

/// A collection being built.
struct Frame {
    span: Span,
    tag: Option<String>,
    anchor: usize,
    /// Nodes below this one, for the anchor's expansion cost.
    size: usize,
    /// Levels below this one.
    height: usize,
    kind: FrameKind,
}

enum FrameKind {
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>, Option<Node>),
}

/// An anchored node, with its size and height so that copying it can be budgeted.
struct Anchored {
    node: Node,
    size: usize,
    height: usize,
}

/// The state of one document being composed.
struct Composer {
    depth: Budget,
    aliases: Budget,
    stack: Vec<Frame>,
    anchors: BTreeMap<usize, Anchored>,
    /// Nodes copied by aliases so far in this document.
    expanded: usize,
    /// Events skipped past the depth budget: open collections below the skipped one.
    skipping: usize,
    skipped_at: Span,
    root: Option<Node>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads every document of the stream.
pub(super) fn compose(
    source: &Source<'_>,
    limits: &YamlLimits,
) -> Result<Vec<YamlDocument>, YamlError> {
    let mut parser = Parser::new_from_str(source.text);
    let fresh = || Composer::new(depth_budget(limits), alias_budget(limits));
    let mut c = fresh();
    let mut docs = Vec::new();
    let mut prev_end = Marker::new(0, 1, 0);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| YamlError {
            span: marker_span(e.marker()),
            message: e.info().to_string(),
        })?;
        let at = marker_span(&span.start);
        match event {
            Event::DocumentStart(_) => c = fresh(),
            Event::DocumentEnd => {
                let done = std::mem::replace(&mut c, fresh());
                docs.push(done.finish(at));
            }
            Event::Alias(id) => c.alias(id, at),
            Event::Scalar(text, style, anchor, tag) if c.skipping == 0 => {
                let style = scalar_style(style);
                let tag = tag.map(|t| tag_name(&t));
                let (content, pieces) =
                    source.place(&text, style, &span.start, &span.end, &prev_end);
                let (value, mismatch) = scalar::resolve(&text, style, tag.as_deref());
                if mismatch {
                    c.diagnostics.push(Diagnostic::new(
                        at,
                        Severity::Warning,
                        DiagnosticKind::Lossy,
                        format!(
                            "`{text}` does not match its tag `{}`: read as a string",
                            tag.as_deref().unwrap_or("")
                        ),
                    ));
                }
                let node = Node {
                    span: at,
                    tag,
                    kind: NodeKind::Scalar(Scalar {
                        text: text.into_owned(),
                        style,
                        value,
                        content,
                        pieces,
                    }),
                };
                c.complete(node, anchor, 1, 1);
            }
            Event::SequenceStart(anchor, tag) => {
                c.start(at, anchor, tag, FrameKind::Sequence(Vec::new()));
            }
            Event::MappingStart(anchor, tag) => {
                c.start(at, anchor, tag, FrameKind::Mapping(Vec::new(), None));
            }
            Event::SequenceEnd | Event::MappingEnd => c.end(),
            _ => {}
        }
        prev_end = span.end;
    }
    Ok(docs)
}

fn scalar_style(style: saphyr_parser::ScalarStyle) -> ScalarStyle {
    match style {
        saphyr_parser::ScalarStyle::SingleQuoted => ScalarStyle::SingleQuoted,
        saphyr_parser::ScalarStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
        saphyr_parser::ScalarStyle::Literal => ScalarStyle::Literal,
        saphyr_parser::ScalarStyle::Folded => ScalarStyle::Folded,
        _ => ScalarStyle::Plain,
    }
}

/// `tag:yaml.org,2002:str` for `!!str`, `!x` for a local tag.
fn tag_name(tag: &Tag) -> String {
    if tag.handle == "!" {
        format!("!{}", tag.suffix)
    } else {
        format!("{}{}", tag.handle, tag.suffix)
    }
}

impl Composer {
    fn new(depth: Budget, aliases: Budget) -> Self {
        Composer {
            depth,
            aliases,
            stack: Vec::new(),
            anchors: BTreeMap::new(),
            expanded: 0,
            skipping: 0,
            skipped_at: Span::new(1, 1),
            root: None,
            diagnostics: Vec::new(),
        }
    }

    fn start(
        &mut self,
        at: Span,
        anchor: usize,
        tag: Option<std::borrow::Cow<'_, Tag>>,
        kind: FrameKind,
    ) {
        if self.skipping > 0 {
            self.skipping += 1;
            return;
        }
        if self.stack.len() >= self.depth.limit {
            self.skipping = 1;
            self.skipped_at = at;
            self.diagnostics.push(Diagnostic::budget(
                at,
                self.depth,
                "YAML collection not read",
            ));
            return;
        }
        self.stack.push(Frame {
            span: at,
            tag: tag.map(|t| tag_name(&t)),
            anchor,
            size: 0,
            height: 0,
            kind,
        });
    }

    fn end(&mut self) {
        if self.skipping > 0 {
            self.skipping -= 1;
            if self.skipping == 0 {
                let unknown = unknown(self.skipped_at);
                self.complete(unknown, 0, 1, 1);
            }
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let kind = match frame.kind {
            FrameKind::Sequence(items) => NodeKind::Sequence(items),
            FrameKind::Mapping(pairs, _) => {
                NodeKind::Mapping(merge::resolve(pairs, &mut self.diagnostics))
            }
        };
        let node = Node {
            span: frame.span,
            tag: frame.tag,
            kind,
        };
        self.complete(node, frame.anchor, frame.size + 1, frame.height + 1);
    }

    /// A copy of the anchored node, or an unknown node past the alias or depth budget.
    fn alias(&mut self, id: usize, at: Span) {
        if self.skipping > 0 {
            return;
        }
        let node = match self.anchors.get(&id) {
            // An anchor inside a collection skipped past the depth budget: already reported.
            None => unknown(at),
            Some(a) if self.stack.len() + a.height > self.depth.limit => {
                self.diagnostics.push(Diagnostic::budget(
                    at,
                    self.depth,
                    "YAML alias not expanded",
                ));
                unknown(at)
            }
            Some(a) if self.expanded + a.size > self.aliases.limit => {
                if self.expanded <= self.aliases.limit {
                    self.diagnostics.push(Diagnostic::budget(
                        at,
                        self.aliases,
                        "YAML alias not expanded",
                    ));
                    // Report once: every later alias of the document is unknown too.
                    self.expanded = self.aliases.limit + 1;
                }
                unknown(at)
            }
            Some(a) => {
                self.expanded += a.size;
                let (size, height) = (a.size, a.height);
                let mut node = a.node.clone();
                node.span = at;
                return self.complete(node, 0, size, height);
            }
        };
        self.complete(node, 0, 1, 1);
    }

    /// Stores a finished node under its anchor and attaches it to its parent.
    fn complete(&mut self, node: Node, anchor: usize, size: usize, height: usize) {
        if anchor != 0 {
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    size,
                    height,
                },
            );
        }
        let Some(top) = self.stack.last_mut() else {
            self.root = Some(node);
            return;
        };
        top.size += size;
        top.height = top.height.max(height);
        match &mut top.kind {
            FrameKind::Sequence(items) => items.push(node),
            FrameKind::Mapping(pairs, pending) => match pending.take() {
                Some(key) => pairs.push((key, node)),
                None => *pending = Some(node),
            },
        }
    }

    fn finish(mut self, at: Span) -> YamlDocument {
        let root = self.root.take().unwrap_or(unknown(at));
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        let value = json::document_value(&root, &mut diagnostics);
        diagnostics.sort();
        diagnostics.dedup();
        YamlDocument {
            root,
            value,
            diagnostics,
        }
    }
}

fn unknown(at: Span) -> Node {
    Node {
        span: at,
        tag: None,
        kind: NodeKind::Unknown,
    }
}
