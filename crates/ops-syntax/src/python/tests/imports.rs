use crate::python::{
    Budget, CandidateBase, Import, ImportKind, ImportedName, PythonModule, candidate_paths,
};

fn imports(text: &str) -> Vec<Import> {
    PythonModule::parse(text, &Budget::default())
        .imports()
        .to_vec()
}

/// `(line, module, level, alias, names)` in a compact form.
fn brief(text: &str) -> Vec<String> {
    imports(text)
        .into_iter()
        .map(|i| {
            let names: Vec<String> = i
                .names
                .iter()
                .map(|n| match &n.alias {
                    Some(a) => format!("{}@{} as {a}", n.name, n.line),
                    None => format!("{}@{}", n.name, n.line),
                })
                .collect();
            let alias = i.alias.map(|a| format!(" as {a}")).unwrap_or_default();
            format!(
                "{}:{}{}{alias} [{}]",
                i.line,
                ".".repeat(i.level as usize),
                i.module,
                names.join(", ")
            )
        })
        .collect()
}

#[test]
fn plain_imports() {
    assert_eq!(
        brief("import os\nimport a.b as c, d\nimport  x . y\n"),
        ["1:os []", "2:a.b as c []", "2:d []", "3:x.y []"]
    );
    assert_eq!(imports("import a.b")[0].kind, ImportKind::Import);
}

#[test]
fn from_imports() {
    let text = "from a.b import c, d as e\nfrom . import x\nfrom ..pkg.mod import y\nfrom .m import *\nfrom __future__ import annotations\n";
    assert_eq!(
        brief(text),
        [
            "1:a.b [c@1, d@1 as e]",
            "2:. [x@2]",
            "3:..pkg.mod [y@3]",
            "4:.m [*@4]",
            "5:__future__ [annotations@5]"
        ]
    );
    assert_eq!(imports(text)[0].kind, ImportKind::From);
}

#[test]
fn parenthesised_and_continued_imports() {
    let text = "from a import (\n    b,  # comment\n    c as d,\n)\nfrom x \\\n  import y\nimport p, \\\n    q\n";
    assert_eq!(
        brief(text),
        ["1:a [b@2, c@3 as d]", "5:x [y@6]", "7:p []", "7:q []"]
    );
}

#[test]
fn nested_imports_are_found() {
    let text = "\
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from ops.lib import types
try:
    import yaml
except ImportError:
    yaml = None
def main():
    import helpers
    class K:
        def m(self):
            from .sib import z
";
    assert_eq!(
        brief(text),
        [
            "1:typing [TYPE_CHECKING@1]",
            "3:ops.lib [types@3]",
            "5:yaml []",
            "9:helpers []",
            "12:.sib [z@12]"
        ]
    );
}

#[test]
fn strings_comments_and_docstrings_are_not_imports() {
    let text = r#""""Usage:
import helpers
from x import y
"""
# import helpers
x = 'import helpers'
y = f"{'from a import b'}"
z = '''
import q'''
s = "a \
import b"
def f():
    """import inner"""
"#;
    assert!(imports(text).is_empty(), "{:?}", imports(text));
}

#[test]
fn broken_and_python2_files_are_read_around_the_error() {
    let text = "import os\nprint \"hello\"\ndef f(:\n    pass\nexcept ImportError, e:\nfrom a.b import c\nimport d\n";
    let found = brief(text);
    assert!(found.contains(&"1:os []".to_string()), "{found:?}");
    assert!(found.contains(&"6:a.b [c@6]".to_string()), "{found:?}");
    assert!(found.contains(&"7:d []".to_string()), "{found:?}");
    assert!(PythonModule::parse(text, &Budget::default()).has_syntax_errors());
}

fn import(module: &str, level: u32, names: &[&str], kind: ImportKind) -> Import {
    Import {
        line: 1,
        kind,
        module: module.to_string(),
        level,
        alias: None,
        names: names
            .iter()
            .map(|n| ImportedName {
                line: 1,
                name: n.to_string(),
                alias: None,
            })
            .collect(),
    }
}

#[test]
fn candidates_of_absolute_imports() {
    let c = candidate_paths(
        "ops/k8s/deploy.py",
        &import("opslib.io", 0, &[], ImportKind::Import),
    );
    let c = c.expect("candidates");
    assert_eq!(c.base, CandidateBase::SearchRoots);
    assert_eq!(c.module, ["opslib/io.py", "opslib/io/__init__.py"]);
    assert!(c.names.is_empty());
    let c = candidate_paths("x.py", &import("opslib", 0, &["io", "*"], ImportKind::From))
        .expect("candidates");
    assert_eq!(c.module, ["opslib.py", "opslib/__init__.py"]);
    assert_eq!(
        c.names,
        [(
            "io".to_string(),
            [
                "opslib/io.py".to_string(),
                "opslib/io/__init__.py".to_string()
            ]
        )]
    );
}

#[test]
fn candidates_of_relative_imports() {
    let file = "ops/obs/tools/cli.py";
    let c =
        candidate_paths(file, &import("", 1, &["render"], ImportKind::From)).expect("candidates");
    assert_eq!(c.base, CandidateBase::Repository);
    assert_eq!(c.module, ["ops/obs/tools/__init__.py"]);
    assert_eq!(
        c.names[0].1,
        [
            "ops/obs/tools/render.py".to_string(),
            "ops/obs/tools/render/__init__.py".to_string()
        ]
    );
    let c =
        candidate_paths(file, &import("pkg.mod", 2, &["y"], ImportKind::From)).expect("candidates");
    assert_eq!(
        c.module,
        ["ops/obs/pkg/mod.py", "ops/obs/pkg/mod/__init__.py"]
    );
    assert_eq!(c.names[0].1[0], "ops/obs/pkg/mod/y.py");
    assert!(candidate_paths(file, &import("", 4, &["y"], ImportKind::From)).is_some());
    assert!(candidate_paths(file, &import("", 5, &["y"], ImportKind::From)).is_none());
    let top =
        candidate_paths("cli.py", &import("m", 1, &[], ImportKind::From)).expect("candidates");
    assert_eq!(top.module, ["m.py", "m/__init__.py"]);
}

/// What `ops-rules-layout/src/python_import.rs::imported_files` becomes on this API: its
/// three tests, same answers.
fn imported_files(file: &str, text: &str, files: &[&str]) -> Vec<(u32, String)> {
    let roots = ["ops", "ops/_lib", ""];
    let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
    let bases: Vec<&str> = std::iter::once(dir).chain(roots).collect();
    let exists = |p: &str| p != file && files.contains(&p);
    let mut out: Vec<(u32, String)> = Vec::new();
    for import in imports(text) {
        let Some(c) = candidate_paths(file, &import) else {
            continue;
        };
        // The old reader skipped the package itself for `from . import x`.
        let mut groups: Vec<Vec<String>> = Vec::new();
        if !import.module.is_empty() {
            groups.push(c.module.clone());
        }
        groups.extend(c.names.iter().map(|(_, pair)| pair.to_vec()));
        for group in groups {
            let found = match c.base {
                CandidateBase::Repository => group.into_iter().find(|p| exists(p)),
                CandidateBase::SearchRoots => bases.iter().find_map(|b| {
                    group
                        .iter()
                        .map(|p| {
                            if b.is_empty() {
                                p.clone()
                            } else {
                                format!("{b}/{p}")
                            }
                        })
                        .find(|p| exists(p))
                }),
            };
            if let Some(target) = found
                && !out.iter().any(|(_, t)| *t == target)
            {
                out.push((import.line, target));
            }
        }
    }
    out
}

#[test]
fn migration_of_the_line_based_reader_keeps_its_answers() {
    let files = [
        "ops/_lib/opslib/__init__.py",
        "ops/_lib/opslib/io.py",
        "ops/k8s/scripts/helpers.py",
        "ops/_lib/common.py",
    ];
    let text = "import os, sys\nimport helpers\nfrom opslib import io\nfrom ops._lib.common import log\nimport yaml\n";
    assert_eq!(
        imported_files("ops/k8s/scripts/deploy.py", text, &files),
        [
            (2, "ops/k8s/scripts/helpers.py".to_string()),
            (3, "ops/_lib/opslib/__init__.py".to_string()),
            (3, "ops/_lib/opslib/io.py".to_string()),
            (4, "ops/_lib/common.py".to_string()),
        ]
    );
    let files = [
        "ops/obs/tools/__init__.py",
        "ops/obs/tools/render.py",
        "ops/obs/shared.py",
    ];
    let text =
        "from . import render\nfrom .. import shared\nfrom .render import (\n    a,\n    b,\n)\n";
    assert_eq!(
        imported_files("ops/obs/tools/cli.py", text, &files),
        [
            (1, "ops/obs/tools/render.py".to_string()),
            (2, "ops/obs/shared.py".to_string())
        ]
    );
    let text = "\"\"\"Usage:\nimport helpers\n\"\"\"\n# import helpers\nx = 'import helpers'\n";
    assert!(
        imported_files(
            "ops/k8s/scripts/deploy.py",
            text,
            &["ops/k8s/scripts/helpers.py"]
        )
        .is_empty()
    );
}
