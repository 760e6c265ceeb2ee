//! Python: the modules a file imports, the files it is statically known to write, and
//! whether it runs as a program (its `if __name__ == "__main__":` guard).
//!
//! A file is parsed once with [tree-sitter-python] into a concrete syntax tree
//! ([`PythonModule::parse`]); [`PythonModule::imports`] and [`PythonModule::writes`] then read
//! that tree. The grammar covers Python 3 (f-strings, `match`, parenthesised `with`) and
//! Python 2's `print` and `exec` statements; a syntax error becomes a local `ERROR` node, so
//! the statements before and after it are still read (real repositories have Python 2 files
//! and broken files). Strings, comments, docstrings and f-strings are tokens of the grammar,
//! so `"import x"` or `# open(p, "w")` are never imports or writes.
//!
//! Work budget ([`Budget`]): input size, nesting depth, evaluation depth, evaluation steps and
//! value size. Past a budget the affected value is unknown (or, for the input size, nothing
//! is read) and a [`Diagnostic`] names the budget; nothing ever panics or hangs.
//!
//! ```
//! use ops_syntax::python::{Budget, PythonModule, WriteOptions};
//!
//! let text = "import os\nfrom pathlib import Path\n\
//!             OUT = Path(os.environ.get('OUT_DIR', 'artifacts/out'))\n\
//!             (OUT / 'x.json').write_text('{}')\n";
//! let module = PythonModule::parse(text, &Budget::default());
//! assert_eq!(module.imports()[1].module, "pathlib");
//! let writes = module.writes(&WriteOptions::default());
//! assert_eq!(writes.writes[0].line, 4);
//! assert_eq!(writes.writes[0].path.to_string(), "artifacts/out/x.json");
//! ```
//!
//! [tree-sitter-python]: https://github.com/tree-sitter/tree-sitter-python

mod analyzer;
mod calls;
mod entry;
mod eval;
mod format;
pub mod imports;
mod kind;
mod literal;
mod messages;
mod nav;
mod pathtext;
mod scope;
pub mod writes;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::sync::OnceLock;

use tree_sitter::{Node, Parser, Tree};

pub use imports::{
    CandidateBase, Import, ImportKind, ImportedName, ModuleCandidates, candidate_paths,
};
pub use messages::Message;
pub use writes::{Via, Write, WriteKind, WriteOptions, Writes};

/// Limits on the work spent on one file: `[limits.python]` of the config.
/// [`Budget::default`] fits every real script.
pub use ops_model::contract::PythonLimits as Budget;

/// Which [`Budget`] limit a [`Diagnostic`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BudgetKind {
    /// [`Budget::max_input_bytes`]
    InputSize,
    /// [`Budget::max_depth`]
    NestingDepth,
    /// [`Budget::max_eval_depth`]
    EvalDepth,
    /// [`Budget::max_eval_steps`]
    EvalSteps,
    /// [`Budget::max_value_bytes`]
    ValueSize,
}

impl BudgetKind {
    /// The budget's name as a user reads it in a diagnostic: `python.max_input_bytes`, ...
    pub fn name(self) -> &'static str {
        match self {
            BudgetKind::InputSize => "python.max_input_bytes",
            BudgetKind::NestingDepth => "python.max_depth",
            BudgetKind::EvalDepth => "python.max_eval_depth",
            BudgetKind::EvalSteps => "python.max_eval_steps",
            BudgetKind::ValueSize => "python.max_value_bytes",
        }
    }
}

/// A warning-level note: part of the file was not read, or a value was given up as unknown.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// 1-based line where the budget ran out (1 for the input size).
    pub line: u32,
    /// The budget that ran out, when one did.
    pub budget: Option<BudgetKind>,
    /// One sentence naming the budget and its limit.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

thread_local! {
    /// One parser per thread, with the grammar set: a new parser per file cost about
    /// 27,000 instructions (callgrind), as much as parsing a short module.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// One Python file, parsed. Holds the text it was parsed from.
pub struct PythonModule<'t> {
    text: Cow<'t, str>,
    tree: Option<Tree>,
    budget: Budget,
    diagnostics: Vec<Diagnostic>,
    /// [`PythonModule::imports`], read once: LAY004 and ART009 both ask for them.
    imports: OnceLock<Vec<imports::Import>>,
}

impl fmt::Debug for PythonModule<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PythonModule")
            .field("bytes", &self.text.len())
            .field("parsed", &self.tree.is_some())
            .field("diagnostics", &self.diagnostics)
            .finish()
    }
}

impl<'t> PythonModule<'t> {
    /// Parses `text` (the whole file). Never fails: a file over the input budget, or one the
    /// parser gives up on, yields no imports and no writes and a [`Diagnostic`].
    pub fn parse(text: &'t str, budget: &Budget) -> PythonModule<'t> {
        PythonModule::read(Cow::Borrowed(text), budget)
    }

    /// Like [`PythonModule::parse`], for a module that owns its text: a
    /// `PythonModule<'static>` can be kept beside the file (one parse shared by every rule,
    /// see [`crate::parsed`]).
    pub fn parse_owned(text: String, budget: &Budget) -> PythonModule<'static> {
        PythonModule::read(Cow::Owned(text), budget)
    }

    fn read(text: Cow<'t, str>, budget: &Budget) -> PythonModule<'t> {
        let mut module = PythonModule {
            text,
            tree: None,
            budget: budget.clone(),
            diagnostics: Vec::new(),
            imports: OnceLock::new(),
        };
        if module.text.len() > budget.max_input_bytes {
            module.diagnostics.push(Diagnostic {
                line: 1,
                budget: Some(BudgetKind::InputSize),
                message: format!(
                    "file of {} bytes not read: over {} ({} bytes)",
                    module.text.len(),
                    BudgetKind::InputSize.name(),
                    budget.max_input_bytes
                ),
            });
            return module;
        }
        module.tree = PARSER.with_borrow_mut(|parser| {
            if parser.is_none() {
                let mut fresh = Parser::new();
                fresh
                    .set_language(&tree_sitter_python::LANGUAGE.into())
                    .ok()?;
                *parser = Some(fresh);
            }
            let parser = parser.as_mut()?;
            // Nothing of the last parse carries over (it is never cancelled, but say so).
            parser.reset();
            parser.parse(module.text.as_bytes(), None)
        });
        if module.tree.is_none() {
            module.diagnostics.push(Diagnostic {
                line: 1,
                budget: None,
                message: "the Python parser could not read this file".to_string(),
            });
        }
        module
    }

    /// The text the module was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Notes from parsing (input budget, parser failure); [`PythonModule::writes`] adds its own.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// True when some part of the file is not valid Python 3 (or is a Python 2 construct the
    /// grammar does not know); those parts are read as far as the parser recovered.
    pub fn has_syntax_errors(&self) -> bool {
        self.tree
            .as_ref()
            .is_some_and(|tree| tree.root_node().has_error())
    }

    fn root(&self) -> Option<Node<'_>> {
        self.tree.as_ref().map(|tree| tree.root_node())
    }
}

/// The source text of a node ("" if the range is not on character boundaries, which the
/// parser never produces for UTF-8 input).
fn node_text<'t>(text: &'t str, node: Node<'_>) -> &'t str {
    text.get(node.byte_range()).unwrap_or("")
}

/// The 1-based line a node starts on.
fn line_of(node: Node<'_>) -> u32 {
    u32::try_from(node.start_position().row.saturating_add(1)).unwrap_or(u32::MAX)
}
