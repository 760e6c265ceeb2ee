//! The state of one write analysis: scopes of known names, import aliases, the budget spent.

use std::collections::{BTreeMap, BTreeSet};

use tree_sitter::Node;

use super::kind::KindName;
use super::nav::Fields;
use super::writes::{Write, WriteOptions};
use super::{Budget, BudgetKind, Diagnostic, ImportKind, PythonModule, node_text};
use crate::value::{Anchor, StaticValue};

/// What an expression is known to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Val {
    /// Text (a `str`, or a `pathlib` path's text), possibly with unknown stretches.
    Known(StaticValue),
    /// The file being read: `__file__`, `Path(__file__)`, `os.path.abspath(__file__)`. Its
    /// parent is the script directory; its own name is unknown.
    ThisFile,
    /// `os.environ.get("X")` without a default: `None` when unset, so `... or "d"` is `"d"`.
    EnvUnset,
    /// Nothing known.
    Unknown,
}

impl Val {
    /// The value as text: the file itself is `$SCRIPT_DIR/…`.
    pub fn into_static(self) -> StaticValue {
        match self {
            Val::Known(v) => v,
            Val::ThisFile => {
                let mut v = StaticValue::anchored(Anchor::ScriptDir, "/");
                v.push_unknown();
                v
            }
            Val::EnvUnset | Val::Unknown => StaticValue::unknown(),
        }
    }

    /// True when nothing is known.
    pub fn is_unknown(&self) -> bool {
        match self {
            Val::Known(v) => v.is_unknown(),
            Val::ThisFile => false,
            Val::EnvUnset | Val::Unknown => true,
        }
    }
}

/// One scope: a module, a class body or a function.
#[derive(Debug, Default)]
pub(super) struct Frame {
    pub vars: BTreeMap<String, Val>,
    /// The line of the assignment that bound each name (absent for parameters, loop
    /// variables and other bindings without a single assignment).
    pub lines: BTreeMap<String, u32>,
    /// Class bodies are not visible from the methods defined in them.
    pub class: bool,
}

/// One write analysis over a parsed module.
pub(super) struct Analyzer<'m, 't> {
    pub text: &'t str,
    pub budget: &'m Budget,
    /// Local name -> qualified name from the file's imports: `osp` -> `os.path`,
    /// `Path` -> `pathlib.Path`, `makedirs` -> `os.makedirs`.
    pub aliases: BTreeMap<String, String>,
    pub roots: BTreeSet<String>,
    pub frames: Vec<Frame>,
    pub steps: usize,
    pub writes: Vec<Write>,
    pub diagnostics: Vec<Diagnostic>,
    /// The first name with a known value read since it was last cleared, and the line that
    /// bound it: what a write's path flows through ([`super::writes::Via`]).
    pub via: Option<(String, u32)>,
    spent: BTreeSet<BudgetKind>,
}

impl<'m> Analyzer<'m, 'm> {
    pub fn new(module: &'m PythonModule<'_>, options: &'m WriteOptions) -> Analyzer<'m, 'm> {
        let mut aliases = BTreeMap::new();
        for import in module.imports() {
            if import.level > 0 {
                continue;
            }
            match import.kind {
                ImportKind::Import => match &import.alias {
                    Some(alias) => {
                        aliases.insert(alias.clone(), import.module.clone());
                    }
                    None => {
                        // `import os.path` binds `os`.
                        let head = import.module.split('.').next().unwrap_or_default();
                        aliases.insert(head.to_string(), head.to_string());
                    }
                },
                ImportKind::From => {
                    for name in &import.names {
                        if name.name == "*" {
                            continue;
                        }
                        let local = name.alias.clone().unwrap_or_else(|| name.name.clone());
                        aliases.insert(local, format!("{}.{}", import.module, name.name));
                    }
                }
            }
        }
        Analyzer {
            text: &module.text,
            budget: &module.budget,
            aliases,
            roots: options.root_names.iter().cloned().collect(),
            frames: vec![Frame::default()],
            steps: 0,
            writes: Vec::new(),
            diagnostics: Vec::new(),
            via: None,
            spent: BTreeSet::new(),
        }
    }
}

impl<'m, 't> Analyzer<'m, 't> {
    pub fn text_of(&self, node: Node<'_>) -> &'t str {
        node_text(self.text, node)
    }

    /// Records that `budget` ran out at `node` (once per budget and file).
    pub fn over_budget(&mut self, budget: BudgetKind, node: Node<'_>, limit: usize) {
        if self.spent.insert(budget) {
            self.diagnostics.push(Diagnostic {
                line: super::line_of(node),
                budget: Some(budget),
                message: match budget {
                    BudgetKind::NestingDepth => format!(
                        "code nested deeper than {} ({limit}) not read for writes",
                        budget.name()
                    ),
                    _ => format!(
                        "value given up as unknown: over {} ({limit}); the same holds for any later value past it",
                        budget.name()
                    ),
                },
            });
        }
    }

    /// The value a name holds where it is read: the innermost scope that binds it (class
    /// bodies are skipped unless they are the current scope), then the configured root names.
    pub fn lookup(&self, name: &str) -> Val {
        let top = self.frames.len().saturating_sub(1);
        let found = self
            .frames
            .iter()
            .enumerate()
            .rev()
            .filter(|(i, f)| !f.class || *i == top)
            .find_map(|(_, f)| f.vars.get(name).cloned());
        match found {
            Some(v) if !v.is_unknown() => v,
            _ if self.roots.contains(name) => Val::Known(StaticValue::anchored(Anchor::Root, "")),
            Some(v) => v,
            None if name == "__file__" => Val::ThisFile,
            None => Val::Unknown,
        }
    }

    /// Binds `name` in the current scope.
    pub fn bind(&mut self, name: &str, value: Val) {
        if let Some(frame) = self.frames.last_mut() {
            frame.lines.remove(name);
            frame.vars.insert(name.to_string(), value);
        }
    }

    /// Binds `name` in the current scope by an assignment on `line`.
    pub fn bind_at(&mut self, name: &str, value: Val, line: u32) {
        self.bind(name, value);
        if let Some(frame) = self.frames.last_mut() {
            frame.lines.insert(name.to_string(), line);
        }
    }

    /// Reads `name` as [`Analyzer::lookup`] does, and remembers it as the write's
    /// [`Analyzer::via`] when it is the first known name read.
    pub fn read_name(&mut self, name: &str) -> Val {
        let value = self.lookup(name);
        if self.via.is_none() && !value.is_unknown() {
            let top = self.frames.len().saturating_sub(1);
            let line = self
                .frames
                .iter()
                .enumerate()
                .rev()
                .filter(|(i, f)| !f.class || *i == top)
                .find(|(_, f)| f.vars.contains_key(name))
                .and_then(|(_, f)| f.lines.get(name).copied());
            if let Some(line) = line {
                self.via = Some((name.to_string(), line));
            }
        }
        value
    }

    /// The qualified name of a callee or attribute chain (`osp.join` -> `os.path.join`), when
    /// it is a chain of identifiers whose head is an import or a well-known module.
    pub fn qualified(&self, node: Node<'_>) -> Option<String> {
        let mut parts = Vec::new();
        let mut cur = node;
        loop {
            match cur.kind_name() {
                "identifier" => {
                    parts.push(self.text_of(cur));
                    break;
                }
                "attribute" => {
                    parts.push(self.text_of(cur.field("attribute")?));
                    cur = cur.field("object")?;
                }
                _ => return None,
            }
            if parts.len() > 16 {
                return None;
            }
        }
        parts.reverse();
        let head = parts.first()?;
        let qualified_head = match self.aliases.get(*head) {
            Some(q) => q.as_str(),
            None if WELL_KNOWN.contains(head) && !self.is_bound(head) => head,
            None => return None,
        };
        let mut out = qualified_head.to_string();
        for p in &parts[1..] {
            out.push('.');
            out.push_str(p);
        }
        Some(out)
    }

    fn is_bound(&self, name: &str) -> bool {
        self.frames.iter().any(|f| f.vars.contains_key(name))
    }
}

/// Names read as modules or builtins even without an import (a script may import them
/// inside a function, or rely on a star import).
const WELL_KNOWN: &[&str] = &[
    "open",
    "str",
    "os",
    "io",
    "codecs",
    "shutil",
    "pathlib",
    "Path",
    "PurePath",
    "PosixPath",
    "subprocess",
    "json",
    "sys",
];
