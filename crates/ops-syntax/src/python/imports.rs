//! Import statements: `import a.b [as c]`, `from [..]a.b import c [as d], ...`,
//! `from . import x`, `from a import *`, `from __future__ import ...`, wherever they stand
//! (module level, functions, `if TYPE_CHECKING:`, `try:`), per the
//! [import statement](https://docs.python.org/3/reference/simple_stmts.html#the-import-statement)
//! of the Python language reference.

use tree_sitter::Node;

use super::kind::KindName;
use super::nav::{Fields, named_children};
use super::{PythonModule, line_of, node_text};

/// Which of the two import statements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImportKind {
    /// `import a.b` / `import a.b as c`: one [`Import`] per comma-separated module.
    Import,
    /// `from a.b import c, d` (also `from __future__ import x`).
    From,
}

/// One module named by an import statement.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Import {
    /// 1-based line of the `import` or `from` keyword.
    pub line: u32,
    /// `import` or `from ... import`.
    pub kind: ImportKind,
    /// Dotted module path without the leading dots: `a.b`; empty for `from . import x`.
    pub module: String,
    /// Leading dots of a relative import: 0 for `a.b`, 1 for `.a`, 2 for `..a`.
    pub level: u32,
    /// `c` in `import a.b as c`; always `None` for [`ImportKind::From`].
    pub alias: Option<String>,
    /// The names after `from ... import`, in order (`*` for a wildcard); empty for
    /// [`ImportKind::Import`].
    pub names: Vec<ImportedName>,
}

/// One name of a `from ... import` statement.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ImportedName {
    /// 1-based line of the name (parenthesised imports span lines).
    pub line: u32,
    /// The imported name (`c`, or `*`); a submodule or an attribute of the module.
    pub name: String,
    /// `d` in `from a import c as d`.
    pub alias: Option<String>,
}

impl PythonModule<'_> {
    /// Every import in the file, in source order (line, then column). Imports inside
    /// strings, comments and docstrings are not imports; an import inside a part of the file
    /// the parser could not read (an `ERROR` node) is still found when its statement parsed.
    /// Read at the first call and kept with the module.
    pub fn imports(&self) -> &[Import] {
        self.imports.get_or_init(|| self.read_imports())
    }

    fn read_imports(&self) -> Vec<Import> {
        let mut out = Vec::new();
        let Some(root) = self.root() else {
            return out;
        };
        // Iterative pre-order walk: deep nesting costs no stack.
        let mut cursor = root.walk();
        'walk: loop {
            let node = cursor.node();
            let descend = match node.kind_name() {
                "import_statement" => {
                    self.plain_import(node, &mut out);
                    false
                }
                "import_from_statement" | "future_import_statement" => {
                    self.import_from(node, &mut out);
                    false
                }
                // Imports stand only in blocks and clauses; expressions are skipped unless
                // they hold a parse error, where a statement may have been kept.
                kind => holds_statements(kind) || node.has_error(),
            };
            if descend && cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        out
    }

    fn plain_import(&self, node: Node<'_>, out: &mut Vec<Import>) {
        let mut cursor = node.walk();
        for name in node.children_by_field_name("name", &mut cursor) {
            let (module, alias) = self.dotted_and_alias(name);
            out.push(Import {
                line: line_of(node),
                kind: ImportKind::Import,
                module,
                level: 0,
                alias,
                names: Vec::new(),
            });
        }
    }

    fn import_from(&self, node: Node<'_>, out: &mut Vec<Import>) {
        let (module, level) = match node.field("module_name") {
            Some(m) if m.kind_name() == "relative_import" => {
                let mut dots = 0u32;
                let mut path = String::new();
                for part in named_children(m) {
                    match part.kind_name() {
                        "import_prefix" => {
                            let prefix = node_text(&self.text, part);
                            dots = u32::try_from(prefix.matches('.').count()).unwrap_or(u32::MAX);
                        }
                        "dotted_name" => path = self.dotted(part),
                        _ => {}
                    }
                }
                (path, dots)
            }
            Some(m) => (self.dotted(m), 0),
            // `from __future__ import x` has no module field.
            None => ("__future__".to_string(), 0),
        };
        let mut names = Vec::new();
        let mut cursor = node.walk();
        for name in node.children_by_field_name("name", &mut cursor) {
            let (name_text, alias) = self.dotted_and_alias(name);
            names.push(ImportedName {
                line: line_of(name),
                name: name_text,
                alias,
            });
        }
        for child in named_children(node) {
            if child.kind_name() == "wildcard_import" {
                names.push(ImportedName {
                    line: line_of(child),
                    name: "*".to_string(),
                    alias: None,
                });
            }
        }
        out.push(Import {
            line: line_of(node),
            kind: ImportKind::From,
            module,
            level,
            alias: None,
            names,
        });
    }

    /// `a.b` or `a.b as c`.
    fn dotted_and_alias(&self, node: Node<'_>) -> (String, Option<String>) {
        if node.kind_name() == "aliased_import" {
            let name = node
                .field("name")
                .map(|n| self.dotted(n))
                .unwrap_or_default();
            let alias = node
                .field("alias")
                .map(|a| node_text(&self.text, a).to_string());
            (name, alias)
        } else {
            (self.dotted(node), None)
        }
    }

    /// A dotted name without the whitespace or comments Python allows between its parts.
    fn dotted(&self, node: Node<'_>) -> String {
        let parts: Vec<&str> = named_children(node)
            .filter(|c| c.kind_name() == "identifier")
            .map(|c| node_text(&self.text, c))
            .collect();
        if parts.is_empty() {
            node_text(&self.text, node).to_string()
        } else {
            parts.join(".")
        }
    }
}

/// Node kinds that may hold an import statement.
fn holds_statements(kind: &str) -> bool {
    matches!(kind, "module" | "block" | "ERROR" | "decorated_definition")
        || kind.ends_with("_clause")
        || kind.ends_with("_definition")
        || matches!(
            kind,
            "if_statement"
                | "for_statement"
                | "while_statement"
                | "try_statement"
                | "with_statement"
                | "match_statement"
        )
}

/// What the paths of [`ModuleCandidates`] are relative to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CandidateBase {
    /// A relative import: the paths are already repository-relative (joined to the package
    /// of the importing file).
    Repository,
    /// An absolute import: each path is relative to every directory on the module search
    /// path, which the caller knows (the script's directory, `sys.path` insertions, ...).
    SearchRoots,
}

/// The files an import may load, found lexically: no file system is consulted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModuleCandidates {
    /// What the paths are relative to.
    pub base: CandidateBase,
    /// The module after `import`/`from`: `pkg/mod.py` then `pkg/mod/__init__.py`. For
    /// `from . import x` (no module) only the package's `__init__.py`.
    pub module: Vec<String>,
    /// For `from` imports, each imported name as a possible submodule, in order:
    /// (`name`, [`pkg/mod/name.py`, `pkg/mod/name/__init__.py`]). `*` is left out.
    pub names: Vec<(String, [String; 2])>,
}

/// The candidate files of `import` as seen from `file` (a repository-relative,
/// `/`-separated path of the importing `.py` file).
///
/// A relative import of level `n` starts from the file's directory and goes up `n - 1`
/// directories, as Python resolves `__package__`; `None` when that climbs above the
/// repository root or the module path is empty for a plain import.
pub fn candidate_paths(file: &str, import: &Import) -> Option<ModuleCandidates> {
    let module_path = import.module.replace('.', "/");
    let (base, prefix) = if import.level == 0 {
        if module_path.is_empty() {
            return None;
        }
        (CandidateBase::SearchRoots, String::new())
    } else {
        let mut dir: Vec<&str> = file.split('/').filter(|c| !c.is_empty()).collect();
        dir.pop();
        for _ in 1..import.level {
            dir.pop()?;
        }
        (CandidateBase::Repository, dir.join("/"))
    };
    let join = |a: &str, b: &str| match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}/{b}"),
    };
    let package = join(&prefix, &module_path);
    let module = if module_path.is_empty() {
        vec![join(&package, "__init__.py")]
    } else {
        vec![format!("{package}.py"), join(&package, "__init__.py")]
    };
    let names = match import.kind {
        ImportKind::Import => Vec::new(),
        ImportKind::From => import
            .names
            .iter()
            .filter(|n| n.name != "*")
            .map(|n| {
                let sub = join(&package, &n.name);
                (
                    n.name.clone(),
                    [format!("{sub}.py"), join(&sub, "__init__.py")],
                )
            })
            .collect(),
    };
    Some(ModuleCandidates {
        base,
        module,
        names,
    })
}
