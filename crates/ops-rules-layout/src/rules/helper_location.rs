//! LAY004: shared helpers live in `ops/_lib/`, or in their domain's `scripts/` directory
//! when only that domain uses them.

use std::collections::{BTreeMap, BTreeSet};

use ops_model::contract::NameGlobs;
use ops_model::{
    CheckContext, Contract, FileInfo, FileKind, Finding, RepoPath, Rule, RuleMeta, ScanOutput,
    Severity, SourceFile, declare_rule,
};

use crate::ops_tree::{Area, area_of, below_ops, in_lib, join_capped, join_names};
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
        explanation: r#"## What

Finds the shared helpers of the operations tree from how its files use each other, and
checks where each one lives:

- a helper used from more than one area of `ops/` (two domains, or a domain and a reserved
  directory such as `ops/_lib/`), or used only from a domain other than the one it lives
  in, must live in `ops/_lib/` (`layout.lib_dir`): an `error`;
- a helper used only inside its own domain may live in `ops/_lib/` or in a `scripts/`
  directory (`layout.scripts_dir`) of that domain (`ops/k8s/scripts/`, also nested such as
  `ops/e2e/k8s/scripts/`); anywhere else in the domain it is a `warning`.

One finding per misplaced helper, naming the files that use it (with line numbers) and
where it should move, however many files use it.

## Heuristics

A **helper** is a file under `ops/` that another file under `ops/` pulls in:

- shell: a `source FILE` or `. FILE` command. The path is resolved statically: the script's
  own location through `$0`, `${BASH_SOURCE[0]}`, `${BASH_SOURCE%/*}`, `${0%/*}`,
  `$(dirname ...)`, `$(cd ... && pwd)`, `readlink -f`/`realpath`; the repository root
  through `$(git rev-parse --show-toplevel)` or a root variable the script does not assign
  itself (`layout.helper_root_vars`, default `REPO_ROOT ROOT ROOT_DIR REPO_DIR GIT_ROOT TOP
  TOPLEVEL`); variables assigned earlier in the file; `${VAR:-default}`; a top-level `cd`.
  A plain relative path is tried against the repository root (scripts run from `make`),
  then the script's directory. Only files with a shell extension (`.sh`, `.bash`, `.ksh`,
  `.zsh`) or none count as helpers: sourcing an `.env` file reads configuration, not code.
- python: `import a.b` / `from a.b import c` resolved as `a/b.py` or `a/b/__init__.py`
  below the importing file's directory, `ops/`, `ops/_lib/` or the repository root, and
  relative imports against the file's package. Modules not in the tree (standard library,
  installed packages) are not helpers.

**A module of a Python package is part of that package**, not a shared helper, when only
its own package uses it: uses through a relative import (`from .hashing import digest`) and
uses from files inside the same package (the outermost directory reached by climbing
directories that hold `__init__.py`) do not count. `ops/datasets/tools/pkg/{__init__,
hashing,cli}.py` with `from .hashing import digest` in `cli.py` yields no finding; the
package is one unit, and a file outside it that imports one of its modules is judged as
usual.

A path that cannot be resolved (`source "$1"`, `source "$(mktemp)"`) is no edge: the rule
stays silent rather than guess. Files that cannot be read as UTF-8 text, or are over the
size limit, are not scanned.

**Entry scripts and tests are never helpers**, even when something sources or imports them:

- tests: files below a directory named in `layout.test_dirs` (default `tests test
  __tests__`) or whose name matches `layout.test_file_patterns` (default `test_*`
  `*_test.*` `*.test.*` `*_spec.*` `*.bats` `conftest.py`). Test support files inside a
  tests directory are test code, not shared helpers, so a suite of hundreds of test scripts
  sourcing its own `tests/lib.sh` yields no findings;
- entry scripts: a Python file with an `if __name__ == "__main__":` block (or named
  `__main__.py`); a shell file that runs commands at its top level. A shell library only
  defines functions and variables when sourced (plus `set`, `source`, `export`, `[[ ... ]]`
  guards, `return`); anything else at the top level (`main "$@"`, `kubectl ...`, `exit`)
  makes it an entry script. A library that runs a command at source time is therefore taken
  for an entry script and not reported: the rule prefers silence to a wrong finding.

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
        file.path().starts_with(&cx.contract.ops_path(""))
            && matches!(file.kind(), FileKind::Shell | FileKind::Python)
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let Ok(text) = file.text() else {
            return;
        };
        let facts = match file.kind() {
            FileKind::Shell => uses::shell(cx, file.path(), text),
            FileKind::Python => uses::python(cx, file.path(), text),
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
            .filter(|(helper, _)| is_helper(cx, tests, helper, scanned.get(helper).copied()))
            .filter_map(|(helper, users)| {
                let users = outside_own_package(cx, helper, users);
                judge(cx.contract, helper, &users)
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

/// True when `path` is a library (not an entry script or a test). `scanned` is what the
/// scan kept of it; a helper the scan did not read (a sourced file without extension or
/// `#!` line) is read here.
fn is_helper(
    cx: &CheckContext<'_>,
    tests: &NameGlobs,
    path: &RepoPath,
    scanned: Option<&FileUses>,
) -> bool {
    let layout = &cx.contract.layout;
    let Some(rest) = below_ops(cx.contract, path) else {
        return false;
    };
    let name = path.file_name();
    let in_test_dir = rest
        .split('/')
        .rev()
        .skip(1)
        .any(|dir| layout.test_dirs.iter().any(|t| t == dir));
    if in_test_dir || tests.is_match(name) {
        return false;
    }
    if let Some(facts) = scanned {
        return !facts.program;
    }
    let Ok(text) = cx.files.text(path) else {
        return false;
    };
    match path.extension() {
        Some("py") => !uses::python_is_program(path, text),
        _ => !uses::shell_is_program(text),
    }
}

fn judge(contract: &Contract, helper: &RepoPath, users: &[UseBy]) -> Option<Finding> {
    if users.is_empty() || in_lib(contract, helper) {
        return None;
    }
    let layout = &contract.layout;
    let home = area_of(contract, helper);
    let areas: BTreeSet<Area> = users.iter().map(|u| area_of(contract, &u.user)).collect();
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

    if let (Area::Domain(domain), true) = (&home, areas.len() == 1 && areas.contains(&home)) {
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
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    const LIB: &str = "#!/usr/bin/env bash\n# Helpers: source me.\nset -euo pipefail\n_X=1\nlog() {\n  printf '%s\\n' \"$*\" >&2\n}\nfunction die {\n  log \"$@\"; exit 1\n}\n";

    fn user(source: &str) -> String {
        format!("#!/usr/bin/env bash\nset -euo pipefail\n{source}\nlog start\n")
    }

    fn base() -> TestRepo {
        TestRepo::new()
            .file("ops/_lib/common.sh", LIB)
            .file(
                "ops/k8s/scripts/render.sh",
                &user("source \"$(dirname \"$0\")/../../_lib/common.sh\""),
            )
            .file(
                "ops/stack/scripts/up.sh",
                &user(". \"${BASH_SOURCE%/*}/../../_lib/common.sh\""),
            )
            .file("ops/stack/scripts/lib-stack.sh", LIB)
            .file(
                "ops/stack/scripts/down.sh",
                &user("source \"$(dirname \"$0\")/lib-stack.sh\""),
            )
    }

    #[test]
    fn helpers_in_lib_and_domain_scripts_are_fine() {
        assert!(base().context().run(&HelperLocation).is_empty());
    }

    #[test]
    fn cross_domain_helper_outside_lib_is_an_error() {
        let repo = base()
            .file("ops/k8s/lib/kube.sh", LIB)
            .file(
                "ops/k8s/scripts/deploy.sh",
                &user("source \"$REPO_ROOT/ops/k8s/lib/kube.sh\""),
            )
            .file(
                "ops/stack/scripts/kind.sh",
                &user("source ops/k8s/lib/kube.sh"),
            );
        let findings = repo.context().run(&HelperLocation);
        assert_eq!(findings.len(), 1);
        let f = &findings[0];
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(
            f.message,
            "`ops/k8s/lib/kube.sh` is a helper shared across domains (k8s, stack): sourced by `ops/k8s/scripts/deploy.sh:3`, `ops/stack/scripts/kind.sh:3`"
        );
        assert_eq!(
            f.help.as_deref(),
            Some("move it to `ops/_lib/kube.sh` and update the `source` lines that use it")
        );
    }

    #[test]
    fn domain_scripts_helper_used_elsewhere_is_an_error() {
        let repo = base().file(
            "ops/obs/scripts/drill.sh",
            &user("source ops/stack/scripts/lib-stack.sh"),
        );
        let lines = repo.context().run_lines(&HelperLocation);
        assert_eq!(
            lines,
            [
                "ops/stack/scripts/lib-stack.sh: `ops/stack/scripts/lib-stack.sh` is a helper shared across domains (obs, stack): sourced by `ops/obs/scripts/drill.sh:3`, `ops/stack/scripts/down.sh:3`"
            ]
        );
    }

    #[test]
    fn helper_of_another_domain_is_an_error_with_both_fixes() {
        let repo = base().file("ops/k8s/helpers/net.sh", LIB).file(
            "ops/obs/scripts/drill.sh",
            &user("source ops/k8s/helpers/net.sh"),
        );
        let findings = repo.context().run(&HelperLocation);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "`ops/k8s/helpers/net.sh` is a helper of `obs`, but it lives in `k8s`: sourced by `ops/obs/scripts/drill.sh:3`"
        );
        assert_eq!(
            findings[0].help.as_deref(),
            Some(
                "move it to `ops/_lib/net.sh` (or `ops/obs/scripts/net.sh` if only `obs` uses it) and update the `source` lines that use it"
            )
        );
    }

    #[test]
    fn domain_local_helper_outside_scripts_is_a_warning() {
        let repo = base()
            .file("ops/load/helpers.py", "def run():\n    pass\n")
            .file("ops/load/k6/run.py", "import sys\nfrom ops.load.helpers import run\n\nif __name__ == \"__main__\":\n    run()\n")
            .file("ops/e2e/k8s/scripts/lib.sh", LIB)
            .file("ops/e2e/k8s/tests/smoke.sh", &user("source \"$(dirname \"$0\")/../scripts/lib.sh\""));
        let findings = repo.context().run(&HelperLocation);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(
            findings[0].message,
            "`ops/load/helpers.py` is a helper used only inside `load`, but it lives outside `ops/load/scripts/` and `ops/_lib/`: imported by `ops/load/k6/run.py:2`"
        );
        assert_eq!(
            findings[0].help.as_deref(),
            Some(
                "move it to `ops/load/scripts/helpers.py` (or `ops/_lib/helpers.py` if other domains will use it) and update the imports that use it"
            )
        );
    }

    #[test]
    fn modules_used_only_inside_their_own_package_are_not_helpers() {
        let repo = base()
            .file("ops/datasets/tools/pkg/__init__.py", "")
            .file("ops/datasets/tools/pkg/hashing.py", "X = 1\n")
            .file("ops/datasets/tools/pkg/cli.py", "from .hashing import X\n")
            .file("ops/datasets/tools/pkg/sub/__init__.py", "")
            .file(
                "ops/datasets/tools/pkg/sub/io.py",
                "def read():\n    pass\n",
            )
            .file(
                "ops/datasets/tools/pkg/sub/walk.py",
                "from ops.datasets.tools.pkg.sub.io import read\nfrom ..hashing import X\n",
            );
        assert_eq!(
            repo.context().run_lines(&HelperLocation),
            Vec::<String>::new()
        );
        // A file outside the package that imports one of its modules is a real use.
        let repo = repo.file(
            "ops/datasets/tools/report.py",
            "from pkg.hashing import X\n",
        );
        assert_eq!(
            repo.context().run_lines(&HelperLocation),
            [
                "ops/datasets/tools/pkg/hashing.py: `ops/datasets/tools/pkg/hashing.py` is a helper used only inside `datasets`, but it lives outside `ops/datasets/scripts/` and `ops/_lib/`: imported by `ops/datasets/tools/report.py:1`"
            ]
        );
    }

    #[test]
    fn entry_scripts_and_tests_are_never_helpers() {
        let mut repo = base()
            .file("ops/k8s/deploy.sh", &user("source ops/_lib/common.sh"))
            .file("ops/stack/bootstrap.sh", &user("source ops/k8s/deploy.sh"))
            .file(
                "ops/obs/tools/report.py",
                "def main():\n    pass\n\nif __name__ == '__main__':\n    main()\n",
            )
            .file("ops/k8s/tools/use.py", "from ops.obs.tools import report\n")
            .file("ops/k8s/tests/lib.sh", LIB)
            .file("ops/stack/test_helpers.sh", LIB);
        for i in 0..200 {
            repo = repo
                .file(
                    &format!("ops/k8s/tests/case_{i}.sh"),
                    &user("source \"$(dirname \"$0\")/lib.sh\""),
                )
                .file(
                    &format!("ops/obs/tests/case_{i}.sh"),
                    &user("source ops/k8s/tests/lib.sh\nsource ops/stack/test_helpers.sh"),
                );
        }
        assert_eq!(
            repo.context().run_lines(&HelperLocation),
            Vec::<String>::new()
        );
    }

    #[test]
    fn many_users_are_capped_in_the_message() {
        let mut repo = base().file("ops/k8s/lib/kube.sh", LIB);
        for d in ["k8s", "stack", "obs", "load", "datasets", "e2e"] {
            repo = repo.file(
                &format!("ops/{d}/scripts/use.sh"),
                &user("source ops/k8s/lib/kube.sh"),
            );
        }
        let findings = repo.context().run(&HelperLocation);
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0]
                .message
                .ends_with("`ops/obs/scripts/use.sh:3` and 1 more"),
            "{}",
            findings[0].message
        );
        assert!(
            findings[0]
                .message
                .contains("(datasets, e2e, k8s, load, obs, stack)")
        );
    }
}
