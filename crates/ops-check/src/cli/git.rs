//! What the command line asks git, outside the rules: where the checked root sits in its work
//! tree (so machine reports can name files from the top of the repository), and which files
//! changed since a revision (`check --changed-since`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use ops_model::RepoPath;

use super::CliError;

/// Runs `git -C root ARGS` and returns its stdout; an error carries git's first stderr line.
fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        // Read-only questions must not take the index lock of a concurrent git command.
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr.lines().next().unwrap_or("").trim();
        return Err(if first.is_empty() {
            format!("`git {}` failed ({})", args.join(" "), out.status)
        } else {
            first.to_string()
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Where `root` lies inside its git work tree (`git rev-parse --show-prefix`): the root path
/// at the top of the work tree, `services/api` below it. `Err` with git's reason when `root`
/// is not inside a work tree or git cannot run.
pub fn work_tree_prefix(root: &Path) -> Result<RepoPath, String> {
    Ok(RepoPath::new(
        git(root, &["rev-parse", "--show-prefix"])?.trim(),
    ))
}

/// The top directory of the git work tree `dir` lies in (`git rev-parse --show-toplevel`).
pub fn work_tree_top(dir: &Path) -> Result<std::path::PathBuf, String> {
    Ok(git(dir, &["rev-parse", "--show-toplevel"])?
        .trim_end()
        .into())
}

/// The prefix, or the root path when `root` is not in a git work tree: paths then stay
/// relative to the checked root, the best a report can do.
pub fn work_tree_prefix_or_root(root: &Path) -> RepoPath {
    work_tree_prefix(root).unwrap_or_else(|why| {
        tracing::debug!("paths stay relative to the checked root: {why}");
        RepoPath::root()
    })
}

/// The files that changed since `rev`, relative to the checked root (files outside it are
/// dropped): everything that differs between the merge base of `rev` and `HEAD` and the work
/// tree (committed on this branch, staged or not), and the untracked files that are not
/// ignored.
///
/// In a pull-request job the work tree is the commit under test, so this is
/// `git diff --name-only REV...HEAD`; on a developer's machine it also covers the edits not
/// yet committed, which a pre-commit hook must see.
pub fn changed_since(root: &Path, rev: &str) -> Result<BTreeSet<RepoPath>, CliError> {
    let fail = |why: String| CliError::Git(format!("--changed-since {rev}: {why}"));
    let prefix = work_tree_prefix(root).map_err(fail)?;
    if rev.starts_with('-') {
        return Err(fail("not a revision".into()));
    }
    let base = git(root, &["merge-base", rev, "HEAD"]).map_err(|why| {
        fail(if why.is_empty() {
            "no common ancestor with HEAD".into()
        } else {
            why
        })
    })?;
    let base = base.trim();
    let diff = git(
        root,
        &["diff", "--name-only", "--no-renames", "-z", base, "--"],
    )
    .map_err(fail)?;
    let untracked = git(
        root,
        &[
            "ls-files",
            "-z",
            "--full-name",
            "--others",
            "--exclude-standard",
        ],
    )
    .map_err(fail)?;
    Ok(diff
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            RepoPath::new(p)
                .strip_prefix(prefix.as_str())
                .map(RepoPath::new)
        })
        .filter(|p| !p.is_root())
        .collect())
}

/// Whether a finding at `path` concerns a changed file: the repository as a whole (the root),
/// a changed file itself, or a directory holding one (a finding about `ops/misc/` when
/// `ops/misc/notes.txt` was added).
pub fn touches_changed(path: &RepoPath, changed: &BTreeSet<RepoPath>) -> bool {
    path.is_root()
        || changed.contains(path)
        || changed
            .range(path.clone()..)
            .take_while(|c| c.as_str().starts_with(path.as_str()))
            .any(|c| c.starts_with(path.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_on_changed_files_their_directories_and_the_root() {
        let changed: BTreeSet<RepoPath> = ["ops/misc/notes.txt", "ops/k8s/a.yaml"]
            .iter()
            .map(RepoPath::new)
            .collect();
        for yes in [
            "",
            "ops/misc",
            "ops/misc/notes.txt",
            "ops",
            "ops/k8s/a.yaml",
        ] {
            assert!(touches_changed(&RepoPath::new(yes), &changed), "{yes}");
        }
        for no in ["ops/mis", "ops/k8s/b.yaml", "ops/misc/notes", "docs"] {
            assert!(!touches_changed(&RepoPath::new(no), &changed), "{no}");
        }
    }
}
