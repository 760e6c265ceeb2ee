//! LAY004: shared helpers live in `ops/_lib/`, or in their domain's `scripts/` directory
//! when only that domain uses them.

use std::collections::{BTreeMap, BTreeSet};

use ops_model::contract::NameGlobs;
use ops_model::{
    CheckContext, Contract, FileInfo, FileKind, Finding, RepoPath, Rule, RuleMeta, ScanOutput,
    Severity, SourceFile, declare_rule,
};

use crate::ops_tree::{Area, area_of, below_ops, in_lib, join_capped, join_names};
use ops_syntax::parsed;

use crate::uses::{self, FileUses, Lang};

declare_rule! {
    /// A shared helper lives in `ops/_lib/**`, or in its domain's `scripts/` directory when
    /// only its domain uses it.
    pub HelperLocation {
        code: "LAY004",
        slug: "helper-location",
        clause: "Shared shell/python helpers that are not operator entrypoints live in `ops/_lib/` or domain-local `scripts/` directories.",
        severity: Error,
        summary: "shared helpers live in ops/_lib/, or in their domain's scripts/ directory when only that domain uses them",
        budgets: ["shell", "python"],
        explanation: r#"## What

Finds the shared helpers of the operations tree from how its files use each other, and
checks where each one lives:

- a helper used from more than one area of `ops/` (two domains, or a domain and a reserved
  directory such as `ops/_lib/`), or used only from a domain other than the one it lives
  in, must live in `ops/_lib/` (`layout.lib_dir`): an `error`;
- a helper used only inside its own domain may live in `ops/_lib/` or in a `scripts/`
  directory (`layout.scripts_dir`) of that domain (`ops/k8s/scripts/`, also nested such as
  `ops/e2e/k8s/scripts/`); anywhere else in the domain it is a `warning`: where a domain
  keeps its own helpers is its business, so the rule only points at the convention.

One finding per misplaced helper, naming the files that use it (with line numbers) and
where it should move, however many files use it.

## What it reads, and what it infers

A **helper** is a file under `ops/` that another file under `ops/` pulls in. The uses are
read, not guessed:

- shell (a shell script by name or `#!` line): `source FILE` and `. FILE` commands, found by
  the shell reader (quotes, here-documents, comments and `echo source x` are what the shell
  says they are) and evaluated statically: the script's own location through `$0`,
  `${BASH_SOURCE[0]}`, `${BASH_SOURCE%/*}`, `$(dirname ...)`, `$(cd ... && pwd)`,
  `readlink -f`/`realpath`; the repository root through `$(git rev-parse --show-toplevel)`
  or a root variable the script does not assign itself (`layout.helper_root_vars`, default
  `REPO_ROOT ROOT ROOT_DIR REPO_DIR GIT_ROOT TOP TOPLEVEL`); variables assigned earlier,
  `${VAR:-default}`, `cd`. A relative path depends on the working directory: it is tried
  against the directory a `cd` set, the repository root (scripts run from `make`), then
  the script's directory. The sourced file counts when it is a shell script or has no
  extension: sourcing an `.env` file reads configuration, not code.
- python: `import a.b` / `from a.b import c` resolved as `a/b.py` or `a/b/__init__.py`
  below the importing file's directory, `ops/`, `ops/_lib/` or the repository root, and
  relative imports against the file's package. Modules not in the tree (standard library,
  installed packages) are not helpers.

A path that cannot be resolved (`source "$1"`, `source "$(mktemp)"`) is no use: the rule
stays silent rather than guess. Files that are not UTF-8 text, or over the size limit, are
not read. A file a reader stops reading (a work budget) is reported once as a `warning`
naming the budget, since helpers it uses may be missed.

**A module of a Python package is part of that package**, not a shared helper, when only
its own package uses it: uses through a relative import (`from .hashing import digest`) and
uses from files inside the same package (the outermost directory reached by climbing
directories that hold `__init__.py`) do not count.

**Entry scripts are never helpers**, even when something sources or imports them: a Python
file with a module-level `if __name__ == "__main__":` (or named `__main__.py`); a shell file
that runs a command at its top level. A shell library only defines functions and variables
when sourced (plus `set`, `source`, `export`, `[[ ... ]]` guards, `return`, and `if`/`case`
made of those); anything else at the top level (`main "$@"`, `kubectl ...`, `exit`) makes it
an entry script. A library that runs a command at source time is therefore taken for an
entry script and not reported: the rule prefers silence to a wrong finding.

**Test support is exempt only inside its own domain.** A file below a directory named in
`layout.test_dirs` (default `tests test __tests__`) or whose name matches
`layout.test_file_patterns` (default `test_*` `*_test.*` `*.test.*` `*_spec.*` `*.bats`
`conftest.py`) is test code while only its own domain uses it: a suite of hundreds of tests
sourcing its own `tests/lib.sh` yields nothing. Once another domain sources it
(`ops/k8s/tests/test_store.sh` sourcing `ops/stack/tests/cluster.sh`), it is a helper shared
across domains like any other, and must move to `ops/_lib/`: an `error`. The exemption
used to cover every test file wherever it was used; it hid exactly the cross-domain
coupling the clause is about.

## Why

Helpers kept next to the one script that first needed them get sourced from other domains
by relative paths that cross ownership lines; moving or changing them then breaks a domain
whose owners never saw the change. The contract keeps shared code in one reviewed place.

## Fix

Move the helper to `ops/_lib/` (or to its domain's `scripts/` directory when only that
domain uses it) and update the `source` lines or imports that use it.
"#,
    }
}

impl Rule for HelperLocation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Shell and Python files under `ops/`: the scan keeps who they use.
    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        file.path().starts_with(cx.contract.ops_dir())
            && matches!(file.kind(), FileKind::Shell | FileKind::Python)
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        // One parse per file, shared with every other rule that reads it (ART009, ...).
        let facts = match file.kind() {
            FileKind::Shell => match parsed::shell(file) {
                Ok(script) => uses::shell(cx, file.path(), &script),
                Err(_) => return,
            },
            FileKind::Python => match parsed::python(file) {
                Ok(module) => uses::python(cx, file.path(), &module),
                Err(_) => return,
            },
            _ => return,
        };
        if !facts.budgets.is_empty() {
            out.push(
                Finding::new(
                    &Self::META,
                    file.path().clone(),
                    format!(
                        "`{}` was not read to the end ({}): helpers it uses may be missed",
                        file.path(),
                        facts.budgets.join(", ")
                    ),
                )
                .severity(Severity::Warning)
                .help("split the file, or check its helpers by hand"),
            );
        }
        out.keep(facts);
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let layout = &cx.contract.layout;
        let tests = &layout.test_file_patterns;
        let scanned: BTreeMap<&RepoPath, &FileUses> = cx.facts::<FileUses>(&Self::META).collect();
        let mut uses: BTreeMap<&RepoPath, Vec<UseBy>> = BTreeMap::new();
        for (user, facts) in &scanned {
            for u in &facts.uses {
                uses.entry(&u.target).or_default().push(UseBy {
                    user: (*user).clone(),
                    line: u.line,
                    lang: facts.lang,
                    relative: u.relative,
                });
            }
        }
        uses.into_iter()
            .filter_map(|(helper, users)| {
                let role = role(cx, tests, helper, scanned.get(helper).copied());
                if role == Role::Program {
                    return None;
                }
                let users = outside_own_package(cx, helper, users);
                judge(cx.contract, helper, &users, role)
            })
            .collect()
    }
}

/// One file that uses a helper.
struct UseBy {
    user: RepoPath,
    line: u32,
    lang: Lang,
    /// A relative Python import (`from .x import y`).
    relative: bool,
}

/// The uses of a Python module from outside its own package. A module imported relatively
/// (`from .hashing import digest`), or from a file inside the same package (the outermost
/// directory of the chain of directories with `__init__.py` that holds the module), is a part
/// of that package, not a shared helper.
fn outside_own_package(cx: &CheckContext<'_>, helper: &RepoPath, users: Vec<UseBy>) -> Vec<UseBy> {
    let package = package_root(cx, helper);
    users
        .into_iter()
        .filter(|u| {
            u.lang != Lang::Python
                || !(u.relative
                    || package
                        .as_ref()
                        .is_some_and(|pkg| u.user.starts_with(pkg.as_str())))
        })
        .collect()
}

/// The top-level package directory of a Python module: the outermost ancestor reached by
/// climbing directories that hold `__init__.py`, starting at the module's own directory.
fn package_root(cx: &CheckContext<'_>, module: &RepoPath) -> Option<RepoPath> {
    std::iter::successors(module.parent(), RepoPath::parent)
        .take_while(|dir| !dir.is_root() && cx.index.is_file(dir.join("__init__.py").as_str()))
        .last()
}

/// What a file that others use is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An entry script: never a helper.
    Program,
    /// Test code (below a test directory, or named like a test): a helper only when used
    /// outside its own domain.
    Test,
    /// A library: a helper wherever it is used.
    Library,
}

/// The role of `path`. `scanned` is what the scan kept of it; a file the scan did not read
/// (a sourced file without extension or `#!` line) is read here.
fn role(
    cx: &CheckContext<'_>,
    tests: &NameGlobs,
    path: &RepoPath,
    scanned: Option<&FileUses>,
) -> Role {
    let layout = &cx.contract.layout;
    let Some(rest) = below_ops(cx.contract, path) else {
        return Role::Program;
    };
    let program = match scanned {
        Some(facts) => facts.program,
        // The file's shared parse, within the run's `[limits]`.
        None => match cx.files.source(path) {
            Ok(file) if path.extension() == Some("py") => parsed::python(&file)
                .map(|m| uses::python_is_program(path, &m))
                .unwrap_or(true),
            Ok(file) => parsed::shell(&file)
                .map(|s| uses::shell_is_program(&s))
                .unwrap_or(true),
            Err(_) => true,
        },
    };
    let in_test_dir = rest
        .split('/')
        .rev()
        .skip(1)
        .any(|dir| layout.test_dirs.iter().any(|t| t == dir));
    if program {
        Role::Program
    } else if in_test_dir || tests.is_match(path.file_name()) {
        Role::Test
    } else {
        Role::Library
    }
}

fn judge(contract: &Contract, helper: &RepoPath, users: &[UseBy], role: Role) -> Option<Finding> {
    if users.is_empty() || in_lib(contract, helper) {
        return None;
    }
    let layout = &contract.layout;
    let home = area_of(contract, helper);
    let areas: BTreeSet<Area> = users.iter().map(|u| area_of(contract, &u.user)).collect();
    let only_home = areas.len() == 1 && areas.contains(&home);
    // Test support used by its own domain's tests is test code, wherever it sits.
    if role == Role::Test && only_home && matches!(home, Area::Domain(_)) {
        return None;
    }
    let name = helper.file_name();
    let lib = contract.ops_path(&layout.lib_dir);
    let verb = match users[0].lang {
        Lang::Shell => "sourced by",
        Lang::Python => "imported by",
    };
    let fix_what = match users[0].lang {
        Lang::Shell => "the `source` lines",
        Lang::Python => "the imports",
    };
    let listed: Vec<String> = users
        .iter()
        .map(|u| format!("`{}:{}`", u.user, u.line))
        .collect();
    let used_by = format!("{verb} {}", join_capped(&listed, 5));

    if let (Area::Domain(domain), true) = (&home, only_home) {
        if in_scripts_dir(contract, helper, domain) {
            return None;
        }
        let scripts = contract.ops_path(&format!("{domain}/{}", layout.scripts_dir));
        return Some(
            Finding::new(
                &HelperLocation::META,
                helper.clone(),
                format!("`{helper}` is a helper used only inside `{domain}`, but it lives outside `{scripts}/` and `{lib}/`: {used_by}"),
            )
            .severity(Severity::Warning)
            .help(format!("move it to `{scripts}/{name}` (or `{lib}/{name}` if other domains will use it) and update {fix_what} that use it")),
        );
    }
    let labels: Vec<String> = areas.iter().map(|a| a.label(contract)).collect();
    let (what, also) = match areas.iter().next() {
        Some(Area::Domain(only)) if areas.len() == 1 => (
            format!(
                "is a helper of `{only}`, but it lives in `{}`",
                home.label(contract)
            ),
            format!(
                " (or `{}/{name}` if only `{only}` uses it)",
                contract.ops_path(&format!("{only}/{}", layout.scripts_dir))
            ),
        ),
        _ => (
            format!(
                "is a helper shared across {} ({})",
                if areas.len() > 1 { "domains" } else { "areas" },
                join_names(&labels)
            ),
            String::new(),
        ),
    };
    Some(
        Finding::new(
            &HelperLocation::META,
            helper.clone(),
            format!("`{helper}` {what}: {used_by}"),
        )
        .help(format!(
            "move it to `{lib}/{name}`{also} and update {fix_what} that use it"
        )),
    )
}

/// True when `path` lies in a `scripts/` directory anywhere inside `ops/<domain>/`.
fn in_scripts_dir(contract: &Contract, path: &RepoPath, domain: &str) -> bool {
    path.strip_prefix(&contract.ops_path(domain))
        .is_some_and(|rest| {
            rest.split('/')
                .rev()
                .skip(1)
                .any(|dir| dir == contract.layout.scripts_dir)
        })
}

#[cfg(test)]
mod tests;
