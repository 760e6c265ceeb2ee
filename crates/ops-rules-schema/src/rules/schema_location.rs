//! SCH001 schema-location: JSON Schema documents under `ops/` live under `ops/_schemas/`.

use std::collections::BTreeMap;

use crate::binding::{ManifestScope, NAME_KEY, is_meta_schema_uri, under};
use crate::manifest::load;
use ops_model::{
    CheckContext, FileInfo, Finding, RepoPath, Rule, RuleMeta, ScanOutput, SourceFile, declare_rule,
};

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

A schema anywhere else in the repository (`packages/tool/schemas/tool.ops.manifest.v1.schema.json`)
is reported too when a manifest under `ops/` names it: by a `$schema` path to the file, or by
a `schema_name` that starts its file name (`schema_name: tool.ops.manifest`). It is a schema
for ops manifests, wherever it lives. It is reported once, at the schema; SCH005 does not also
report the manifest.

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

/// What one manifest under `ops/` says about where its schema is: `$schema` paths to
/// existing files outside the schemas directory, and `schema_name` values (the scan pass's
/// facts; the schemas they name are looked up once, in `check`).
#[derive(Debug, Default)]
struct Named {
    by_path: Vec<RepoPath>,
    by_name: Vec<String>,
}

impl Rule for SchemaLocation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// From the path alone: files under `ops/` outside the schemas directory.
    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let path = file.path();
        under(path, cx.contract.ops_root.trim_matches('/'))
            && !under(path, cx.contract.schema.schemas_dir.trim_matches('/'))
    }

    /// A schema document kept under `ops/` outside the schemas directory is reported here;
    /// a manifest's references to schemas elsewhere are kept for `check`.
    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let schemas_dir = cx.contract.schema.schemas_dir.trim_matches('/');
        let ops_root = cx.contract.ops_root.trim_matches('/');
        let path = file.path();
        if let Some(why) = why_schema(cx, file) {
            out.push(misplaced(ops_root, schemas_dir, path, &why));
            return;
        }
        let scope = ManifestScope::new(cx.contract);
        if !scope.is_candidate(path) {
            return;
        }
        let Ok(text) = file.text() else {
            return;
        };
        if !text.contains("$schema") && !text.contains(NAME_KEY) {
            return;
        }
        let Ok(loaded) = load(file) else {
            return;
        };
        let mut named = Named::default();
        for doc in loaded.documents() {
            let field = |k: &str| doc.fields.get(k).and_then(|v| v.as_str());
            if let Some(reference) = field("$schema")
                && !is_meta_schema_uri(reference)
                && let Some(schema) = scope.schema_elsewhere(cx.index, path, reference)
            {
                named.by_path.push(schema);
            }
            if let Some(name) = field(NAME_KEY) {
                named.by_name.push(name.to_string());
            }
        }
        if !named.by_path.is_empty() || !named.by_name.is_empty() {
            out.keep(named);
        }
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        named_elsewhere(cx)
    }
}

/// Why a file under `ops/` outside the schemas directory is a JSON Schema document, if it
/// is one: its name, or a JSON `$schema` naming a meta-schema.
fn why_schema(cx: &CheckContext<'_>, file: &SourceFile<'_>) -> Option<String> {
    let path = file.path();
    let name = path.file_name();
    if is_helm_values_schema(cx, path) {
        return None;
    }
    if named_as_schema(name) {
        return Some(format!("its name `{name}` marks it as a schema"));
    }
    if path.extension() != Some("json") {
        return None;
    }
    // Unreadable or malformed JSON is not evidence of a schema; other rules report what
    // they need of it.
    file.json()
        .ok()
        .and_then(|doc| doc.get("$schema"))
        .and_then(|s| s.as_str())
        .filter(|s| is_meta_schema_uri(s))
        .map(|s| format!("its `$schema` is the meta-schema `{s}`"))
}

fn misplaced(ops_root: &str, schemas_dir: &str, path: &RepoPath, why: &str) -> Finding {
    let name = path.file_name();
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
    Finding::new(
        &SchemaLocation::META,
        path.clone(),
        format!("JSON Schema document outside {schemas_dir}/: {why}"),
    )
    .at_line(1)
    .help(format!(
        "move it to {schemas_dir}/{domain}/{stem}.v1.schema.json (with its version) and point \
         manifests' `$schema` there"
    ))
}

/// Schemas outside `ops/` (or not recognisable as schemas by name or content) that a
/// manifest under `ops/` names by `$schema` (a path to an existing file) or `schema_name`
/// (a `*.schema.json` file outside the schemas directory whose name starts with
/// `<schema_name>.`): schemas for ops manifests, wherever they live. One finding per schema,
/// at the schema, naming the first manifest that uses it. A schema the scan pass already
/// reported (by its name or `$schema`, under `ops/`) is not reported again.
fn named_elsewhere(cx: &CheckContext<'_>) -> Vec<Finding> {
    let schemas_dir = cx.contract.schema.schemas_dir.trim_matches('/');
    let ops_root = cx.contract.ops_root.trim_matches('/');
    let mut found: BTreeMap<RepoPath, String> = BTreeMap::new();
    let mut names: Vec<(&RepoPath, &str)> = Vec::new();
    for (manifest, named) in cx.facts::<Named>(&SchemaLocation::META) {
        for schema in &named.by_path {
            found
                .entry(schema.clone())
                .or_insert_with(|| format!("`{manifest}` names it by `$schema`"));
        }
        names.extend(named.by_name.iter().map(|n| (manifest, n.as_str())));
    }
    if !names.is_empty() {
        // Every `*.schema.json` outside the schemas directory, once.
        let elsewhere: Vec<&RepoPath> = cx
            .index
            .files()
            .map(|e| &e.path)
            .filter(|p| !under(p, schemas_dir) && p.file_name().ends_with(".schema.json"))
            .collect();
        for (manifest, name) in names {
            let prefix = format!("{name}.");
            for schema in elsewhere
                .iter()
                .filter(|p| p.file_name().starts_with(&prefix))
            {
                found
                    .entry((*schema).clone())
                    .or_insert_with(|| format!("`{manifest}` names it by `{NAME_KEY}: {name}`"));
            }
        }
    }
    found
        .into_iter()
        // Under `ops/`, a schema by name or by `$schema` was reported by the scan pass.
        .filter(|(schema, _)| {
            !(under(schema, ops_root)
                && cx
                    .files
                    .source(schema)
                    .is_ok_and(|f| why_schema(cx, &f).is_some()))
        })
        .map(|(schema, why)| {
            let name = schema.file_name();
            let stem = name.split('.').next().unwrap_or(name);
            Finding::new(
                &SchemaLocation::META,
                schema.clone(),
                format!("schema for ops manifests outside {schemas_dir}/: {why}"),
            )
            .at_line(1)
            .help(format!(
                "move it under {schemas_dir}/ (e.g. {schemas_dir}/{stem}.v1.schema.json) and \
                 point the manifests' `$schema` there"
            ))
        })
        .collect()
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
