//! Which files under `ops/` a Python file imports, resolved statically.
//!
//! `import a.b` and `from a.b import c` are looked up as `a/b.py` or `a/b/__init__.py` (and
//! `a/b/c.py` for an imported submodule) below, in order: the importing file's directory
//! (Python puts a script's directory first on `sys.path`), the ops root, the shared helper
//! directory (where scripts add `sys.path.insert(0, .../_lib)`), and the repository root
//! (`import ops._lib.x`). Relative imports (`from . import x`, `from ..pkg import y`) resolve
//! against the file's package. Modules that exist nowhere in the tree (the standard library,
//! installed packages) are not edges.

use ops_model::RepoPath;

/// One import that resolved to a file in the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub line: u32,
    pub target: RepoPath,
    /// Imported relatively (`from .x import y`): only possible inside the file's package.
    pub relative: bool,
}

/// Every file `text` imports, in line order.
pub fn imported_files(
    text: &str,
    file: &RepoPath,
    search_roots: &[String],
    exists: &dyn Fn(&RepoPath) -> bool,
) -> Vec<Imported> {
    let dir = file.parent().unwrap_or_default();
    let mut bases: Vec<String> = vec![dir.as_str().to_string()];
    bases.extend(search_roots.iter().cloned());
    let mut out = Vec::new();
    for (line, statement) in statements(text) {
        for module in modules(&statement, &dir) {
            let relative = module.starts_with('.');
            let paths: Vec<String> = match module.strip_prefix('.') {
                Some(anchored) => vec![anchored.to_string()],
                None => bases.iter().map(|b| join(b, &module)).collect(),
            };
            let found = paths.iter().find_map(|path| {
                [format!("{path}.py"), format!("{path}/__init__.py")]
                    .into_iter()
                    .map(RepoPath::new)
                    .find(|p| p != file && exists(p))
            });
            if let Some(target) = found
                && !out.iter().any(|i: &Imported| i.target == target)
            {
                out.push(Imported {
                    line,
                    target,
                    relative,
                });
            }
        }
    }
    out
}

fn join(base: &str, rest: &str) -> String {
    if base.is_empty() {
        rest.to_string()
    } else {
        format!("{base}/{rest}")
    }
}

/// Import statements with their line numbers: parenthesised and `\` continuations joined,
/// triple-quoted strings skipped.
fn statements(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut in_string: Option<&str> = None;
    let mut open: Option<(u32, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(quote) = in_string {
            if raw.matches(quote).count() % 2 == 1 {
                in_string = None;
            }
            continue;
        }
        let line = raw.split('#').next().unwrap_or("");
        if let Some((start, mut text)) = open.take() {
            text.push(' ');
            text.push_str(line.trim_end_matches('\\'));
            if line.contains(')') || !(text.contains('(') || raw.trim_end().ends_with('\\')) {
                out.push((start, text));
            } else {
                open = Some((start, text));
            }
            continue;
        }
        for quote in ["\"\"\"", "'''"] {
            if raw.matches(quote).count() % 2 == 1 {
                in_string = Some(quote);
            }
        }
        let trimmed = line.trim();
        if !(trimmed.starts_with("import ") || trimmed.starts_with("from ")) {
            continue;
        }
        let continues =
            (trimmed.contains('(') && !trimmed.contains(')')) || raw.trim_end().ends_with('\\');
        let text = trimmed.trim_end_matches('\\').to_string();
        if continues {
            open = Some((number, text));
        } else {
            out.push((number, text));
        }
    }
    out
}

/// The modules a statement imports, as `/`-separated paths. Relative modules come back
/// anchored at the package directory, marked with a leading `.`.
fn modules(statement: &str, dir: &RepoPath) -> Vec<String> {
    let clean = statement.replace(['(', ')'], " ");
    if let Some(rest) = clean.strip_prefix("import ") {
        return rest
            .split(',')
            .filter_map(|part| part.split_whitespace().next())
            .map(|m| m.replace('.', "/"))
            .collect();
    }
    let Some(rest) = clean.strip_prefix("from ") else {
        return Vec::new();
    };
    let Some((module, names)) = rest.split_once(" import ") else {
        return Vec::new();
    };
    let module = module.trim();
    let names: Vec<&str> = names
        .split(',')
        .filter_map(|n| n.split_whitespace().next())
        .filter(|n| *n != "*")
        .collect();
    let dots = module.chars().take_while(|c| *c == '.').count();
    let path = module[dots..].replace('.', "/");
    if dots == 0 {
        let mut out = vec![path.clone()];
        out.extend(names.iter().map(|n| format!("{path}/{n}")));
        return out;
    }
    // `from .. import x`: up `dots - 1` packages from the file's own.
    let mut pkg: Vec<&str> = dir.components().collect();
    for _ in 1..dots {
        if pkg.pop().is_none() {
            return Vec::new();
        }
    }
    let pkg = format!(".{}", pkg.join("/"));
    let anchored = |rest: &str| {
        if rest.is_empty() {
            pkg.clone()
        } else {
            format!("{pkg}/{rest}")
        }
    };
    let mut out = Vec::new();
    if !path.is_empty() {
        out.push(anchored(&path));
    }
    out.extend(names.iter().map(|n| anchored(&join(&path, n))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(file: &str, text: &str, files: &[&str]) -> Vec<(u32, String)> {
        let roots = vec!["ops".to_string(), "ops/_lib".to_string(), String::new()];
        let exists = |p: &RepoPath| files.contains(&p.as_str());
        imported_files(text, &RepoPath::new(file), &roots, &exists)
            .into_iter()
            .map(|i| (i.line, i.target.as_str().to_string()))
            .collect()
    }

    #[test]
    fn absolute_imports_use_the_search_roots() {
        let files = [
            "ops/_lib/opslib/__init__.py",
            "ops/_lib/opslib/io.py",
            "ops/k8s/scripts/helpers.py",
            "ops/_lib/common.py",
        ];
        let text = "import os, sys\nimport helpers\nfrom opslib import io\nfrom ops._lib.common import log\nimport yaml\n";
        assert_eq!(
            run("ops/k8s/scripts/deploy.py", text, &files),
            [
                (2, "ops/k8s/scripts/helpers.py".to_string()),
                (3, "ops/_lib/opslib/__init__.py".to_string()),
                (3, "ops/_lib/opslib/io.py".to_string()),
                (4, "ops/_lib/common.py".to_string()),
            ]
        );
    }

    #[test]
    fn relative_imports_use_the_package() {
        let files = [
            "ops/obs/tools/__init__.py",
            "ops/obs/tools/render.py",
            "ops/obs/shared.py",
        ];
        let text = "from . import render\nfrom .. import shared\nfrom .render import (\n    a,\n    b,\n)\n";
        assert_eq!(
            run("ops/obs/tools/cli.py", text, &files),
            [
                (1, "ops/obs/tools/render.py".to_string()),
                (2, "ops/obs/shared.py".to_string())
            ]
        );
    }

    #[test]
    fn strings_and_comments_are_not_imports() {
        let files = ["ops/k8s/scripts/helpers.py"];
        let text = "\"\"\"Usage:\nimport helpers\n\"\"\"\n# import helpers\nx = 'import helpers'\n";
        assert!(run("ops/k8s/scripts/deploy.py", text, &files).is_empty());
    }
}
