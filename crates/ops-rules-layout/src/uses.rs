//! Who uses whom: the files of the operations tree that a shell script `source`s or a Python
//! file imports, resolved to files of the tree, and whether a file is a program (an entry
//! script) or a library. LAY004 keeps these facts per file in its scan and judges helpers
//! from them.
//!
//! Reading is ops-syntax's: the shell reader's walk evaluates each `source` argument
//! ([`facts::sources`]), the Python reader lists imports and their candidate files
//! ([`candidate_paths`]). This module only decides which candidate is a file of the tree.

use ops_model::{CheckContext, RepoPath};
use ops_syntax::python::{CandidateBase, PythonModule, candidate_paths};
use ops_syntax::shell::{Budget, EvalOptions, Script, facts};
use ops_syntax::{Anchor, StaticValue};

/// The language a use is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lang {
    Shell,
    Python,
}

/// One file of the tree that a file pulls in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub target: RepoPath,
    /// 1-based line of the `source` command or import statement.
    pub line: u32,
    /// A relative Python import (`from .x import y`): only possible inside a package.
    pub relative: bool,
}

/// What LAY004 keeps of one shell or Python file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileUses {
    pub lang: Lang,
    /// An entry script: a shell file that runs a command at its top level, or a Python
    /// file with a `__main__` guard (or named `__main__.py`). Never a helper.
    pub program: bool,
    /// The files it pulls in, each once, in line order.
    pub uses: Vec<Use>,
    /// Work budgets the readers ran out of: what follows was not read.
    pub budgets: Vec<String>,
}

/// Reads a shell script: is it a program, and which files of the tree it `source`s.
pub fn shell(cx: &CheckContext<'_>, path: &RepoPath, script: &Script<'_>) -> FileUses {
    let opts = EvalOptions {
        root_vars: cx.contract.layout.helper_root_vars.as_slice().into(),
        script_name: Some(path.file_name().into()),
        ..EvalOptions::default()
    };
    let dir = path.parent().unwrap_or_default();
    let mut uses: Vec<Use> = Vec::new();
    for sourced in facts::sources(script, &opts) {
        let found = resolve(&sourced.value, sourced.cwd.as_ref(), &dir, &|p| {
            is_shell_helper(cx, p)
        });
        if let Some(target) = found {
            push(&mut uses, path, target, sourced.line, false);
        }
    }
    FileUses {
        lang: Lang::Shell,
        program: !facts::is_function_library(script),
        uses,
        budgets: script.budgets.iter().map(Budget::label).collect(),
    }
}

/// True when a shell script is a program rather than a function library (see
/// [`facts::is_function_library`]).
pub fn shell_is_program(script: &Script<'_>) -> bool {
    !facts::is_function_library(script)
}

/// Reads a Python file: is it a program, and which files of the tree it imports. An
/// absolute import is looked up below, in order: the file's directory (Python puts a
/// script's directory first on `sys.path`), the ops root, the shared helper directory
/// (where scripts add `sys.path.insert(0, .../_lib)`), and the repository root (`import
/// ops._lib.x`). Modules found nowhere (the standard library, installed packages) are no
/// use.
pub fn python(cx: &CheckContext<'_>, path: &RepoPath, module: &PythonModule<'_>) -> FileUses {
    let contract = cx.contract;
    let dir = path.parent().unwrap_or_default();
    let bases = [
        dir,
        RepoPath::new(contract.ops_path("")),
        RepoPath::new(contract.ops_path(&contract.layout.lib_dir)),
        RepoPath::root(),
    ];
    let exists = |p: &RepoPath| p != path && in_ops(cx, p) && cx.index.is_file(p.as_str());
    let mut uses: Vec<Use> = Vec::new();
    for import in module.imports() {
        let Some(candidates) = candidate_paths(path.as_str(), import) else {
            continue;
        };
        // `from . import x` names the package itself: its `__init__.py` is not a helper
        // the file uses, `x` is.
        let mut groups: Vec<&[String]> = Vec::new();
        if !import.module.is_empty() {
            groups.push(&candidates.module);
        }
        groups.extend(candidates.names.iter().map(|(_, pair)| pair.as_slice()));
        for group in groups {
            let found = match candidates.base {
                CandidateBase::Repository => group
                    .iter()
                    .filter_map(|p| RepoPath::normalize(p))
                    .find(|p| exists(p)),
                CandidateBase::SearchRoots => bases.iter().find_map(|base| {
                    group
                        .iter()
                        .filter_map(|p| base.resolve(p))
                        .find(|p| exists(p))
                }),
            };
            if let Some(target) = found {
                push(&mut uses, path, target, import.line, import.level > 0);
            }
        }
    }
    FileUses {
        lang: Lang::Python,
        program: python_is_program_module(path, module),
        uses,
        budgets: module
            .diagnostics()
            .iter()
            .map(|d| d.message.clone())
            .collect(),
    }
}

/// True when a Python file is a program: named `__main__.py` or guarded by
/// `if __name__ == "__main__":`.
pub fn python_is_program(path: &RepoPath, module: &PythonModule<'_>) -> bool {
    python_is_program_module(path, module)
}

fn python_is_program_module(path: &RepoPath, module: &PythonModule<'_>) -> bool {
    path.file_name() == "__main__.py" || module.main_guard().is_some()
}

fn push(uses: &mut Vec<Use>, user: &RepoPath, target: RepoPath, line: u32, relative: bool) {
    if target != *user && !uses.iter().any(|u| u.target == target) {
        uses.push(Use {
            target,
            line,
            relative,
        });
    }
}

fn in_ops(cx: &CheckContext<'_>, path: &RepoPath) -> bool {
    path.starts_with(cx.contract.ops_dir())
}

/// A file under `ops/` that a `source` may load as code: a shell script by its name or
/// `#!` line, or a file without an extension (libraries often have neither). Sourcing an
/// `.env` file reads configuration, not a helper.
fn is_shell_helper(cx: &CheckContext<'_>, path: &RepoPath) -> bool {
    in_ops(cx, path)
        && cx.index.is_file(path.as_str())
        && (path.extension().is_none() || cx.files.kind(path) == ops_model::FileKind::Shell)
}

/// The file a `source` argument names, when it is fully known and `exists`.
///
/// Anchored values (`$ROOT/...`, `$SCRIPT_DIR/...`) are exact. A relative path depends on
/// the working directory, which is unknown unless a `cd` set it: it is tried against that
/// directory, the repository root (scripts run from `make`), then the script's own
/// directory. Absolute paths leave the tree.
pub fn resolve(
    value: &StaticValue,
    cwd: Option<&StaticValue>,
    script_dir: &RepoPath,
    exists: &dyn Fn(&RepoPath) -> bool,
) -> Option<RepoPath> {
    let found = |p: Option<RepoPath>| p.filter(|p| exists(p));
    match value.anchor {
        Anchor::Root | Anchor::ScriptDir => found(anchored(value, script_dir)),
        Anchor::None => {
            let text = value.as_known()?;
            if text.is_empty() || text.starts_with('/') || text.starts_with('~') {
                return None;
            }
            let cwd = cwd.and_then(|c| anchored(c, script_dir));
            cwd.into_iter()
                .chain([RepoPath::root(), script_dir.clone()])
                .find_map(|base| found(base.resolve(&text)))
        }
    }
}

/// The repository path of a fully known anchored value; `None` for an unanchored one.
fn anchored(value: &StaticValue, script_dir: &RepoPath) -> Option<RepoPath> {
    let text = value.as_known()?;
    let rest = text.trim_start_matches('/');
    match value.anchor {
        Anchor::Root => RepoPath::normalize(rest),
        Anchor::ScriptDir => script_dir.resolve(rest),
        Anchor::None => None,
    }
}

#[cfg(test)]
mod tests;
