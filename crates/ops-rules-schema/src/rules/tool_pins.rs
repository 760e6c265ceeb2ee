//! SCH007 tool-pins: one canonical file pins tool versions; nothing else repeats a pin.

use ops_model::{
    CheckContext, FileInfo, Finding, Rule, RuleMeta, ScanOutput, Severity, SourceFile, declare_rule,
};

use crate::pins::{ToolTable, pins_in, same};

declare_rule! {
    /// Tool versions are pinned once, in the canonical file.
    pub ToolPins {
        code: "SCH007",
        slug: "tool-pins",
        clause: "Canonical pinned tool versions live in `configs/ops/tool-versions.json`.",
        severity: Error,
        summary: "tool versions are pinned exactly, once, in `configs/ops/tool-versions.json`",
        budgets: ["shell", "make", "yaml"],
        explanation: r#"## What

`configs/ops/tool-versions.json` (`schema.tool_versions`) must exist and be a flat JSON
object of tool name to an exact version: `"k6": "v0.50.0"` or `"1.2.3"` (three numeric
components, an optional pre-release or build suffix). Ranges (`^1.2`, `~1`, `>=1`), `latest`,
`*`, empty strings, partial versions (`1.29`) and nested values are findings.

Every other file matched by `schema.tool_pin_scan` (scripts and configs under `ops/` and
`configs/`, CI workflows, makefiles, and the version files `.tool-versions`,
`.<tool>-version`, `.nvmrc`, `<tool>-toolchain[.toml]`) that pins one of those tools is a
finding naming both places: an **error** when its version differs from the canonical one, a
**warning** when it only repeats it (it will drift on the next bump).

## What counts as a pin

A pin is a version-shaped value (`v0.50.0`, `1.29`, `3.12.1`, `16.2-alpine`: at least two
dot-separated numbers) tied to the tool by one of these known shapes, each read by the reader
of the file's language (shell, GNU make, YAML, JSON, GitHub Actions):

- a version variable or key: `KIND_VERSION=v0.22.0` (shell, `.env`), `HELM_VERSION ?= 3.14.4`
  (make), `KIND_VERSION: v0.22.0` (an `env:` map), `K6_VERSION=0.50.0` in a compose
  `environment:` list;
- an image of the tool with a version tag: `image: grafana/k6:0.50.0`, `K6_IMAGE=grafana/k6:0.50.0`,
  `docker run grafana/k6:0.48.0`;
- a key named after the tool with a version value: `"k6": "v0.50.0"` (a `tools` map);
- a mapping naming the tool in `name` (or `tool`) with a `version`: `- {name: helm, version: v3.14.4}`
  (not in Helm's `Chart.yaml`, whose `name`/`version` are the chart's);
- `--version X` / `--version=X` in a command that names the tool as an argument
  (`install_tool kubectl --version 1.29.2`); when the program itself is the tool
  (`helm upgrade ... --version 1.4.0`) the version is the program's argument, not a pin;
- the version input of the tool's setup action: `uses: azure/setup-helm@v4` with
  `with: {version: v3.14.0}` (`<tool>-version` too). The action is `<owner>/<repo>` whose repo,
  without `setup-` and `-action`, names the tool; the owner does not (`helm/kind-action` sets
  up kind), and the action's own ref (`@v1.10.0`) is not the tool's version;
- a version file: `.tool-versions` (`kubectl 1.29.4`), `.python-version`, `.nvmrc`,
  `rust-toolchain.toml` (`channel`).

Never a pin: a key that only shares a tool's name with a value that is not a version
(`"kind": "release_metadata"` next to `"version": "0.2.0"`), a path (a compose volume
`./k6:/scripts:ro`), a word in prose, a value that reads a variable (`$K6_VERSION`,
`${{ vars.K6_VERSION }}`), `kindest/node:v1.29.2` (the Kubernetes node image, not `kind`).

## Tool aliases

A tool goes by its key in the canonical file and by its aliases: `python` / `python3`,
`k6` / `grafana/k6`, `node` / `nodejs`, `helm` / `alpine/helm`, `kubectl` /
`bitnami/kubectl`, `terraform` / `hashicorp/terraform`, `rust` / `rustc`, `go` / `golang`,
`jq` / `jqlang/jq`, `yq` / `mikefarah/yq`. `_` and `-` and letter case do not matter
(`KIND_VERSION`, `kind-version`). Extend the table in the config:

```toml
[schema.tool_aliases]
kind = ["kind-cli"]
```

## Why

Two places that pin the same tool drift apart: CI runs one version, the local stack another,
and "works on my machine" returns. The contract names one canonical file so that a bump is one
edit, reviewed once.

## Fix

Read the version from `configs/ops/tool-versions.json` where it is needed (for instance
`jq -r '.k6' configs/ops/tool-versions.json`) and delete the repeated pin. For a canonical
entry, write an exact version.
"#,
    }
}

impl Rule for ToolPins {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Decided from the path alone: the scan globs, never the canonical file itself.
    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let config = &cx.contract.schema;
        let path = file.path().as_str();
        path != config.tool_versions && config.tool_pin_scan.is_match(path)
    }

    /// Reports every pin of a canonical tool in the file. The tools' names are matched in
    /// one pass over the text (`ToolTable::mentioned_in`); only a file that names one is
    /// parsed.
    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let table = ToolTable::of(cx);
        if table.tools.is_empty() {
            return;
        }
        let canonical = &table.canonical;
        for pin in pins_in(&table, file) {
            let Some(tool) = table.tools.get(pin.tool) else {
                continue;
            };
            let (message, severity) = if same(&pin.value, &tool.version) {
                (
                    format!(
                        "repeats the pin of `{}` at `{}`: it is pinned in {canonical}:{}; a second copy drifts on the next bump",
                        tool.name, pin.value, tool.line
                    ),
                    Severity::Warning,
                )
            } else {
                (
                    format!(
                        "pins `{}` at `{}`, but {canonical}:{} pins `{}`",
                        tool.name, pin.value, tool.line, tool.version
                    ),
                    Severity::Error,
                )
            };
            out.push(
                Finding::new(&Self::META, file.path().clone(), message)
                    .severity(severity)
                    .at(pin.span)
                    .help(format!(
                        "read the version from {canonical} instead (e.g. `jq -r '.{}' {canonical}`) and remove this pin",
                        tool.name
                    )),
            );
        }
    }

    /// What is wrong with the canonical file itself.
    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        ToolTable::of(cx).problems.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    const PINS: &str = "{\n  \"helm\": \"v3.14.4\",\n  \"k6\": \"v0.50.0\",\n  \"kind\": \"v0.22.0\",\n  \"kubectl\": \"v1.29.4\"\n}\n";

    #[test]
    fn canonical_only_is_clean() {
        let repo = TestRepo::new()
            .file("configs/ops/tool-versions.json", PINS)
            .file("ops/stack/scripts/up.sh", "require_tool kind\nkind create cluster --image \"$KIND_IMAGE\"\nK6_VERSION=\"$(jq -r .k6 configs/ops/tool-versions.json)\"\n")
            .file("ops/k8s/deploy.yaml", "kind: Deployment\napiVersion: apps/v1\nmetadata:\n  name: kind\nspec:\n  version: 2\n")
            .file(".github/workflows/ops.yml", "steps:\n  - uses: azure/setup-helm@v4\n    with:\n      version: ${{ env.HELM_VERSION }}\n  - run: make ops-contracts-check\n");
        let found = repo.context().run_lines(&ToolPins);
        assert_eq!(found, Vec::<String>::new());
    }

    #[test]
    fn missing_or_floating_canonical_pins_are_reported() {
        let repo = TestRepo::new();
        assert_eq!(
            repo.context().run_lines(&ToolPins),
            vec![
                "configs/ops/tool-versions.json: the canonical tool pins file `configs/ops/tool-versions.json` does not exist"
            ]
        );
        let repo = TestRepo::new().file(
            "configs/ops/tool-versions.json",
            r#"{"a": "latest", "b": "^1.2.0", "c": "", "d": "1.29", "e": {"v": "1.0.0"}, "f": "v1.2.3-rc.1"}"#,
        );
        let found = repo.context().run_lines(&ToolPins);
        assert_eq!(found.len(), 5, "{found:#?}");
        assert!(found[0].contains("`a` is pinned to `latest`, which is not an exact version"));
    }

    #[test]
    fn repeated_and_differing_pins_name_both_places() {
        let repo = TestRepo::new()
            .file("configs/ops/tool-versions.json", PINS)
            .file("ops/load/scripts/run.sh", "#!/bin/sh\nK6_VERSION=0.49.0\n")
            .file("ops/load/compose.yaml", "services:\n  k6:\n    image: grafana/k6:0.50.0\n")
            .file(".github/workflows/ci.yml", "on: push\njobs:\n  ci:\n    steps:\n      - name: install helm\n        uses: azure/setup-helm@v4\n        with:\n          version: v3.15.0\n")
            .file("configs/ops/other.json", r#"{"tools": {"kubectl": "1.29.4"}}"#)
            .file(".tool-versions", "kind 0.21.0\n")
            .file("docs/notes.md", "K6_VERSION=1.0.0 is not scanned\n");
        let found = repo.context().run(&ToolPins);
        let lines: Vec<String> = found
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{} {:?}: {}",
                    f.path,
                    f.span.unwrap().line,
                    f.span.unwrap().column,
                    f.severity,
                    f.message
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                ".github/workflows/ci.yml:8:20 Error: pins `helm` at `v3.15.0`, but configs/ops/tool-versions.json:2 pins `v3.14.4`",
                ".tool-versions:1:6 Error: pins `kind` at `0.21.0`, but configs/ops/tool-versions.json:4 pins `v0.22.0`",
                "configs/ops/other.json:1:24 Warning: repeats the pin of `kubectl` at `1.29.4`: it is pinned in configs/ops/tool-versions.json:5; a second copy drifts on the next bump",
                "ops/load/compose.yaml:3:23 Warning: repeats the pin of `k6` at `0.50.0`: it is pinned in configs/ops/tool-versions.json:3; a second copy drifts on the next bump",
                "ops/load/scripts/run.sh:2:12 Error: pins `k6` at `0.49.0`, but configs/ops/tool-versions.json:3 pins `v0.50.0`",
            ]
        );
    }
}
