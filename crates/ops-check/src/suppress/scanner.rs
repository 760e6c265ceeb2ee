//! The engine's scan for suppression comments: registered beside the rules, it reads every
//! file that can hold comments once, in the rules' scan pass, and keeps the suppressions.
//!
//! Every commentable file is offered, not only files with findings: an unused suppression is
//! reported too (OPS003), and a file without findings is where it would hide. The text is
//! only decoded and read line by line when a fast byte search ([`memchr::memmem`]) finds
//! [`MARKER`] in it, so the scan costs about one read of each such file.

use std::sync::Mutex;

use ops_model::{
    CheckContext, FileInfo, Finding, RepoPath, Rule, RuleMeta, ScanOutput, SourceFile, Span,
};

use super::comment::{Directive, MARKER, parse, syntax};
use crate::registry::INVALID_SUPPRESSION;

/// Finds suppression comments; reports the malformed ones (OPS004) as it goes and hands
/// the others to the engine after the run ([`SuppressionScanner::take`]).
#[derive(Default)]
pub struct SuppressionScanner {
    found: Mutex<Vec<(RepoPath, Vec<Directive>)>>,
}

impl SuppressionScanner {
    /// The suppressions found, by file in path order (empty before the run).
    pub fn take(&self) -> Vec<(RepoPath, Vec<Directive>)> {
        self.found
            .lock()
            .map(|mut found| std::mem::take(&mut *found))
            .unwrap_or_default()
    }
}

impl Rule for SuppressionScanner {
    fn meta(&self) -> &'static RuleMeta {
        &INVALID_SUPPRESSION
    }

    fn wants(&self, _cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        syntax(file.kind()).is_some()
    }

    fn scan_file(&self, _cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let Some(syntax) = syntax(file.kind()) else {
            return;
        };
        let Ok(bytes) = file.bytes() else {
            return;
        };
        if memchr::memmem::find(bytes, MARKER.as_bytes()).is_none() {
            return;
        }
        let Ok(text) = file.text() else {
            return;
        };
        let (directives, malformed) = parse(text, syntax);
        for m in malformed {
            out.push(
                Finding::new(&INVALID_SUPPRESSION, file.path().clone(), m.message)
                    .at(Span::new(m.line, m.column))
                    .help("write `ops-check: ignore[CODE] reason` or `ops-check: ignore-file[CODE] reason`; `ops-check explain OPS004` shows the forms"),
            );
        }
        if !directives.is_empty() {
            out.keep(directives);
        }
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let found: Vec<(RepoPath, Vec<Directive>)> = cx
            .facts::<Vec<Directive>>(&INVALID_SUPPRESSION)
            .map(|(path, directives)| (path.clone(), directives.clone()))
            .collect();
        if let Ok(mut slot) = self.found.lock() {
            *slot = found;
        }
        Vec::new()
    }
}
