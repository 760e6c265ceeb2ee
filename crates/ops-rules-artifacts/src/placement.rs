//! Where runtime outputs may live: the evidence root, the artifacts root, and the allowlist.

use std::sync::Arc;

use ops_model::{CheckContext, RepoPath};

use crate::allowlist::Allowlist;

/// The places runtime outputs may be written to.
pub struct Placement {
    pub evidence_root: RepoPath,
    pub artifacts_root: RepoPath,
    pub allowlist: Arc<Allowlist>,
}

/// Why a path is allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Allowed {
    EvidenceRoot,
    ArtifactsRoot,
    /// Covered by the allowlist entry on this line.
    Allowlisted(u32),
}

impl Placement {
    pub fn of(cx: &CheckContext<'_>) -> Placement {
        let a = &cx.contract.artifacts;
        Placement {
            evidence_root: RepoPath::new(&a.evidence_root),
            artifacts_root: RepoPath::new(&a.artifacts_root),
            allowlist: Allowlist::of(cx),
        }
    }

    /// Whether `path` (a file or directory) lies where runtime outputs may live.
    pub fn allows(&self, path: &RepoPath) -> Option<Allowed> {
        if !self.evidence_root.is_root() && path.starts_with(self.evidence_root.as_str()) {
            return Some(Allowed::EvidenceRoot);
        }
        if !self.artifacts_root.is_root() && path.starts_with(self.artifacts_root.as_str()) {
            return Some(Allowed::ArtifactsRoot);
        }
        self.allowlist
            .covering(path)
            .map(|e| Allowed::Allowlisted(e.line))
    }

    /// Whether an allowed place lies strictly below `dir` (so `dir` itself is on the way to
    /// an allowed place, like `artifacts/` for `artifacts/evidence/`).
    pub fn contains_allowed(&self, dir: &RepoPath) -> bool {
        let below =
            |root: &RepoPath| !root.is_root() && root != dir && root.starts_with(dir.as_str());
        below(&self.evidence_root)
            || below(&self.artifacts_root)
            || self.allowlist.may_lie_below(dir)
    }

    /// "ops/_artifacts/, artifacts/evidence/ and the allowlist", for messages.
    pub fn describe(&self) -> String {
        format!(
            "{}/, {}/ and the allowlist",
            self.artifacts_root, self.evidence_root
        )
    }
}
