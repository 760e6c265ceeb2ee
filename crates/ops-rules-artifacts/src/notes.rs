//! The findings a rule emits about what it could not check, rather than about the tree: the
//! root is not a git work tree, a file is too large to read. Every ART rule words them the same way.

use ops_model::{Finding, ReadError, RepoPath, RuleMeta, ScanOutput, Severity, SourceFile};

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

/// The text of a file offered to the scan pass. A file over `limits.max_file_size` is not
/// read and gets an `info` finding saying so (with `help`), so the gap shows; any other read
/// error (binary, non-UTF-8, unreadable) means there is no text to check, and it is skipped.
pub fn text_or_note<'f>(
    file: &'f SourceFile<'_>,
    meta: &'static RuleMeta,
    help: &str,
    out: &mut ScanOutput,
) -> Option<&'f str> {
    match file.text() {
        Ok(text) => Some(text),
        Err(err @ ReadError::TooLarge { .. }) => {
            out.push(
                Finding::new(meta, file.path().clone(), format!("not checked: {err}"))
                    .severity(Severity::Info)
                    .help(help),
            );
            None
        }
        Err(_) => None,
    }
}
