//! SCH005 manifest-unbound: a manifest that claims a schema is bound to one.

use crate::binding::ManifestScope;
use ops_model::{
    CheckContext, FileInfo, Finding, Rule, RuleMeta, ScanOutput, SourceFile, declare_rule,
};

use crate::manifest::{Binding, load, not_checked};
use crate::registry::SchemaRegistry;

declare_rule! {
    /// Manifests that claim a schema are bound to one under the schemas directory.
    pub ManifestUnbound {
        code: "SCH005",
        slug: "manifest-unbound",
        clause: "JSON schemas for ops manifests live under `ops/_schemas/`.",
        severity: Error,
        summary: "a JSON/YAML file under `ops/` that claims a schema is bound to one under `ops/_schemas/`",
        budgets: ["yaml", "schema"],
        explanation: r#"## What

A JSON or YAML manifest under `ops/` is bound to a schema under `ops/_schemas/`, first match
wins:

1. a `[[schema.bindings]]` entry of the config whose glob matches its path
   (`glob = "ops/load/suites/*.json"`, `schema = "load/suite.v1.schema.json"`);
2. its `$schema`: the `$id` of a schema, or a path relative to the manifest, to
   `ops/_schemas/`, or to the repository root;
3. its `schema_name` (or `kind`) value mapped in `schema.name_bindings`;
4. for a meta file `ops/_meta/<name>.json`: `ops/_schemas/meta/<name>.schema.json`;
5. the naming conventions, with a major version `N` in `schema_version` (the configured
   `version_key`), in `ops/_schemas/<domain>/` then at the top of `ops/_schemas/`, where
   `<name>` is `schema_name` if present, else the file's stem, its folder's name, or that
   name without a plural `s`:
   - `<name>.v<N>.schema.json`;
   - `<name>.schema.json` whose `properties.schema_version` is pinned to `N` with `const`
     (or a one-value `enum`): `catalog.json` with `schema_version: 1` binds to
     `catalog.schema.json` with `"schema_version": {"const": 1}`;
6. **inference**, for a manifest that claims nothing (no `$schema`, `schema_name` or version)
   outside `ops/_meta/`: the one schema of `ops/_schemas/<domain>/` whose file name starts
   with the manifest's stem or its singular (`scenarios.json` and
   `scenario-manifest.schema.json`). When none or several do, nothing is inferred. This is a
   guess: SCH004 reports what fails under it as warnings that say the binding was inferred.

A manifest that *claims* a schema (it has `$schema`, `schema_name` or a version field) but is
bound to none is reported, with what it claims and every place that was tried. With
`require_binding = true` every JSON/YAML file under `ops/` must be bound.

A JSON or YAML file whose content cannot be read (not UTF-8 text, a read error such as
permission denied) might claim a schema or might not: nobody can tell, so it is reported as
not checked, an error. One over `limits.max_file_size` is reported the same way as a
warning: the limit is the config's choice, and the file may be fine. (When a
`[[schema.bindings]]` glob binds the file it is known to be a manifest, and SCH004 reports
it instead.)

A file whose name is not UTF-8 is shown with a lossy name; no glob can match it, so the fix
offered is to rename it.

A `$schema` that names a schema file kept elsewhere in the repository (outside
`ops/_schemas/`) is SCH001's finding, reported once at the schema, not here.

Not manifests: files in `schema.exempt` trees (`ops/_schemas`, `ops/_generated*`,
`ops/_artifacts`, `ops/_examples`, `fixtures/`, `testdata/` by default), JSON Schema
documents themselves (SCH001), the stable meta files in `ops/_meta/` (SCH004 validates those
bound to a schema, SCH008 the surface declaration), and files in run output or evidence
directories (`artifacts.evidence_dir_names`, `artifacts.artifact_dir_names`,
`artifacts.run_output_patterns`): run results are ART001/ART002's findings, not manifests.

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
conventional name, or add a `[[schema.bindings]]` entry to `ops-check.toml`. For a file that
could not be checked: save it as UTF-8, make it readable, or shrink it below
`limits.max_file_size` (or raise the limit).
"#,
    }
}

impl Rule for ManifestUnbound {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// From the path alone: a JSON/YAML file under `ops/`, outside the schemas directory,
    /// exempt trees, `ops/_meta/` and run output directories.
    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let path = file.path();
        let scope = ManifestScope::new(cx.contract);
        scope.is_candidate(path) && !scope.is_meta(path) && !scope.in_run_output(cx.contract, path)
    }

    /// Reports one file that claims a schema and is bound to none.
    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let registry = SchemaRegistry::of(cx);
        let scope = ManifestScope::new(cx.contract);
        let config = &cx.contract.schema;
        let findings = &mut out.findings;
        let path = file.path();
        let entry = file.entry();
        let glob_bound = scope.glob_binding(path).is_some();
        if !config.require_binding
            && !scope.binds_by_path(&*registry, path)
            && !scope.may_claim(file)
        {
            return;
        }
        // Unparsable manifests are SCH004's findings; an unparsable unbound file under
        // require_binding is still unbound. An unreadable one may claim a schema or not:
        // nobody can tell, so it is reported here (SCH004 reports it when a glob binds it).
        let loaded = match load(file) {
            Ok(loaded) => loaded,
            Err(err) if err.unreadable() => {
                if !glob_bound {
                    findings.push(not_checked(
                        &Self::META,
                        path,
                        &err,
                        "file",
                        "so whether it claims a schema was not checked",
                    ));
                }
                return;
            }
            Err(_) => {
                if config.require_binding && !glob_bound {
                    findings.push(
                    Finding::new(&Self::META, path.clone(), "manifest is not bound to any schema (and does not parse)")
                        .help("add a `[[schema.bindings]]` glob for it, or exempt its tree in `schema.exempt`"),
                );
                }
                return;
            }
        };
        let docs = loaded.documents();
        let multi = docs.len() > 1;
        for (n, doc) in docs.into_iter().enumerate() {
            let Binding::Unbound {
                claim,
                reason,
                span_pointer,
            } = scope.bind(&*registry, path, &doc.fields)
            else {
                continue;
            };
            // A `$schema` naming a schema kept outside the schemas directory: one drift,
            // reported once, at the schema (SCH001).
            if let Some(reference) = doc.fields.get("$schema").and_then(|v| v.as_str())
                && scope.schema_elsewhere(cx.index, path, reference).is_some()
            {
                continue;
            }
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
            let help = if entry.lossy {
                // A glob is UTF-8 text and cannot match this name (the path shown is a
                // lossy rendering of it); the naming convention cannot read it either.
                format!(
                    "rename the file to a UTF-8 name (no `[[schema.bindings]]` glob can \
                     match this one), then point `$schema` at a schema under {dir}/ or add \
                     the schema with the conventional name",
                    dir = scope.schemas_dir
                )
            } else {
                format!(
                    "point `$schema` at a schema under {dir}/, add the schema with the \
                     conventional name, or bind it with `[[schema.bindings]] glob = \"{path}\" \
                     schema = \"...\"` in ops-check.toml",
                    dir = scope.schemas_dir
                )
            };
            let mut f = Finding::new(&Self::META, path.clone(), message).help(help);
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

    /// Everything is reported by the scan pass.
    fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
        Vec::new()
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
        assert!(text.contains("ops/obs/rules/alerts.yaml: manifest claims a schema with `schema_name: alerts` but is bound to none: none of ops/_schemas/obs/alerts.v1.schema.json, ops/_schemas/alerts.v1.schema.json exists, nor ops/_schemas/obs/alerts.schema.json, ops/_schemas/alerts.schema.json with `schema_version` pinned to `const: 1`"), "{text}");
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
            glob: ops_model::contract::PathGlob::new("ops/load/suites/*.json").unwrap(),
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

    /// Renders findings with severity and help, for the tests below.
    fn lines(found: &[Finding]) -> Vec<String> {
        found
            .iter()
            .map(|f| {
                format!(
                    "{} {:?}: {} | {}",
                    f.path,
                    f.severity,
                    f.message,
                    f.help.clone().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn files_that_cannot_be_read_are_not_checked_and_say_so() {
        let latin1 = b"schema_name: suite\nschema_version: 1\nnote: \"caf\xe9\"\n";
        let repo = repo()
            .bytes("ops/load/suites/latin1.yaml", latin1)
            .bytes(
                "ops/load/suites/latin1.json",
                b"{\"schema_version\": \"\xe9\"}",
            )
            .bytes("ops/load/suites/gone.json", b"{\"schema_version\": 1}")
            .file(
                "ops/load/suites/big.json",
                &format!("{{\"pad\": \"{}\"}}", "x".repeat(200)),
            )
            // Exempt trees and meta files stay out of it.
            .bytes("ops/_examples/latin1.yaml", latin1)
            .bytes("ops/_meta/latin1.json", latin1);
        let mut contract = ops_model::Contract::default();
        contract.limits.max_file_size = 100;
        let cx = repo.context_with(contract);
        // Read lazily: a file gone after the walk is a read error, like permission denied.
        std::fs::remove_file(repo.path().join("ops/load/suites/gone.json")).unwrap();
        let found = lines(&cx.run(&ManifestUnbound));
        assert_eq!(
            found,
            vec![
                "ops/load/suites/big.json Warning: file cannot be read: file is 211 bytes, over \
                 the 100-byte limit (limits.max_file_size), so whether it claims a schema was \
                 not checked | make the file smaller than 100 bytes, or raise \
                 `limits.max_file_size` in ops-check.toml",
                "ops/load/suites/gone.json Error: file cannot be read: No such file or directory \
                 (os error 2), so whether it claims a schema was not checked | make the file \
                 readable by the user running ops-check (check its permissions)",
                "ops/load/suites/latin1.json Error: file cannot be read: not valid UTF-8 text, so \
                 whether it claims a schema was not checked | save the file as UTF-8 text \
                 (re-encode it, e.g. with `iconv -t UTF-8`)",
                "ops/load/suites/latin1.yaml Error: file cannot be read: not valid UTF-8 text, so \
                 whether it claims a schema was not checked | save the file as UTF-8 text \
                 (re-encode it, e.g. with `iconv -t UTF-8`)",
            ]
        );
        // A manifest a glob binds is SCH004's, not reported twice.
        let mut contract = ops_model::Contract::default();
        contract.schema.bindings = vec![ops_model::contract::SchemaBinding {
            glob: ops_model::contract::PathGlob::new("ops/load/suites/*.yaml").unwrap(),
            schema: "load/suite.v1.schema.json".into(),
        }];
        let cx = repo.context_with(contract);
        let found = cx.run_lines(&ManifestUnbound);
        assert!(found.iter().all(|l| !l.contains(".yaml")), "{found:?}");
        assert_eq!(
            cx.run_lines(&crate::ManifestInvalid),
            vec![
                "ops/load/suites/latin1.yaml: manifest cannot be read: not valid UTF-8 text, so \
                 it was not validated"
            ]
        );
    }

    #[test]
    fn names_that_are_not_utf8_get_a_rename_not_a_glob() {
        let repo = repo().raw_name("ops/load/suites", b"bad\xff3.yaml", "schema_version: 3\n");
        let found = repo.context().run(&ManifestUnbound);
        assert_eq!(found.len(), 1, "{}", lines(&found).join("\n"));
        let help = found[0].help.clone().unwrap_or_default();
        assert!(
            help.starts_with("rename the file to a UTF-8 name"),
            "{help}"
        );
        assert!(!help.contains("glob = "), "{help}");
    }
}
