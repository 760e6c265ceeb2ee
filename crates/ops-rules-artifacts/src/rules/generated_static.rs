//! ART005: `ops/_generated/` holds static contract assets only, nothing run-scoped.

use std::collections::{BTreeMap, HashSet};

use ops_model::{
    CheckContext, FileInfo, FileKind, Finding, RepoPath, Rule, RuleMeta, ScanOutput, SourceFile,
    declare_rule,
};

use crate::generated::{self, run_scoped};

declare_rule! {
    /// Logs, run results and run-scoped names in `ops/_generated/`.
    pub GeneratedStatic {
        code: "ART005",
        slug: "generated-static",
        clause: "`ops/_generated/` is reserved for static/generated contract assets only (no run-scoped evidence).",
        severity: Error,
        summary: "ops/_generated/ holds no logs, timestamped or run-id names, or evidence/report JSON",
        explanation: r#"## What

In `ops/_generated/`, reports

- run-scoped files by name: logs (`*.log`, `*.log.*`), pid files, reports and test results
  (`*report*.json`, `*results*.json`, `*results*.xml`, `*.junit.xml`), evidence files;
- files and directories whose name carries a timestamp (`2024-05-01`, `20240501-120000`,
  an epoch) or a run id (`run-3f2a9c1e`, `run_42`, a UUID); a directory is reported once;
- JSON documents whose top-level object has a run-scoped key (`run_id`, `generated_at`,
  `started_at`, ...) or a measurement key with a number (`"duration_ms": 1234.5`): a run
  result, whatever its name.

Committed files are checked even when `.gitignore` matches them: a force-added
`ops/_generated/render.log` is in the repository.

## Why

`ops/_generated/` is for static assets generated from the contract (domain lists, rendered
tables). Run output there looks like a contract asset, is picked up by tools that trust the
directory, and changes on every run.

## Fix

Write run results to `artifacts/evidence/` (evidence) or `ops/_artifacts/` (other runtime
output) and delete them from `ops/_generated/`. If a static asset really needs a date,
keep it in the content of a deterministic file, not in its name.

## Configuration

`[artifacts] generated_static_dir`, `run_scoped_file_patterns`, `run_scoped_keys`,
`measurement_keys`.
"#,
    }
}

impl Rule for GeneratedStatic {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let dir = &cx.contract.artifacts.generated_static_dir;
        !RepoPath::normal_text(dir).is_empty()
            && file.path().starts_with(dir)
            && file.kind() == FileKind::Json
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        // Malformed JSON is not this rule's concern (the schema rules report it).
        if let Ok(json) = file.json()
            && let Some(why) = run_scoped::run_record(json, &cx.contract.artifacts)
        {
            out.keep(RunRecord(why));
        }
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let a = &cx.contract.artifacts;
        let dir = RepoPath::new(&a.generated_static_dir);
        if dir.is_root() {
            return Vec::new();
        }
        let patterns = &a.run_scoped_file_patterns;
        let help = format!(
            "write run results to {}/ (evidence) or {}/ and remove it from {dir}/",
            a.evidence_root.trim_matches('/'),
            a.artifacts_root.trim_matches('/')
        );
        let records: BTreeMap<&RepoPath, &RunRecord> = cx.facts(&Self::META).collect();
        let mut reported: HashSet<RepoPath> = HashSet::new();
        let mut findings = Vec::new();
        for entry in cx.index.descendants(dir.as_str()) {
            let path = &entry.path;
            if path.ancestors().any(|p| reported.contains(p)) {
                continue;
            }
            let name = path.file_name();
            let why = if entry.is_dir() {
                generated::run_scoped::run_scoped_name(name)
            } else if entry.is_file() {
                patterns
                    .first_match(name)
                    .map(|p| format!("its name matches `{p}`"))
                    .or_else(|| generated::run_scoped::run_scoped_name(name))
                    .or_else(|| {
                        records
                            .get(path)
                            .map(|r| format!("it is a run record: {}", r.0))
                    })
            } else {
                None
            };
            let Some(why) = why else { continue };
            let (what, slash) = if entry.is_dir() {
                reported.insert(path.clone());
                ("run-scoped directory", "/")
            } else {
                ("run-scoped file", "")
            };
            findings.push(
                Finding::new(
                    &Self::META,
                    path.clone(),
                    format!("{what} `{path}{slash}` in the static {dir}/ ({why})"),
                )
                .help(help.clone()),
            );
        }
        findings
    }
}

/// Why a JSON file of the directory is a run record (kept by the scan).
struct RunRecord(String);

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn static_assets_are_fine() {
        let repo = TestRepo::new()
            .file("ops/_generated/INDEX.md", "")
            .file("ops/_generated/domains.json", "{\"domains\": []}")
            .file("ops/_generated/broken.json", "{")
            .file("ops/_generated/tables/runbook.md", "");
        assert!(repo.context().run(&GeneratedStatic).is_empty());
    }

    #[test]
    fn reports_run_scoped_content() {
        let repo = TestRepo::new()
            .file("ops/_generated/deploy.log", "")
            .file("ops/_generated/atlas-ops-20260219-175720/pods.txt", "")
            .file(
                "ops/_generated/summary.json",
                "{\"run_id\": \"r1\", \"ok\": true}",
            )
            .file("ops/_generated/k6-report.json", "{}")
            .file("ops/_generated/timing.json", "{\"duration_ms\": 12.5}")
            .file("ops/_generated/suites.json", "{\"duration\": \"30s\"}");
        assert_eq!(
            repo.context().run_lines(&GeneratedStatic),
            [
                "ops/_generated/atlas-ops-20260219-175720: run-scoped directory `ops/_generated/atlas-ops-20260219-175720/` in the static ops/_generated/ (timestamp `20260219-175720` in its name)",
                "ops/_generated/deploy.log: run-scoped file `ops/_generated/deploy.log` in the static ops/_generated/ (its name matches `*.log`)",
                "ops/_generated/k6-report.json: run-scoped file `ops/_generated/k6-report.json` in the static ops/_generated/ (its name matches `*report*.json`)",
                "ops/_generated/summary.json: run-scoped file `ops/_generated/summary.json` in the static ops/_generated/ (it is a run record: run-scoped key `run_id`)",
                "ops/_generated/timing.json: run-scoped file `ops/_generated/timing.json` in the static ops/_generated/ (it is a run record: measured `duration_ms`)",
            ]
        );
    }

    #[test]
    fn a_committed_log_is_found_even_when_gitignore_matches_it() {
        let repo = TestRepo::new()
            .file(".gitignore", "*.log\n")
            .file("ops/_generated/domains.json", "{\"domains\": []}")
            .file("ops/_generated/render.log", "rendered 12 templates\n")
            .git_commit_all();
        repo.force_add("ops/_generated/render.log");
        let cx = crate::test_support::open(&repo);
        assert_eq!(
            cx.run_lines(&GeneratedStatic),
            [
                "ops/_generated/render.log: run-scoped file `ops/_generated/render.log` in the static ops/_generated/ (its name matches `*.log`)"
            ]
        );
    }
}
