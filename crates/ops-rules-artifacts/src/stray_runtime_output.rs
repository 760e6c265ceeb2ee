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

Without `--runtime` the rule reports nothing: a plain check looks at the committed tree,
where ART001, ART002 and ART009 apply. In runtime mode outside a git work tree it reports
once, as a warning, that it could not list what the run left behind.

## Why

This is how CI proves that a run wrote nothing where it must not: static checks catch the
writers they can read, this catches what actually happened, including tools that write next
to their inputs and `.gitignore` entries that hide the mess.

## Fix

Make the writer use `ops/_artifacts/` (evidence: `artifacts/evidence/`), delete the stray
outputs (`ops-check clean` removes ephemeral ones), or, for a tool that cannot be told
where to write, list the path in `configs/ops/artifacts-allowlist.txt` with the reason.

## Example

```
make ops-load-smoke
ops-check check --runtime --select ART008
```

## Configuration

`[artifacts] artifacts_root`, `evidence_root`, `allowlist`.
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
            if placement.allows(path).is_some() {
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
    fn runtime_mode_without_git_warns_once() {
        let cx = TestRepo::new().context().runtime();
        let findings = cx.run(&StrayRuntimeOutput);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
    }
}
