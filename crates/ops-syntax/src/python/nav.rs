//! A syntax node's children and fields, read without tree-sitter's slow paths.
//!
//! - `Node::children` and `Node::named_children` step a `TreeCursor`, which tree-sitter
//!   allocates for each node and which pays at every step for the grammar's hidden nodes:
//!   about 360 instructions a sibling and 120 a cursor (callgrind, the legacy fixture's
//!   Python files). Most nodes the Python reader looks at have a handful of children, which
//!   `Node::child(i)` reaches for a few dozen instructions each. That call starts again from
//!   the first child every time, so a wide node (a literal list of thousands of items) is
//!   still stepped with a cursor and its cost stays linear in its children.
//! - `Node::child_by_field_name` looks the field's name up in the grammar at every call (a
//!   `strncmp` per field of the grammar, about 590 instructions before the child is
//!   found); [`Fields::field`] looks it up in a table made once per process.

use std::sync::OnceLock;

use hashbrown::HashMap;
use tree_sitter::{Language, Node};

/// Nodes with at most this many children are read by index; wider ones with a cursor.
const BY_INDEX_MAX: u32 = 16;

/// The children of a node, in order: all of them, or only the named ones.
pub(crate) enum Children<'t> {
    /// Read by index, `next` up to `count`.
    ByIndex {
        node: Node<'t>,
        next: u32,
        count: u32,
        named: bool,
    },
    /// Read with one cursor, up front.
    Listed(std::vec::IntoIter<Node<'t>>),
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        match self {
            Children::ByIndex {
                node,
                next,
                count,
                named,
            } => {
                while *next < *count {
                    let i = *next;
                    *next += 1;
                    let child = if *named {
                        node.named_child(i)
                    } else {
                        node.child(i)
                    };
                    if child.is_some() {
                        return child;
                    }
                }
                None
            }
            Children::Listed(nodes) => nodes.next(),
        }
    }
}

/// The named children of `node`, in order (as `Node::named_children` gives them).
pub(crate) fn named_children(node: Node<'_>) -> Children<'_> {
    of(node, true)
}

/// Every child of `node`, anonymous ones included, in order (as `Node::children` gives them).
pub(crate) fn children(node: Node<'_>) -> Children<'_> {
    of(node, false)
}

fn of(node: Node<'_>, named: bool) -> Children<'_> {
    let count = if named {
        u32::try_from(node.named_child_count()).unwrap_or(u32::MAX)
    } else {
        node.child_count()
    };
    if count <= BY_INDEX_MAX {
        return Children::ByIndex {
            node,
            next: 0,
            count,
            named,
        };
    }
    let mut cursor = node.walk();
    let nodes: Vec<Node<'_>> = if named {
        node.named_children(&mut cursor).collect()
    } else {
        node.children(&mut cursor).collect()
    };
    Children::Listed(nodes.into_iter())
}

/// [`Node::child_by_field_name`] from a table of the Python grammar's field ids.
pub(crate) trait Fields<'t> {
    /// The child in the field `name` (`"arguments"`, `"left"`), as
    /// `Node::child_by_field_name` gives it.
    fn field(&self, name: &str) -> Option<Node<'t>>;
}

impl<'t> Fields<'t> for Node<'t> {
    fn field(&self, name: &str) -> Option<Node<'t>> {
        match field_ids().get(name) {
            Some(&id) => self.child_by_field_id(id),
            // A name the grammar does not have: no child has it.
            None => None,
        }
    }
}

/// The grammar's field ids by name.
fn field_ids() -> &'static HashMap<Box<str>, u16> {
    static IDS: OnceLock<HashMap<Box<str>, u16>> = OnceLock::new();
    IDS.get_or_init(|| {
        let language = Language::from(tree_sitter_python::LANGUAGE);
        (1..=language.field_count())
            .filter_map(|id| u16::try_from(id).ok())
            .filter_map(|id| Some((Box::from(language.field_name_for_id(id)?), id)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tree_sitter::Parser;

    fn parse(text: &str) -> tree_sitter::Tree {
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_python::LANGUAGE.into())
            .expect("the Python grammar loads");
        parser.parse(text, None).expect("a tree")
    }

    /// Every node's children and named children are the cursor's, narrow and wide nodes
    /// (a list of 40 items), errors included; every field of every node is
    /// `child_by_field_name`'s.
    #[test]
    fn children_and_fields_are_tree_sitters() {
        let items: Vec<String> = (0..40).map(|i| i.to_string()).collect();
        let text = format!(
            "import os\nfrom . import x as y\nclass A:\n    def f(self, *a, **k):\n        \
             return [i for i in a if i] or {{1: 2}}\nx = [{}]\nprint(f'{{x!r}}') @@ def\n",
            items.join(", ")
        );
        let tree = parse(&text);
        let language = Language::from(tree_sitter_python::LANGUAGE);
        let names: Vec<&str> = (1..=language.field_count())
            .filter_map(|id| language.field_name_for_id(u16::try_from(id).ok()?))
            .collect();
        assert!(names.len() > 20, "{names:?}");
        let mut stack = vec![tree.root_node()];
        let (mut seen, mut wide) = (0, 0);
        while let Some(node) = stack.pop() {
            let mut cursor = node.walk();
            let all: Vec<Node<'_>> = node.children(&mut cursor).collect();
            let named: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
            assert_eq!(children(node).collect::<Vec<_>>(), all, "{node:?}");
            assert_eq!(named_children(node).collect::<Vec<_>>(), named, "{node:?}");
            for name in &names {
                assert_eq!(
                    node.field(name),
                    node.child_by_field_name(name),
                    "{node:?} {name}"
                );
            }
            assert_eq!(node.field("no_such_field"), None);
            wide += usize::from(all.len() > BY_INDEX_MAX as usize);
            seen += 1;
            stack.extend(all);
        }
        assert!(seen > 100 && wide > 0, "{seen} {wide}");
        assert!(tree.root_node().has_error());
    }
}
