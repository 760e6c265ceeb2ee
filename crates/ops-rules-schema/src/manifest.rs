//! Manifests: the JSON and YAML files under `ops/` that schemas govern, and how each is read.
//!
//! Which schema a manifest is bound to is decided in [`crate::binding`], shared
//! with the generated schemas page so that the page and SCH004/SCH005 agree. JSON is parsed
//! by the file cache, YAML by [`ops_syntax::yaml`] (merge keys applied, anchors under a
//! budget), each at most once per file however many rules read it.

use std::borrow::Cow;
use std::sync::Arc;

use crate::binding::is_yaml;
use ops_model::{Finding, RepoPath, RuleMeta, Severity, SourceFile};
use ops_syntax::Diagnostic;
use ops_syntax::parsed::{self, Yaml};
use ops_syntax::yaml::{Node, NodePosition, YamlDocument};
use serde_json::{Map, Value};

use crate::load_error::LoadError;
use crate::pointer::JsonPositions;
use crate::registry::SchemaEntry;

/// How a manifest document is bound to a schema of the registry.
pub type Binding<'r> = crate::binding::Binding<'r, SchemaEntry>;

/// A manifest's parsed content: one JSON document, or the documents of a YAML stream.
pub enum Loaded<'f> {
    Json {
        value: &'f Value,
        /// Positions in the text, read on the first lookup.
        positions: JsonPositions<'f>,
    },
    /// The file's shared YAML parse ([`parsed::yaml`]); always an `Ok` stream (a syntax
    /// error is a [`LoadError`]).
    Yaml(Arc<Yaml>),
}

/// One document of a manifest.
pub struct Document<'l> {
    /// The document as JSON, what a schema validates; `None` when part of it has no JSON
    /// value (a YAML budget ran out, a `.nan`): [`Document::diagnostics`] says where.
    pub value: Option<&'l Value>,
    /// What binding reads: the value, or for a document without one, its top-level scalar
    /// fields.
    pub fields: Cow<'l, Value>,
    /// What the YAML reader said about the document (duplicate keys, budgets, values JSON
    /// cannot hold); empty for JSON.
    pub diagnostics: &'l [Diagnostic],
}

impl Loaded<'_> {
    fn yaml(&self) -> &[YamlDocument] {
        match self {
            Loaded::Yaml(stream) => stream.0.as_ref().map_or(&[], Vec::as_slice),
            Loaded::Json { .. } => &[],
        }
    }

    /// The documents (one for JSON).
    pub fn documents(&self) -> Vec<Document<'_>> {
        match self {
            Loaded::Json { value, .. } => vec![Document {
                value: Some(value),
                fields: Cow::Borrowed(value),
                diagnostics: &[],
            }],
            Loaded::Yaml(_) => self
                .yaml()
                .iter()
                .map(|doc| Document {
                    value: doc.value.as_ref(),
                    fields: match &doc.value {
                        Some(v) => Cow::Borrowed(v),
                        None => Cow::Owned(top_level(&doc.root)),
                    },
                    diagnostics: &doc.diagnostics,
                })
                .collect(),
        }
    }

    /// Where the node at `pointer` of document `doc` is.
    pub fn position(&self, doc: usize, pointer: &str) -> Option<NodePosition> {
        match self {
            Loaded::Json { positions, .. } => positions.locate(pointer),
            Loaded::Yaml(_) => self.yaml().get(doc)?.position(pointer),
        }
    }
}

/// The top-level scalar fields of a mapping node whose whole value is not known.
fn top_level(root: &Node) -> Value {
    let mut fields = Map::new();
    for entry in root.entries().unwrap_or_default() {
        let (Some(key), Some(scalar)) = (entry.key.key_text(), entry.value.as_scalar()) else {
            continue;
        };
        let value = match scalar.value {
            ops_syntax::yaml::ScalarValue::Str => Value::String(scalar.text.clone()),
            ops_syntax::yaml::ScalarValue::Null => Value::Null,
            ops_syntax::yaml::ScalarValue::Bool(b) => Value::Bool(b),
            ops_syntax::yaml::ScalarValue::Int(i) => Value::from(i),
            ops_syntax::yaml::ScalarValue::Float(f) => {
                serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
            }
        };
        fields.insert(key, value);
    }
    Value::Object(fields)
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

/// Reads a manifest: JSON through the file cache, YAML through [`parsed::yaml`], each shared
/// with every other rule reading the same file.
pub fn load<'f>(file: &'f SourceFile<'_>) -> Result<Loaded<'f>, LoadError> {
    if is_yaml(file.path()) {
        let stream = parsed::yaml(file).map_err(LoadError::read)?;
        if let Err(err) = &stream.0 {
            return Err(LoadError::yaml(err.clone()));
        }
        return Ok(Loaded::Yaml(stream));
    }
    let text = file.text().map_err(LoadError::read)?;
    let value = file.json().map_err(LoadError::json)?;
    Ok(Loaded::Json {
        value,
        positions: JsonPositions::new(text),
    })
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
            let Ok(file) = cx.files.source(&entry.path) else {
                continue;
            };
            let Ok(loaded) = load(&file) else {
                continue;
            };
            for doc in loaded.documents() {
                let doc = &doc.fields;
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

    #[test]
    fn yaml_documents_without_a_json_value_keep_their_top_level_fields() {
        let repo = TestRepo::new().file(
            "ops/load/suites/inf.yaml",
            "schema_name: suite\nschema_version: 1\nratio: .inf\n",
        );
        let cx = repo.context();
        let file = cx
            .files
            .source(&RepoPath::new("ops/load/suites/inf.yaml"))
            .unwrap();
        let loaded = load(&file).unwrap();
        let docs = loaded.documents();
        assert!(docs[0].value.is_none());
        assert_eq!(docs[0].fields["schema_name"], "suite");
        assert_eq!(docs[0].diagnostics.len(), 1);
    }
}
