//! Is a Python file a program or a module? Per the language reference's
//! ["`__main__` — Top-level code environment"](https://docs.python.org/3/library/__main__.html),
//! a file run as a script has `__name__ == "__main__"`; the idiom
//! `if __name__ == "__main__":` at module level marks code that runs only then.

use tree_sitter::Node;

use super::kind::KindName;
use super::nav::{Fields, children, named_children};
use super::{PythonModule, line_of, node_text};

impl PythonModule<'_> {
    /// The 1-based line of a module-level `if __name__ == "__main__":` (either operand order,
    /// either quote style), when the file has one. Guards nested in functions or classes
    /// do not count: they never run on import either way.
    pub fn main_guard(&self) -> Option<u32> {
        let root = self.root()?;
        let found = named_children(root)
            .filter(|n| n.kind_name() == "if_statement")
            .find(|n| n.field("condition").is_some_and(|c| self.is_main_test(c)));
        found.map(line_of)
    }

    fn is_main_test(&self, condition: Node<'_>) -> bool {
        let condition = match condition.kind_name() {
            "parenthesized_expression" => match condition.named_child(0) {
                Some(inner) => inner,
                None => return false,
            },
            _ => condition,
        };
        if condition.kind_name() != "comparison_operator" {
            return false;
        }
        let children: Vec<Node<'_>> = children(condition).collect();
        let [left, op, right] = children.as_slice() else {
            return false;
        };
        if node_text(&self.text, *op) != "==" {
            return false;
        }
        let is_name =
            |n: &Node<'_>| n.kind_name() == "identifier" && node_text(&self.text, *n) == "__name__";
        let is_main = |n: &Node<'_>| {
            n.kind_name() == "string"
                && node_text(&self.text, *n).trim_matches(|c| c == '"' || c == '\'') == "__main__"
        };
        (is_name(left) && is_main(right)) || (is_main(left) && is_name(right))
    }
}

#[cfg(test)]
mod tests {
    use crate::python::{Budget, PythonModule};

    fn guard(text: &str) -> Option<u32> {
        PythonModule::parse(text, &Budget::default()).main_guard()
    }

    #[test]
    fn module_level_guards() {
        assert_eq!(
            guard("def main():\n    pass\n\nif __name__ == \"__main__\":\n    main()\n"),
            Some(4)
        );
        assert_eq!(guard("if '__main__' == __name__:\n    main()\n"), Some(1));
        assert_eq!(guard("if (__name__ == '__main__'):\n    main()\n"), Some(1));
    }

    #[test]
    fn look_alikes_are_not_guards() {
        assert_eq!(guard("X = 1\n"), None);
        assert_eq!(guard("s = 'if __name__ == \"__main__\":'\n"), None);
        assert_eq!(guard("# if __name__ == \"__main__\":\n"), None);
        assert_eq!(
            guard("def f():\n    if __name__ == '__main__':\n        pass\n"),
            None
        );
        assert_eq!(guard("if __name__ != '__main__':\n    pass\n"), None);
    }
}
