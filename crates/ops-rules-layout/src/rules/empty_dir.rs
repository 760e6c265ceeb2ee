//! LAY003: no empty directories under `ops/` unless an `INDEX.md` documents their intent.

use std::collections::HashSet;

use ops_model::{CheckContext, Contract, Entry, EntryKind, Finding, Rule, RuleMeta, declare_rule};

use crate::ops_tree::join_capped;

declare_rule! {
    /// No empty directory under `ops/`; placeholders do not count as content; `INDEX.md`
    /// exempts a directory.
    pub EmptyDir {
        code: "LAY003",
        slug: "empty-dir",
        clause: "Empty directories are forbidden unless they contain `INDEX.md` documenting intent.",
        severity: Error,
        summary: "no empty directory under ops/; placeholder-only directories count as empty; INDEX.md exempts one",
        explanation: r#"## What

Reports every directory below `ops/` that holds no content. Git cannot store an empty
directory, so in a repository an "empty" directory is one whose only entries are
placeholder files (`layout.placeholder_files`, default `.gitkeep` and `.keep`), or
directories that are themselves empty in that sense. A directory that contains
`INDEX.md` (`layout.empty_dir_exemption`) documents its intent and is not empty.

Nested empty directories are reported once, at the topmost one: for
`ops/k8s/unused/a/b/.gitkeep` the finding is `ops/k8s/unused`, whose whole subtree holds only
directories and placeholders. Removing that one directory fixes all of them.

## Why

An empty directory is a promise nobody keeps: a domain or a slot that was planned and never
filled, or left behind when its content moved. Readers and tools cannot tell what belongs
there. The contract allows one only when an `INDEX.md` says what it is for.

## Fix

Delete the directory (with its placeholder), or add an `INDEX.md` to it that documents what
will live there and who owns it.

## Heuristics

The rule sees the tree the walk sees. Tracked files are always in it; untracked files
excluded by `.gitignore` are not walked by default, so a local directory whose only files
are ignored (say, a scratch output directory) looks empty; `check --no-ignore` includes
them. Nothing is inferred: every finding is an `error`. Symlinks and special files count as content
(LAY002 and LAY001 judge those).

A directory the walk could not read (no permission) is never called empty, nor are its
ancestors: nothing is known about what it holds. The check reports it as OPS002 instead.
"#,
    }
}

impl Rule for EmptyDir {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let ops = cx.contract.ops_path("");
        let below = cx.index.descendants(&ops);
        let mut with_content = dirs_with_content(cx.contract, &ops, below);
        mark_unreadable(cx, &ops, &mut with_content);
        let is_empty = |path: &str| !with_content.contains(path);

        below
            .iter()
            .filter(|e| e.is_dir() && is_empty(e.path.as_str()))
            // Topmost only: the parent is the ops root or has content of its own.
            .filter(|e| {
                e.path
                    .parent()
                    .is_none_or(|p| p.as_str() == ops || !is_empty(p.as_str()))
            })
            .map(|dir| finding(cx, dir))
            .collect()
    }
}

/// Every directory (below `ops/`, as path text) whose subtree holds real content.
fn dirs_with_content<'a>(contract: &Contract, ops: &str, below: &'a [Entry]) -> HashSet<&'a str> {
    let mut with_content = HashSet::new();
    for entry in below.iter().filter(|e| is_content(contract, e)) {
        let mut path = entry.path.as_str();
        while let Some(slash) = path.rfind('/') {
            path = &path[..slash];
            if path == ops || !with_content.insert(path) {
                // Already marked, and so are all its ancestors.
                break;
            }
        }
    }
    with_content
}

/// Marks the directories the walk could not read, and their ancestors, as holding content:
/// what is inside is unknown, so none of them may be called empty (OPS002 reports them).
fn mark_unreadable<'a>(cx: &CheckContext<'a>, ops: &str, with_content: &mut HashSet<&'a str>) {
    for issue in cx.index.issues() {
        let Some(entry) = cx.index.get(issue.path.as_str()) else {
            continue;
        };
        let mut path = entry.path.as_str();
        if !entry.path.starts_with(ops) || path == ops {
            continue;
        }
        with_content.insert(path);
        while let Some(slash) = path.rfind('/') {
            path = &path[..slash];
            if path == ops || !with_content.insert(path) {
                break;
            }
        }
    }
}

fn is_content(contract: &Contract, entry: &Entry) -> bool {
    let layout = &contract.layout;
    let name = entry.path.file_name();
    match entry.kind {
        EntryKind::Dir => false,
        EntryKind::File => {
            name == layout.empty_dir_exemption
                || !layout.placeholder_files.iter().any(|p| p == name)
        }
        EntryKind::Symlink | EntryKind::Other => true,
    }
}

fn finding(cx: &CheckContext<'_>, dir: &Entry) -> Finding {
    let inside: Vec<String> = cx
        .index
        .descendants(dir.path.as_str())
        .iter()
        .filter_map(|e| e.path.strip_prefix(dir.path.as_str()))
        .map(|rel| format!("`{rel}`"))
        .collect();
    let nested = cx
        .index
        .descendants(dir.path.as_str())
        .iter()
        .any(Entry::is_dir);
    let what = if inside.is_empty() {
        "is empty".to_string()
    } else if nested {
        format!(
            "holds only empty directories and placeholders ({})",
            join_capped(&inside, 4)
        )
    } else {
        format!("holds only the placeholder {}", join_capped(&inside, 4))
    };
    let index = &cx.contract.layout.empty_dir_exemption;
    Finding::new(
        &EmptyDir::META,
        dir.path.clone(),
        format!("`{}/` {what}", dir.path),
    )
    .help(format!(
        "delete `{}/`, or add `{}/{index}` documenting what it is for",
        dir.path, dir.path
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn base() -> TestRepo {
        TestRepo::new()
            .file("ops/CONTRACT.md", "x")
            .file("ops/k8s/charts/atlas/Chart.yaml", "x")
            .file("ops/k8s/.gitkeep", "")
            .file("ops/_artifacts/INDEX.md", "# runtime artifacts\n")
            .file("ops/_artifacts/.gitkeep", "")
            .file("ops/e2e/scenarios/INDEX.md", "x")
            .dir("outside/empty")
    }

    #[test]
    fn directories_with_content_or_an_index_are_fine() {
        assert!(base().context().run(&EmptyDir).is_empty());
    }

    #[test]
    fn empty_and_placeholder_only_directories_are_reported() {
        let repo = base()
            .dir("ops/stack/empty")
            .file("ops/obs/dashboards/.gitkeep", "")
            .file("ops/load/.keep", "");
        assert_eq!(
            repo.context().run_lines(&EmptyDir),
            [
                "ops/load: `ops/load/` holds only the placeholder `.keep`",
                "ops/obs: `ops/obs/` holds only empty directories and placeholders (`dashboards`, `dashboards/.gitkeep`)",
                "ops/stack: `ops/stack/` holds only empty directories and placeholders (`empty`)",
            ]
        );
    }

    #[test]
    fn nested_empty_directories_are_reported_once_at_the_top() {
        let repo = base()
            .file("ops/k8s/unused/a/b/.gitkeep", "")
            .dir("ops/k8s/unused/c");
        let findings = repo.context().run(&EmptyDir);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].path.as_str(), "ops/k8s/unused");
        assert_eq!(
            findings[0].help.as_deref(),
            Some(
                "delete `ops/k8s/unused/`, or add `ops/k8s/unused/INDEX.md` documenting what it is for"
            )
        );
    }

    #[test]
    fn an_index_deep_down_keeps_its_ancestors_alive() {
        let repo = base().file("ops/datasets/reserved/INDEX.md", "x");
        assert!(repo.context().run(&EmptyDir).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_count_as_content() {
        let repo = base().symlink("ops/stack/link", "../k8s/charts/atlas/Chart.yaml");
        assert!(repo.context().run(&EmptyDir).is_empty());
    }

    #[test]
    fn a_directory_the_walk_could_not_read_is_not_empty() {
        use ops_model::testing::TestContext;
        use ops_model::{RepoIndex, RepoPath, WalkIssue, WalkOptions};
        let repo = base().dir("ops/load/secret").dir("ops/stack/locked/inner");
        let index = RepoIndex::build(repo.path(), &WalkOptions::default())
            .unwrap()
            .with_issues(vec![
                WalkIssue {
                    path: RepoPath::new("ops/load/secret"),
                    message: "Permission denied (os error 13)".into(),
                },
                WalkIssue {
                    path: RepoPath::new("ops/stack/locked/inner"),
                    message: "Permission denied (os error 13)".into(),
                },
            ]);
        let cx = TestContext::new(Contract::default(), index);
        assert_eq!(cx.run_lines(&EmptyDir), Vec::<String>::new());
    }

    #[test]
    fn placeholders_are_configurable() {
        let repo = base().file("ops/stack/KEEP", "");
        assert!(repo.context().run(&EmptyDir).is_empty());
        let mut contract = Contract::default();
        contract.layout.placeholder_files.push("KEEP".into());
        assert_eq!(repo.context_with(contract).run(&EmptyDir).len(), 1);
    }
}
