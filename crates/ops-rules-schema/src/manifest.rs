//! Manifests: the JSON and YAML files under `ops/` that schemas govern, how each is read, and
//! which schema it is bound to.

use std::sync::Arc;

use ops_model::{CheckContext, Entry, GlobList, JsonError, ReadError, RepoPath, Span};
use serde_json::Value;

use crate::draft::is_meta_schema_uri;
use crate::pointer::locate_json;
use crate::registry::{SchemaEntry, SchemaRegistry};
use crate::yaml::{NodePosition, YamlCache, YamlDocument, YamlFileError};

/// The field that names a manifest's schema by name (`schema_name: load-suite`).
pub const NAME_KEY: &str = "schema_name";
/// The field some manifests use for their type; binds only through `name_bindings`.
pub const KIND_KEY: &str = "kind";

/// The compiled globs and paths of the `[schema]` config, for one rule run.
pub struct ManifestScope {
    pub ops_root: String,
    pub schemas_dir: String,
    pub meta_dir: String,
    pub exempt: GlobList,
    pub bindings: Vec<(GlobList, String)>,
    /// Config problems (bad globs), reported by the rule that met them.
    pub problems: Vec<String>,
}

impl ManifestScope {
    pub fn new(cx: &CheckContext<'_>) -> ManifestScope {
        let config = &cx.contract.schema;
        let mut problems = Vec::new();
        let exempt = GlobList::paths(&config.exempt).unwrap_or_else(|e| {
            problems.push(format!("schema.exempt: {e}"));
            GlobList::empty()
        });
        let bindings = config
            .bindings
            .iter()
            .filter_map(|b| match GlobList::paths(std::slice::from_ref(&b.glob)) {
                Ok(g) => Some((g, b.schema.clone())),
                Err(e) => {
                    problems.push(format!("schema.bindings: {e}"));
                    None
                }
            })
            .collect();
        ManifestScope {
            ops_root: cx.contract.ops_root.trim_matches('/').to_string(),
            schemas_dir: config.schemas_dir.trim_matches('/').to_string(),
            meta_dir: cx.contract.ops_path(&config.meta_dir),
            exempt,
            bindings,
            problems,
        }
    }

    /// JSON and YAML files under `ops/`, outside the schemas directory and exempt trees.
    pub fn candidates<'a>(&'a self, cx: &'a CheckContext<'_>) -> impl Iterator<Item = &'a Entry> {
        cx.index.files_under(&self.ops_root).filter(move |e| {
            is_manifest_name(&e.path)
                && !under(&e.path, &self.schemas_dir)
                && !self.exempt.is_match(e.path.as_str())
        })
    }

    /// Whether the file is a stable meta file (`ops/_meta/`, SCH008's ground).
    pub fn is_meta(&self, path: &RepoPath) -> bool {
        under(path, &self.meta_dir)
    }

    /// The schema named by the first `[[schema.bindings]]` glob matching `path`.
    pub fn glob_binding(&self, path: &RepoPath) -> Option<(&str, &str)> {
        self.bindings
            .iter()
            .find(|(g, _)| g.is_match(path.as_str()))
            .map(|(g, s)| (g.patterns().first().map_or("", String::as_str), s.as_str()))
    }
}

/// Whether `path` lies strictly below directory `dir`.
pub fn under(path: &RepoPath, dir: &str) -> bool {
    let dir = dir.trim_matches('/');
    dir.is_empty()
        || path
            .as_str()
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// `.json`, `.yaml`, `.yml`.
pub fn is_manifest_name(path: &RepoPath) -> bool {
    matches!(path.extension(), Some("json" | "yaml" | "yml"))
}

fn is_yaml(path: &RepoPath) -> bool {
    matches!(path.extension(), Some("yaml" | "yml"))
}

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

/// Why a manifest could not be read.
#[derive(Clone, Debug)]
pub struct LoadError {
    pub span: Option<Span>,
    pub message: String,
    /// The file is unreadable (size, encoding), not malformed.
    pub unreadable: bool,
}

/// Reads a manifest through the shared caches.
pub fn load<'a>(cx: &'a CheckContext<'_>, path: &RepoPath) -> Result<Loaded<'a>, LoadError> {
    let read = |err: ReadError| LoadError {
        span: None,
        message: format!("cannot be read: {err}"),
        unreadable: true,
    };
    if is_yaml(path) {
        return match YamlCache::of(cx).get(cx, path) {
            Ok(docs) => Ok(Loaded::Yaml(docs)),
            Err(YamlFileError::Read(err)) => Err(read(err)),
            Err(YamlFileError::Syntax(err)) => Err(LoadError {
                span: Some(err.span),
                message: format!("is not valid YAML: {}", err.message),
                unreadable: false,
            }),
        };
    }
    let text = cx.files.text(path).map_err(read)?;
    match cx.files.json(path) {
        Ok(value) => Ok(Loaded::Json { value, text }),
        Err(JsonError::Read(err)) => Err(read(err)),
        Err(JsonError::Syntax {
            line,
            column,
            message,
        }) => Err(LoadError {
            span: Some(crate::pointer::syntax_span(line, column)),
            message: format!("is not valid JSON: {message}"),
            unreadable: false,
        }),
    }
}

/// Whether the raw text mentions a field that could bind or claim a schema; files that do
/// not (most YAML under `ops/`) are not parsed at all unless every manifest must be bound.
pub fn may_claim(cx: &CheckContext<'_>, path: &RepoPath) -> bool {
    let Ok(text) = cx.files.text(path) else {
        return true;
    };
    let config = &cx.contract.schema;
    text.contains("$schema")
        || text.contains(config.version_key.as_str())
        || text.contains(NAME_KEY)
        || (!config.name_bindings.is_empty() && text.contains(KIND_KEY))
}

/// What a manifest says about its schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// `$schema` with a value that is not a meta-schema.
    Schema(String),
    /// `schema_name`, maybe with a version.
    Name(String),
    /// Only a version field.
    Version(String),
}

impl Claim {
    pub fn describe(&self, version_key: &str) -> String {
        match self {
            Claim::Schema(s) => format!("`$schema: {s}`"),
            Claim::Name(n) => format!("`{NAME_KEY}: {n}`"),
            Claim::Version(v) => format!("`{version_key}: {v}`"),
        }
    }
}

/// How a manifest document is bound.
pub enum Binding<'r> {
    /// Bound to `schema`; `how` says by what, for messages.
    Bound {
        schema: &'r SchemaEntry,
        how: String,
    },
    /// A JSON Schema document, not a manifest (SCH001's concern).
    IsSchema,
    /// Not bound. `claim` is what it claims, `reason` why nothing matched.
    Unbound {
        claim: Option<Claim>,
        reason: String,
        span_pointer: Option<String>,
    },
}

/// A version field's value as a major version number (`1`, `"1"`, `"v1"`).
fn major_of(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => n.as_u64().map(|n| n.to_string()),
        Value::String(s) => {
            let s = s.trim().trim_start_matches(['v', 'V']);
            let major = s.split('.').next().unwrap_or(s);
            (!major.is_empty() && major.chars().all(|c| c.is_ascii_digit()))
                .then(|| major.to_string())
        }
        _ => None,
    }
}

/// Finds the schema a reference names: an `$id`, a path relative to the manifest's
/// directory, a path under the schemas directory, or a repository path.
pub fn find_schema<'r>(
    registry: &'r SchemaRegistry,
    scope: &ManifestScope,
    from: &RepoPath,
    reference: &str,
) -> Option<&'r SchemaEntry> {
    let bare = reference.split('#').next().unwrap_or(reference);
    if let Some(entry) = registry.by_uri(bare) {
        return Some(entry);
    }
    let dir = from.parent().unwrap_or_default();
    let candidates = [
        normalize(&format!("{}/{bare}", dir.as_str())),
        normalize(&format!("{}/{bare}", scope.schemas_dir)),
        normalize(bare),
    ];
    candidates.iter().flatten().find_map(|p| registry.get(p))
}

/// Resolves `.` and `..` lexically; `None` when it climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}

/// The conventional schema file names for a manifest with major version `major`:
/// `<name>.v<N>.schema.json` in the domain's folder of the schemas directory, then at its
/// top, where `<name>` is the `schema_name`, else the file stem, the parent folder's name
/// and that name without a plural `s`.
pub fn convention_paths(
    scope: &ManifestScope,
    path: &RepoPath,
    name: Option<&str>,
    major: &str,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    match name {
        Some(n) => names.push(n.to_string()),
        None => {
            let file = path.file_name();
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            names.push(stem.to_string());
            if let Some(parent) = path.parent() {
                let dir = parent.file_name().trim_start_matches('_');
                if !dir.is_empty() {
                    names.push(dir.to_string());
                    if let Some(single) = dir.strip_suffix('s') {
                        names.push(single.to_string());
                    }
                }
            }
        }
    }
    let domain = path
        .as_str()
        .strip_prefix(&format!("{}/", scope.ops_root))
        .and_then(|rest| rest.split('/').next())
        .filter(|d| !d.contains('.'))
        .map(|d| d.trim_start_matches('_').to_string());
    let mut out = Vec::new();
    for dir in domain
        .iter()
        .map(|d| format!("{}/{d}", scope.schemas_dir))
        .chain([scope.schemas_dir.clone()])
    {
        for n in &names {
            let p = format!("{dir}/{n}.v{major}.schema.json");
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// Binds one manifest document to a schema.
///
/// Order: a `[[schema.bindings]]` glob; the document's `$schema`; its `schema_name` or
/// `kind` through `name_bindings`; the file-name conventions of [`convention_paths`].
pub fn bind<'r>(
    cx: &CheckContext<'_>,
    registry: &'r SchemaRegistry,
    scope: &ManifestScope,
    path: &RepoPath,
    doc: &Value,
) -> Binding<'r> {
    let config = &cx.contract.schema;
    if let Some((glob, schema)) = scope.glob_binding(path) {
        return match find_schema(registry, scope, path, schema) {
            Some(entry) => Binding::Bound {
                schema: entry,
                how: format!("`[[schema.bindings]]` glob `{glob}`"),
            },
            None => Binding::Unbound {
                claim: Some(Claim::Schema(schema.to_string())),
                reason: format!(
                    "`[[schema.bindings]]` glob `{glob}` names schema `{schema}`, which is not \
                     a schema under {}",
                    scope.schemas_dir
                ),
                span_pointer: None,
            },
        };
    }
    let field = |key: &str| doc.get(key);
    if let Some(meta) = field("$schema") {
        let text = meta.as_str().unwrap_or_default();
        if is_meta_schema_uri(text) {
            return Binding::IsSchema;
        }
        return match find_schema(registry, scope, path, text) {
            Some(entry) => Binding::Bound {
                schema: entry,
                how: format!("`$schema: {text}`"),
            },
            None => Binding::Unbound {
                claim: Some(Claim::Schema(meta.to_string())),
                reason: format!(
                    "`$schema` {meta} names no schema under {} (tried it as an `$id`, relative \
                     to this file, relative to {} and from the repository root)",
                    scope.schemas_dir, scope.schemas_dir
                ),
                span_pointer: Some("/$schema".to_string()),
            },
        };
    }
    let name = field(NAME_KEY).and_then(Value::as_str);
    let version = field(&config.version_key);
    for key in [NAME_KEY, KIND_KEY] {
        if let Some(value) = field(key).and_then(Value::as_str)
            && let Some(schema) = config.name_bindings.get(value)
        {
            return match find_schema(registry, scope, path, schema) {
                Some(entry) => Binding::Bound {
                    schema: entry,
                    how: format!("`{key}: {value}` (schema.name_bindings)"),
                },
                None => Binding::Unbound {
                    claim: Some(Claim::Name(value.to_string())),
                    reason: format!(
                        "`schema.name_bindings` maps `{value}` to `{schema}`, which is not a \
                         schema under {}",
                        scope.schemas_dir
                    ),
                    span_pointer: Some(format!("/{key}")),
                },
            };
        }
    }
    let claim = match (name, version) {
        (Some(n), _) => Some(Claim::Name(n.to_string())),
        (None, Some(v)) => Some(Claim::Version(v.to_string())),
        (None, None) => None,
    };
    let Some(major) = version.and_then(major_of) else {
        let reason = match (&claim, version) {
            (_, Some(v)) => format!(
                "`{}: {v}` is not a major version number",
                config.version_key
            ),
            (Some(_), None) => format!(
                "it has no `{}` to pick the schema version by",
                config.version_key
            ),
            (None, None) => "it names no schema".to_string(),
        };
        return Binding::Unbound {
            claim,
            reason,
            span_pointer: version.map(|_| format!("/{}", config.version_key)),
        };
    };
    let tried = convention_paths(scope, path, name, &major);
    if let Some(entry) = tried.iter().find_map(|p| registry.get(p)) {
        return Binding::Bound {
            schema: entry,
            how: format!("the naming convention `<name>.v{major}.schema.json`"),
        };
    }
    Binding::Unbound {
        claim,
        reason: format!("none of {} exists", tried.join(", ")),
        span_pointer: Some(match name {
            Some(_) => format!("/{NAME_KEY}"),
            None => format!("/{}", config.version_key),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;
    use serde_json::json;

    #[test]
    fn conventions_cover_name_stem_and_folder() {
        let repo = TestRepo::new();
        let cx = repo.context();
        let scope = ManifestScope::new(&cx.cx());
        let p = RepoPath::new("ops/load/suites/smoke.json");
        assert_eq!(
            convention_paths(&scope, &p, None, "1"),
            vec![
                "ops/_schemas/load/smoke.v1.schema.json",
                "ops/_schemas/load/suites.v1.schema.json",
                "ops/_schemas/load/suite.v1.schema.json",
                "ops/_schemas/smoke.v1.schema.json",
                "ops/_schemas/suites.v1.schema.json",
                "ops/_schemas/suite.v1.schema.json",
            ]
        );
        let meta = RepoPath::new("ops/_meta/ownership.json");
        assert_eq!(
            convention_paths(&scope, &meta, Some("owners"), "2")[0],
            "ops/_schemas/meta/owners.v2.schema.json"
        );
    }

    #[test]
    fn majors() {
        assert_eq!(major_of(&json!(1)), Some("1".into()));
        assert_eq!(major_of(&json!("v2")), Some("2".into()));
        assert_eq!(major_of(&json!("1.4.0")), Some("1".into()));
        assert_eq!(major_of(&json!("one")), None);
        assert_eq!(major_of(&json!(1.5)), None);
    }

    #[test]
    fn finds_schemas_by_id_and_paths() {
        let repo = TestRepo::new().file(
            "ops/_schemas/load/suite.v1.schema.json",
            r#"{"$id": "urn:atlas:suite:v1"}"#,
        );
        let cx = repo.context();
        let cx = cx.cx();
        let reg = SchemaRegistry::of(&cx);
        let scope = ManifestScope::new(&cx);
        let from = RepoPath::new("ops/load/suites/smoke.json");
        for r in [
            "urn:atlas:suite:v1",
            "../../_schemas/load/suite.v1.schema.json",
            "load/suite.v1.schema.json",
            "ops/_schemas/load/suite.v1.schema.json#",
        ] {
            assert!(find_schema(&reg, &scope, &from, r).is_some(), "{r}");
        }
        assert!(find_schema(&reg, &scope, &from, "../../../../x.json").is_none());
    }
}
