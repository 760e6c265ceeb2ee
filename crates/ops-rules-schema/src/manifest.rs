//! Manifests: the JSON and YAML files under `ops/` that schemas govern, and how each is read.
//!
//! Which schema a manifest is bound to is decided in [`crate::binding`], shared
//! with the generated schemas page so that the page and SCH004/SCH005 agree.

use std::sync::Arc;

use crate::binding::is_yaml;
use ops_model::{CheckContext, Finding, RepoPath, RuleMeta, Severity};
use serde_json::Value;

use crate::load_error::LoadError;
use crate::pointer::locate_json;
use crate::registry::SchemaEntry;
use crate::yaml::{NodePosition, YamlCache, YamlDocument, YamlFileError};

/// How a manifest document is bound to a schema of the registry.
pub type Binding<'r> = crate::binding::Binding<'r, SchemaEntry>;

/// A manifest's parsed content: one JSON document, or the documents of a YAML stream.
pub enum Loaded<'a> {
    Json { value: &'a Value, text: &'a str },
    Yaml(Arc<Vec<YamlDocument>>),
}

impl Loaded<'_> {
    /// The documents (one for JSON).
    pub fn documents(&self) -> Vec<&Value> {
        match self {
            Loaded::Json { value, .. } => vec![value],
            Loaded::Yaml(docs) => docs.iter().map(|d| &d.value).collect(),
        }
    }

    /// Where the node at `pointer` of document `doc` is.
    pub fn position(&self, doc: usize, pointer: &str) -> Option<NodePosition> {
        match self {
            Loaded::Json { text, .. } => locate_json(text, pointer),
            Loaded::Yaml(docs) => docs.get(doc)?.position(pointer),
        }
    }
}

/// A finding for a manifest (or a file that may be one) whose content cannot be read, so it
/// was not checked: an error, or a warning when it is only over `limits.max_file_size` (a
/// limit the config chose, the file itself may be fine).
pub fn not_checked(
    meta: &'static RuleMeta,
    path: &RepoPath,
    err: &LoadError,
    what: &str,
    consequence: &str,
) -> Finding {
    let finding = Finding::new(
        meta,
        path.clone(),
        format!("{what} {}, {consequence}", err.message),
    )
    .help(err.help(what));
    if err.too_large() {
        finding.severity(Severity::Warning)
    } else {
        finding
    }
}

/// Reads a manifest through the shared caches.
pub fn load<'a>(cx: &'a CheckContext<'_>, path: &RepoPath) -> Result<Loaded<'a>, LoadError> {
    if is_yaml(path) {
        return match YamlCache::of(cx).get(cx, path) {
            Ok(docs) => Ok(Loaded::Yaml(docs)),
            Err(YamlFileError::Read(err)) => Err(LoadError::read(err)),
            Err(YamlFileError::Syntax(err)) => Err(LoadError::yaml(err)),
        };
    }
    let text = cx.files.text(path).map_err(LoadError::read)?;
    let value = cx.files.json(path).map_err(LoadError::json)?;
    Ok(Loaded::Json { value, text })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::binding::{ManifestScope, SchemaFiles};
    use crate::registry::SchemaRegistry;
    use ops_model::testing::TestRepo;

    /// The generated schemas page binds with [`SchemaFiles`], the rules with the compiled
    /// registry: on any tree they must bind every manifest document to the same schema.
    #[test]
    fn registry_and_schema_files_bind_alike() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/load/suite.v1.schema.json",
                r#"{"$id": "https://atlas.example/schemas/load/suite.v1.schema.json#"}"#,
            )
            .file(
                "ops/_schemas/obs/dashboard.v1.schema.json",
                r#"{"$schema": "http://json-schema.org/draft-07/schema#", "$id": "urn:atlas:dashboard:v1/"}"#,
            )
            .file(
                "ops/_schemas/old.v1.schema.json",
                r#"{"$schema": "http://json-schema.org/draft-04/schema#", "id": "urn:atlas:old"}"#,
            )
            .file("ops/_schemas/meta/ownership.v1.schema.json", "{}")
            .file("ops/_schemas/broken.v1.schema.json", "{")
            .file("ops/_schemas/schemas.lock.json", "{}")
            .file(
                "ops/load/suites/smoke.json",
                r#"{"$schema": "https://atlas.example/schemas/load/suite.v1.schema.json"}"#,
            )
            .file("ops/load/suites/soak.yaml", "schema_version: 1\n---\n$schema: urn:atlas:old\n")
            .file("ops/load/suites/bad.yaml", "schema_version: 1.5\n")
            .file("ops/obs/dashboards/a.json", r#"{"$schema": "urn:atlas:dashboard:v1"}"#)
            .file("ops/obs/dashboards/b.json", r#"{"$schema": "../../_schemas/broken.v1.schema.json"}"#)
            .file("ops/obs/x.yaml", "schema_name: dashboard\nschema_version: v1\n")
            .file("ops/obs/lock.yaml", "$schema: schemas.lock.json\n")
            .file("ops/_meta/ownership.json", r#"{"schema_version": 1}"#);
        let cx = repo.context();
        let cx = cx.cx();
        let registry = SchemaRegistry::of(&cx);
        let files = SchemaFiles::new(cx.index, cx.files, &cx.contract.schema);
        let scope = ManifestScope::new(cx.contract);
        let mut bound = 0;
        for entry in scope.candidates(cx.index) {
            let Ok(loaded) = load(&cx, &entry.path) else {
                continue;
            };
            for doc in loaded.documents() {
                let by_registry = match scope.bind(&*registry, &entry.path, doc) {
                    Binding::Bound { schema, .. } => Some(&schema.path),
                    _ => None,
                };
                let by_files = match scope.bind(&files, &entry.path, doc) {
                    crate::binding::Binding::Bound { schema, .. } => Some(schema),
                    _ => None,
                };
                assert_eq!(by_registry, by_files, "{}: {doc}", entry.path);
                bound += usize::from(by_files.is_some());
            }
        }
        assert_eq!(bound, 7);
    }
}
