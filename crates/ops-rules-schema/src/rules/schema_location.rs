//! SCH001 schema-location: JSON Schema documents under `ops/` live under `ops/_schemas/`.

use crate::binding::{is_meta_schema_uri, under};
use ops_model::{CheckContext, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// JSON schemas live under the schemas directory.
    pub SchemaLocation {
        code: "SCH001",
        slug: "schema-location",
        clause: "JSON schemas for ops manifests live under `ops/_schemas/`.",
        severity: Error,
        summary: "JSON Schema documents under `ops/` live under `ops/_schemas/`",
        explanation: r#"## What

A JSON Schema document anywhere under `ops/` outside `ops/_schemas/` is reported. A file is a
schema document when its name ends in `.schema.json` (or `.schema.yaml`, `.schema.yml`), or
when it is a JSON object whose `$schema` names a JSON Schema meta-schema
(`https://json-schema.org/...`). A manifest whose `$schema` points at one of our own schemas
is a manifest, not a schema.

## Why

The contract keeps every schema in one place so that versions can be reviewed together, the
schema registry finds them all, and `$ref`s between them resolve locally. A schema kept next
to the manifests of one domain is invisible to that machinery.

## Fix

Move the file under `ops/_schemas/` (keeping the domain as a subdirectory, e.g.
`ops/_schemas/load/suite.v1.schema.json`) and point the manifests' `$schema` at its new place.

## Heuristics

A Helm chart's `values.schema.json` next to its `Chart.yaml` is not reported: Helm reads it
only from there, so the contract clause cannot apply to it.
"#,
    }
}

fn named_as_schema(name: &str) -> bool {
    [".schema.json", ".schema.yaml", ".schema.yml"]
        .iter()
        .any(|s| name.ends_with(s))
}

/// Helm reads a chart's `values.schema.json` only from the chart directory (next to
/// `Chart.yaml`); it cannot move, so it is not counted.
fn is_helm_values_schema(cx: &CheckContext<'_>, path: &ops_model::RepoPath) -> bool {
    path.file_name() == "values.schema.json"
        && path
            .parent()
            .is_some_and(|dir| cx.index.is_file(dir.join("Chart.yaml").as_str()))
}

impl Rule for SchemaLocation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let schemas_dir = cx.contract.schema.schemas_dir.trim_matches('/');
        let ops_root = cx.contract.ops_root.trim_matches('/');
        let mut findings = Vec::new();
        for entry in cx.index.files_under(ops_root) {
            let path = &entry.path;
            if under(path, schemas_dir) {
                continue;
            }
            let name = path.file_name();
            if is_helm_values_schema(cx, path) {
                continue;
            }
            let why = if named_as_schema(name) {
                Some(format!("its name `{name}` marks it as a schema"))
            } else if path.extension() == Some("json") {
                // Unreadable or malformed JSON is not evidence of a schema; other rules
                // report what they need of it.
                cx.files
                    .json(path)
                    .ok()
                    .and_then(|doc| doc.get("$schema"))
                    .and_then(|s| s.as_str())
                    .filter(|s| is_meta_schema_uri(s))
                    .map(|s| format!("its `$schema` is the meta-schema `{s}`"))
            } else {
                None
            };
            if let Some(why) = why {
                let domain_rel = path
                    .as_str()
                    .strip_prefix(&format!("{ops_root}/"))
                    .unwrap_or(path.as_str());
                let domain = domain_rel
                    .split('/')
                    .next()
                    .unwrap_or("")
                    .trim_start_matches('_');
                let stem = name.split('.').next().unwrap_or(name);
                findings.push(
                    Finding::new(
                        &Self::META,
                        path.clone(),
                        format!("JSON Schema document outside {schemas_dir}/: {why}"),
                    )
                    .at_line(1)
                    .help(format!(
                        "move it to {schemas_dir}/{domain}/{stem}.v1.schema.json (with its \
                         version) and point manifests' `$schema` there"
                    )),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn schemas_in_place_and_manifests_are_clean() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/load/suite.v1.schema.json",
                r#"{"$schema": "https://json-schema.org/draft/2020-12/schema"}"#,
            )
            .file(
                "ops/load/suites/smoke.json",
                r#"{"$schema": "../../_schemas/load/suite.v1.schema.json"}"#,
            )
            .file("ops/load/broken.json", "{")
            .file("docs/x.schema.json", "{}")
            .file("ops/k8s/charts/atlas/Chart.yaml", "name: atlas\n")
            .file("ops/k8s/charts/atlas/values.schema.json", "{}");
        assert_eq!(
            repo.context().run_lines(&SchemaLocation),
            Vec::<String>::new()
        );
    }

    #[test]
    fn schemas_elsewhere_under_ops_are_reported() {
        let repo = TestRepo::new()
            .file("ops/load/suite.schema.json", "{}")
            .file(
                "ops/obs/contract.json",
                r#"{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}"#,
            )
            .file("ops/k8s/values.schema.yaml", "type: object\n");
        let found = repo.context().run_lines(&SchemaLocation);
        assert_eq!(
            found,
            vec![
                "ops/k8s/values.schema.yaml: JSON Schema document outside ops/_schemas/: its name `values.schema.yaml` marks it as a schema",
                "ops/load/suite.schema.json: JSON Schema document outside ops/_schemas/: its name `suite.schema.json` marks it as a schema",
                "ops/obs/contract.json: JSON Schema document outside ops/_schemas/: its `$schema` is the meta-schema `http://json-schema.org/draft-07/schema#`",
            ]
        );
        let f = repo.context().run(&SchemaLocation);
        assert_eq!(
            f[1].help.as_deref(),
            Some(
                "move it to ops/_schemas/load/suite.v1.schema.json (with its version) and point manifests' `$schema` there"
            )
        );
    }
}
