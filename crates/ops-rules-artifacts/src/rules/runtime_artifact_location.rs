//! ART002: runtime artifacts live under `ops/_artifacts/` (or `artifacts/evidence/`, or the
//! allowlist) only.

use ops_model::contract::NameGlobs;
use ops_model::{CheckContext, Entry, Finding, RepoPath, Rule, RuleMeta, Severity, declare_rule};

use crate::generated::run_scoped;
use crate::output_dirs::{self, Misplaced, OutputKind};
use crate::placement::Placement;

declare_rule! {
    /// Runtime artifact directories outside `ops/_artifacts/`.
    pub RuntimeArtifactLocation {
        code: "ART002",
        slug: "runtime-artifact-location",
        clause: "Runtime artifacts write under `ops/_artifacts/` only, unless allowlisted in `configs/ops/artifacts-allowlist.txt`.",
        severity: Error,
        summary: "runtime artifact outputs live under ops/_artifacts/ only",
        explanation: r#"## What

Finds runtime output directories outside `ops/_artifacts/`, `artifacts/evidence/` and the
allowlist: directories named like artifact roots (`_artifacts`, `artifacts`) and run output
directories (`run-*`, `run_*`, `runs`, `_runs`). A directory is reported once, not every
file inside it.

- `error` for an artifact root's name (`_artifacts`, `artifacts`: the directory says what
  it is), for a run directory whose name carries a timestamp or a run id
  (`run-20240501-120000`, `run-3f2a9c1e`), and for whatever lies in an output directory on
  the way to an allowed place;
- `warning` for a run directory known by its name pattern alone (`run-smoke`, `runs`): a
  name is an inference.

A directory that is on the way to an allowed place (the top-level `artifacts/` holding
`artifacts/evidence/`) is not itself misplaced; everything else it holds is, and is reported
one entry at a time (`artifacts/ops/`). Its `INDEX.md`, `README.md`, `.gitignore` and
placeholder files are not outputs.

## Why

A run that writes next to sources leaves the work tree dirty, gets committed by accident,
and makes CI results depend on what the last run left behind. One artifacts root can be
ignored, cleaned (`ops-check clean`) and collected as a whole.

## Fix

Point the writer at `ops/_artifacts/` (evidence at `artifacts/evidence/`) and remove the
directory. When a tool cannot be told where to write, list the path in
`configs/ops/artifacts-allowlist.txt` with a comment saying why.

## Heuristics

A directory whose own files include source code (see `artifacts.code_extensions`) is a code
module named like an output (`atlasctl/commands/artifacts/`), and is skipped. Files ignored
by git are not walked by a plain check; `check --runtime` (ART008) covers what a run
leaves behind.

## Configuration

`[artifacts] artifacts_root`, `evidence_root`, `artifact_dir_names`, `run_output_patterns`,
`code_extensions`, `allowlist`.
"#,
    }
}

struct Artifacts<'a> {
    placement: Placement,
    dir_names: &'a [String],
    run_patterns: &'a NameGlobs,
}

impl OutputKind for Artifacts<'_> {
    fn output_dir(&self, entry: &Entry) -> Option<String> {
        let name = entry.path.file_name();
        if self.dir_names.iter().any(|n| n == name) {
            return Some(format!("its name is `{name}`"));
        }
        self.run_patterns
            .first_match(name)
            .map(|p| format!("its name matches the run output pattern `{p}`"))
    }

    fn output_file(&self, _entry: &Entry) -> Option<String> {
        None
    }

    fn allowed(&self, path: &RepoPath) -> bool {
        self.placement.allows(path).is_some()
    }

    fn contains_allowed(&self, dir: &RepoPath) -> bool {
        self.placement.contains_allowed(dir)
    }
}

impl Artifacts<'_> {
    /// Whether a misplaced directory is certainly an output: an artifact root's name, a
    /// run-scoped name, or a place inside an output directory.
    fn certain(&self, m: &Misplaced) -> bool {
        let name = m.path.file_name();
        !m.by_name
            || self.dir_names.iter().any(|n| n == name)
            || run_scoped::run_scoped_name(name).is_some()
    }
}

impl Rule for RuntimeArtifactLocation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let a = &cx.contract.artifacts;
        let kind = Artifacts {
            placement: Placement::of(cx),
            dir_names: &a.artifact_dir_names,
            run_patterns: &a.run_output_patterns,
        };
        let allowed = kind.placement.describe();
        let artifacts_root = kind.placement.artifacts_root.clone();
        output_dirs::scan(cx, &kind)
            .into_iter()
            .map(|m| {
                let severity = if kind.certain(&m) {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                m.finding(&Self::META, "runtime output", &allowed)
                    .severity(severity)
                    .help(format!(
                        "write runtime artifacts under {artifacts_root}/ and remove `{}`, or list it in {} with the reason",
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
            .file("ops/_artifacts/INDEX.md", "")
            .file("ops/_artifacts/run-1/x.log", "")
            .file("artifacts/evidence/runs/r.json", "{}")
            .file("artifacts/INDEX.md", "")
            .file("ops/k8s/scripts/run-chart.sh", "")
            .file("packages/atlasctl/artifacts/paths.py", "")
            .file("configs/ops/artifacts-allowlist.txt", "ops/load/runs/\n")
            .file("ops/load/runs/summary.json", "{}");
        assert_eq!(
            repo.context().run_lines(&RuntimeArtifactLocation),
            Vec::<String>::new()
        );
    }

    #[test]
    fn reports_each_misplaced_directory_once() {
        let repo = TestRepo::new()
            .file("ops/k8s/_artifacts/a/b.json", "{}")
            .file("ops/load/run-20240101/summary.json", "{}")
            .file("ops/load/run-smoke/summary.json", "{}")
            .file("artifacts/ops/r1/x.txt", "")
            .file("artifacts/stray.json", "{}")
            .file("artifacts/evidence/ok.json", "{}");
        let lines = repo.context().run_lines(&RuntimeArtifactLocation);
        assert_eq!(
            lines,
            [
                "artifacts/ops: runtime output directory `artifacts/ops/` is outside ops/_artifacts/, artifacts/evidence/ and the allowlist (it lies in `artifacts/`)",
                "artifacts/stray.json: runtime output file `artifacts/stray.json` is outside ops/_artifacts/, artifacts/evidence/ and the allowlist (it lies in `artifacts/`)",
                "ops/k8s/_artifacts: runtime output directory `ops/k8s/_artifacts/` is outside ops/_artifacts/, artifacts/evidence/ and the allowlist (its name is `_artifacts`)",
                "ops/load/run-20240101: runtime output directory `ops/load/run-20240101/` is outside ops/_artifacts/, artifacts/evidence/ and the allowlist (its name matches the run output pattern `run-*`)",
                "ops/load/run-smoke: runtime output directory `ops/load/run-smoke/` is outside ops/_artifacts/, artifacts/evidence/ and the allowlist (its name matches the run output pattern `run-*`)",
            ]
        );
        let severities: Vec<Severity> = repo
            .context()
            .run(&RuntimeArtifactLocation)
            .iter()
            .map(|f| f.severity)
            .collect();
        assert_eq!(
            severities,
            [
                Severity::Error,
                Severity::Error,
                Severity::Error,
                Severity::Error,
                Severity::Warning
            ]
        );
    }

    #[test]
    fn allowlist_globs_cover_directories() {
        let repo = TestRepo::new()
            .file("configs/ops/artifacts-allowlist.txt", "artifacts/ops/*\n")
            .file("artifacts/ops/r1/x.txt", "")
            .file("artifacts/perf/x.txt", "");
        let lines = repo.context().run_lines(&RuntimeArtifactLocation);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].starts_with("artifacts/perf: "));
    }
}
