//! `docs/_generated/ops-schemas.md`: every schema under `ops/_schemas/`, its version, `$id`,
//! required keys and the manifests bound to it.
//!
//! A manifest is bound exactly as SCH004 binds it, by [`ops_rules_schema::binding`]: the
//! page lists the manifests the rules validate against each schema, and judges nothing.

use std::borrow::Cow;
use std::collections::BTreeMap;

use ops_model::{CheckContext, RepoPath};
use ops_rules_schema::binding::{Binding, ManifestScope, SchemaFiles, is_yaml};
use ops_syntax::parsed;
use serde_json::Value;

use super::{banner, code};
use ops_rules_surface::read;

struct Schema {
    path: RepoPath,
    id: Option<String>,
    version: Option<String>,
    required: Vec<String>,
}

/// The page, or why it cannot be rendered: a schema, or a manifest that may claim one, that
/// cannot be read or parsed (the page would otherwise publish a guess).
pub fn render(cx: &CheckContext<'_>) -> Result<String, Vec<String>> {
    let dir = cx.contract.schema.schemas_dir.trim_matches('/').to_string();
    let files = SchemaFiles::new(cx.index, cx.files, &cx.contract.schema);
    let mut problems = Vec::new();
    let schemas = schemas(cx, &files, &mut problems);
    let bound = bindings(cx, &files, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = String::new();
    out.push_str("# ops schemas\n\n");
    out.push_str(&banner(&format!(
        "the schemas under `{dir}/` and the manifests bound to them"
    )));
    out.push_str("\n\n");
    if schemas.is_empty() {
        out.push_str(&format!("No schema exists under `{dir}/`.\n"));
        return Ok(out);
    }
    for s in &schemas {
        out.push_str(&format!("## {}\n\n", code(s.path.as_str())));
        let or_dash = |v: &Option<String>| v.as_deref().map_or("-".to_string(), code);
        out.push_str(&format!("- version: {}\n", or_dash(&s.version)));
        out.push_str(&format!("- `$id`: {}\n", or_dash(&s.id)));
        out.push_str(&format!("- required keys: {}\n", list(&s.required)));
        let manifests: Vec<String> = bound
            .get(&s.path)
            .map(|v| v.iter().map(|p| p.as_str().to_string()).collect())
            .unwrap_or_default();
        out.push_str(&format!("- bound manifests: {}\n\n", list(&manifests)));
    }
    // One trailing newline, not two.
    out.pop();
    Ok(out)
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.iter().map(|i| code(i)).collect::<Vec<_>>().join(", ")
    }
}

fn schemas(cx: &CheckContext<'_>, files: &SchemaFiles, problems: &mut Vec<String>) -> Vec<Schema> {
    let key = &cx.contract.schema.version_key;
    files
        .paths()
        .filter_map(|path| match cx.files.json(path) {
            Ok(v) => Some(Schema {
                path: path.clone(),
                id: v.get("$id").and_then(Value::as_str).map(String::from),
                version: version_of(path.as_str(), v, key),
                required: v
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| {
                        r.iter()
                            .filter_map(Value::as_str)
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default(),
            }),
            Err(err) => {
                problems.push(read::unparsable(path, &err));
                None
            }
        })
        .collect()
}

/// `v1` from the path or `$id` (`x.v1.schema.json`, `.../v2/...`), else from
/// `properties.<version_key>.const`.
fn version_of(path: &str, schema: &Value, key: &str) -> Option<String> {
    let id = schema.get("$id").and_then(Value::as_str).unwrap_or("");
    for text in [path, id] {
        let found = text.split(['/', '.', '-', '_']).find(|t| {
            t.len() > 1 && t.starts_with('v') && t[1..].chars().all(|c| c.is_ascii_digit())
        });
        if let Some(v) = found {
            return Some(v.to_string());
        }
    }
    match schema.pointer(&format!("/properties/{key}/const")) {
        Some(Value::Number(n)) => Some(format!("v{n}")),
        Some(Value::String(s)) => Some(format!("v{}", s.trim_start_matches('v'))),
        _ => None,
    }
}

/// Schema path -> the manifests bound to it, in path order: the manifests SCH004 validates
/// against it, plus those a `[[schema.bindings]]` glob binds whatever they hold.
fn bindings(
    cx: &CheckContext<'_>,
    files: &SchemaFiles,
    problems: &mut Vec<String>,
) -> BTreeMap<RepoPath, Vec<RepoPath>> {
    let scope = ManifestScope::new(cx.contract);
    let mut out: BTreeMap<RepoPath, Vec<RepoPath>> = BTreeMap::new();
    for entry in scope.candidates(cx.index) {
        let path = &entry.path;
        let bound: Vec<&RepoPath> = match scope.bind_by_glob(files, path) {
            Some(binding) => bound_to(binding).into_iter().collect(),
            // Files that neither claim a schema nor bind by their path (a meta file, an
            // inferred binding) are skipped unread, as SCH004 skips them.
            None if !scope.binds_by_path(files, path)
                && cx
                    .files
                    .source(path)
                    .is_ok_and(|file| !scope.may_claim(&file)) =>
            {
                continue;
            }
            None => match documents(cx, path) {
                Ok(docs) => docs,
                Err(why) => {
                    problems.push(why);
                    continue;
                }
            }
            .unwrap_or_default()
            .iter()
            .filter_map(|doc| bound_to(scope.bind(files, path, doc)))
            .collect(),
        };
        for schema in bound {
            let manifests = out.entry(schema.clone()).or_default();
            if !manifests.contains(path) {
                manifests.push(path.clone());
            }
        }
    }
    out
}

fn bound_to(binding: Binding<'_, RepoPath>) -> Option<&RepoPath> {
    match binding {
        Binding::Bound { schema, .. } => Some(schema),
        _ => None,
    }
}

/// The documents of a manifest as binding reads them. An error when it cannot be read or
/// parsed (SCH004 reports it; which schema it claims is then unknown, so the page cannot be
/// rendered). JSON comes from the file cache, YAML from [`ops_syntax::yaml`], the reader the
/// SCH rules use: each document's JSON value, merge keys applied. `None` for a file with a
/// document that has no JSON value (a budget ran out, a `.nan`): it fails SCH004 and is not
/// listed.
fn documents<'a>(
    cx: &'a CheckContext<'_>,
    path: &RepoPath,
) -> Result<Option<Vec<Cow<'a, Value>>>, String> {
    if !is_yaml(path) {
        return match cx.files.json(path) {
            Ok(v) => Ok(Some(vec![Cow::Borrowed(v)])),
            Err(e) => Err(read::unparsable(path, &e)),
        };
    }
    let file = cx
        .files
        .source(path)
        .map_err(|e| read::unreadable(path, &e))?;
    let yaml = parsed::yaml(&file).map_err(|e| read::unreadable(path, &e))?;
    let docs = yaml
        .0
        .as_ref()
        .map_err(|e| format!("`{path}` is not valid YAML: {e}"))?;
    Ok(docs
        .iter()
        .map(|doc| doc.value.clone().map(Cow::Owned))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn bound_lines(repo: &TestRepo, contract: ops_model::Contract) -> Vec<String> {
        let page = match render(&repo.context_with(contract).cx()) {
            Ok(page) => page,
            Err(problems) => return problems,
        };
        let mut out = Vec::new();
        let mut schema = "";
        for line in page.lines() {
            if let Some(s) = line.strip_prefix("## ") {
                schema = s;
            } else if let Some(m) = line.strip_prefix("- bound manifests: ") {
                out.push(format!("{schema}: {m}"));
            }
        }
        out
    }

    #[test]
    fn manifests_are_listed_where_the_rules_bind_them() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/load/suite.v1.schema.json",
                r#"{"$id": "urn:atlas:suite:v1"}"#,
            )
            .file("ops/_schemas/obs/alerts.v1.schema.json", "{}")
            .file("ops/_schemas/schemas.lock.json", "{}")
            .file(
                "ops/load/suites/smoke.json",
                r#"{"$schema": "urn:atlas:suite:v1"}"#,
            )
            .file(
                "ops/load/suites/two.yaml",
                "$schema: urn:atlas:suite:v1\n---\n!!map {kind: Alerts}\n",
            )
            .file("ops/load/suites/half.yaml", "schema_version: 1.5\n")
            .file("ops/load/suites/quoted.yaml", "\"schema_version\": '1'\n")
            .file(
                "ops/load/suites/nested.yaml",
                "meta:\n  schema_version: 1\n",
            )
            .file("ops/load/pinned/broken.json", "{")
            .file("ops/_generated/suite.json", r#"{"schema_version": 1}"#);
        let mut contract = ops_model::Contract::default();
        contract
            .schema
            .name_bindings
            .insert("Alerts".into(), "obs/alerts.v1.schema.json".into());
        contract.schema.bindings = vec![ops_model::contract::SchemaBinding {
            glob: ops_model::contract::PathGlob::new("ops/load/pinned/*.json").unwrap(),
            schema: "load/suite.v1.schema.json".into(),
        }];
        assert_eq!(
            bound_lines(&repo, contract),
            vec![
                "`ops/_schemas/load/suite.v1.schema.json`: `ops/load/pinned/broken.json`, \
                 `ops/load/suites/quoted.yaml`, `ops/load/suites/smoke.json`, \
                 `ops/load/suites/two.yaml`",
                "`ops/_schemas/obs/alerts.v1.schema.json`: `ops/load/suites/two.yaml`",
            ]
        );
    }

    #[test]
    fn inputs_that_do_not_parse_make_the_page_unrenderable() {
        let repo = TestRepo::new()
            .file("ops/_schemas/load/suite.v1.schema.json", "{\"type\": ")
            .file("ops/_schemas/obs/alerts.v1.schema.json", "{}")
            .file(
                "ops/k8s/charts/atlas/templates/suite.yaml",
                "{{ if .x }}\n$schema: urn:atlas:suite:v1\n",
            )
            .file("ops/load/suites/plain.yaml", "name: no claim here\n");
        let errs = render(&repo.context().cx()).unwrap_err();
        assert_eq!(
            errs,
            [
                "`ops/_schemas/load/suite.v1.schema.json` is not valid JSON at 1:9: EOF while parsing a value",
                "`ops/k8s/charts/atlas/templates/suite.yaml` is not valid YAML: did not find expected <document start> at 2:1",
            ]
        );
    }
}
