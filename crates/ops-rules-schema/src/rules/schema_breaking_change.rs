//! SCH006 schema-breaking-change: a published schema version changes only compatibly.

use std::collections::BTreeMap;

use ops_model::{CheckContext, Finding, RepoPath, Rule, RuleMeta, Severity, declare_rule};
use serde_json::Value;

use crate::diff::{Change, DiffOptions, diff_with};
use crate::draft::draft_of_config;
use crate::lock;
use crate::migration;
use crate::published::{Identity, identify, version_patterns};
use crate::refs::file_uri;
use crate::registry::{SchemaRegistry, position};

declare_rule! {
    /// A breaking change to a published schema version, or a new major version without a
    /// migration note.
    pub SchemaBreakingChange {
        code: "SCH006",
        slug: "schema-breaking-change",
        clause: "Breaking changes require a new schema version and migration notes in `ops/CONTRACT.md`.",
        severity: Error,
        summary: "a published schema version changes only compatibly; a breaking change ships as a new version with a migration note",
        budgets: ["schema"],
        explanation: r#"## What

Compares every schema under `ops/_schemas/` with its published version: the one recorded
in the schema lock (`[schema] schema_lock`, written by `ops-check gen`), or, with
`ops-check check --base REV`, the one committed at that git revision (read with git, no
checkout). A schema version is a family and a major version: `load/suite.v1.schema.json`
is version 1 of `load/suite.v*.schema.json` (the version comes from the path, the `$id` or
the pinned `schema_version`, as for SCH003).

- A **breaking change** to a published version is an error at the schema file and the JSON
  pointer of the change, naming it (`required-removed`, `property-removed`, ...).
- **Deleting** a published version is an error.
- A **new major version** of a published family (`suite.v2.schema.json` beside
  `suite.v1.schema.json`) passes only with a migration note: a section of
  `ops/CONTRACT.md` under a heading containing "Migration" that names the schema (its file
  name, or its stem `suite`) and the version (`v2`).
- Non-breaking changes pass; `ops-check schema diff OLD NEW` lists them.

A change is breaking when a document valid under the old version is invalid under the new
one (adding an optional property excepted), when a key leaves `required` or becomes
required (even with a `default`), when a property leaves `properties`, when a `const`,
`pattern` or `format` value changes or appears, and whenever the diff cannot classify it
("unknown change"). Only-loosening changes (optional property added, `enum` value added,
type widened, bounds loosened, constraint removed, `additionalProperties` loosened) and
annotation changes (`title`, `description`, `examples`, `$comment`, `default`,
`deprecated`, `readOnly`, `writeOnly`) are not. References are followed inside a document;
a `$ref` to another document is compared as text.

Without a lock and without `--base` there is nothing to compare: one `info` says so.

## Why

The contract keeps `v1` manifests stable for automation and CI: existing required keys stay,
new keys are optional, and a breaking change ships as a new version with migration notes.
A change that looks harmless in review (a key made required, an enum value dropped, a
bound tightened) breaks every consumer that relied on the old version.

## Fix

Revert the breaking change to the published version, and ship it as a new version instead:

1. copy `suite.v1.schema.json` to `suite.v2.schema.json` and make the change there (bump
   `$id` and a pinned `schema_version` too);
2. add a migration note to `ops/CONTRACT.md`:

   ```markdown
   ## Schema migrations

   - `suite` v2 (`load/suite.v2.schema.json`): `duration` is required; manifests set it.
   ```
3. run `ops-check gen` to record the new version in the schema lock.

In CI, run `ops-check check --base origin/main` so that the comparison is with what was
published, whatever the lock says.

## Configuration

`[schema] schema_lock`, `schemas_dir`, `version_key`, `version_patterns`, `default_draft`;
`[layout] contract_file`.
"#,
    }
}

/// A schema as published (lock or base revision) or as it is now.
struct Version {
    path: RepoPath,
    value: Value,
}

impl Rule for SchemaBreakingChange {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let config = &cx.contract.schema;
        let mut findings = Vec::new();
        let (published, against) = match published(cx, &mut findings) {
            Some(p) => p,
            None => return findings,
        };
        let patterns = version_patterns(config);
        let dir = config.schemas_dir.trim_matches('/');
        let registry = SchemaRegistry::of(cx);
        let mut current: BTreeMap<Identity, Version> = BTreeMap::new();
        for entry in registry.entries() {
            let Some(doc) = entry.value.as_deref() else {
                continue; // SCH002 reports it
            };
            let rel = entry.path.strip_prefix(dir).unwrap_or(entry.path.as_str());
            current
                .entry(identify(config, &patterns, rel, doc))
                .or_insert_with(|| Version {
                    path: entry.path.clone(),
                    value: doc.clone(),
                });
        }
        let options = DiffOptions {
            default_draft: draft_of_config(&config.default_draft)
                .unwrap_or(jsonschema::Draft::Draft202012),
            ..DiffOptions::default()
        };
        for (id, old) in &published {
            let unparsable = registry
                .get(old.path.as_str())
                .is_some_and(|e| e.value.is_none());
            if unparsable {
                continue; // still there but does not parse: SCH002 reports it
            }
            let Some(new) = current.get(id) else {
                findings.push(
                    Finding::new(
                        &Self::META,
                        old.path.clone(),
                        format!(
                            "published schema version {} was deleted (it is {} in {against})",
                            describe(id),
                            old.path
                        ),
                    )
                    .help("restore it: a published version stays while consumers may use it; ship changes as a new version file"),
                );
                continue;
            };
            let options = DiffOptions {
                base_uri: file_uri(&new.path),
                ..options.clone()
            };
            let changes = diff_with(&old.value, &new.value, &options);
            for change in changes.iter().filter(|c| c.is_breaking()) {
                findings.push(breaking(cx, id, new, change, &against));
            }
        }
        let notes = contract_notes(cx);
        for (id, new) in &current {
            if published.contains_key(id) || !published.keys().any(|p| p.name == id.name) {
                continue;
            }
            let file = new.path.file_name();
            if notes
                .as_ref()
                .is_some_and(|s| migration::names(s, file, &id.stem(), &id.version))
            {
                continue;
            }
            let contract_file = cx.contract.ops_path(&cx.contract.layout.contract_file);
            findings.push(
                Finding::new(
                    &Self::META,
                    new.path.clone(),
                    format!(
                        "new major version {} has no migration note: {contract_file} needs a \
                         section under a heading containing \"Migration\" that names `{}` and \
                         `v{}`",
                        describe(id),
                        id.stem(),
                        id.version
                    ),
                )
                .help(format!(
                    "add to {contract_file}: `## Schema migrations` then `- {} v{} ({file}): what changed and what consumers do`",
                    id.stem(),
                    id.version
                )),
            );
        }
        findings
    }
}

fn describe(id: &Identity) -> String {
    if id.version.is_empty() {
        format!("`{}`", id.name)
    } else {
        format!("v{} of `{}`", id.version, id.name)
    }
}

fn breaking(
    cx: &CheckContext<'_>,
    id: &Identity,
    new: &Version,
    change: &Change,
    against: &str,
) -> Finding {
    let at = if change.new_pointer.is_empty() {
        "the root".to_string()
    } else {
        format!("`{}`", change.new_pointer)
    };
    let mut f = Finding::new(
        &SchemaBreakingChange::META,
        new.path.clone(),
        format!(
            "breaking change to published schema {} at {at} (compared with {against}): {}: {}",
            describe(id),
            change.kind,
            change.reason
        ),
    )
    .help(format!(
        "revert it in {}, and ship the change as a new major version with a migration note \
         in {} (see `ops-check explain SCH006`)",
        new.path,
        cx.contract.ops_path(&cx.contract.layout.contract_file)
    ));
    if let Some(span) = position(cx, &new.path, &change.new_pointer) {
        f = f.at(span);
    }
    f
}

/// The published versions and what they come from (`HEAD`, "the schema lock"); `None`
/// (with the reason in `findings`) when there is nothing to compare with.
fn published(
    cx: &CheckContext<'_>,
    findings: &mut Vec<Finding>,
) -> Option<(BTreeMap<Identity, Version>, String)> {
    let config = &cx.contract.schema;
    let mut out = BTreeMap::new();
    if let Some(base) = cx.base {
        let patterns = version_patterns(config);
        let dir = config.schemas_dir.trim_matches('/');
        for (path, bytes) in base.files() {
            let Some(rel) = path.strip_prefix(dir) else {
                continue;
            };
            if !crate::binding::is_schema_file(path) {
                continue;
            }
            let Ok(value) = ops_model::cache::parse_json(&String::from_utf8_lossy(bytes)) else {
                continue; // not a schema then: nothing was published
            };
            out.entry(identify(config, &patterns, rel, &value))
                .or_insert(Version {
                    path: path.clone(),
                    value,
                });
        }
        return Some((out, format!("`{}`", base.rev())));
    }
    let lock_path = RepoPath::new(&config.schema_lock);
    match lock::read(cx) {
        Ok(Some(lock)) => {
            for s in lock.schemas {
                out.entry(s.identity()).or_insert(Version {
                    path: RepoPath::new(&s.path),
                    value: s.schema,
                });
            }
            Some((out, format!("the schema lock {lock_path}")))
        }
        Ok(None) => {
            findings.push(
                Finding::new(
                    &SchemaBreakingChange::META,
                    lock_path.clone(),
                    format!(
                        "nothing to compare the schemas with: no schema lock at {lock_path} and \
                         no `--base`; breaking changes are not checked"
                    ),
                )
                .severity(Severity::Info)
                .help("run `ops-check gen` to write the lock and commit it, or run `ops-check check --base <rev>`"),
            );
            None
        }
        Err((line, message)) => {
            let mut f = Finding::new(&SchemaBreakingChange::META, lock_path, message)
                .help("run `ops-check gen` to rewrite the schema lock");
            if let Some(line) = line {
                f = f.at_line(line);
            }
            findings.push(f);
            None
        }
    }
}

/// The migration sections of the contract file, if it can be read.
fn contract_notes(cx: &CheckContext<'_>) -> Option<Vec<String>> {
    let path = RepoPath::new(cx.contract.ops_path(&cx.contract.layout.contract_file));
    let text = cx.files.text(&path).ok()?;
    Some(migration::sections(text))
}

#[cfg(test)]
mod tests;
