//! The one `info` finding a git-aware rule emits when the root is not a git work tree.

use ops_model::{Finding, RepoPath, RuleMeta, Severity};

/// "not a git work tree: checked existence only".
pub fn no_git(meta: &'static RuleMeta, what_was_checked: &str) -> Finding {
    Finding::new(
        meta,
        RepoPath::root(),
        format!("the root is not a git work tree (or git is unavailable): {what_was_checked}"),
    )
    .severity(Severity::Info)
    .help("run ops-check inside the repository's git work tree to check what is committed")
}
