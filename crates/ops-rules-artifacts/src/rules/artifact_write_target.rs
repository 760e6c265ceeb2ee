//! ART009: scripts, makefiles and manifests write only where runtime outputs may live.

use std::collections::BTreeSet;

use ops_model::text::line_column;
use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, Span, declare_rule};

use crate::generated;
use crate::notes;
use crate::placement::Placement;
use crate::write_scan::{self, Resolved, Vocabulary, WriteTarget, make, manifest, shell};

declare_rule! {
    /// Writers under `ops/` and `makefiles/` that point outside the allowed output roots.
    pub ArtifactWriteTarget {
        code: "ART009",
        slug: "artifact-write-target",
        clause: "Runtime artifacts write under `ops/_artifacts/` only, unless allowlisted in `configs/ops/artifacts-allowlist.txt`.",
        severity: Error,
        summary: "scripts, makefiles and manifests write only under ops/_artifacts/, artifacts/evidence/ or the allowlist",
        explanation: r#"## What

Reads the shell scripts, makefiles and JSON/YAML manifests under `ops/` and `makefiles/`
and finds where they write:

- assignments of output roots: variables whose name has an output word
  (`ARTIFACTS_ROOT=...`, `OUT_DIR ?= ...`, `OPS_RUN_DIR="${OPS_RUN_DIR:-...}"`,
  `: "${EVIDENCE_DIR:=...}"`);
- `mkdir`, `touch`, `tee` operands and the destination of `cp`, `mv`, `install`, `rsync`;
- output redirections (`>`, `>>`, `&>`, `>|`);
- manifest keys with an output word (`output_dir`, `artifactsRoot`, `report_path`).

A target that resolves to a repository path outside `ops/_artifacts/`, `artifacts/evidence/`
and the allowlist is reported. Writes into the generated-output homes
(`ops/_generated_committed/`, `ops/_generated/`, `ops/_examples/`, `docs/_generated/`) are
generators at work and are left to ART004/ART010; creating a directory on the way to an
allowed place (`mkdir -p artifacts`) is fine.

## Why

A clean checkout holds no runtime outputs, so the tree alone cannot show a misbehaving
writer. Reading the writers catches them before anything runs; `check --runtime` (ART008)
catches the rest after a run.

## Fix

Point the writer at `ops/_artifacts/` (evidence: `artifacts/evidence/`), for example
`OUT_DIR="${OUT_DIR:-$REPO_ROOT/ops/_artifacts/load}"`. For a tool that cannot be told where
to write, list the path in `configs/ops/artifacts-allowlist.txt` with the reason.

## Heuristics

What can be resolved is resolved, what cannot is skipped, nothing is guessed:

- `${REPO_ROOT}`, `$(ROOT)`, `$(CURDIR)`, `$(git rev-parse --show-toplevel)` and the other
  `artifacts.root_variables` are the repository root; `$(dirname "$0")`,
  `${BASH_SOURCE%/*}` and `$(cd "$(dirname "$0")/.." && pwd)` are resolved from the
  script's own directory; variables assigned earlier in the same file are followed, and
  `${VAR:-default}` takes its default when `VAR` is not set in the file.
- Positional parameters, command output, `$(pwd)` and variables set elsewhere are unknown.
  When only the start of a path is known (`$REPO_ROOT/artifacts/ops/$RUN_ID`), the known
  directory decides; when an allowed place could still lie below it, the target is
  skipped.
- A plain relative path (`mkdir -p artifacts/x`) is taken from the repository root, where
  operator entrypoints run, only when its first component is the ops tree, an existing
  top-level entry or an output directory name; other relative paths depend on an unknown
  working directory and are skipped. Absolute paths (`/tmp`, `/dev/null`) are not
  repository paths.
- A write through an output variable is judged once, where the variable is assigned.
- Here-document bodies and comments are not code. Make `$(VAR)` references are expanded
  before a recipe line is read as shell.

## Configuration

`[artifacts] write_scan_roots`, `root_variables`, `output_name_words`, `artifacts_root`,
`evidence_root`, `allowlist`.
"#,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Shell,
    Make,
    Json,
    Yaml,
}

fn kind_of(cx: &CheckContext<'_>, path: &RepoPath) -> Option<Kind> {
    let name = path.file_name();
    if matches!(name, "Makefile" | "makefile" | "GNUmakefile") {
        return Some(Kind::Make);
    }
    match path.extension() {
        Some("mk") => Some(Kind::Make),
        Some("sh" | "bash") => Some(Kind::Shell),
        Some("json") => Some(Kind::Json),
        Some("yaml" | "yml") => Some(Kind::Yaml),
        Some(_) => None,
        // An extensionless file is a script when its shebang names a shell.
        None => {
            let bytes = cx.files.bytes(path).ok()?;
            let first = bytes.split(|b| *b == b'\n').next()?;
            let first = std::str::from_utf8(first).ok()?;
            (first.starts_with("#!") && (first.ends_with("sh") || first.contains("bash")))
                .then_some(Kind::Shell)
        }
    }
}

impl Rule for ArtifactWriteTarget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let a = &cx.contract.artifacts;
        let vocab = Vocabulary::new(&a.root_variables, &a.output_name_words);
        let placement = Placement::of(cx);
        let homes = generated::generated_homes(cx);
        // Content of these trees is output or schema, not a writer.
        let mut not_writers = homes.clone();
        not_writers.push(placement.evidence_root.clone());
        not_writers.push(RepoPath::new(&cx.contract.schema.schemas_dir));
        not_writers.retain(|p| !p.is_root());

        let output_names: BTreeSet<&str> = a
            .artifact_dir_names
            .iter()
            .chain(&a.evidence_dir_names)
            .map(String::as_str)
            .chain(placement.evidence_root.components().take(1))
            .chain(placement.artifacts_root.components().take(1))
            .collect();
        let ops_top = RepoPath::new(&cx.contract.ops_root);
        let is_repo_top = |c: &str| {
            output_names.contains(c)
                || ops_top.components().next() == Some(c)
                || cx.index.contains(c)
        };

        let files: BTreeSet<RepoPath> = a
            .write_scan_roots
            .iter()
            .flat_map(|root| cx.index.files_under(root))
            .map(|e| e.path.clone())
            .filter(|p| !not_writers.iter().any(|n| p.starts_with(n.as_str())))
            .collect();

        let mut findings = Vec::new();
        for path in &files {
            let Some(kind) = kind_of(cx, path) else {
                continue;
            };
            let Some(text) = notes::text_or_note(
                cx,
                &Self::META,
                path,
                "raise limits.max_file_size to check this file",
                &mut findings,
            ) else {
                continue;
            };
            let targets: Vec<WriteTarget> = match kind {
                Kind::Shell => shell::scan(text, &vocab, &mut shell::Env::default()),
                Kind::Make => make::scan(text, &vocab),
                Kind::Yaml => manifest::scan_yaml(text, &vocab),
                Kind::Json => match cx.files.json(path) {
                    Ok(json) => manifest::scan_json(text, json, &vocab),
                    // Malformed JSON is the schema rules' concern.
                    Err(_) => continue,
                },
            };
            let script_dir = path.parent().unwrap_or_default();
            for t in targets {
                let Some(resolved) = write_scan::resolve(&t.value, &script_dir, &is_repo_top)
                else {
                    continue;
                };
                if allowed(&resolved, &placement, &homes) {
                    continue;
                }
                let (line, column) = line_column(text, t.offset);
                let shown = if resolved.complete {
                    resolved.path.to_string()
                } else {
                    format!("{}/…", resolved.path)
                };
                findings.push(
                    Finding::new(
                        &Self::META,
                        path.clone(),
                        format!(
                            "{} targets `{shown}` (written `{}`), outside {}",
                            t.what,
                            abbreviate(&t.raw),
                            placement.describe()
                        ),
                    )
                    .at(Span::new(line, column))
                    .help(format!(
                        "write under {}/ (evidence: {}/), or list `{}` in {} with the reason",
                        placement.artifacts_root,
                        placement.evidence_root,
                        resolved.path,
                        a.allowlist
                    )),
                );
            }
        }
        findings
    }
}

/// Whether a resolved target may be written: inside an allowed place or a generated home,
/// or a directory on the way to one (nothing below it can be judged).
fn allowed(r: &Resolved, placement: &Placement, homes: &[RepoPath]) -> bool {
    let p = &r.path;
    placement.allows(p).is_some()
        || homes.iter().any(|h| p.starts_with(h.as_str()))
        || placement.contains_allowed(p)
        || homes.iter().any(|h| h != p && h.starts_with(p.as_str()))
}

fn abbreviate(raw: &str) -> String {
    let raw = raw.trim();
    if raw.chars().count() <= 80 {
        raw.to_string()
    } else {
        let head: String = raw.chars().take(77).collect();
        format!("{head}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

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
        assert_eq!(
            repo.context().run_lines(&ArtifactWriteTarget),
            Vec::<String>::new()
        );
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
        let findings = repo.context().run(&ArtifactWriteTarget);
        let lines: Vec<String> = findings
            .iter()
            .map(|f| format!("{}:{}: {}", f.path, f.span.map_or(0, |s| s.line), f.message))
            .collect();
        assert_eq!(
            lines,
            [
                "makefiles/load.mk:1: assignment of `OUT_DIR` targets `artifacts/load` (written `$(ROOT)/artifacts/load`), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
                "ops/_lib/artifacts.sh:3: assignment of `OPS_RUN_DIR` targets `artifacts/ops/…` (written `\"${OPS_RUN_DIR:-$REPO_ROOT/artifacts/ops/$OPS_RUN_ID}\"`), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
                "ops/_lib/artifacts.sh:5: redirection `>` targets `ops/_lib/last-run.json` (written `\"$(dirname \"$0\")/last-run.json\"`), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
                "ops/load/suite.json:2: manifest key `report_path` targets `ops/load/reports/latest.json` (written `ops/load/reports/latest.json`), outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            ]
        );
    }

    #[test]
    fn unknown_prefixes_that_may_reach_allowed_places_are_skipped() {
        let repo = TestRepo::new().script(
            "ops/k8s/scripts/x.sh",
            "#!/bin/sh\nmkdir -p \"$REPO_ROOT/artifacts/$KIND\"\nmkdir -p \"$REPO_ROOT/ops/$DOMAIN/out\"\n",
        );
        assert_eq!(
            repo.context().run_lines(&ArtifactWriteTarget),
            Vec::<String>::new()
        );
    }
}
