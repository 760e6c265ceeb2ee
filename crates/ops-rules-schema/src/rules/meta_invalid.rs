//! SCH008 meta-invalid: the stable meta files parse, and `surface.json` validates against the
//! schema ops-check ships.

use std::collections::BTreeMap;

use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, declare_rule};

use crate::binding::{Binding, ManifestScope};
use crate::registry::SchemaRegistry;

use crate::load_error::LoadError;
use crate::pointer::JsonPositions;
use crate::rules::failing_span;
use crate::surface_schema::SURFACE_VALIDATOR;

declare_rule! {
    /// The stable meta files parse and the surface declaration has the shipped shape.
    pub MetaInvalid {
        code: "SCH008",
        slug: "meta-invalid",
        clause: "Stable (versioned by review): `ops/_meta/*.json`.",
        severity: Error,
        summary: "`ops/_meta/*.json` parse, and `surface.json` validates against the repository's schema for it, else the one ops-check ships",
        budgets: ["yaml", "schema"],
        explanation: r#"## What

Every `ops/_meta/*.json` file must parse as JSON (the finding gives line and column). The
surface declaration (`surface.surface_file`, `ops/_meta/surface.json` by default) must
validate against the repository's own schema for it when it has one under `ops/_schemas/`
(bound the way manifests are, see SCH005: its `$schema`, `ops/_schemas/meta/surface.schema.json`,
`meta/surface.v<N>.schema.json`, ...), and otherwise against the schema that ships inside
ops-check, printed by `ops-check schema surface`. The shipped schema accepts the shapes real
repositories use:

```json
{
  "schema_version": 2,
  "owner": "platform-team",
  "entrypoints": ["ops-up", {"name": "ops-down", "description": "Tear the stack down.", "since": "0.3.0"}],
  "deprecated": [{"target": "ops-old", "since": "1.2.0", "replacement": "ops-up"}]
}
```

- `schema_version` is 1 or 2;
- `entrypoints` are unique, each a Make target name or an object whose `name` is one (its
  other keys are free);
- `deprecated` entries need `target` and a semantic `since`, `replacement` is optional, and
  nothing else (a misspelled `replacment` must not silently do nothing);
- other top-level keys (`owner`, `description`, `docs`) are allowed and ignored.

Errors are grouped by cause: entries failing the same keyword of the schema are one finding
with a count and the first lines, not one finding each.

The meta files other than `surface.json` are validated by SCH004 when they are bound to a
schema under `ops/_schemas/` (`ops/_meta/<name>.json` binds to
`ops/_schemas/meta/<name>.schema.json`).

## Why

The meta files are the stable, reviewed description of the ops tree that the surface and
deprecation rules, generated docs and operators' tooling all read. A file that does not parse,
or a surface with a misspelled key, silently switches those checks off.

## Fix

Fix the JSON at the position shown, or make the surface declaration match its schema (the
repository's own, or the shipped one).
"#,
    }
}

impl Rule for MetaInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let meta_dir = cx.contract.ops_path(&cx.contract.schema.meta_dir);
        let surface = RepoPath::new(&cx.contract.surface.surface_file);
        let mut findings = Vec::new();
        let mut files: Vec<RepoPath> = cx
            .index
            .children(&meta_dir)
            .filter(|e| e.is_file() && e.path.extension() == Some("json"))
            .map(|e| e.path.clone())
            .collect();
        if !files.contains(&surface) && cx.index.is_file(surface.as_str()) {
            files.push(surface.clone());
        }
        for path in files {
            let doc = match cx.files.json(&path).map_err(LoadError::json) {
                Ok(doc) => doc,
                Err(err) => {
                    let mut f = Finding::new(
                        &Self::META,
                        path.clone(),
                        format!("meta file {}", err.message),
                    )
                    .help(err.help("meta file"));
                    if let Some(span) = err.span {
                        f = f.at(span);
                    }
                    findings.push(f);
                    continue;
                }
            };
            if path != surface {
                continue;
            }
            // The repository's own schema for it (under the schemas directory, bound the way
            // manifests are: `$schema`, `ops/_schemas/meta/surface.schema.json`, ...) wins;
            // else the shipped one.
            let registry = SchemaRegistry::of(cx);
            let scope = ManifestScope::new(cx.contract);
            let own = match scope.bind(&*registry, &path, doc) {
                Binding::Bound { schema, how, .. } => schema
                    .validator()
                    .map(|v| (v, format!("{} (bound by {how})", schema.path))),
                _ => None,
            };
            let (validator, which, help) = match own {
                Some((v, which)) => (
                    v,
                    which,
                    "make the surface declaration match the repository's schema for it".to_string(),
                ),
                None => match SURFACE_VALIDATOR.as_ref() {
                    Ok(v) => (
                        v,
                        "the surface schema".to_string(),
                        "make the surface declaration match the schema printed by `ops-check schema surface`".to_string(),
                    ),
                    Err(err) => {
                        findings.push(Finding::new(
                            &Self::META,
                            path.clone(),
                            format!("the shipped surface schema does not compile: {err}"),
                        ));
                        continue;
                    }
                },
            };
            let text = cx.files.text(&path).unwrap_or_default();
            let positions = JsonPositions::new(text);
            // One problem, one finding: errors of the same schema keyword location (each
            // entry of a list failing the same way) are one finding with a count.
            let mut by_cause: BTreeMap<String, (Finding, Vec<u32>)> = BTreeMap::new();
            for err in validator.iter_errors(doc) {
                let pointer = err.instance_path().as_str().to_string();
                let shown = if pointer.is_empty() {
                    "/"
                } else {
                    pointer.as_str()
                };
                let keyword = err.kind().keyword().to_string();
                let at = err.schema_path().as_str().to_string();
                let span = failing_span(&err, |p| positions.locate(p));
                if let Some((_, lines)) = by_cause.get_mut(&at) {
                    lines.push(span.map_or(0, |s| s.line));
                    continue;
                }
                let mut f = Finding::new(
                    &Self::META,
                    path.clone(),
                    format!("`{shown}`: {err} (keyword `{keyword}` of {which} at #{at})"),
                )
                .help(help.clone());
                if let Some(span) = span {
                    f = f.at(span);
                }
                by_cause.insert(at, (f, Vec::new()));
            }
            let mut grouped: Vec<Finding> = by_cause
                .into_values()
                .map(|(mut f, more)| {
                    if !more.is_empty() {
                        let shown: Vec<String> =
                            more.iter().take(5).map(|l| l.to_string()).collect();
                        f.message = format!(
                            "{} (and {} more like it, at lines {}{})",
                            f.message,
                            more.len(),
                            shown.join(", "),
                            if more.len() > 5 { ", ..." } else { "" }
                        );
                    }
                    f
                })
                .collect();
            grouped.sort_by_key(|f| f.span);
            findings.extend(grouped);
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn valid_meta_files_are_clean() {
        let repo = TestRepo::new()
            .file(
                "ops/_meta/surface.json",
                r#"{"schema_version": 1, "entrypoints": ["ops-up"], "deprecated": []}"#,
            )
            .file(
                "ops/_meta/ownership.json",
                r#"{"schema_version": 1, "domains": {}}"#,
            );
        assert_eq!(repo.context().run_lines(&MetaInvalid), Vec::<String>::new());
    }

    #[test]
    fn broken_meta_and_bad_surface_are_reported() {
        let repo = TestRepo::new()
            .file(
                "ops/_meta/surface.json",
                "{\n  \"schema_version\": 1,\n  \"entrypoints\": [\"ops-up\", 7],\n  \"deprecated\": [{\"target\": \"ops-x\", \"since\": \"soon\"}]\n}\n",
            )
            .file("ops/_meta/ownership.json", "{\"a\": }");
        let found = repo.context().run(&MetaInvalid);
        let lines: Vec<String> = found
            .iter()
            .map(|f| {
                format!(
                    "{}:{}: {}",
                    f.path,
                    f.span
                        .map(|s| format!("{}:{}", s.line, s.column))
                        .unwrap_or_default(),
                    f.message
                )
            })
            .collect();
        let text = lines.join("\n");
        assert_eq!(lines.len(), 3, "{text}");
        assert!(
            text.contains("ops/_meta/ownership.json:1:7: meta file is not valid JSON"),
            "{text}"
        );
        assert!(
            text.contains(
                "ops/_meta/surface.json:3:29: `/entrypoints/1`: 7 is not valid under any of the schemas listed in the 'oneOf' keyword"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "ops/_meta/surface.json:4:47: `/deprecated/0/since`: \"soon\" does not match"
            ),
            "{text}"
        );
    }
}
