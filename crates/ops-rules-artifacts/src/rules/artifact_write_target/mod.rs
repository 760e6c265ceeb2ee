//! ART009: scripts, makefiles and manifests write only where runtime outputs may live.

use ops_model::{
    CheckContext, FileInfo, FileKind, Finding, Rule, RuleMeta, ScanOutput, Severity, SourceFile,
    declare_rule,
};
use ops_syntax::parsed;
use ops_syntax::shell::{Budget, EvalOptions};

use crate::notes;
use crate::writes::{self, Setup, Site};

#[cfg(test)]
mod tests;

declare_rule! {
    /// Writers under `ops/` and `makefiles/` that point outside the allowed output roots.
    pub ArtifactWriteTarget {
        code: "ART009",
        slug: "artifact-write-target",
        clause: "Runtime artifacts write under `ops/_artifacts/` only, unless allowlisted in `configs/ops/artifacts-allowlist.txt`.",
        severity: Error,
        summary: "scripts, makefiles and manifests write only under ops/_artifacts/, artifacts/evidence/ or the allowlist",
        budgets: ["shell", "make", "python", "yaml"],
        explanation: r#"## What

Reads the shell scripts, makefiles, Python files and JSON/YAML manifests under `ops/` and
`makefiles/` and finds where they write. A target that resolves to a repository path
outside `ops/_artifacts/`, `artifacts/evidence/` and the allowlist is reported.

At `error` (the code writes there):

- output redirections (`>`, `>>`, `&>`, `>|`);
- `mkdir`, `touch`, `tee` operands and the destination of `cp`, `mv`, `install`, `ln`,
  `rsync`, `dd of=`;
- output options of the tools operators run: `curl -o`/`--output`/`--output-dir`,
  `wget -O`/`-P`, `k6 run --summary-export FILE` and `--out json=FILE`/`csv=FILE`,
  `helm template --output-dir`, `helm package`/`pull -d`, `docker save -o`, `sort -o`;
- Python: `open(p, "w")`, `Path.write_text`/`write_bytes`/`touch`/`mkdir`,
  `os.makedirs`, `shutil.copy*`/`move` destinations;
- manifests: the value of a key listed in `artifacts.output_keys` (`out`, `output*`,
  `*_out_dir`, `artifacts`, `expected_artifacts`, `evidence_path`, `report_dir`, ...): the
  config states that these keys name what the manifest's tool writes.

Several writes through one variable (`OUT_DIR`, a Python module constant `OUT`) are one
place to fix: they are reported once, at the variable's assignment, naming the writes.

At `warning` (only a name says it is an output):

- an assignment of a variable named like an output location (`ARTIFACTS_ROOT=...`,
  `OUT_DIR ?= ...`, `: "${EVIDENCE_DIR:=...}"`) through which the file writes nothing;
- a manifest key that is not listed in `artifacts.output_keys` but is named like an output
  (`results_file`, `reportsLocation`): the tool reading the manifest is not known, so only
  the key's words say it is written. List the key in `output_keys` to make it certain.

Writes into the generated-output homes (`ops/_generated_committed/`, `ops/_generated/`,
`ops/_examples/`, `docs/_generated/`) are generators at work and are left to ART004/ART010;
creating a directory on the way to an allowed place (`mkdir -p artifacts`) is fine.

## Why

A clean checkout holds no runtime outputs, so the tree alone cannot show a misbehaving
writer. Reading the writers catches them before anything runs; `check --runtime` (ART008)
catches the rest after a run.

## Fix

Point the writer at `ops/_artifacts/` (evidence: `artifacts/evidence/`), for example
`OUT_DIR="${OUT_DIR:-$REPO_ROOT/ops/_artifacts/load}"`. For a tool that cannot be told where
to write, list the path in `configs/ops/artifacts-allowlist.txt` with the reason.

## Heuristics

What can be resolved is resolved, what cannot is skipped, nothing is guessed. Every file is
read by the `ops-syntax` reader of its language:

- Shell: `${REPO_ROOT}`, `$(git rev-parse --show-toplevel)` and the other
  `artifacts.root_variables` are the repository root; `$(dirname "$0")`,
  `${BASH_SOURCE%/*}` and `$(cd "$(dirname "$0")/.." && pwd)` the script's directory;
  variables assigned earlier in the file are followed, `${VAR:-default}` takes its default
  when `VAR` is not set in the file. Positional parameters, command output and variables set
  elsewhere (a sourced file) are unknown. Here-document bodies and comments are not code.
- Make: each makefile is read with the GNU make reader on its own: variables it does not
  define are unknown, the root variables are the root, `$(CURDIR)` and `$(abspath x)` are
  relative to the root; each recipe line is expanded by make and then read as shell. A
  recipe write at or below the value of an output-named variable of the file is reported
  at that variable's assignment. A script, or an expanded recipe line, with no `>`, no `=`
  and no program of the list above cannot write and is not parsed.
- Python: string literals, f-strings, `/`, `os.path.join`, module constants and
  `os.environ.get("X", "default")` (the default decides) are followed; `sys.argv` and
  function parameters are unknown. `Path(__file__).parent` is the file's directory.
- Manifests: JSON and YAML, read with the YAML reader. A key is an output key when
  `artifacts.output_keys` lists it (error), or when one of its words is in
  `artifacts.output_name_words` and none in `artifacts.input_name_words` (warning). Keys
  that name inputs are read, not written: `base_report`, `evidence_schema_path`,
  `input_dirs`, `levels_path` (a tool reads the previous report, a schema, its inputs); a
  value naming a schema (`*.schema.*`) is read, not written; values with blanks (commands)
  or `{{` (templates) are not paths. A file that is not valid YAML (a Helm template) is not
  read. A JSON file is read only when one of its keys is an output key (a byte scan finds
  the keys, so a large JSON file of other keys is not composed into a document), a YAML
  file only when its text holds an output word or an `output_keys` pattern without one is
  configured.
- When only the start of a path is known (`$REPO_ROOT/artifacts/ops/$RUN_ID`), the known
  directory decides; when an allowed place could still lie below it, the target is skipped.
- A relative path is taken from the repository root, where operator entrypoints run, only
  when its first component is the ops tree, an existing top-level entry or an output
  directory name; after a `cd` to a directory that cannot be known (`cd "$(mktemp -d)"`)
  relative paths are skipped. Absolute paths (`/tmp`, `/dev/null`) are not repository
  paths.
- Output options of programs not listed above (an in-house CLI's `--out`) are not taken as
  writes.

## Configuration

`[artifacts] write_scan_roots`, `root_variables`, `output_keys`, `output_name_words`,
`input_name_words`, `artifacts_root`, `evidence_root`, `allowlist`.
"#,
    }
}

impl Rule for ArtifactWriteTarget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let path = file.path();
        cx.contract
            .artifacts
            .write_scan_roots
            .iter()
            .any(|r| path.starts_with(r) || r.trim_matches('/').is_empty())
            && Setup::of(cx).reads(path)
            && matches!(
                file.kind(),
                FileKind::Shell
                    | FileKind::Make
                    | FileKind::Python
                    | FileKind::Json
                    | FileKind::Yaml
            )
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let path = file.path();
        let Some(text) = notes::text_of(file) else {
            return;
        };
        let setup = Setup::of(cx);
        if !setup.may_write(file.kind(), text) {
            return;
        }
        let vocab = &setup.vocab;
        // The shared parse of the file (one per file, whichever rules read it); a read
        // error was already noted above.
        let sites: Vec<Site> = match file.kind() {
            FileKind::Shell => {
                let Ok(script) = parsed::shell(file) else {
                    return;
                };
                let opts = EvalOptions {
                    root_vars: vocab.root_variables.as_slice().into(),
                    script_name: Some(path.file_name().into()),
                    ..EvalOptions::default()
                };
                let (sites, budgets) = writes::shell::read_with_budgets(&script, &opts, vocab, 1);
                if !budgets.is_empty() {
                    let names: Vec<String> = budgets.iter().map(Budget::label).collect();
                    out.push(
                        Finding::new(
                            &Self::META,
                            path.clone(),
                            format!(
                                "`{path}` was not evaluated to the end ({}): writes after it \
                                 may be missed",
                                names.join(", ")
                            ),
                        )
                        .severity(Severity::Warning)
                        .help("split the script, or raise the budget in `[limits.shell]`"),
                    );
                }
                sites
            }
            FileKind::Make => writes::make::read(path, text, vocab, &file.limits().make),
            FileKind::Python => {
                let Ok(module) = parsed::python(file) else {
                    return;
                };
                writes::python::read(&module, vocab)
            }
            FileKind::Json | FileKind::Yaml => {
                let Ok(yaml) = parsed::yaml(file) else {
                    return;
                };
                match &yaml.0 {
                    Ok(documents) => writes::manifest::read(documents, vocab),
                    // Not valid YAML (a Helm template, a Jinja file): not the manifest its
                    // tool reads.
                    Err(_) => return,
                }
            }
            _ => return,
        };
        let allowlist = &cx.contract.artifacts.allowlist;
        for finding in setup.judge(&Self::META, allowlist, path, &sites) {
            out.push(finding);
        }
    }

    fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
        Vec::new()
    }
}
