//! SCH007 tool-pins: one canonical file pins tool versions; nothing else repeats a pin.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use ops_model::text::{line_column, numbered_lines};
use ops_model::{
    CheckContext, Finding, JsonError, RepoPath, Rule, RuleMeta, Severity, Span, declare_rule,
};
use regex::Regex;

use crate::pointer::{locate_json, push_token};

declare_rule! {
    /// Tool versions are pinned once, in the canonical file.
    pub ToolPins {
        code: "SCH007",
        slug: "tool-pins",
        clause: "Canonical pinned tool versions live in `configs/ops/tool-versions.json`.",
        severity: Error,
        summary: "tool versions are pinned exactly, once, in `configs/ops/tool-versions.json`",
        explanation: r#"## What

`configs/ops/tool-versions.json` (`schema.tool_versions`) must exist and be a flat JSON
object of tool name to an exact version: `"k6": "v0.50.0"` or `"1.2.3"` (three numeric
components, an optional pre-release or build suffix). Ranges (`^1.2`, `~1`, `>=1`), `latest`,
`*`, empty strings, partial versions (`1.29`) and nested values are findings.

Every other file matched by `schema.tool_pin_scan` (scripts and configs under `ops/` and
`configs/`, CI workflows, root toolchain files, `.tool-versions`, makefiles) that pins one of
those tools is a finding naming both places: an **error** when its version differs from the
canonical one, a **warning** when it only repeats it (it will drift on the next bump). A pin
is any of:

- a version variable: `K6_VERSION=v0.50.0`, `HELM_VERSION ?= 3.14.4`, `kind_version: 0.22.0`;
- an image tag: `image: grafana/k6:0.50.0`;
- a key named after the tool with a version value: `k6: 0.50.0`, `"k6": "v0.50.0"` (a
  `tools` map in another JSON file), `k6 0.50.0` in `.tool-versions`;
- a `version: ...` line within three lines after a line that names the tool (as a value, not
  as a key): `- name: helm` / `  version: v3.14.4`;
- `channel = "..."` in `<tool>-toolchain.toml`.

Values that read a variable (`$K6_VERSION`, `${{ ... }}`, `{{ ... }}`) are not pins.

## Heuristics

The tool name must appear as a word; a key named like a tool (`kind: Deployment`) never
counts as a mention, so Kubernetes manifests do not pin the `kind` tool.

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

/// `1.2.3`, `v1.2.3`, `1.2.3-rc.1`, `1.2.3.4`.
fn exact_version() -> Option<Regex> {
    Regex::new(r"^v?\d+\.\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$").ok()
}

fn normalize(version: &str) -> &str {
    version.trim().trim_start_matches(['v', 'V'])
}

/// The patterns that find a pin of one tool in a line.
struct ToolPatterns {
    name: String,
    version: String,
    /// Line of the canonical entry, for messages.
    line: u32,
    pins: Vec<Regex>,
    /// The tool named as a word, not as a key.
    mention: Regex,
    asdf: Regex,
}

impl ToolPatterns {
    fn new(name: &str, version: &str, line: u32) -> Option<ToolPatterns> {
        let word = regex::escape(name)
            .replace("\\-", "[-_]")
            .replace('-', "[-_]");
        let value = r#"["']?([^\s"',;#}\]\)]+)"#;
        let versionish = r#"["']?(v?\d[^\s"',;#}\]\)]*)"#;
        let pins = vec![
            // K6_VERSION=..., HELM_VERSION ?= ..., kind_version: ...
            Regex::new(&format!(
                r"(?i)\b{word}[-_]?version\b[\x22']?\s*(?:\?=|:=|=|:)\s*{value}"
            ))
            .ok()?,
            // image: grafana/k6:0.50.0
            Regex::new(&format!(
                r#"(?i)(?:^|[\s"'=])(?:[\w.-]+/)*{word}:([^\s"',;#}}@\]]+)"#
            ))
            .ok()?,
            // k6: 0.50.0, "k6": "v0.50.0", k6 = "1.2.3"
            Regex::new(&format!(
                r#"(?i)(?:^|[\s{{,\[])["']?{word}["']?\s*[:=]\s*{versionish}"#
            ))
            .ok()?,
        ];
        Some(ToolPatterns {
            name: name.to_string(),
            version: version.to_string(),
            line,
            pins,
            mention: Regex::new(&format!(r"(?i)(?:^|\W){word}(?:[^\w:]|$)")).ok()?,
            asdf: Regex::new(&format!(r"(?i)^\s*{word}\s+(v?\d\S*)")).ok()?,
        })
    }
}

/// A bare `version: 1.2.3` line, attributed to the tool named just above it.
/// Compiled once per process: the rule scans thousands of files.
static VERSION_LINE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"(?i)^\s*-?\s*["']?version["']?\s*[:=]\s*["']?(v?\d+\.\d[^\s"',;#}]*)"#).ok()
});

/// `channel = "1.2.3"` in a `<tool>-toolchain.toml`.
static CHANNEL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r#"^\s*channel\s*=\s*["']([^"']+)["']"#).ok());

impl ToolPatterns {
    /// Cheap pre-check before the regexes: every pattern but a toolchain file's `channel`
    /// needs the tool's name in the text (`-` and `_` interchangeable, any case).
    fn may_pin_in(&self, lowercase_text: &str, path: &RepoPath) -> bool {
        let name = self.name.to_ascii_lowercase();
        let file = path.file_name();
        file.to_ascii_lowercase()
            .starts_with(&format!("{name}-toolchain"))
            || lowercase_text.contains(&name)
            || lowercase_text.contains(&name.replace('-', "_"))
            || lowercase_text.contains(&name.replace('_', "-"))
    }
}

/// A pin found in a file: line, column of the value, the value.
struct Pin {
    line: u32,
    column: u32,
    value: String,
}

fn is_variable(value: &str) -> bool {
    value.starts_with(['$', '{', '<', '%'])
}

/// Finds the pins of `tool` in `text`.
fn find_pins(tool: &ToolPatterns, all: &[ToolPatterns], path: &RepoPath, text: &str) -> Vec<Pin> {
    let version_line = &*VERSION_LINE;
    let channel = &*CHANNEL;
    let name = path.file_name();
    let toolchain = name
        .strip_suffix(".toml")
        .unwrap_or(name)
        .strip_suffix("-toolchain");
    let is_asdf = name == ".tool-versions";
    let lines: Vec<(u32, &str)> = numbered_lines(text).collect();
    let mut pins = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, (n, line)) in lines.iter().enumerate() {
        let mut found: Option<(usize, String)> = None;
        for re in &tool.pins {
            if let Some(c) = re.captures(line).and_then(|c| c.get(1)) {
                found = Some((c.start(), c.as_str().to_string()));
                break;
            }
        }
        if found.is_none() && is_asdf {
            found = tool
                .asdf
                .captures(line)
                .and_then(|c| c.get(1))
                .map(|m| (m.start(), m.as_str().to_string()));
        }
        if found.is_none()
            && toolchain.is_some_and(|t| t.eq_ignore_ascii_case(&tool.name))
            && let Some(m) = channel
                .as_ref()
                .and_then(|re| re.captures(line))
                .and_then(|c| c.get(1))
        {
            found = Some((m.start(), m.as_str().to_string()));
        }
        if found.is_none()
            && let Some(m) = version_line
                .as_ref()
                .and_then(|re| re.captures(line))
                .and_then(|c| c.get(1))
        {
            // Attribute a bare `version:` to the tool named nearest above it (or on it).
            let window = &lines[i.saturating_sub(3)..=i];
            let nearest = window
                .iter()
                .rev()
                .find(|(_, l)| all.iter().any(|t| t.mention.is_match(l)));
            if nearest.is_some_and(|(_, l)| tool.mention.is_match(l)) {
                found = Some((m.start(), m.as_str().to_string()));
            }
        }
        if let Some((offset, value)) = found
            && !is_variable(&value)
            && seen.insert(*n)
        {
            let (_, column) = line_column(line, offset);
            pins.push(Pin {
                line: *n,
                column,
                value,
            });
        }
    }
    pins
}

impl Rule for ToolPins {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let config = &cx.contract.schema;
        let canonical = RepoPath::new(&config.tool_versions);
        let mut findings = Vec::new();
        if !cx.index.is_file(canonical.as_str()) {
            return vec![
                Finding::new(&Self::META, canonical.clone(), format!("the canonical tool pins file `{canonical}` does not exist"))
                    .help(format!("create {canonical} as a JSON object of tool name to exact version, e.g. {{\"k6\": \"v0.50.0\"}}")),
            ];
        }
        let doc = match cx.files.json(&canonical) {
            Ok(doc) => doc,
            Err(JsonError::Syntax {
                line,
                column,
                message,
            }) => {
                return vec![
                    Finding::new(
                        &Self::META,
                        canonical.clone(),
                        format!("canonical tool pins are not valid JSON: {message}"),
                    )
                    .at(crate::pointer::syntax_span(line, column))
                    .help("fix the JSON syntax at the position shown"),
                ];
            }
            Err(JsonError::Read(err)) => {
                return vec![Finding::new(
                    &Self::META,
                    canonical.clone(),
                    format!("canonical tool pins cannot be read: {err}"),
                )];
            }
        };
        let Some(map) = doc.as_object() else {
            return vec![
                Finding::new(
                    &Self::META,
                    canonical.clone(),
                    "canonical tool pins must be a JSON object of tool name to version",
                )
                .at_line(1)
                .help("write {\"tool\": \"1.2.3\", ...}"),
            ];
        };
        let text = cx.files.text(&canonical).unwrap_or_default();
        let exact = exact_version();
        let mut tools = Vec::new();
        for (name, value) in map {
            let mut pointer = String::new();
            push_token(&mut pointer, name);
            let pos = locate_json(text, &pointer);
            let line = pos.map_or(1, |p| p.key.unwrap_or(p.value).line);
            let problem = match value.as_str() {
                None => Some(format!(
                    "`{name}` is not pinned to a version string (the file must be flat): {value}"
                )),
                Some("") => Some(format!("`{name}` is pinned to an empty version")),
                Some(v) if !exact.as_ref().is_some_and(|re| re.is_match(v)) => Some(format!(
                    "`{name}` is pinned to `{v}`, which is not an exact version (ranges, `latest`, `*` and partial versions float)"
                )),
                Some(v) => {
                    if let Some(t) = ToolPatterns::new(name, v, line) {
                        tools.push(t);
                    }
                    None
                }
            };
            if let Some(message) = problem {
                let mut f = Finding::new(&Self::META, canonical.clone(), message).help(format!(
                    "pin `{name}` to one exact release, e.g. \"v1.2.3\""
                ));
                if let Some(p) = pos {
                    f = f.at(p.value);
                }
                findings.push(f);
            }
        }
        let scan = &config.tool_pin_scan;
        for entry in cx.index.files() {
            if entry.path == canonical || !scan.is_match(entry.path.as_str()) {
                continue;
            }
            // Binary, oversized or non-UTF-8 files hold no pins we could report precisely.
            let Ok(text) = cx.files.text(&entry.path) else {
                continue;
            };
            let lowercase = text.to_ascii_lowercase();
            for tool in tools
                .iter()
                .filter(|t| t.may_pin_in(&lowercase, &entry.path))
            {
                for pin in find_pins(tool, &tools, &entry.path, text) {
                    let same = normalize(&pin.value) == normalize(&tool.version);
                    let (message, severity) = if same {
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
                    findings.push(
                        Finding::new(&Self::META, entry.path.clone(), message)
                            .severity(severity)
                            .at(Span::new(pin.line, pin.column))
                            .help(format!(
                                "read the version from {canonical} instead (e.g. `jq -r '.{}' {canonical}`) and remove this pin",
                                tool.name
                            )),
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
            .file(".github/workflows/ci.yml", "steps:\n  - name: install helm\n    uses: azure/setup-helm@v4\n    with:\n      version: v3.15.0\n")
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
                ".github/workflows/ci.yml:5:16 Error: pins `helm` at `v3.15.0`, but configs/ops/tool-versions.json:2 pins `v3.14.4`",
                ".tool-versions:1:6 Error: pins `kind` at `0.21.0`, but configs/ops/tool-versions.json:4 pins `v0.22.0`",
                "configs/ops/other.json:1:24 Warning: repeats the pin of `kubectl` at `1.29.4`: it is pinned in configs/ops/tool-versions.json:5; a second copy drifts on the next bump",
                "ops/load/compose.yaml:3:23 Warning: repeats the pin of `k6` at `0.50.0`: it is pinned in configs/ops/tool-versions.json:3; a second copy drifts on the next bump",
                "ops/load/scripts/run.sh:2:12 Error: pins `k6` at `0.49.0`, but configs/ops/tool-versions.json:3 pins `v0.50.0`",
            ]
        );
    }
}
