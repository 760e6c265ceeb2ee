//! SCH005 manifest-unbound: a manifest that claims a schema is bound to one.

use ops_model::schema_binding::ManifestScope;
use ops_model::{CheckContext, Finding, Rule, RuleMeta, declare_rule};

use crate::manifest::{Binding, load};
use crate::registry::SchemaRegistry;

declare_rule! {
    /// Manifests that claim a schema are bound to one under the schemas directory.
    pub ManifestUnbound {
        code: "SCH005",
        slug: "manifest-unbound",
        clause: "JSON schemas for ops manifests live under `ops/_schemas/`.",
        severity: Error,
        summary: "a JSON/YAML file under `ops/` that claims a schema is bound to one under `ops/_schemas/`",
        explanation: r#"## What

A JSON or YAML manifest under `ops/` is bound to a schema under `ops/_schemas/`, first match
wins:

1. a `[[schema.bindings]]` entry of the config whose glob matches its path
   (`glob = "ops/load/suites/*.json"`, `schema = "load/suite.v1.schema.json"`);
2. its `$schema`: the `$id` of a schema, or a path relative to the manifest, to
   `ops/_schemas/`, or to the repository root;
3. its `schema_name` (or `kind`) value mapped in `schema.name_bindings`;
4. the naming convention: with a major version in `schema_version` (the configured
   `version_key`), the schema `<name>.v<N>.schema.json` in `ops/_schemas/<domain>/` or at the top of
   `ops/_schemas/`, where `<name>` is `schema_name` if present, else the file's stem, its
   folder's name, or that name without a plural `s`.

A manifest that *claims* a schema (it has `$schema`, `schema_name` or a version field) but is
bound to none is reported, with what it claims and every place that was tried. With
`require_binding = true` every JSON/YAML file under `ops/` must be bound.

Not manifests: files in `schema.exempt` trees (`ops/_schemas`, `ops/_generated*`,
`ops/_artifacts`, `ops/_examples`, `fixtures/`, `testdata/` by default), JSON Schema
documents themselves (SCH001), and the stable meta files in `ops/_meta/` (SCH008 validates
those).

## Heuristics

`kind` alone is not a claim: Kubernetes, kind and Helm files use `kind` for their own API
types, which their own tools validate. It binds only through `schema.name_bindings`. Files that
mention none of the binding fields are not parsed at all (unless `require_binding` is on), so
a Helm template that is not YAML costs nothing and reports nothing.

## Why

A manifest that names a schema nobody validates it against looks governed and is not: a typo
in `$schema` or a missing schema file silently turns the gate off for that manifest.

## Fix

Point `$schema` at an existing schema, add the missing schema under `ops/_schemas/` with the
conventional name, or add a `[[schema.bindings]]` entry to `ops-check.toml`.
"#,
    }
}

impl Rule for ManifestUnbound {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let registry = SchemaRegistry::of(cx);
        let scope = ManifestScope::new(cx.contract);
        let config = &cx.contract.schema;
        let mut findings: Vec<Finding> = scope
            .problems
            .iter()
            .map(|p| {
                Finding::new(
                    &Self::META,
                    ops_model::contract::CONFIG_FILE_NAME,
                    p.clone(),
                )
                .help("fix the glob in ops-check.toml")
            })
            .collect();
        for entry in scope.candidates(cx.index) {
            let path = &entry.path;
            if scope.is_meta(path) {
                continue;
            }
            let glob_bound = scope.glob_binding(path).is_some();
            if !glob_bound && !config.require_binding && !scope.may_claim(cx.files, path) {
                continue;
            }
            // Unparsable manifests are SCH004's findings; an unparsable unbound file under
            // require_binding is still unbound.
            let Ok(loaded) = load(cx, path) else {
                if config.require_binding && !glob_bound {
                    findings.push(
                        Finding::new(&Self::META, path.clone(), "manifest is not bound to any schema (and does not parse)")
                            .help("add a `[[schema.bindings]]` glob for it, or exempt its tree in `schema.exempt`"),
                    );
                }
                continue;
            };
            let docs = loaded.documents();
            let multi = docs.len() > 1;
            for (n, doc) in docs.into_iter().enumerate() {
                let Binding::Unbound {
                    claim,
                    reason,
                    span_pointer,
                } = scope.bind(&*registry, path, doc)
                else {
                    continue;
                };
                let prefix = if multi {
                    format!("document {}: ", n + 1)
                } else {
                    String::new()
                };
                let message = match &claim {
                    Some(claim) => format!(
                        "{prefix}manifest claims a schema with {} but is bound to none: {reason}",
                        claim.describe(&config.version_key)
                    ),
                    None if config.require_binding => format!(
                        "{prefix}manifest is not bound to any schema (`require_binding` is on): {reason}"
                    ),
                    None => continue,
                };
                let mut f = Finding::new(&Self::META, path.clone(), message).help(format!(
                    "point `$schema` at a schema under {dir}/, add the schema with the \
                     conventional name, or bind it with `[[schema.bindings]] glob = \"{path}\" \
                     schema = \"...\"` in ops-check.toml",
                    dir = scope.schemas_dir
                ));
                let at = span_pointer
                    .as_deref()
                    .and_then(|p| loaded.position(n, p))
                    .map(|p| p.key.unwrap_or(p.value));
                if let Some(span) = at {
                    f = f.at(span);
                }
                findings.push(f);
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn repo() -> TestRepo {
        TestRepo::new()
            .file(
                "ops/_schemas/load/suite.v1.schema.json",
                r#"{"$id": "urn:atlas:suite:v1"}"#,
            )
            .file("ops/_schemas/meta/ownership.v1.schema.json", "{}")
    }

    #[test]
    fn bound_and_unclaimed_files_are_clean() {
        let repo = repo()
            .file(
                "ops/load/suites/smoke.json",
                r#"{"$schema": "urn:atlas:suite:v1"}"#,
            )
            .file("ops/load/suites/soak.yaml", "schema_version: 1\n")
            .file("ops/load/x.yaml", "schema_name: suite\nschema_version: 1\n")
            .file(
                "ops/stack/profiles/kind-cluster.yaml",
                "kind: Cluster\napiVersion: v1\n",
            )
            .file(
                "ops/k8s/charts/atlas/templates/d.yaml",
                "{{ if x }}\nschema_version: 1\n",
            )
            .file("ops/_meta/ownership.json", r#"{"schema_version": 1}"#)
            .file("ops/_generated/domains.json", r#"{"schema_version": 9}"#)
            .file("ops/obs/dash.json", r#"{"title": "x"}"#)
            .file(
                "ops/obs/schema.json",
                r#"{"$schema": "https://json-schema.org/draft/2020-12/schema"}"#,
            );
        assert_eq!(
            repo.context().run_lines(&ManifestUnbound),
            Vec::<String>::new()
        );
    }

    #[test]
    fn claims_without_a_schema_are_reported() {
        let repo = repo()
            .file(
                "ops/load/suites/smoke.json",
                "{\n  \"$schema\": \"../../_schemas/load/suite.v2.schema.json\"\n}",
            )
            .file(
                "ops/obs/rules/alerts.yaml",
                "schema_name: alerts\nschema_version: 1\n",
            )
            .file("ops/obs/rules/slo.yaml", "schema_version: one\n");
        let found = repo.context().run_lines(&ManifestUnbound);
        let text = found.join("\n");
        assert_eq!(found.len(), 3, "{text}");
        assert!(text.contains("ops/load/suites/smoke.json: manifest claims a schema with `$schema: \"../../_schemas/load/suite.v2.schema.json\"` but is bound to none: `$schema`"), "{text}");
        assert!(text.contains("ops/obs/rules/alerts.yaml: manifest claims a schema with `schema_name: alerts` but is bound to none: none of ops/_schemas/obs/alerts.v1.schema.json, ops/_schemas/alerts.v1.schema.json exists"), "{text}");
        assert!(text.contains("ops/obs/rules/slo.yaml: manifest claims a schema with `schema_version: \"one\"` but is bound to none: `schema_version: \"one\"` is not a major version number"), "{text}");
        let f = repo.context().run(&ManifestUnbound);
        assert_eq!(f[0].span, Some(ops_model::Span::new(2, 3)));
    }

    #[test]
    fn require_binding_and_config_bindings() {
        let repo = repo()
            .file("ops/obs/dash.json", r#"{"title": "x"}"#)
            .file("ops/load/suites/a.json", r#"{"title": "x"}"#);
        let mut contract = ops_model::Contract::default();
        contract.schema.require_binding = true;
        contract.schema.bindings = vec![ops_model::contract::SchemaBinding {
            glob: "ops/load/suites/*.json".into(),
            schema: "load/suite.v1.schema.json".into(),
        }];
        let found = repo.context_with(contract).run_lines(&ManifestUnbound);
        assert_eq!(
            found,
            vec![
                "ops/obs/dash.json: manifest is not bound to any schema (`require_binding` is on): it names no schema"
            ]
        );
    }
}
