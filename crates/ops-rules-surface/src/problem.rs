//! What a reader of the surface files could not use, and the finding that reports it.

use ops_model::{Finding, RepoPath, RuleMeta};

/// Something wrong in a file the surface rules read, on a line when the reader knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub(crate) path: RepoPath,
    /// 1-based line the problem is on, when the reader knows it (a JSON syntax error, a
    /// declaration entry of the wrong shape); `None` otherwise (a file that is missing or
    /// cannot be read, a lock of the wrong shape or version).
    pub line: Option<u32>,
    /// One sentence naming the file and what is wrong, for the finding's message.
    pub message: String,
}

impl FileProblem {
    /// The finding of `meta` that reports it: at its path, on its line when known.
    pub fn finding(&self, meta: &'static RuleMeta) -> Finding {
        let f = Finding::new(meta, self.path.clone(), self.message.clone());
        match self.line {
            Some(l) => f.at_line(l),
            None => f,
        }
    }
}
