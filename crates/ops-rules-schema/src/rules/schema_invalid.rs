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
        budgets: ["schema"],
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
is reported too, naming the schema to fix first.

Reference cycles through real structure (a tree whose `properties` or `items` refer back to
it) are fine. A cycle on which every schema is only a `$ref` (with nothing beside it but
annotations such as `title`, `description`, `$defs`) constrains nothing: the validator accepts
any value there, silently. Such a cycle is reported with its path
(`#/$defs/a -> #/$defs/b -> #/$defs/a`), at its first schema in path order. Drafts 4 to 7
ignore every keyword beside a `$ref`, so there a `$ref` with siblings counts as only a
`$ref`. The schema still compiles: the rest of it validates as before.

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
                if problem.warning {
                    // A work budget stopped it: says nothing certain about the schema.
                    f = f.severity(ops_model::Severity::Warning);
                }
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

    #[test]
    fn bare_ref_cycles_are_reported_with_their_path() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/loop.v1.schema.json",
                "{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"},\n  \"b\": {\"$ref\": \"#/$defs/a\"}}, \"$ref\": \"#/$defs/a\"}",
            )
            .file("ops/_schemas/self.v1.schema.json", r##"{"title": "me", "$ref": "#"}"##)
            .file(
                "ops/_schemas/old.v1.schema.json",
                r##"{"$schema": "http://json-schema.org/draft-07/schema#",
                    "definitions": {"a": {"$ref": "#/definitions/a", "type": "string"}}}"##,
            )
            .file(
                "ops/_schemas/split-a.v1.schema.json",
                r##"{"$ref": "split-b.v1.schema.json#/$defs/back"}"##,
            )
            .file(
                "ops/_schemas/split-b.v1.schema.json",
                r##"{"$defs": {"back": {"$ref": "split-a.v1.schema.json"}}}"##,
            )
            // Recursion through structure constrains every level: fine.
            .file(
                "ops/_schemas/tree.v1.schema.json",
                r##"{"$defs": {"node": {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}},
                    "$ref": "#/$defs/node"}"##,
            );
        let cx = repo.context();
        let found = cx.run(&SchemaInvalid);
        let text: Vec<String> = found
            .iter()
            .map(|f| {
                let at = f
                    .span
                    .map(|s| format!(":{}:{}", s.line, s.column))
                    .unwrap_or_default();
                format!("{}{at}: {}", f.path, f.message)
            })
            .collect();
        assert_eq!(
            text,
            vec![
                "ops/_schemas/loop.v1.schema.json:1:18: `$ref` cycle constrains nothing: \
                 #/$defs/a -> #/$defs/b -> #/$defs/a; every schema on it is only a `$ref`, so it \
                 accepts any value",
                "ops/_schemas/old.v1.schema.json:2:43: `$ref` cycle constrains nothing: \
                 #/definitions/a -> #/definitions/a; every schema on it is only a `$ref` (its \
                 draft ignores the keywords beside a `$ref`), so it accepts any value",
                "ops/_schemas/self.v1.schema.json:1:17: `$ref` cycle constrains nothing: # -> #; \
                 every schema on it is only a `$ref`, so it accepts any value",
                "ops/_schemas/split-a.v1.schema.json:1:2: `$ref` cycle constrains nothing: # -> \
                 ops/_schemas/split-b.v1.schema.json#/$defs/back -> #; every schema on it is \
                 only a `$ref`, so it accepts any value",
            ]
        );
        // Reported, still compiled: the rest of the schema keeps validating.
        let registry = SchemaRegistry::of(&cx.cx());
        assert!(
            registry
                .get("ops/_schemas/loop.v1.schema.json")
                .and_then(|e| e.validator())
                .is_some()
        );
    }

    #[test]
    fn unreadable_schemas_get_help_for_their_cause() {
        let repo = TestRepo::new()
            .file("ops/_schemas/gone.v1.schema.json", "{}")
            .bytes(
                "ops/_schemas/latin1.v1.schema.json",
                b"{\"title\": \"caf\xe9\"}",
            )
            .file(
                "ops/_schemas/big.v1.schema.json",
                &format!("{{\"title\": \"{}\"}}", "x".repeat(100)),
            )
            .file("ops/_schemas/syntax.v1.schema.json", "{");
        let mut contract = ops_model::Contract::default();
        contract.limits.max_file_size = 50;
        let cx = repo.context_with(contract);
        std::fs::remove_file(repo.path().join("ops/_schemas/gone.v1.schema.json")).unwrap();
        let help: Vec<(String, String)> = cx
            .run(&SchemaInvalid)
            .into_iter()
            .map(|f| (f.path.to_string(), f.help.unwrap_or_default()))
            .collect();
        let of = |name: &str| {
            help.iter()
                .find(|(p, _)| p.ends_with(name))
                .map(|(_, h)| h.clone())
                .unwrap_or_default()
        };
        assert_eq!(help.len(), 4, "{help:?}");
        assert!(of("gone.v1.schema.json").contains("readable by the user running ops-check"));
        assert!(of("latin1.v1.schema.json").starts_with("save the schema as UTF-8 text"));
        assert!(of("big.v1.schema.json").contains("raise `limits.max_file_size`"));
        assert_eq!(
            of("syntax.v1.schema.json"),
            "fix the JSON syntax at the position shown"
        );
    }
}
