//! The walk shared by ART001 and ART002: find output directories and files outside the
//! places they may live, reporting a directory once rather than every file inside it.

use std::collections::HashSet;

use ops_model::{CheckContext, Entry, Finding, RepoPath, RuleMeta};

/// What a scan looks for, and where it is allowed.
pub trait OutputKind {
    /// Why this directory is an output directory (its name matched), if it is one.
    fn output_dir(&self, entry: &Entry) -> Option<String>;
    /// Why this file is an output file, if it is one.
    fn output_file(&self, entry: &Entry) -> Option<String>;
    /// Whether outputs may live at `path`.
    fn allowed(&self, path: &RepoPath) -> bool;
    /// Whether an allowed place lies strictly below `dir`.
    fn contains_allowed(&self, dir: &RepoPath) -> bool;
}

/// One output outside its allowed places.
#[derive(Debug)]
pub struct Misplaced {
    pub path: RepoPath,
    pub is_dir: bool,
    /// Why it is an output: "its name matches `evidence`", "it lies in `artifacts/`".
    pub reason: String,
    /// Its name (or its pattern) alone says it is an output; otherwise it lies in an
    /// output directory on the way to an allowed place.
    pub by_name: bool,
}

impl Misplaced {
    /// The path as messages show it: a directory with a trailing `/`.
    pub fn shown(&self) -> String {
        let slash = if self.is_dir { "/" } else { "" };
        format!("{}{slash}", self.path)
    }

    /// "`noun` directory `x/` is outside `allowed` (why it is an output)"; the rule adds
    /// its own `help`.
    pub fn finding(&self, meta: &'static RuleMeta, noun: &str, allowed: &str) -> Finding {
        let what = if self.is_dir { "directory" } else { "file" };
        Finding::new(
            meta,
            self.path.clone(),
            format!(
                "{noun} {what} `{}` is outside {allowed} ({})",
                self.shown(),
                self.reason
            ),
        )
    }
}

/// Files that document or keep a directory; not outputs themselves.
const KEEPERS: &[&str] = &["INDEX.md", "README.md", ".gitignore", ".gitkeep", ".keep"];

/// Scans the whole index.
pub fn scan(cx: &CheckContext<'_>, kind: &dyn OutputKind) -> Vec<Misplaced> {
    let code_exts = &cx.contract.artifacts.code_extensions;
    let mut reported: HashSet<RepoPath> = HashSet::new();
    // Output directories that are on the way to an allowed place (`artifacts/` above
    // `artifacts/evidence/`): whatever else they hold is misplaced output.
    let mut containers: HashSet<RepoPath> = HashSet::new();
    let mut out = Vec::new();
    for entry in cx.index.entries() {
        let path = &entry.path;
        // Borrowed, not `parent()`: this runs for every entry of the tree. Messages name it
        // only inside a container, which is never the root (so never shown as `.`).
        let parent = path.ancestors().next().unwrap_or_default();
        if path.ancestors().any(|a| reported.contains(a)) || kind.allowed(path) {
            continue;
        }
        let in_container = containers.contains(parent);
        if entry.is_dir() {
            let named = kind.output_dir(entry);
            if named.is_none() && !in_container {
                continue;
            }
            if is_code_module(cx, path, code_exts) {
                continue;
            }
            if kind.contains_allowed(path) {
                containers.insert(path.clone());
                continue;
            }
            reported.insert(path.clone());
            out.push(Misplaced {
                path: path.clone(),
                is_dir: true,
                by_name: named.is_some(),
                reason: named.unwrap_or_else(|| format!("it lies in `{parent}/`")),
            });
        } else if let Some(reason) = kind.output_file(entry) {
            out.push(Misplaced {
                path: path.clone(),
                is_dir: false,
                reason,
                by_name: !in_container,
            });
        } else if in_container && !KEEPERS.contains(&path.file_name()) {
            out.push(Misplaced {
                path: path.clone(),
                is_dir: false,
                reason: format!("it lies in `{parent}/`"),
                by_name: false,
            });
        }
    }
    out
}

/// A directory whose own files include source code is a code module that happens to carry an
/// output-like name (`atlasctl/commands/artifacts/`), not an output directory.
fn is_code_module(cx: &CheckContext<'_>, dir: &RepoPath, code_exts: &[String]) -> bool {
    cx.index.children(dir.as_str()).any(|child| {
        child.is_file()
            && child
                .path
                .extension()
                .is_some_and(|ext| code_exts.iter().any(|c| c == ext))
    })
}
