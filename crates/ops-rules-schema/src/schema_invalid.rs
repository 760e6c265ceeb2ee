//! SCH002 schema-invalid: every schema parses, compiles against its draft, and resolves its
//! references locally.

use ops_model::{CheckContext, Finding, Rule, RuleMeta, declare_rule};

use crate::registry::SchemaRegistry;

declare_rule! {
    /// Schemas parse, compile and resolve their references locally.
    pub SchemaInvalid {
        code: "SCH002",
        slug: "schema-invalid",
        clause: "`make ops-contracts-check` is the required gate for schema conformance.",
        severity: Error,
        summary: "every schema parses, compiles against its declared draft and resolves `$ref`s locally",
        explanation: r#"## What

Every schema document under `ops/_schemas/` (every `*.json` file there except `*.lock.json`)
must:

- parse as JSON (the finding gives line and column of the syntax error);
- be a JSON object or a boolean;
- declare a draft ops-check knows in `$schema` (draft-04, -06, -07, 2019-09, 2020-12), or none
  (then `schema.default_draft` applies, 2020-12 by default);
- compile: be valid against its draft's meta-schema (the finding names the JSON pointer inside
  the schema and the meta-schema keyword that failed);
- resolve each `$ref` locally: by the `$id` of a schema under `ops/_schemas/`, or by a path
  relative to the referring file. A relative reference inside a schema with an `$id` is first
  resolved against the `$id` as the standard says, then, if nothing is there, against the
  file's own location;
- declare an `$id` no other schema declares.

A remote `$ref` (`https://...` naming no local `$id`) is a finding and is never fetched:
ops-check makes no network access. A schema that references a schema that cannot be compiled
is reported too, naming the schema to fix first. Reference cycles and self-references are
fine.

## Why

`make ops-contracts-check` is the gate for schema conformance. A schema that does not compile
validates nothing, so every manifest bound to it would pass unchecked. A remote reference makes
the gate depend on the network: slow, flaky, and a way for someone else's change to break (or
silently loosen) our contract.

## Fix

Fix the JSON or the keyword at the position shown. For a remote reference, vendor the
referenced schema under `ops/_schemas/` (keep its `$id` so the reference resolves locally) or
point the reference at a local file by relative path.
"#,
    }
}

impl Rule for SchemaInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let registry = SchemaRegistry::of(cx);
        let mut findings: Vec<Finding> = registry
            .config_problems
            .iter()
            .map(|p| {
                Finding::new(
                    &Self::META,
                    ops_model::contract::CONFIG_FILE_NAME,
                    p.clone(),
                )
                .help("set `schema.default_draft` to 4, 6, 7, 2019-09 or 2020-12")
            })
            .collect();
        for entry in registry.entries() {
            for problem in &entry.problems {
                let mut f = Finding::new(&Self::META, entry.path.clone(), problem.message.clone())
                    .help(problem.help.clone());
                if let Some(span) = problem.span {
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

    #[test]
    fn valid_schemas_with_local_refs_are_clean() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/a.v1.schema.json",
                r#"{"$ref": "b.v1.schema.json"}"#,
            )
            .file(
                "ops/_schemas/b.v1.schema.json",
                r#"{"properties": {"a": {"$ref": "a.v1.schema.json"}}}"#,
            );
        assert!(repo.context().run(&SchemaInvalid).is_empty());
    }

    #[test]
    fn remote_ref_is_reported_without_network() {
        let repo = TestRepo::new().file(
            "ops/_schemas/x.v1.schema.json",
            r#"{"$ref": "https://example.com/x.json"}"#,
        );
        let cx = repo.context();
        let started = std::time::Instant::now();
        let found = cx.run(&SchemaInvalid);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "SCH002");
        assert!(
            found[0]
                .message
                .contains("remote `$ref` `https://example.com/x.json` is not fetched")
        );
        assert_eq!(found[0].span, Some(ops_model::Span::new(1, 2)));
        assert!(SchemaRegistry::of(&cx.cx()).refused().is_empty());
    }

    #[test]
    fn bad_default_draft_is_a_config_finding() {
        let repo = TestRepo::new();
        let mut contract = ops_model::Contract::default();
        contract.schema.default_draft = "2021".into();
        let found = repo.context_with(contract).run_lines(&SchemaInvalid);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("ops-check.toml: `schema.default_draft = \"2021\"`"),
            "{found:?}"
        );
    }
}
