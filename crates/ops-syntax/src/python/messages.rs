//! The calls of a Python module that print a message for a person: `print(...)`,
//! `sys.stderr.write(...)` and `warnings.warn(...)`, with whether they go to stderr
//! (`print(..., file=sys.stderr)`, `sys.stderr.write`, `warnings.warn`: the `warnings`
//! module writes to stderr by default, per the Python library reference).
//!
//! Read from the syntax tree, so a call spread over several lines is one message, and the
//! text `print(` inside a string or a comment is none.

use tree_sitter::Node;

use super::kind::KindName;
use super::nav::{Fields, named_children};
use super::{PythonModule, line_of, node_text};

/// One call that prints a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message<'t> {
    /// 1-based line of the call.
    pub line: u32,
    /// The message goes to stderr.
    pub to_stderr: bool,
    /// The source text of the call's argument list, parentheses included
    /// (`("use make ops-up", file=sys.stderr)`).
    pub arguments: &'t str,
}

impl PythonModule<'_> {
    /// Every printing call of the module, in source order. The walk visits each node once
    /// (the tree is bounded by the input budget); nothing is evaluated.
    pub fn messages(&self) -> Vec<Message<'_>> {
        let Some(root) = self.root() else {
            return Vec::new();
        };
        let text: &str = &self.text;
        let mut out = Vec::new();
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if node.kind_name() == "call"
                && let Some(message) = message(text, node)
            {
                out.push(message);
            }
            let children: Vec<Node<'_>> = named_children(node).collect();
            stack.extend(children.into_iter().rev());
        }
        out
    }
}

fn message<'t>(text: &'t str, call: Node<'_>) -> Option<Message<'t>> {
    let function = node_text(text, call.field("function")?);
    let arguments = call.field("arguments")?;
    let to_stderr = match function {
        "print" => named_children(arguments)
            .filter(|a| a.kind_name() == "keyword_argument")
            .any(|a| {
                a.field("name")
                    .is_some_and(|n| node_text(text, n) == "file")
                    && a.field("value")
                        .is_some_and(|v| node_text(text, v) == "sys.stderr")
            }),
        "sys.stderr.write" | "warnings.warn" => true,
        _ => return None,
    };
    Some(Message {
        line: line_of(call),
        to_stderr,
        arguments: node_text(text, arguments),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::Budget;

    #[test]
    fn printing_calls_with_their_stream() {
        let text = "import sys, warnings\n\
                    # print('not this')\n\
                    s = \"print(no)\"\n\
                    print('use make ops-up')\n\
                    print(\n    'use make ops-down',\n    file=sys.stderr,\n)\n\
                    sys.stderr.write('gone')\n\
                    def f():\n    warnings.warn('old')\n";
        let module = PythonModule::parse(text, &Budget::default());
        let got: Vec<(u32, bool, &str)> = module
            .messages()
            .iter()
            .map(|m| (m.line, m.to_stderr, m.arguments))
            .collect();
        assert_eq!(
            got,
            vec![
                (4, false, "('use make ops-up')"),
                (
                    5,
                    true,
                    "(\n    'use make ops-down',\n    file=sys.stderr,\n)"
                ),
                (9, true, "('gone')"),
                (11, true, "('old')"),
            ]
        );
    }
}
