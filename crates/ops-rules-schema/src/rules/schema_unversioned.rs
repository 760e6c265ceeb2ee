//! SCH003 schema-unversioned: every schema carries a major version.

use ops_model::{CheckContext, Finding, Rule, RuleMeta, declare_rule};
use regex::Regex;
use serde_json::Value;

use crate::registry::{SchemaRegistry, position};

declare_rule! {
    /// Every schema carries a major version.
    pub SchemaUnversioned {
        code: "SCH003",
        slug: "schema-unversioned",
        clause: "All ops schemas are versioned under `ops/_schemas/`.",
        severity: Error,
        summary: "every schema carries a major version in its path, its `$id` or a pinned version property",
        budgets: ["schema"],
        explanation: r#"## What

Every schema under `ops/_schemas/` carries its major version in one of these places:

- its path below `ops/_schemas/`, in the usual forms: a `v<N>` component of the file name
  (`suite.v1.schema.json`, `suite-v2.json`, `suite_v1.json`) or a `v<N>/` directory, or a
  dotted release after `-`, `_` or `/` (`cyclonedx-1.6.schema.json`, `.../1.6/bom.json`,
  as vendored third-party schemas carry it; its major is the first number);
- its `$id`, in the same forms (`https://atlas.example/schemas/v1/suite.json`,
  `http://cyclonedx.org/schema/bom-1.6.schema.json`);
- a pattern from `schema.version_patterns` (regular expressions matched against the path and
  the `$id`; the first capture group, if any, is the major version);
- a version property (`schema.version_key`, `schema_version` by default) that is both listed
  in `required` and pinned with `const`: `"schema_version": {"const": 1}`.

A version property that is optional (not in `required`) or unpinned (no `const`) does not
version anything: a manifest could omit it or carry any value. Such a schema is reported
with what is missing. When the path and a pinned property both give a major version they
must agree.

## Why

The Ops Contract keeps `v1` manifests stable for automation and ships breaking changes as a
new schema version. That only works when each schema says which major version it is, so a
consumer (and SCH006) can tell `v1` from `v2`.

## Fix

Rename the file to `<name>.v1.schema.json` (or move it into a `v1/` directory), or add a
required, `const`-pinned version property:

```json
"required": ["schema_version"],
"properties": { "schema_version": { "const": 1 } }
```
"#,
    }
}

/// A major version in a path or URI: `v1` between separators.
pub(crate) fn default_pattern() -> Option<Regex> {
    Regex::new(r"(?:^|[/._-])v(\d+)(?:[/._-]|$)").ok()
}

/// A dotted release in a path or URI, as vendored third-party schemas carry it:
/// `cyclonedx-1.6.schema.json`, `bom_2.0.json`, `.../1.6/bom.json`; the major is its first
/// number. SCH003 only: a release is a version, but SCH006's families stay `v<N>` ones.
fn dotted_pattern() -> Option<Regex> {
    Regex::new(r"(?:^|[/_-])v?(\d+)(?:\.\d+)+(?:[/._-]|$)").ok()
}

fn major_in(patterns: &[Regex], text: &str) -> Option<String> {
    patterns.iter().find_map(|re| {
        let caps = re.captures(text)?;
        Some(
            caps.get(1)
                .or_else(|| caps.get(0))
                .map(|m| m.as_str().trim_start_matches(['v', 'V']).to_string())
                .unwrap_or_default(),
        )
    })
}

impl Rule for SchemaUnversioned {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let config = &cx.contract.schema;
        let mut findings = Vec::new();
        let mut patterns: Vec<Regex> = default_pattern().into_iter().collect();
        patterns.extend(dotted_pattern());
        patterns.extend(config.version_patterns.iter().cloned());
        let registry = SchemaRegistry::of(cx);
        let key = config.version_key.as_str();
        for entry in registry.entries() {
            let Some(doc) = entry.value.as_deref() else {
                continue; // SCH002 reports documents that do not parse
            };
            let rel = entry
                .path
                .as_str()
                .strip_prefix(config.schemas_dir.trim_matches('/'))
                .unwrap_or(entry.path.as_str());
            let named = major_in(&patterns, rel)
                .or_else(|| entry.id.as_deref().and_then(|id| major_in(&patterns, id)));
            let property = doc.get("properties").and_then(|p| p.get(key));
            let required = doc
                .get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key)));
            let pinned = property.and_then(|p| p.get("const"));
            let at = |pointer: &str| position(cx, &entry.path, pointer);
            let pointer = format!("/properties/{}", key.replace('~', "~0").replace('/', "~1"));

            if let (Some(named), Some(pin)) = (&named, pinned) {
                let pin_major = match pin {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => s
                        .trim_start_matches(['v', 'V'])
                        .split('.')
                        .next()
                        .unwrap_or("")
                        .to_string(),
                    other => other.to_string(),
                };
                if &pin_major != named {
                    let mut f = Finding::new(
                        &Self::META,
                        entry.path.clone(),
                        format!(
                            "the path or `$id` says major version {named} but `{key}` is pinned to {pin}"
                        ),
                    )
                    .help(format!("make `{key}` `const` {named}, or rename the file to the version it pins"));
                    if let Some(span) = at(&format!("{pointer}/const")) {
                        f = f.at(span);
                    }
                    findings.push(f);
                }
                continue;
            }
            if named.is_some() {
                continue;
            }
            let (message, pointer) = match (property, pinned, required) {
                (Some(_), Some(pin), false) => (
                    format!(
                        "unversioned: `{key}` is pinned to {pin} but optional (not in `required`), \
                         so a manifest may omit it; the path and `$id` carry no `v<N>` either"
                    ),
                    pointer,
                ),
                (Some(_), None, _) => (
                    format!(
                        "unversioned: `{key}` is not pinned with `const`, so any value passes; \
                         the path and `$id` carry no `v<N>` either"
                    ),
                    pointer,
                ),
                (Some(_), Some(_), true) => continue,
                (None, _, _) => (
                    format!(
                        "unversioned: no `v<N>` in the path or `$id`, and no required `{key}` \
                         property pinned with `const`"
                    ),
                    String::new(),
                ),
            };
            let file = entry.path.file_name();
            let stem = file
                .strip_suffix(".schema.json")
                .or_else(|| file.strip_suffix(".json"))
                .unwrap_or(file);
            let mut f = Finding::new(&Self::META, entry.path.clone(), message).help(format!(
                "rename it to `{stem}.v1.schema.json`, or make `{key}` required and pin it: \
                 `\"{key}\": {{\"const\": 1}}`"
            ));
            if let Some(span) = at(&pointer) {
                f = f.at(span);
            }
            findings.push(f);
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn versioned_schemas_are_clean() {
        let repo = TestRepo::new()
            .file("ops/_schemas/load/suite.v1.schema.json", "{}")
            .file("ops/_schemas/v2/suite.json", "{}")
            .file("ops/_schemas/by-id.json", r#"{"$id": "https://atlas.example/schemas/v3/by-id.json"}"#)
            .file(
                "ops/_schemas/by-property.json",
                r#"{"required": ["schema_version"], "properties": {"schema_version": {"const": 1}}}"#,
            )
            .file("ops/_schemas/custom-r7.json", "{}");
        let mut contract = ops_model::Contract::default();
        contract.schema.version_patterns =
            ops_model::contract::Regexes::new(&[r"-r(\d+)\.json$".into()]).unwrap();
        assert_eq!(
            repo.context_with(contract).run_lines(&SchemaUnversioned),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unversioned_optional_unpinned_and_mismatched_are_reported() {
        let repo = TestRepo::new()
            .file("ops/_schemas/plain.json", "{}")
            .file("ops/_schemas/version.json", "{}")
            .file(
                "ops/_schemas/optional.json",
                r#"{"properties": {"schema_version": {"const": 1}}}"#,
            )
            .file(
                "ops/_schemas/unpinned.json",
                "{\n  \"required\": [\"schema_version\"],\n  \"properties\": {\"schema_version\": {\"type\": \"integer\"}}\n}",
            )
            .file(
                "ops/_schemas/suite.v1.schema.json",
                r#"{"required": ["schema_version"], "properties": {"schema_version": {"const": 2}}}"#,
            );
        let found = repo.context().run_lines(&SchemaUnversioned);
        let text = found.join("\n");
        assert_eq!(found.len(), 5, "{text}");
        assert!(text.contains("ops/_schemas/optional.json: unversioned: `schema_version` is pinned to 1 but optional"), "{text}");
        assert!(text.contains("ops/_schemas/unpinned.json: unversioned: `schema_version` is not pinned with `const`"), "{text}");
        assert!(
            text.contains("ops/_schemas/plain.json: unversioned: no `v<N>`"),
            "{text}"
        );
        assert!(text.contains("ops/_schemas/suite.v1.schema.json: the path or `$id` says major version 1 but `schema_version` is pinned to 2"), "{text}");
        let f = repo.context().run(&SchemaUnversioned);
        let unpinned = f
            .iter()
            .find(|f| f.path.as_str().ends_with("unpinned.json"))
            .unwrap();
        assert_eq!(unpinned.span, Some(ops_model::Span::new(3, 18)));
    }
}
