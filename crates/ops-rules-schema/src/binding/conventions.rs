//! The ways real trees name a manifest's schema without saying so in the manifest, tried
//! after the manifest's own claims (`$schema`, `schema_name`, `kind`) and in this order:
//!
//! 1. **Meta files**: `ops/_meta/<name>.json` binds to `<schemas>/meta/<name>.schema.json`.
//! 2. **Versioned name**: `<name>.v<N>.schema.json`, `N` the manifest's `schema_version`
//!    (see [`ManifestScope::convention_paths`]).
//! 3. **Pinned version**: `<name>.schema.json` (same folders and names) whose
//!    `properties.<version_key>` is `const: N` (or a one-value `enum`), `N` again the
//!    manifest's version: `catalog.json` with `schema_version: 1` and `catalog.schema.json`
//!    with `"schema_version": {"const": 1}`.
//! 4. **Inference** (a guess, so its SCH004 findings are warnings): a manifest outside
//!    `ops/_meta/` that claims nothing, in a domain whose schema folder holds exactly one schema whose file name
//!    starts with the manifest's stem or its singular (`scenarios.json` and
//!    `scenario-manifest.schema.json`).

use ops_model::RepoPath;
use serde_json::Value;

use super::{ManifestScope, SchemaSet};

/// The `major` a schema pins its version key to: `"schema_version": {"const": 1}` or
/// `{"enum": [1]}` under `properties` (a number, or a string such as `"1"` or `"v1"`).
pub fn pinned_major(schema: &Value, version_key: &str) -> Option<String> {
    let property = schema.get("properties")?.get(version_key)?;
    let value = match (property.get("const"), property.get("enum")) {
        (Some(c), _) => c,
        (None, Some(Value::Array(values))) if values.len() == 1 => &values[0],
        _ => return None,
    };
    super::major_of(value)
}

impl ManifestScope<'_> {
    /// The meta schema of `ops/_meta/<name>.json`: `<schemas>/meta/<name>.schema.json`.
    pub fn meta_schema_path(&self, path: &RepoPath) -> Option<String> {
        if !self.is_meta(path) {
            return None;
        }
        let name = path.file_name().strip_suffix(".json")?;
        Some(format!("{}/meta/{name}.schema.json", self.schemas_dir))
    }

    /// The unversioned schema names for a manifest (`<name>.schema.json`, the names and
    /// folders of [`ManifestScope::convention_paths`]) whose pinned version is `major`.
    pub fn pinned_paths(&self, path: &RepoPath, name: Option<&str>, major: &str) -> Vec<String> {
        let marker = format!(".v{major}.schema.json");
        self.convention_paths(path, name, major)
            .into_iter()
            .filter_map(|p| p.strip_suffix(&marker).map(|s| format!("{s}.schema.json")))
            .collect()
    }

    /// The domain's schema folder of a manifest: `<schemas>/<domain>` for
    /// `ops/<domain>/...`.
    fn domain_schemas(&self, path: &RepoPath) -> Option<String> {
        let (domain, _) = self.below_ops_root(path)?.split_once('/')?;
        let domain = domain.trim_start_matches('_');
        (!domain.is_empty()).then(|| format!("{}/{domain}", self.schemas_dir))
    }

    /// The schema a manifest that claims nothing is bound to by inference, with the prefix
    /// that matched: the only schema of its domain's schema folder whose name starts with
    /// the manifest's stem or its singular (`scenarios` -> `scenario`). `None` when none or
    /// several do.
    pub fn inferred<'r, S: SchemaSet>(
        &self,
        schemas: &'r S,
        path: &RepoPath,
    ) -> Option<(&'r S::Schema, String)> {
        // Meta files bind by their own convention only: a guess there would judge the
        // lock files next to them.
        if self.is_meta(path) {
            return None;
        }
        let dir = self.domain_schemas(path)?;
        let file = path.file_name();
        let stem = file.split('.').next().unwrap_or(file).to_ascii_lowercase();
        if stem.len() < 3 {
            return None;
        }
        let singular = stem.strip_suffix('s').unwrap_or(&stem).to_string();
        // A schema stem that starts with the manifest's stem starts with its singular too
        // (the singular is the stem or its prefix): one prefix, and two answers are enough.
        let matching = schemas.with_stem_prefix(&dir, &singular, 2);
        match matching.as_slice() {
            [only] => Some((schemas.by_path(only)?, singular)),
            _ => None,
        }
    }

    /// Whether the path alone can bind a file (a glob, a meta schema, an inferred
    /// schema): such a file is read even when its text names no schema.
    pub fn binds_by_path<S: SchemaSet>(&self, schemas: &S, path: &RepoPath) -> bool {
        self.glob_binding(path).is_some()
            || self
                .meta_schema_path(path)
                .is_some_and(|p| schemas.by_path(&p).is_some())
            || self.inferred(schemas, path).is_some()
    }
}

impl ManifestScope<'_> {
    /// The repository file a manifest's `$schema` names when that file exists outside the
    /// schemas directory (relative to the manifest, else to the root): a schema for ops
    /// manifests kept elsewhere, SCH001's finding (at the schema, once), not SCH005's.
    pub fn schema_elsewhere(
        &self,
        index: &ops_model::RepoIndex,
        from: &RepoPath,
        reference: &str,
    ) -> Option<RepoPath> {
        let bare = reference.split('#').next().unwrap_or(reference);
        if bare.is_empty() || super::has_scheme(bare) {
            return None;
        }
        let dir = from.parent().unwrap_or_default();
        [dir.resolve(bare), RepoPath::normalize(bare)]
            .into_iter()
            .flatten()
            .find(|p| index.is_file(p.as_str()) && !super::under(p, self.schemas_dir))
    }

    /// Whether a file lies in a run output or evidence directory (a directory named in
    /// `artifacts.evidence_dir_names` or `artifacts.artifact_dir_names`, or matching
    /// `artifacts.run_output_patterns`): run results, ART001/ART002's findings, not manifests.
    pub fn in_run_output(&self, contract: &ops_model::Contract, path: &RepoPath) -> bool {
        let a = &contract.artifacts;
        let dirs = path.as_str().rsplit_once('/').map_or("", |(d, _)| d);
        dirs.split('/').any(|d| {
            a.evidence_dir_names.iter().any(|n| n == d)
                || a.artifact_dir_names.iter().any(|n| n == d)
                || a.run_output_patterns.is_match(d)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::binding::stems::schema_stem;
    use serde_json::json;

    #[test]
    fn pinned_majors() {
        let s = json!({"properties": {"schema_version": {"const": 1}}});
        assert_eq!(pinned_major(&s, "schema_version"), Some("1".into()));
        let s = json!({"properties": {"schema_version": {"enum": ["v2"]}}});
        assert_eq!(pinned_major(&s, "schema_version"), Some("2".into()));
        let s = json!({"properties": {"schema_version": {"enum": [1, 2]}}});
        assert_eq!(pinned_major(&s, "schema_version"), None);
        assert_eq!(pinned_major(&json!({}), "schema_version"), None);
    }

    #[test]
    fn stems() {
        assert_eq!(
            schema_stem("ops/_schemas/load/scenario-manifest.schema.json"),
            "scenario-manifest"
        );
        assert_eq!(schema_stem("a/b.v1.schema.json"), "b.v1");
    }
}
