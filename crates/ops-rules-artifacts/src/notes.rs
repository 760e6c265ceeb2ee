//! The findings a rule emits about what it could not check, rather than about the tree: the
//! root is not a git work tree. Every ART rule words them the same way.

use ops_model::{Finding, RepoPath, RuleMeta, Severity, SourceFile};

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

/// The text of a file offered to the scan pass, or `None` when there is none to check: a
/// file over `limits.max_file_size` (the engine reports it once, for every rule, as OPS006
/// file-not-read), binary, non-UTF-8 or unreadable.
pub fn text_of<'f>(file: &'f SourceFile<'_>) -> Option<&'f str> {
    file.text().ok()
}
