//! ART001: evidence lives under `artifacts/evidence/` only.

use ops_model::contract::NameGlobs;
use ops_model::{CheckContext, Entry, Finding, RepoPath, Rule, RuleMeta, declare_rule};

use crate::output_dirs::{self, OutputKind};
use crate::placement::{Allowed, Placement};

declare_rule! {
    /// Evidence directories and files outside `artifacts/evidence/`.
    pub EvidenceLocation {
        code: "ART001",
        slug: "evidence-location",
        clause: "Runtime evidence outputs under `artifacts/evidence/` only.",
        severity: Error,
        summary: "evidence outputs live under artifacts/evidence/ only",
        explanation: r#"## What

Finds evidence outside `artifacts/evidence/`: directories named like evidence
(`evidence`, `_evidence`) and files named like evidence (`*.evidence.json`,
`evidence-*.json`). A directory is reported once, not every file inside it.

## Why

Evidence is what a run proves about a system. CI collects it from one place, retention
policies apply to one place, and reviewers trust that nothing in the source tree is a
leftover run result. Evidence elsewhere is either lost or mistaken for source.

## Fix

Make the writer put its evidence under `artifacts/evidence/` and move (or delete) what is
there now. A deliberate exception is listed in `configs/ops/artifacts-allowlist.txt`.
Evidence under `ops/_artifacts/` is still misplaced: that tree is for non-evidence runtime
artifacts.

## Heuristics

A directory whose own files include source code (`.py`, `.rs`, `.sh`, ... see
`artifacts.code_extensions`) is a code module that happens to be named `evidence`, not an
output, and is skipped. Files ignored by git are not walked by a plain check; `check
--runtime` (ART008) covers outputs left by a run.

## Configuration

`[artifacts] evidence_root`, `evidence_dir_names`, `evidence_file_patterns`,
`code_extensions`, `allowlist`.
"#,
    }
}

struct Evidence<'a> {
    placement: Placement,
    dir_names: &'a [String],
    file_patterns: &'a NameGlobs,
}

impl OutputKind for Evidence<'_> {
    fn output_dir(&self, entry: &Entry) -> Option<String> {
        let name = entry.path.file_name();
        self.dir_names
            .iter()
            .any(|n| n == name)
            .then(|| format!("its name is `{name}`"))
    }

    fn output_file(&self, entry: &Entry) -> Option<String> {
        let name = entry.path.file_name();
        self.file_patterns
            .first_match(name)
            .map(|p| format!("its name matches `{p}`"))
    }

    fn allowed(&self, path: &RepoPath) -> bool {
        // Evidence is not a generic runtime artifact: `ops/_artifacts/` does not count.
        matches!(
            self.placement.allows(path),
            Some(Allowed::EvidenceRoot | Allowed::Allowlisted(_))
        )
    }

    fn contains_allowed(&self, dir: &RepoPath) -> bool {
        let root = &self.placement.evidence_root;
        (root != dir && root.starts_with(dir.as_str()))
            || self
                .placement
                .allowlist
                .entries
                .iter()
                .any(|e| e.may_lie_below(dir))
    }
}

impl Rule for EvidenceLocation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let a = &cx.contract.artifacts;
        let kind = Evidence {
            placement: Placement::of(cx),
            dir_names: &a.evidence_dir_names,
            file_patterns: &a.evidence_file_patterns,
        };
        let root = kind.placement.evidence_root.clone();
        output_dirs::scan(cx, &kind)
            .into_iter()
            .map(|m| {
                m.finding(&Self::META, "evidence", &format!("{root}/"))
                    .help(format!(
                        "write evidence under {root}/ and remove `{}`, or list it in {}",
                        m.shown(),
                        a.allowlist
                    ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn conforming_tree_is_clean() {
        let repo = TestRepo::new()
            .file("artifacts/evidence/run-1/report.json", "{}")
            .file("artifacts/evidence/x.evidence.json", "{}")
            .file("ops/k8s/values.yaml", "")
            .file("packages/tool/evidence/collect.py", "")
            .file("configs/ops/artifacts-allowlist.txt", "ops/load/evidence\n")
            .file("ops/load/evidence/summary.json", "{}");
        assert_eq!(
            repo.context().run_lines(&EvidenceLocation),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reports_directories_once_and_stray_files() {
        let repo = TestRepo::new()
            .file("ops/k8s/_evidence/a.json", "{}")
            .file("ops/k8s/_evidence/b/c.json", "{}")
            .file("ops/obs/drill.evidence.json", "{}")
            .file("ops/_artifacts/evidence/x.json", "{}")
            .file("artifacts/evidence-2024.json", "{}");
        let lines = repo.context().run_lines(&EvidenceLocation);
        assert_eq!(
            lines,
            [
                "artifacts/evidence-2024.json: evidence file `artifacts/evidence-2024.json` is outside artifacts/evidence/ (its name matches `evidence-*.json`)",
                "ops/_artifacts/evidence: evidence directory `ops/_artifacts/evidence/` is outside artifacts/evidence/ (its name is `evidence`)",
                "ops/k8s/_evidence: evidence directory `ops/k8s/_evidence/` is outside artifacts/evidence/ (its name is `_evidence`)",
                "ops/obs/drill.evidence.json: evidence file `ops/obs/drill.evidence.json` is outside artifacts/evidence/ (its name matches `*.evidence.json`)",
            ]
        );
    }

    #[test]
    fn a_directory_on_the_way_to_the_evidence_root_reports_its_other_content() {
        let mut contract = ops_model::Contract::default();
        contract.artifacts.evidence_root = "out/evidence/ci".into();
        let repo = TestRepo::new()
            .file("out/evidence/ci/r.json", "{}")
            .file("out/evidence/local/r.json", "{}")
            .file("out/evidence/INDEX.md", "");
        let lines = repo.context_with(contract).run_lines(&EvidenceLocation);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("out/evidence/local: evidence directory"));
    }
}
