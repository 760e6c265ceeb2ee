//! ART008: after a run, untracked and ignored files live only under the allowed roots
//! (runtime mode only).

use std::collections::{BTreeMap, HashSet};

use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, Severity, declare_rule};

use crate::placement::Placement;

declare_rule! {
    /// Files a run left outside `ops/_artifacts/`, `artifacts/evidence/` and the allowlist.
    pub StrayRuntimeOutput {
        code: "ART008",
        slug: "stray-runtime-output",
        clause: "Runtime artifacts write under `ops/_artifacts/` only, unless allowlisted in `configs/ops/artifacts-allowlist.txt`.",
        severity: Error,
        summary: "runtime mode: untracked or ignored files left after a run live only under allowed roots",
        explanation: r#"## What

Only in runtime mode (`ops-check check --runtime`), typically right after an operator run in
CI: lists the files git calls untracked or ignored (`git ls-files --others`, with and without
`--ignored`, using the repository's exclude rules) and reports every one outside
`ops/_artifacts/`, `artifacts/evidence/` and the allowlist.

Like `git status`, a directory that holds no tracked file and leads to no allowed place is
reported once, with the number of files in it, rather than file by file.

Build and tool caches are never reported: anything named by `[artifacts] runtime_ignore`
(default `node_modules target .venv venv __pycache__ *.pyc *.pyo *.egg-info .pytest_cache
.mypy_cache .ruff_cache .tox .nox .gradle .terraform .DS_Store Thumbs.db .idea .vscode
*.swp`), or lying below a directory so named.

Without `--runtime` the rule reports nothing: a plain check looks at the committed tree,
where ART001, ART002 and ART009 apply. In runtime mode outside a git work tree it reports
once, as a warning, that it could not list what the run left behind.

## Why

This is how CI proves that a run wrote nothing where it must not: static checks catch the
writers they can read, this catches what actually happened, including tools that write next
to their inputs and `.gitignore` entries that hide the mess.

Build and tool caches are not operator outputs. Package managers (`node_modules/`), compilers
(`target/`, `__pycache__/`), virtual environments (`.venv/`), test and lint runners
(`.pytest_cache/`, `.mypy_cache/`), editors (`.idea/`, `.vscode/`) and the OS (`.DS_Store`)
write them while the repository is being built or edited, not while an operator run works;
they are rebuilt from tracked inputs and every checkout of a JavaScript, Rust or Python
repository has them. Reporting them would fail every such checkout and hide the real strays
among hundreds of cache files. A script under `ops/` that writes its outputs into such a
directory is still reported statically by ART009.

## Fix

Make the writer use `ops/_artifacts/` (evidence: `artifacts/evidence/`) and delete the stray
outputs by hand (`ops-check clean` only cleans `ops/_artifacts/` and the generated-output
directories, so it does not remove strays elsewhere), or, for a tool that cannot be told
where to write, list the path in `configs/ops/artifacts-allowlist.txt` with the reason. A
cache of another tool that is not on the default list belongs in `[artifacts]
runtime_ignore`.

## Example

```
make ops-load-smoke
ops-check check --runtime --select ART008
```

## Configuration

`[artifacts] artifacts_root`, `evidence_root`, `allowlist`, `runtime_ignore` (names or globs;
a pattern without `/` matches any file or directory name on the path, one with `/` the
repository path of the file or of one of its directories; `runtime_ignore = []` reports
caches too).
"#,
    }
}

#[derive(Default)]
struct Group {
    files: usize,
    untracked: usize,
    ignored: usize,
    is_dir: bool,
}

impl Rule for StrayRuntimeOutput {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        if !cx.mode.runtime {
            return Vec::new();
        }
        let Some(git) = cx.git else {
            return vec![
                Finding::new(
                    &Self::META,
                    RepoPath::root(),
                    "runtime mode: the root is not a git work tree (or git is unavailable), so untracked and ignored outputs cannot be listed",
                )
                .severity(Severity::Warning)
                .help("run `ops-check check --runtime` inside the repository's git work tree"),
            ];
        };
        let caches = &cx.contract.artifacts.runtime_ignore;
        let placement = Placement::of(cx);
        // Directories that hold a tracked file: a stray below one is reported on its own.
        let tracked_dirs: HashSet<RepoPath> = git
            .tracked()
            .iter()
            .flat_map(|p| std::iter::successors(p.parent(), RepoPath::parent))
            .collect();

        let mut groups: BTreeMap<RepoPath, Group> = BTreeMap::new();
        let strays = git
            .untracked()
            .iter()
            .map(|p| (p, false))
            .chain(git.ignored().iter().map(|p| (p, true)));
        for (path, ignored) in strays {
            if placement.allows(path).is_some() || caches.covers(path) {
                continue;
            }
            let dir = outermost_stray_dir(path, &tracked_dirs, &placement);
            let group = groups
                .entry(dir.clone().unwrap_or_else(|| path.clone()))
                .or_default();
            group.is_dir = dir.is_some();
            group.files += 1;
            if ignored {
                group.ignored += 1;
            } else {
                group.untracked += 1;
            }
        }

        let allowed = placement.describe();
        groups
            .into_iter()
            .map(|(path, g)| {
                let state = match (g.untracked, g.ignored) {
                    (0, _) => "ignored",
                    (_, 0) => "untracked",
                    _ => "untracked and ignored",
                };
                let message = if g.is_dir {
                    let files = if g.files == 1 { "file" } else { "files" };
                    format!(
                        "runtime output directory `{path}/` ({} {files}, {state}) is outside {allowed}",
                        g.files
                    )
                } else {
                    format!("runtime output `{path}` ({state}) is outside {allowed}")
                };
                Finding::new(&Self::META, path.clone(), message).help(format!(
                    "make the writer use {}/ (evidence: {}/) and delete `{path}`, or list it in {}",
                    placement.artifacts_root, placement.evidence_root, cx.contract.artifacts.allowlist
                ))
            })
            .collect()
    }
}

/// The outermost ancestor directory of `path` that holds no tracked file and leads to no
/// allowed place: the whole directory is stray, so it is reported once.
fn outermost_stray_dir(
    path: &RepoPath,
    tracked_dirs: &HashSet<RepoPath>,
    placement: &Placement,
) -> Option<RepoPath> {
    let mut ancestors: Vec<RepoPath> = std::iter::successors(path.parent(), RepoPath::parent)
        .filter(|p| !p.is_root())
        .collect();
    ancestors.reverse();
    ancestors
        .into_iter()
        .find(|dir| !tracked_dirs.contains(dir) && !placement.contains_allowed(dir))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::GitFacts;
    use ops_model::testing::TestRepo;

    fn facts() -> GitFacts {
        GitFacts::from_lists(
            &[
                "ops/load/k6/smoke.js",
                "ops/_artifacts/INDEX.md",
                "Makefile",
            ],
            &[
                "ops/_artifacts/run-1/out.json",
                "artifacts/evidence/r1/report.json",
                "ops/load/k6/summary.json",
                "ops/load/results/a.json",
                "ops/load/results/b/c.json",
                "configs/ops/artifacts-allowlist.txt",
            ],
            &[
                "ops/load/baselines/k6-summary-cache/x",
                "artifacts/ops/r1/log.txt",
                "notes.log",
            ],
        )
    }

    #[test]
    fn plain_mode_reports_nothing() {
        let cx = TestRepo::new().context().with_git(facts());
        assert!(cx.run(&StrayRuntimeOutput).is_empty());
    }

    #[test]
    fn runtime_mode_reports_strays_grouped_by_directory() {
        let repo = TestRepo::new().file(
            "configs/ops/artifacts-allowlist.txt",
            "ops/load/baselines/k6-summary-cache\n",
        );
        let cx = repo.context().with_git(facts()).runtime();
        assert_eq!(
            cx.run_lines(&StrayRuntimeOutput),
            [
                "artifacts/ops: runtime output directory `artifacts/ops/` (1 file, ignored) is outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
                "configs: runtime output directory `configs/` (1 file, untracked) is outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
                "notes.log: runtime output `notes.log` (ignored) is outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
                "ops/load/k6/summary.json: runtime output `ops/load/k6/summary.json` (untracked) is outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
                "ops/load/results: runtime output directory `ops/load/results/` (2 files, untracked) is outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            ]
        );
    }

    #[test]
    fn build_and_tool_caches_are_never_reported() {
        let facts = GitFacts::from_lists(
            &["Makefile", "web/package.json", "ops/load/k6/smoke.js"],
            &["ops/load/k6/summary.json"],
            &[
                "node_modules/x/i.js",
                "web/node_modules/y/j.js",
                "target/debug/b",
                ".venv/bin/python",
                "ops/datasets/tools/__pycache__/a.cpython-312.pyc",
                "ops/datasets/tools/b.pyc",
                ".DS_Store",
                "ops/.DS_Store",
                ".idea/workspace.xml",
            ],
        );
        let cx = TestRepo::new().context().with_git(facts.clone()).runtime();
        assert_eq!(
            cx.run_lines(&StrayRuntimeOutput),
            [
                "ops/load/k6/summary.json: runtime output `ops/load/k6/summary.json` (untracked) is outside ops/_artifacts/, artifacts/evidence/ and the allowlist"
            ]
        );
        // An empty list reports caches like any other stray.
        let mut contract = ops_model::Contract::default();
        contract.artifacts.runtime_ignore = ops_model::contract::TreeGlobs::default();
        let cx = TestRepo::new()
            .context_with(contract)
            .with_git(facts)
            .runtime();
        assert_eq!(cx.run(&StrayRuntimeOutput).len(), 9);
    }

    #[test]
    fn runtime_mode_without_git_warns_once() {
        let cx = TestRepo::new().context().runtime();
        let findings = cx.run(&StrayRuntimeOutput);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
    }
}
