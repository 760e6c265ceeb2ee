//! ART001: evidence lives under `artifacts/evidence/` only.

use std::collections::BTreeMap;

use ops_model::contract::NameGlobs;
use ops_model::{
    CheckContext, Entry, FileInfo, FileKind, Finding, RepoPath, Rule, RuleMeta, ScanOutput,
    Severity, SourceFile, declare_rule,
};
use ops_syntax::parsed;

use crate::generated::run_scoped;
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
        budgets: ["yaml"],
        explanation: r#"## What

Finds evidence outside `artifacts/evidence/`: directories named like evidence
(`evidence`, `_evidence`) and files named like evidence (`*.evidence.json`,
`evidence-*.json`). A directory is reported once, not every file inside it.

- `error` when the content shows a run: a JSON or YAML document (in the directory, or the
  file itself) whose top-level keys include a run-scoped key (`run_id`, `started_at`,
  `generated_at`, ...) or a measurement with a number (`"duration_ms": 31877.2`); and for
  anything inside an output directory on the way to the evidence root (`out/evidence/` when
  the root is `out/evidence/ci/`).
- `warning` when only the name says so: a directory named `evidence` holding no run
  record, a file named like evidence that cannot be read as a document.
- nothing for a schema (`*.schema.json`, a document whose `$schema` is JSON Schema's, or
  anything under `ops/_schemas/`): a schema that describes evidence is never evidence; and
  nothing for a readable document without run values (`evidence-levels.json`, a static list
  of levels): its content says what its name does not.

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
output, and is skipped. Committed files are checked even when `.gitignore` matches them (a
force-added `ops/load/evidence/run-1.json` is in the repository); files that are only
ignored are not, and `check --runtime` (ART008) covers outputs left by a run.

## Configuration

`[artifacts] evidence_root`, `evidence_dir_names`, `evidence_file_patterns`,
`run_scoped_keys`, `measurement_keys`, `code_extensions`, `allowlist`; `[schema]
schemas_dir`.
"#,
    }
}

struct Evidence<'a> {
    placement: Placement,
    dir_names: &'a [String],
    file_patterns: &'a NameGlobs,
    schemas_dir: RepoPath,
}

impl Evidence<'_> {
    fn of<'c>(cx: &CheckContext<'c>) -> Evidence<'c> {
        let a = &cx.contract.artifacts;
        Evidence {
            placement: Placement::of(cx),
            dir_names: &a.evidence_dir_names,
            file_patterns: &a.evidence_file_patterns,
            schemas_dir: RepoPath::new(&cx.contract.schema.schemas_dir),
        }
    }
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
        // Schemas describe evidence; they are never evidence.
        (!self.schemas_dir.is_root() && path.starts_with(self.schemas_dir.as_str()))
            || matches!(
                self.placement.allows(path),
                Some(Allowed::EvidenceRoot | Allowed::Allowlisted(_))
            )
    }

    fn contains_allowed(&self, dir: &RepoPath) -> bool {
        let root = &self.placement.evidence_root;
        (root != dir && root.starts_with(dir.as_str()))
            || self.placement.allowlist.may_lie_below(dir)
    }
}

/// What the scan saw in a file that may be evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Content {
    /// A JSON Schema document.
    Schema,
    /// The record of a run, and why.
    Run(String),
    /// A readable document without run values.
    Static,
    /// Not readable as a JSON/YAML document.
    Unread,
}

impl Rule for EvidenceLocation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let a = &cx.contract.artifacts;
        let path = file.path();
        (a.evidence_file_patterns.is_match(path.file_name())
            || path
                .dir_names()
                .any(|d| a.evidence_dir_names.iter().any(|n| n == d)))
            && !path.starts_with(&a.evidence_root)
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let a = &cx.contract.artifacts;
        let name = file.path().file_name();
        let document = match file.kind() {
            FileKind::Json => file.json().ok().cloned(),
            // The file's shared YAML parse; the first document decides.
            FileKind::Yaml => parsed::yaml(file).ok().and_then(|y| match &y.0 {
                Ok(docs) => docs.first().and_then(|d| d.value.clone()),
                Err(_) => None,
            }),
            _ => None,
        };
        let content = if name.contains(".schema.") || document.as_ref().is_some_and(is_schema) {
            Content::Schema
        } else {
            match document {
                Some(doc) => match run_scoped::run_record(&doc, a) {
                    Some(why) => Content::Run(why),
                    None => Content::Static,
                },
                None => Content::Unread,
            }
        };
        out.keep(content);
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let a = &cx.contract.artifacts;
        let kind = Evidence::of(cx);
        let contents: BTreeMap<&RepoPath, &Content> = cx.facts::<Content>(&Self::META).collect();
        let root = kind.placement.evidence_root.clone();
        let mut findings = Vec::new();
        for m in output_dirs::scan(cx, &kind) {
            let (severity, why) = if !m.by_name {
                (Severity::Error, None)
            } else if m.is_dir {
                let prefix = format!("{}/", m.path);
                let run = contents.iter().find_map(|(p, c)| match c {
                    Content::Run(why) if p.as_str().starts_with(&prefix) => Some(format!(
                        "`{}` is a run record: {why}",
                        p.as_str().trim_start_matches(&prefix)
                    )),
                    _ => None,
                });
                match run {
                    Some(why) => (Severity::Error, Some(why)),
                    None => (Severity::Warning, None),
                }
            } else {
                match contents.get(&m.path) {
                    Some(Content::Run(why)) => {
                        (Severity::Error, Some(format!("it is a run record: {why}")))
                    }
                    Some(Content::Schema | Content::Static) => continue,
                    Some(Content::Unread) | None => (Severity::Warning, None),
                }
            };
            let mut finding = m
                .finding(&Self::META, "evidence", &format!("{root}/"))
                .severity(severity)
                .help(format!(
                    "write evidence under {root}/ and remove `{}`, or list it in {}",
                    m.shown(),
                    a.allowlist
                ));
            if let Some(why) = why {
                finding.message = format!("{}; {why}", finding.message);
            }
            findings.push(finding);
        }
        findings
    }
}

/// A JSON Schema document: its `$schema` names a JSON Schema dialect.
fn is_schema(document: &serde_json::Value) -> bool {
    document
        .get("$schema")
        .and_then(serde_json::Value::as_str)
        .is_some_and(|s| s.contains("json-schema.org"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::open;
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

    const RUN: &str =
        "{\"run_id\": \"load-smoke-7f3c2a91\", \"started_at\": \"2024-04-18T09:12:44Z\"}";

    #[test]
    fn reports_directories_once_and_stray_files() {
        let repo = TestRepo::new()
            .file("ops/k8s/_evidence/a.json", "{}")
            .file("ops/k8s/_evidence/b/c.json", RUN)
            .file("ops/obs/drill.evidence.json", "{\"duration_ms\": 1234.5}")
            .file("ops/_artifacts/evidence/x.json", "{}")
            // A static document named like evidence: its content says otherwise.
            .file("artifacts/evidence-2024.json", "{}");
        let lines = repo.context().run_lines(&EvidenceLocation);
        assert_eq!(
            lines,
            [
                "ops/_artifacts/evidence: evidence directory `ops/_artifacts/evidence/` is outside artifacts/evidence/ (its name is `evidence`)",
                "ops/k8s/_evidence: evidence directory `ops/k8s/_evidence/` is outside artifacts/evidence/ (its name is `_evidence`); `b/c.json` is a run record: run-scoped key `run_id`",
                "ops/obs/drill.evidence.json: evidence file `ops/obs/drill.evidence.json` is outside artifacts/evidence/ (its name matches `*.evidence.json`); it is a run record: measured `duration_ms`",
            ]
        );
        let severities: Vec<Severity> = repo
            .context()
            .run(&EvidenceLocation)
            .iter()
            .map(|f| f.severity)
            .collect();
        assert_eq!(
            severities,
            [Severity::Warning, Severity::Error, Severity::Error]
        );
    }

    #[test]
    fn schemas_and_static_documents_are_not_evidence_and_names_alone_are_warnings() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/obs/evidence-bundle.v1.schema.json",
                "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"properties\": {\"run_id\": {}}}",
            )
            .file(
                "ops/obs/schemas/evidence-drill.json",
                "{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}",
            )
            .file(
                "ops/obs/report/evidence-levels.json",
                "{\"levels\": [{\"name\": \"smoke\", \"rank\": 1}]}",
            )
            .file("ops/obs/report/evidence-old.json", "{not json")
            .file("ops/load/evidence/notes.txt", "drill notes\n");
        let findings = repo.context().run(&EvidenceLocation);
        let got: Vec<(String, Severity)> = findings
            .iter()
            .map(|f| (f.path.to_string(), f.severity))
            .collect();
        assert_eq!(
            got,
            [
                ("ops/load/evidence".to_string(), Severity::Warning),
                (
                    "ops/obs/report/evidence-old.json".to_string(),
                    Severity::Warning
                ),
            ]
        );
    }

    #[test]
    fn committed_evidence_is_found_even_when_gitignore_matches_it() {
        let repo = TestRepo::new()
            .file(".gitignore", "evidence/\n")
            .file("ops/load/evidence/run-1.json", RUN)
            .file("ops/obs/evidence/untracked.json", RUN)
            .git_commit_all();
        repo.force_add("ops/load/evidence/run-1.json");
        let cx = open(&repo);
        assert_eq!(
            cx.run_lines(&EvidenceLocation),
            [
                "ops/load/evidence: evidence directory `ops/load/evidence/` is outside artifacts/evidence/ (its name is `evidence`); `run-1.json` is a run record: run-scoped key `run_id`"
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
