//! OPS006 file-not-read: what the scan could not read, said once per file.

use ops_model::{EntryKind, Finding, RepoPath, Rule, RunContext};

use crate::registry::FILE_NOT_READ;

/// OPS006: the files some rule wants and tried to read that are over
/// `limits.max_file_size` (their size is the one found when read), and the special
/// files (FIFOs, sockets, devices) of the tree, which are never opened. A file some rule
/// already reported as too large (its message names `max_file_size`) is not reported twice.
pub(super) fn not_read(
    run: &RunContext,
    rules: &[&dyn Rule],
    findings: &[Finding],
) -> Vec<Finding> {
    let entries = run.index.entries();
    let max = run.contract.limits.max_file_size;
    let reported = |path: &RepoPath| {
        findings
            .iter()
            .any(|f| f.path == *path && f.message.contains("max_file_size"))
    };
    let mut out = Vec::new();
    for (i, size) in run.too_large_to_read(rules) {
        let e = &entries[i];
        if reported(&e.path) {
            continue;
        }
        out.push(
            Finding::new(
                &FILE_NOT_READ,
                e.path.clone(),
                format!("not checked: {size} bytes, over `[limits] max_file_size` ({max} bytes)"),
            )
            .help("raise `[limits] max_file_size` to check it, or `exclude` the path"),
        );
    }
    for e in entries.iter().filter(|e| e.kind == EntryKind::Other) {
        out.push(
            Finding::new(
                &FILE_NOT_READ,
                e.path.clone(),
                "not checked: not a regular file (a FIFO, socket or device is never opened)",
            )
            .help("remove it from the tree (git cannot track it) or `exclude` the path"),
        );
    }
    out
}
