//! LAY002: no symlinked directories inside `ops/`, no symlink anywhere that leaves the root.

use std::path::{Component, Path, PathBuf};

use ops_model::{
    CheckContext, Entry, EntryKind, Finding, LinkInfo, LinkTarget, RepoIndex, RepoPath, Rule,
    RuleMeta, Severity, declare_rule,
};

declare_rule! {
    /// No symlink under `ops/` points to a directory; no symlink anywhere points outside the
    /// repository root.
    pub SymlinkedDir {
        code: "LAY002",
        slug: "symlinked-dir",
        clause: "Symlinked domain directories inside `ops/` are forbidden.",
        severity: Error,
        summary: "no symlink under ops/ points to a directory; no symlink anywhere points outside the repository root",
        explanation: r#"## What

Reports, without ever following a link:

- a symlink under `ops/` (or `ops` itself) that resolves to a directory, directly or
  through a chain of links (`ops/a -> b`, `ops/b -> ../shared/`);
- a symlink under `ops/` that loops (`ops/a -> b`, `ops/b -> a`): it never resolves, so it is
  reported with a message that says it loops;
- a symlink to the directory that holds it or to one of its ancestors (`ops/stack/self ->
  .`, `ops/load/up -> ../../`): it resolves, but makes a cycle (`ops/load/up/ops/load/up/...`),
  so it is reported as one, with deletion as the only fix (there is nothing to move);
- a dangling symlink under `ops/` (its target does not exist), at `warning`: it may be a
  directory link whose target is missing on this machine, and either way it is broken;
- a symlink anywhere below the checked root whose target lies outside the root
  (`configs/x -> ../../other-repo/x`, `/etc/passwd`), whatever it points to.

Symlinks to files inside `ops/` that stay inside the root are allowed.

## Why

A symlinked directory gives one tree two owners: the same files appear under two domains,
which is the overlap the contract forbids, and every tool that walks the tree either misses
them or sees them twice. A link that leaves the repository makes a checkout depend on the
machine it was made on: CI and other developers see a dangling link or, worse, different
content. Loops and dangling links are simply broken.

## Fix

Replace a directory link with the real directory (move the target to where the link is, or
make callers use the target's path) and delete the link. Delete a link to its own directory
or an ancestor: it adds no content. Copy content that a link pulls in
from outside the repository into it, or remove the link. Delete loops and dangling links, or
point them at an existing file inside the repository.
"#,
    }
}

impl Rule for SymlinkedDir {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let ops = cx.contract.ops_path("");
        cx.index
            .entries()
            .iter()
            .filter(|e| e.kind == EntryKind::Symlink)
            .filter_map(|e| Some((e, e.link.as_ref()?)))
            .filter_map(|(entry, link)| judge(cx.index, entry, link, entry.path.starts_with(&ops)))
            .collect()
    }
}

fn judge(index: &RepoIndex, entry: &Entry, link: &LinkInfo, under_ops: bool) -> Option<Finding> {
    let path = &entry.path;
    let target = &link.target_text;
    let outside = if link.escapes_root {
        " outside the repository root"
    } else {
        ""
    };
    // A link to its own directory or an ancestor: nothing to move, only a cycle to delete.
    if link.points_to == LinkTarget::Dir
        && (under_ops || link.escapes_root)
        && let Some(repeat) = ancestor_cycle(&entry.abs(index.root()), target)
    {
        return Some(
            Finding::new(
                &SymlinkedDir::META,
                path.clone(),
                format!(
                    "`{path}` is a symlink to `{target}`, a directory that contains the link itself{outside}: it makes a cycle (`{path}/{repeat}/...` repeats forever)"
                ),
            )
            .help("delete the link: a link to its own directory or an ancestor adds no content, and every tool that follows links loops through it or stops at a depth limit"),
        );
    }
    let finding = match (under_ops, link.points_to) {
        (true, LinkTarget::Dir) => Finding::new(
            &SymlinkedDir::META,
            path.clone(),
            format!(
                "`{path}` is a symlink to the directory `{target}`{outside}{}",
                via_chain(index, path, target)
            ),
        )
        .help(if link.escapes_root {
            format!("copy the directory into the repository at `{path}` (or remove the link); a checkout must not depend on `{target}`")
        } else {
            // Name the target as a repository path, which is what the reader moves.
            let real = resolve_lexically(path, target)
                .map(|p| p.to_string())
                .unwrap_or_else(|| target.clone());
            format!("replace the link with the real directory: move `{real}` to `{path}`, or use `{real}` directly, and delete the link")
        }),
        (true, LinkTarget::Loop) => Finding::new(
            &SymlinkedDir::META,
            path.clone(),
            format!("`{path}` is a symlink that loops (`{path}` -> `{target}` -> ... never resolves)"),
        )
        .help("delete the link, or point it at a real file inside the repository"),
        (true, LinkTarget::Dangling) if !link.escapes_root => Finding::new(
            &SymlinkedDir::META,
            path.clone(),
            format!("`{path}` is a dangling symlink: its target `{target}` does not exist"),
        )
        .help("delete the link, or point it at an existing file inside the repository")
        .severity(Severity::Warning),
        (_, points_to) if link.escapes_root => Finding::new(
            &SymlinkedDir::META,
            path.clone(),
            format!(
                "`{path}` is a symlink to `{target}`, outside the repository root{}",
                match points_to {
                    LinkTarget::Dangling => " (and the target does not exist here)",
                    LinkTarget::Loop => " (and it loops)",
                    _ => "",
                }
            ),
        )
        .help(format!("copy what it needs into the repository at `{path}`, or remove the link; a checkout must be self-contained")),
        _ => return None,
    };
    Some(finding)
}

/// When the link's target, resolved lexically against the link's real location, is the
/// directory holding the link or one of its ancestors (`ops/stack/self -> .`,
/// `ops/load/up -> ../../`, an absolute path to the repository): the part of the path that
/// the cycle repeats (`self`, `ops/load/up`).
fn ancestor_cycle(abs: &Path, target: &str) -> Option<String> {
    let dir = abs.parent()?;
    let resolved = normalize(&dir.join(target));
    let link = normalize(abs);
    let repeat = link.strip_prefix(&resolved).ok()?;
    (!repeat.as_os_str().is_empty()).then(|| repeat.to_string_lossy().into_owned())
}

/// `a/./b/../c` as `a/c`, without touching the file system. A `..` that climbs above the
/// start of a relative path is kept, so such a path never claims to contain anything.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let climbs = matches!(
                    out.components().next_back(),
                    None | Some(Component::ParentDir)
                );
                if climbs {
                    if !out.has_root() {
                        out.push("..");
                    }
                } else {
                    out.pop();
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// ` (through the symlink `ops/b`)` when the link's target is itself a link in the index.
fn via_chain(index: &RepoIndex, path: &RepoPath, target: &str) -> String {
    let Some(next) = resolve_lexically(path, target) else {
        return String::new();
    };
    match index.get(next.as_str()) {
        Some(e) if e.kind == EntryKind::Symlink => format!(" (through the symlink `{next}`)"),
        _ => String::new(),
    }
}

/// The repository path a relative link text names, `..` resolved ([`RepoPath::resolve`]);
/// `None` when it is absolute or climbs above the root.
fn resolve_lexically(path: &RepoPath, target: &str) -> Option<RepoPath> {
    if target.starts_with('/') {
        return None;
    }
    path.parent()?.resolve(target)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use ops_model::testing::{TestRepo, finding_lines};

    fn base() -> TestRepo {
        TestRepo::new()
            .file("ops/CONTRACT.md", "x")
            .file("ops/k8s/values.yaml", "x")
            .file("ops/_lib/common.sh", "x")
            .file("shared/dir/a.txt", "x")
    }

    #[test]
    fn file_links_inside_the_root_are_fine() {
        let repo = base()
            .symlink("ops/stack/common.sh", "../_lib/common.sh")
            .symlink("docs/k8s", "../ops/k8s");
        assert!(repo.context().run(&SymlinkedDir).is_empty());
    }

    #[test]
    fn directory_links_under_ops_are_reported_even_through_chains() {
        let repo = base()
            .symlink("ops/stack/shared", "../../shared/dir")
            .symlink("ops/obs", "k8s")
            .symlink("ops/load", "obs");
        assert_eq!(
            repo.context().run_lines(&SymlinkedDir),
            [
                "ops/load: `ops/load` is a symlink to the directory `obs` (through the symlink `ops/obs`)",
                "ops/obs: `ops/obs` is a symlink to the directory `k8s`",
                "ops/stack/shared: `ops/stack/shared` is a symlink to the directory `../../shared/dir`",
            ]
        );
        let findings = repo.context().run(&SymlinkedDir);
        assert_eq!(
            findings[2].help.as_deref(),
            Some(
                "replace the link with the real directory: move `shared/dir` to `ops/stack/shared`, or use `shared/dir` directly, and delete the link"
            )
        );
    }

    #[test]
    fn loops_and_dangling_links_are_reported_without_hanging() {
        let repo = base()
            .symlink("ops/k8s/a", "b")
            .symlink("ops/k8s/b", "a")
            .symlink("ops/k8s/self", "self")
            .symlink("ops/k8s/gone", "missing.yaml");
        let findings = repo.context().run(&SymlinkedDir);
        assert_eq!(
            finding_lines(&findings),
            [
                "ops/k8s/a: `ops/k8s/a` is a symlink that loops (`ops/k8s/a` -> `b` -> ... never resolves)",
                "ops/k8s/b: `ops/k8s/b` is a symlink that loops (`ops/k8s/b` -> `a` -> ... never resolves)",
                "ops/k8s/gone: `ops/k8s/gone` is a dangling symlink: its target `missing.yaml` does not exist",
                "ops/k8s/self: `ops/k8s/self` is a symlink that loops (`ops/k8s/self` -> `self` -> ... never resolves)",
            ]
        );
        assert_eq!(findings[2].severity, Severity::Warning);
        assert_eq!(findings[0].severity, Severity::Error);
    }

    #[test]
    fn links_out_of_the_root_are_reported_anywhere() {
        let outside = TestRepo::new().file("secret.txt", "x").dir("somedir");
        let secret = outside.path().join("secret.txt");
        let somedir = outside.path().join("somedir");
        let repo = base()
            .symlink("configs/secret.txt", secret.to_str().unwrap())
            .symlink("ops/k8s/ext", somedir.to_str().unwrap())
            .symlink("docs/up", "../../../../nowhere");
        let lines = repo.context().run_lines(&SymlinkedDir);
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[0].starts_with("configs/secret.txt: `configs/secret.txt` is a symlink to `/")
        );
        assert!(lines[0].ends_with("`, outside the repository root"));
        assert!(lines[1].starts_with("docs/up: `docs/up` is a symlink to `../../../../nowhere`, outside the repository root (and the target does not exist here)"));
        assert!(
            lines[2].contains("is a symlink to the directory")
                && lines[2].ends_with("outside the repository root")
        );
    }

    #[test]
    fn a_symlinked_ops_root_is_reported() {
        let repo = TestRepo::new()
            .file("real-ops/CONTRACT.md", "x")
            .symlink("ops", "real-ops");
        assert_eq!(
            repo.context().run_lines(&SymlinkedDir),
            ["ops: `ops` is a symlink to the directory `real-ops`"]
        );
    }

    #[test]
    fn links_to_an_ancestor_are_cycles_to_delete() {
        let repo = base()
            .symlink("ops/load/up", "../../")
            .symlink("ops/stack/self", ".")
            .symlink("ops/k8s/ops", "..");
        let findings = repo.context().run(&SymlinkedDir);
        assert_eq!(
            finding_lines(&findings),
            [
                "ops/k8s/ops: `ops/k8s/ops` is a symlink to `..`, a directory that contains the link itself: it makes a cycle (`ops/k8s/ops/k8s/ops/...` repeats forever)",
                "ops/load/up: `ops/load/up` is a symlink to `../../`, a directory that contains the link itself: it makes a cycle (`ops/load/up/ops/load/up/...` repeats forever)",
                "ops/stack/self: `ops/stack/self` is a symlink to `.`, a directory that contains the link itself: it makes a cycle (`ops/stack/self/self/...` repeats forever)",
            ]
        );
        for f in &findings {
            let help = f.help.as_deref().unwrap_or("");
            assert!(help.starts_with("delete the link"), "{help}");
            assert!(!help.contains("move"), "{help}");
        }
        // Out of the root, above it: still a cycle, reported anywhere.
        let repo = base().symlink("docs/top", "../../..");
        let lines = repo.context().run_lines(&SymlinkedDir);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(
            lines[0].contains("a directory that contains the link itself outside the repository root: it makes a cycle"),
            "{lines:?}"
        );
        // A sibling directory is an ordinary directory link.
        let cx = repo.context();
        let top = cx.index().get("docs/top").unwrap().abs(cx.index().root());
        assert_eq!(ancestor_cycle(&top, "../ops"), None);
        assert_eq!(ancestor_cycle(&top, "..").as_deref(), Some("docs/top"));
    }

    #[test]
    fn lexical_resolution() {
        let p = RepoPath::new("ops/k8s/a");
        assert_eq!(
            resolve_lexically(&p, "../b/./c").unwrap().as_str(),
            "ops/b/c"
        );
        assert_eq!(resolve_lexically(&p, "../../../../x"), None);
        assert_eq!(resolve_lexically(&p, "/abs"), None);
    }
}
