//! ART010: committed generated outputs carry no run-scoped values.

use ops_model::text::{line_column, numbered_lines};
use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, Span, declare_rule};

use crate::generated::ValueScanner;
use crate::notes;

declare_rule! {
    /// Run ids, timestamps, durations, machine paths or evidence paths in
    /// `ops/_generated_committed/`.
    pub NondeterministicGenerated {
        code: "ART010",
        slug: "nondeterministic-generated",
        clause: "Deterministic generated outputs under `ops/_generated_committed/` only.",
        severity: Error,
        summary: "files in ops/_generated_committed/ carry no run ids, timestamps, durations, absolute or evidence paths",
        explanation: r#"## What

Reads every text file in `ops/_generated_committed/` and reports, line by line, the first
run-scoped value on the line:

- a run-scoped key (`run_id`, `generated_at`, `timestamp`, `started_at`, `duration_ms`,
  `elapsed`, ...) written as a JSON/YAML/TOML key or `key=value`;
- an ISO-8601 date-time (`2024-05-01T12:00:00Z`, `2024-05-01 12:00`) or a compact run
  timestamp (`20240501-120000`); a plain date (`2024-05-01`, a release date) is allowed;
- an absolute path that only exists on one machine or runner (`/home/`, `/Users/`, `/tmp/`,
  `/github/workspace`, `C:\`, ...);
- a path to a run output (`artifacts/evidence/<...>`, `ops/_artifacts/<...>`).

## Why

Regenerating a deterministic output from the same inputs must give the same bytes: that is
what makes drift checks and reviews meaningful. A committed file with run values is
evidence in disguise, and changes on every run.

## Fix

Drop the value from the generator's output (sort, omit times, make paths repo-relative), or,
if the file is a run result, write it to `artifacts/evidence/` instead.

## Heuristics

Binary and non-UTF-8 files are skipped; files over `limits.max_file_size` are reported at
`info` as not checked.

## Configuration

`[artifacts] generated_committed_dir`, `run_scoped_keys`, `machine_path_prefixes`,
`evidence_root`, `artifacts_root`.
"#,
    }
}

impl Rule for NondeterministicGenerated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let dir = RepoPath::new(&cx.contract.artifacts.generated_committed_dir);
        if dir.is_root() {
            return Vec::new();
        }
        let scanner = ValueScanner::new(cx);
        let mut findings = Vec::new();
        for entry in cx.index.files_under(dir.as_str()) {
            let path = &entry.path;
            let Some(text) = notes::text_or_note(
                cx,
                &Self::META,
                path,
                "raise limits.max_file_size, or keep generated files small",
                &mut findings,
            ) else {
                continue;
            };
            for (n, line) in numbered_lines(text) {
                if let Some(hit) = scanner.scan(line) {
                    let (_, column) = line_column(line, hit.offset);
                    findings.push(
                        Finding::new(
                            &Self::META,
                            path.clone(),
                            format!("{} in a committed generated file", hit.what),
                        )
                        .at(Span::new(n, column))
                        .help(
                            "make the generator's output deterministic (no run ids, times, machine or run paths), or write run results to artifacts/evidence/",
                        ),
                    );
                }
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::Severity;
    use ops_model::testing::TestRepo;

    #[test]
    fn deterministic_outputs_are_clean() {
        let repo = TestRepo::new()
            .file(
                "ops/_generated_committed/surface-index.json",
                "{\n  \"entrypoints\": [\"ops-up\"],\n  \"since\": \"2024-05-01\"\n}\n",
            )
            .file(
                "ops/_generated_committed/INDEX.md",
                "# generated\nEvidence goes to artifacts/evidence/.\n",
            )
            .bytes("ops/_generated_committed/logo.png", &[0x89, 0xff]);
        assert_eq!(
            repo.context().run_lines(&NondeterministicGenerated),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reports_run_scoped_values_with_positions() {
        let repo = TestRepo::new().file(
            "ops/_generated_committed/report.json",
            "{\n  \"generated_at\": \"2024-05-01T12:00:00Z\",\n  \"log\": \"artifacts/evidence/r1/log.txt\",\n  \"cwd\": \"/home/ci/atlas\"\n}\n",
        );
        let findings = repo.context().run(&NondeterministicGenerated);
        let lines: Vec<_> = findings
            .iter()
            .map(|f| format!("{:?} {}", f.span.map(|s| (s.line, s.column)), f.message))
            .collect();
        assert_eq!(
            lines,
            [
                "Some((2, 4)) run-scoped key `generated_at` in a committed generated file",
                "Some((3, 11)) run output path `artifacts/evidence/r1/log.txt` in a committed generated file",
                "Some((4, 11)) absolute path `/home/ci/atlas` in a committed generated file",
            ]
        );
    }

    #[test]
    fn oversized_files_are_noted() {
        let mut contract = ops_model::Contract::default();
        contract.limits.max_file_size = 4;
        let repo = TestRepo::new().file("ops/_generated_committed/big.json", "0123456789");
        let findings = repo.context_with(contract).run(&NondeterministicGenerated);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Info);
    }
}
