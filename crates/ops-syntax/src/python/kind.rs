//! A syntax node's kind name without tree-sitter's per-call conversion.
//!
//! `Node::kind` turns the grammar's C string into a `&str` at every call (a length scan and
//! a UTF-8 check, about 185 instructions); the Python reader asks it for every node it
//! looks at. The names are the grammar's, so they are converted once per process, indexed
//! by `Node::kind_id`.

use std::sync::OnceLock;

use tree_sitter::{Language, Node};

/// [`Node::kind`], from a table of the Python grammar's kind names.
pub(crate) trait KindName {
    /// The node's kind (`"call"`, `"identifier"`, `"ERROR"`), as [`Node::kind`] gives it.
    fn kind_name(&self) -> &str;
}

impl KindName for Node<'_> {
    fn kind_name(&self) -> &str {
        match names().get(usize::from(self.kind_id())) {
            Some(Some(name)) => name,
            // Ids past the table (`ERROR` is the largest id a node can have): ask the node.
            _ => self.kind(),
        }
    }
}

/// The grammar's kind names by id (`None` for an id without one).
fn names() -> &'static [Option<Box<str>>] {
    static NAMES: OnceLock<Vec<Option<Box<str>>>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let language = Language::from(tree_sitter_python::LANGUAGE);
        (0..language.node_kind_count())
            .map(|id| {
                u16::try_from(id)
                    .ok()
                    .and_then(|id| language.node_kind_for_id(id))
                    .map(Box::from)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tree_sitter::Parser;

    /// Every node of a file (errors and missing nodes included) has the kind name
    /// tree-sitter gives it.
    #[test]
    fn kind_name_is_the_nodes_kind() {
        let text = "import os\nfrom . import x as y\nclass A:\n    def f(self, *a, **k):\n        \
                    return [i for i in a if i] or {1: 2}\nx = (1 +\nprint(f'{x!r}') @@ def\n";
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_python::LANGUAGE.into())
            .expect("the Python grammar loads");
        let tree = parser.parse(text, None).expect("a tree");
        let mut stack = vec![tree.root_node()];
        let mut seen = 0;
        while let Some(node) = stack.pop() {
            assert_eq!(node.kind_name(), node.kind(), "{node:?}");
            seen += 1;
            let mut cursor = node.walk();
            stack.extend(node.children(&mut cursor));
        }
        assert!(seen > 50, "{seen}");
        assert!(tree.root_node().has_error());
    }
}
