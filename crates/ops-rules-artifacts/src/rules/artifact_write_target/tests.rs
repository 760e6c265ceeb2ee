use ops_model::Severity;
use ops_model::testing::TestRepo;

use super::*;

/// `path:line severity message` of each finding.
fn lines(repo: &TestRepo) -> Vec<String> {
    repo.context()
        .run(&ArtifactWriteTarget)
        .iter()
        .map(|f| {
            let sev = if f.severity == Severity::Warning {
                " warning"
            } else {
                ""
            };
            format!(
                "{}:{}{sev}: {}",
                f.path,
                f.span.map_or(0, |s| s.line),
                f.message
            )
        })
        .collect()
}

#[test]
fn writers_into_allowed_places_are_fine() {
    let repo = TestRepo::new()
        .script(
            "ops/load/scripts/smoke.sh",
            "#!/usr/bin/env bash\nREPO_ROOT=\"$(cd \"$(dirname \"$0\")/../../..\" && pwd)\"\nOUT_DIR=\"${OUT_DIR:-$REPO_ROOT/ops/_artifacts/load}\"\nmkdir -p \"$OUT_DIR\" artifacts\nk6 run smoke.js > \"$REPO_ROOT/artifacts/evidence/load/summary.json\"\ncat <<EOF > /tmp/x\nmkdir -p artifacts/nope\nEOF\necho hi >&2 > /dev/null\nmkdir -p \"$1\" \"$(mktemp -d)\" out\n",
        )
        .file("makefiles/ops.mk", "ATLASCTL ?= ./bin/atlasctl\nREPORT_DIR ?= $(CURDIR)/ops/_artifacts/reports\nx:\n\t$(ATLASCTL) gen > docs/_generated/ops-surface.md\n")
        .file("ops/load/k6/config.yaml", "output_dir: ops/_artifacts/k6\nname: smoke\n")
        .file("configs/ops/artifacts-allowlist.txt", "ops/load/baselines/k6-summary-cache\n")
        .script("ops/load/scripts/cache.sh", "#!/bin/sh\ntouch ops/load/baselines/k6-summary-cache/x\n");
    assert_eq!(lines(&repo), Vec::<String>::new());
}

#[test]
fn reports_writers_outside_allowed_places() {
    let repo = TestRepo::new()
        .script(
            "ops/_lib/artifacts.sh",
            "#!/usr/bin/env bash\nREPO_ROOT=\"$(git rev-parse --show-toplevel)\"\nOPS_RUN_DIR=\"${OPS_RUN_DIR:-$REPO_ROOT/artifacts/ops/$OPS_RUN_ID}\"\nmkdir -p \"$OPS_RUN_DIR\"\necho '{}' > \"$(dirname \"$0\")/last-run.json\"\n",
        )
        .file("makefiles/load.mk", "OUT_DIR ?= $(ROOT)/artifacts/load\n")
        .file("ops/load/suite.json", "{\n  \"report_path\": \"ops/load/reports/latest.json\"\n}\n");
    assert_eq!(
        lines(&repo),
        [
            "makefiles/load.mk:1 warning: `OUT_DIR` is named like an output location and holds `artifacts/load`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/_lib/artifacts.sh:3: `OPS_RUN_DIR` holds `artifacts/ops/…` and is written by `mkdir` (line 4), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/_lib/artifacts.sh:5: redirection `>` writes `ops/_lib/last-run.json` (written `\"$(dirname \"$0\")/last-run.json\"`), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/load/suite.json:2: manifest key `report_path` names the output `ops/load/reports/latest.json`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
        ]
    );
}

#[test]
fn unknown_prefixes_that_may_reach_allowed_places_are_skipped() {
    let repo = TestRepo::new().script(
        "ops/k8s/scripts/x.sh",
        "#!/bin/sh\nmkdir -p \"$REPO_ROOT/artifacts/$KIND\"\nmkdir -p \"$REPO_ROOT/ops/$DOMAIN/out\"\n",
    );
    assert_eq!(lines(&repo), Vec::<String>::new());
}

#[test]
fn tool_output_options_are_writes() {
    let repo = TestRepo::new()
        .script(
            "ops/load/scripts/run.sh",
            "#!/usr/bin/env bash\nrun_dir=\"$ROOT/ops/_artifacts/load\"\nk6 run \\\n  --summary-export artifacts/k6/summary.json \\\n  --out json=artifacts/k6/raw.json \\\n  s.js | tee \"$run_dir/k6.out\"\ncp \"$run_dir/s.json\" artifacts/load/latest.json\nhelm template atlas chart --output-dir artifacts/render\ncurl -fsSL --create-dirs -o artifacts/datasets/\"$1\".gz URL\natlasctl report --out artifacts/x\n",
        );
    assert_eq!(
        lines(&repo),
        [
            "ops/load/scripts/run.sh:4: `k6 run --summary-export` writes `artifacts/k6/summary.json`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/load/scripts/run.sh:5: `k6 run --out` writes `artifacts/k6/raw.json` (written `json=artifacts/k6/raw.json`), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/load/scripts/run.sh:7: `cp` writes `artifacts/load/latest.json`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/load/scripts/run.sh:8: `helm template --output-dir` writes `artifacts/render`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/load/scripts/run.sh:9: `curl -o` writes `artifacts/datasets/…` (written `artifacts/datasets/\"$1\".gz`), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
        ]
    );
}

#[test]
fn python_writes_through_a_constant_are_one_finding() {
    let repo = TestRepo::new()
        .file(
            "ops/obs/scripts/export.py",
            "import os\nfrom pathlib import Path\nOUT = Path(\"artifacts/obs/dashboards\")\nREPORT_DIR = os.environ.get(\"X\", \"artifacts/qc\")\nOK = Path(__file__).parent / \"..\" / \"_artifacts\"\ndef main(suite):\n    OUT.mkdir(parents=True)\n    with open(OUT / f\"{suite}.json\", \"w\") as fh:\n        pass\n    os.makedirs(REPORT_DIR)\n    (Path(\"artifacts/reports\") / suite / \"summary.md\").write_text(\"x\")\n    open(sys.argv[1], \"w\")\n    open(os.path.join(os.environ[\"OPS_ARTIFACTS\"], \"x\"), \"w\")\n",
        );
    assert_eq!(
        lines(&repo),
        [
            "ops/obs/scripts/export.py:3: `OUT` holds `artifacts/obs/dashboards` and is written by `.mkdir` (line 7), `open` (line 8), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/obs/scripts/export.py:4: `REPORT_DIR` holds `artifacts/qc` and is written by `os.makedirs` (line 10), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/obs/scripts/export.py:11: `.write_text` writes `artifacts/reports/…` (written `(Path(\"artifacts/reports\") / suite / \"summary.md\")`), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
        ]
    );
}

#[test]
fn make_writes_through_an_output_variable_are_reported_at_its_assignment() {
    let repo = TestRepo::new().file(
        "makefiles/load.mk",
        "LOAD_OUT_DIR ?= artifacts/load\n\nload-report:\n\tmkdir -p $(LOAD_OUT_DIR)\n\t$(ATLASCTL) ops load report --out $(LOAD_OUT_DIR)/report.md\n\nidx:\n\t$(ATLASCTL) index > ops/_generated_committed/x.json\n",
    );
    assert_eq!(
        lines(&repo),
        [
            "makefiles/load.mk:1: `LOAD_OUT_DIR` holds `artifacts/load` and is written by `mkdir` (line 4), outside ops/_artifacts/, artifacts/evidence/ and the allowlist"
        ]
    );
}

#[test]
fn relative_paths_after_an_unknown_cd_are_skipped() {
    let repo = TestRepo::new().script(
        "ops/load/scripts/compare.sh",
        "#!/usr/bin/env bash\nout=\"${3:-$(mktemp -d)}\"\nmkdir -p \"$out/compare\"\ncd \"$(mktemp -d)\"\nmkdir -p artifacts/scratch\ncp \"$1\" artifacts/scratch/\n",
    );
    assert_eq!(lines(&repo), Vec::<String>::new());
}

#[test]
fn manifest_inputs_are_read_listed_output_keys_are_errors_and_inferred_ones_warnings() {
    let repo = TestRepo::new()
        .file(
            "ops/obs/report/report-config.json",
            "{\n  \"base_report\": \"artifacts/ops/prev/report.json\",\n  \"evidence_schema_path\": \"ops/_schemas/obs/evidence.v1.schema.json\",\n  \"levels_path\": \"ops/obs/report/evidence-levels.json\",\n  \"input_dirs\": [\"artifacts/evidence/obs\"],\n  \"output_dir\": \"ops/_artifacts/obs/report\"\n}\n",
        )
        .file(
            "ops/e2e/scenarios/smoke.yaml",
            "name: smoke\nsteps:\n  - run: atlasctl ops k8s deploy\nreport_dir: artifacts/e2e/smoke\nevidence_path: artifacts/evidence/e2e/smoke.json\nresults_file: artifacts/e2e/results.json\n",
        );
    assert_eq!(
        lines(&repo),
        [
            "ops/e2e/scenarios/smoke.yaml:4: manifest key `report_dir` names the output `artifacts/e2e/smoke`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ops/e2e/scenarios/smoke.yaml:6 warning: manifest key `results_file` is named like an output and holds `artifacts/e2e/results.json`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
        ]
    );
}

/// An oversized file is not read and the rule says nothing: the engine reports it once for
/// every rule (OPS006 file-not-read, tested in ops-check's budgets test).
#[test]
fn oversized_files_are_left_to_the_engine() {
    let mut contract = ops_model::Contract::default();
    contract.limits.max_file_size = 4;
    let repo = TestRepo::new().script("ops/x.sh", "#!/bin/sh\nmkdir artifacts/x\n");
    assert!(
        repo.context_with(contract)
            .run(&ArtifactWriteTarget)
            .is_empty()
    );
}

/// An evaluation budget of `[limits.shell]` that runs out is one warning naming it.
#[test]
fn a_walk_past_its_budget_is_one_warning() {
    let mut contract = ops_model::Contract::default();
    contract.limits.shell.max_steps = 2;
    let repo = TestRepo::new().script("ops/x.sh", "#!/bin/sh\nmkdir -p ops/_artifacts/a\nmkdir -p ops/_artifacts/b\nmkdir -p ops/_artifacts/c\n");
    let findings = repo.context_with(contract).run(&ArtifactWriteTarget);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].severity, Severity::Warning);
    assert!(
        findings[0].message.contains("evaluation steps (2)"),
        "{}",
        findings[0].message
    );
}
