//! The schema lock (`[schema] schema_lock`, `ops/_generated_committed/schema-lock.json` by
//! default): every published schema version, its content hash and its normalized body.
//! `ops-check gen` writes it from the schemas under `ops/_schemas/`; SCH006 compares the
//! schemas with it when `check` runs without `--base`.
//!
//! The file is deterministic: entries sorted by family name, version and path; bodies
//! normalized (object keys sorted, pretty-printed with two spaces); the hash is the SHA-256
//! of the body's compact normalized JSON text. Nothing run-scoped is recorded.

use std::cmp::Ordering;

use ops_model::cache::parse_json;
use ops_model::{CheckContext, JsonError, RepoPath};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::published::{Identity, identify, version_patterns};
use crate::registry::SchemaRegistry;

/// The lock format version this crate reads and writes.
pub const LOCK_VERSION: u32 = 1;

/// The whole lock file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaLock {
    pub(crate) lock_version: u32,
    /// Sorted by name, then version (numerically), then path.
    pub schemas: Vec<LockedSchema>,
}

/// One published schema version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedSchema {
    /// The family: the path below the schemas directory (or the `$id`) with the version
    /// number as `*` (`load/suite.v*.schema.json`).
    pub name: String,
    /// The major version (`1`); empty for an unversioned schema.
    pub version: String,
    /// The repository path of the file.
    pub path: String,
    /// `sha256:` and the hex SHA-256 of the compact normalized body.
    pub hash: String,
    /// The normalized body.
    pub schema: Value,
}

impl LockedSchema {
    pub(crate) fn identity(&self) -> Identity {
        Identity {
            name: self.name.clone(),
            version: self.version.clone(),
        }
    }
}

/// `value` with every object's keys in sorted order (whatever `serde_json`'s map order).
pub fn normalize(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for k in keys {
                out.insert(k.clone(), normalize(&map[k]));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(normalize).collect()),
        other => other.clone(),
    }
}

/// `sha256:<hex>` of the compact normalized JSON text of `value`.
pub fn content_hash(value: &Value) -> String {
    let text = normalize(value).to_string();
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn version_order(a: &str, b: &str) -> Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// The lock for the schemas the context sees. A schema that does not parse cannot be
/// locked: its path and why come back instead (SCH002 reports it too).
pub fn build(cx: &CheckContext<'_>) -> Result<SchemaLock, Vec<(RepoPath, String)>> {
    let config = &cx.contract.schema;
    let patterns = version_patterns(config);
    let registry = SchemaRegistry::of(cx);
    let dir = config.schemas_dir.trim_matches('/');
    let mut schemas = Vec::new();
    let mut problems = Vec::new();
    for entry in registry.entries() {
        let Some(doc) = entry.value.as_deref() else {
            problems.push((
                entry.path.clone(),
                "does not parse as JSON, so it cannot be locked".to_string(),
            ));
            continue;
        };
        let rel = entry
            .path
            .strip_prefix(dir)
            .unwrap_or(entry.path.as_str())
            .to_string();
        let id = identify(config, &patterns, &rel, doc);
        schemas.push(LockedSchema {
            name: id.name,
            version: id.version,
            path: entry.path.as_str().to_string(),
            hash: content_hash(doc),
            schema: normalize(doc),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    schemas.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then_with(|| version_order(&a.version, &b.version))
            .then_with(|| a.path.cmp(&b.path))
    });
    Ok(SchemaLock {
        lock_version: LOCK_VERSION,
        schemas,
    })
}

/// The lock as written: pretty JSON, two-space indent, final newline.
pub fn render(lock: &SchemaLock) -> String {
    let mut text = serde_json::to_string_pretty(lock).unwrap_or_default();
    text.push('\n');
    text
}

/// What `gen` writes to `[schema] schema_lock`: its path and content.
pub fn render_for(cx: &CheckContext<'_>) -> Result<(RepoPath, String), Vec<(RepoPath, String)>> {
    let lock = build(cx)?;
    Ok((
        RepoPath::new(&cx.contract.schema.schema_lock),
        render(&lock),
    ))
}

/// Parses lock text; the error carries a line when it has one.
pub fn parse(text: &str) -> Result<SchemaLock, (Option<u32>, String)> {
    let value = parse_json(text).map_err(|e| match e {
        JsonError::Syntax { line, message, .. } => (
            Some(line),
            format!("the schema lock is not valid JSON: {message}"),
        ),
        other => (None, other.to_string()),
    })?;
    let lock: SchemaLock = serde_json::from_value(value).map_err(|e| {
        (
            None,
            format!("the schema lock does not have the expected shape: {e}"),
        )
    })?;
    if lock.lock_version != LOCK_VERSION {
        return Err((
            None,
            format!(
                "the schema lock has lock_version {}, this ops-check reads {LOCK_VERSION}",
                lock.lock_version
            ),
        ));
    }
    Ok(lock)
}

/// Reads the lock through the file cache: `Ok(None)` when there is none.
pub fn read(cx: &CheckContext<'_>) -> Result<Option<SchemaLock>, (Option<u32>, String)> {
    let path = RepoPath::new(&cx.contract.schema.schema_lock);
    if !cx.index.contains(path.as_str()) {
        return Ok(None);
    }
    let text = cx
        .files
        .text(&path)
        .map_err(|e| (None, format!("cannot read the schema lock: {e}")))?;
    parse(text).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;
    use serde_json::json;

    #[test]
    fn lock_is_sorted_normalized_and_round_trips() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/load/suite.v2.schema.json",
                r#"{"type": "object", "required": ["b"], "properties": {"b": {"type": "string"}}}"#,
            )
            .file(
                "ops/_schemas/load/suite.v1.schema.json",
                r#"{"type": "object", "properties": {"a": {"type": "string"}}}"#,
            )
            .file("ops/_schemas/common.v1.schema.json", r#"{"$defs": {}}"#);
        let cx = repo.context();
        let lock = build(&cx.cx()).unwrap();
        let ids: Vec<(&str, &str)> = lock
            .schemas
            .iter()
            .map(|s| (s.name.as_str(), s.version.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                ("common.v*.schema.json", "1"),
                ("load/suite.v*.schema.json", "1"),
                ("load/suite.v*.schema.json", "2")
            ]
        );
        let text = render(&lock);
        assert!(text.ends_with("}\n"));
        assert!(text.find("\"properties\"").unwrap() < text.find("\"type\"").unwrap());
        assert_eq!(parse(&text).unwrap(), lock);
        // Same bytes every time.
        assert_eq!(render(&build(&repo.context().cx()).unwrap()), text);
    }

    #[test]
    fn hash_ignores_key_order() {
        let a = json!({"a": 1, "b": {"c": 2, "d": 3}});
        let b: Value = serde_json::from_str(r#"{"b": {"d": 3, "c": 2}, "a": 1}"#).unwrap();
        assert_eq!(content_hash(&a), content_hash(&b));
        assert!(content_hash(&a).starts_with("sha256:"));
        assert_ne!(content_hash(&a), content_hash(&json!({"a": 2})));
    }

    #[test]
    fn bad_lock_text_is_an_error_with_a_line() {
        assert_eq!(parse("{\n  oops\n}").unwrap_err().0, Some(2));
        assert!(
            parse(r#"{"lock_version": 9, "schemas": []}"#)
                .unwrap_err()
                .1
                .contains("lock_version 9")
        );
    }
}
