//! How a manifest under `ops/` is bound to a schema under `ops/_schemas/`.
//!
//! One implementation serves SCH004/SCH005, which validate and report, and the generated
//! schemas page of `ops-check gen`, which lists the manifests bound to each schema: the page
//! and the rules cannot disagree about a binding.
//!
//! Binding reads the contract, the index and the file cache, nothing else. The caller parses
//! each manifest (JSON through the cache, YAML with its own parser) and passes each document
//! as a JSON value, of which only the top-level fields are read. Schemas are looked up
//! through [`SchemaSet`]: the SCH rules answer with their compiled registry, a caller without
//! one with [`SchemaFiles`].

mod conventions;
mod files;
mod names;
mod outcome;
mod stems;

use serde_json::Value;

use ops_model::contract::SchemaConfig;
use ops_model::{Contract, RepoIndex, RepoPath, SourceFile};

/// The field that names a manifest's schema by name (`schema_name: load-suite`).
pub const NAME_KEY: &str = "schema_name";
/// The field some manifests use for their type; binds only through `name_bindings`.
pub const KIND_KEY: &str = "kind";

/// The schemas a manifest can be bound to, as the caller knows them.
pub trait SchemaSet {
    /// What a binding hands back for a schema: the compiled
    /// [`SchemaEntry`](crate::registry::SchemaEntry) for the SCH registry, the schema file's
    /// [`RepoPath`] for [`SchemaFiles`].
    type Schema;
    /// The schema known by an absolute URI (an `$id`); the fragment is ignored.
    fn by_uri(&self, uri: &str) -> Option<&Self::Schema>;
    /// The schema at a repository path.
    fn by_path(&self, path: &str) -> Option<&Self::Schema>;
    /// Up to `limit` paths of the schemas directly in directory `dir` whose file name
    /// without `.schema.json`/`.json`, in ASCII lower case, starts with `prefix` (a
    /// lower-case text), from the set's [`StemIndex`].
    fn with_stem_prefix(&self, dir: &str, prefix: &str, limit: usize) -> Vec<&str>;
    /// The major version a schema pins its version key to ([`pinned_major`]).
    fn pinned(&self, schema: &Self::Schema) -> Option<String>;
}

pub use conventions::pinned_major;
pub use files::SchemaFiles;
pub use names::{has_scheme, is_manifest_name, is_meta_schema_uri, is_schema_file, is_yaml, under};
pub use outcome::{Binding, Claim};
pub use stems::StemIndex;

/// The paths of the `[schema]` config, for one run.
pub struct ManifestScope<'c> {
    contract: &'c Contract,
    pub(crate) ops_root: &'c str,
    pub(crate) schemas_dir: &'c str,
}

impl<'c> ManifestScope<'c> {
    /// The scope of a run's contract: its `[schema]` config, the ops root and the schemas
    /// directory as repository paths without leading or trailing `/`, and the meta
    /// directory (`schema.meta_dir`, relative to the ops root) joined to the ops root
    /// (`ops/_meta` by default).
    pub fn new(contract: &'c Contract) -> ManifestScope<'c> {
        // Borrowed: rules make a scope per file in `wants`.
        ManifestScope {
            contract,
            ops_root: contract.ops_dir(),
            schemas_dir: contract.schema.schemas_dir.trim_matches('/'),
        }
    }

    /// The run's `[schema]` config.
    pub(crate) fn config(&self) -> &'c SchemaConfig {
        &self.contract.schema
    }

    /// JSON and YAML files under `ops/`, outside the schemas directory and exempt trees.
    pub fn candidates<'a>(
        &'a self,
        index: &'a RepoIndex,
    ) -> impl Iterator<Item = &'a ops_model::Entry> + 'a {
        index
            .files_under(self.ops_root)
            .filter(move |e| self.is_candidate(&e.path))
    }

    /// Whether a path is a candidate manifest (see [`ManifestScope::candidates`]): decided
    /// from the path alone, before the file is read.
    pub fn is_candidate(&self, path: &RepoPath) -> bool {
        under(path, self.ops_root)
            && is_manifest_name(path)
            && !under(path, self.schemas_dir)
            && !self.config().exempt.is_match(path.as_str())
    }

    /// `path` relative to the ops root when it lies strictly below it (`k8s/a.yaml` for
    /// `ops/k8s/a.yaml`): where a manifest's domain is read from. `None` for the root
    /// itself, for a path outside it, and for every path when the ops root is empty.
    pub(crate) fn below_ops_root<'p>(&self, path: &'p RepoPath) -> Option<&'p str> {
        path.as_str().strip_prefix(self.ops_root)?.strip_prefix('/')
    }

    /// Whether the file is a stable meta file (`ops/_meta/`, SCH008's ground).
    pub fn is_meta(&self, path: &RepoPath) -> bool {
        self.contract
            .below_ops(path.as_str(), &self.config().meta_dir)
    }

    /// The schema named by the first `[[schema.bindings]]` glob matching `path`.
    pub fn glob_binding(&self, path: &RepoPath) -> Option<(&str, &str)> {
        self.config()
            .bindings
            .iter()
            .find(|b| b.glob.is_match(path.as_str()))
            .map(|b| (b.glob.as_str(), b.schema.as_str()))
    }

    /// Whether a file's text mentions a field that could bind or claim a schema; files that
    /// do not (most YAML under `ops/`) need not be parsed: they bind to nothing except by a
    /// `[[schema.bindings]]` glob. A file whose text cannot be read may claim anything.
    pub fn may_claim(&self, file: &SourceFile<'_>) -> bool {
        let Ok(text) = file.text() else {
            return true;
        };
        text.contains("$schema")
            || text.contains(self.config().version_key.as_str())
            || text.contains(NAME_KEY)
            || (!self.config().name_bindings.is_empty() && text.contains(KIND_KEY))
    }

    /// Finds the schema a reference names: an `$id`, a path relative to the manifest's
    /// directory, a path under the schemas directory, or a repository path.
    pub fn find_schema<'r, S: SchemaSet>(
        &self,
        schemas: &'r S,
        from: &RepoPath,
        reference: &str,
    ) -> Option<&'r S::Schema> {
        let bare = reference.split('#').next().unwrap_or(reference);
        if let Some(schema) = schemas.by_uri(bare) {
            return Some(schema);
        }
        let dir = from.parent().unwrap_or_default();
        let candidates = [
            dir.resolve(bare),
            RepoPath::new(self.schemas_dir).resolve(bare),
            RepoPath::normalize(bare),
        ];
        candidates
            .iter()
            .flatten()
            .find_map(|p| schemas.by_path(p.as_str()))
    }

    /// The conventional schema file names for a manifest with major version `major`:
    /// `<name>.v<N>.schema.json` in the domain's folder of the schemas directory, then at its
    /// top, where `<name>` is the `schema_name`, else the file stem, the parent folder's name
    /// and that name without a plural `s`.
    pub fn convention_paths(
        &self,
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
        let domain = self
            .below_ops_root(path)
            .and_then(|rest| rest.split('/').next())
            .filter(|d| !d.contains('.'))
            .map(|d| d.trim_start_matches('_').to_string());
        let mut out = Vec::new();
        for dir in domain
            .iter()
            .map(|d| format!("{}/{d}", self.schemas_dir))
            .chain([self.schemas_dir.to_string()])
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
    /// `kind` through `name_bindings`; the file-name conventions of
    /// [`ManifestScope::convention_paths`].
    pub fn bind<'r, S: SchemaSet>(
        &self,
        schemas: &'r S,
        path: &RepoPath,
        doc: &Value,
    ) -> Binding<'r, S::Schema> {
        if let Some(binding) = self.bind_by_glob(schemas, path) {
            return binding;
        }
        let config = self.config();
        let field = |key: &str| doc.get(key);
        if let Some(meta) = field("$schema") {
            let text = meta.as_str().unwrap_or_default();
            if is_meta_schema_uri(text) {
                return Binding::IsSchema;
            }
            return match self.find_schema(schemas, path, text) {
                Some(schema) => Binding::Bound {
                    schema,
                    how: format!("`$schema: {text}`"),
                    inferred: false,
                },
                None => Binding::Unbound {
                    claim: Some(Claim::Schema(meta.to_string())),
                    reason: format!(
                        "`$schema` {meta} names no schema under {} (tried it as an `$id`, \
                         relative to this file, relative to {} and from the repository root)",
                        self.schemas_dir, self.schemas_dir
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
                return match self.find_schema(schemas, path, schema) {
                    Some(entry) => Binding::Bound {
                        schema: entry,
                        how: format!("`{key}: {value}` (schema.name_bindings)"),
                        inferred: false,
                    },
                    None => Binding::Unbound {
                        claim: Some(Claim::Name(value.to_string())),
                        reason: format!(
                            "`schema.name_bindings` maps `{value}` to `{schema}`, which is not \
                             a schema under {}",
                            self.schemas_dir
                        ),
                        span_pointer: Some(format!("/{key}")),
                    },
                };
            }
        }
        if let Some(meta) = self.meta_schema_path(path)
            && let Some(schema) = schemas.by_path(&meta)
        {
            return Binding::Bound {
                schema,
                how: format!("the meta-file convention `{}` -> `{meta}`", path.as_str()),
                inferred: false,
            };
        }
        let claim = match (name, version) {
            (Some(n), _) => Some(Claim::Name(n.to_string())),
            (None, Some(v)) => Some(Claim::Version(v.to_string())),
            (None, None) => None,
        };
        if claim.is_none()
            && let Some((schema, prefix)) = self.inferred(schemas, path)
        {
            return Binding::Bound {
                schema,
                how: format!(
                    "inference only: the manifest names no schema, and it is the one schema of \
                     its domain whose name starts with `{prefix}`"
                ),
                inferred: true,
            };
        }
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
        let tried = self.convention_paths(path, name, &major);
        if let Some(schema) = tried.iter().find_map(|p| schemas.by_path(p)) {
            return Binding::Bound {
                schema,
                how: format!("the naming convention `<name>.v{major}.schema.json`"),
                inferred: false,
            };
        }
        let pinned = self.pinned_paths(path, name, &major);
        if let Some(schema) = pinned
            .iter()
            .filter_map(|p| schemas.by_path(p))
            .find(|s| schemas.pinned(s).as_deref() == Some(major.as_str()))
        {
            return Binding::Bound {
                schema,
                how: format!(
                    "the naming convention `<name>.schema.json` with `{}` pinned to `const: {major}`",
                    config.version_key
                ),
                inferred: false,
            };
        }
        Binding::Unbound {
            claim,
            reason: format!(
                "none of {} exists, nor {} with `{}` pinned to `const: {major}`",
                tried.join(", "),
                pinned.join(", "),
                config.version_key
            ),
            span_pointer: Some(match name {
                Some(_) => format!("/{NAME_KEY}"),
                None => format!("/{}", config.version_key),
            }),
        }
    }

    /// The binding of a `[[schema.bindings]]` glob matching `path`, whatever the file holds.
    pub fn bind_by_glob<'r, S: SchemaSet>(
        &self,
        schemas: &'r S,
        path: &RepoPath,
    ) -> Option<Binding<'r, S::Schema>> {
        let (glob, schema) = self.glob_binding(path)?;
        Some(match self.find_schema(schemas, path, schema) {
            Some(entry) => Binding::Bound {
                schema: entry,
                how: format!("`[[schema.bindings]]` glob `{glob}`"),
                inferred: false,
            },
            None => Binding::Unbound {
                claim: Some(Claim::Schema(schema.to_string())),
                reason: format!(
                    "`[[schema.bindings]]` glob `{glob}` names schema `{schema}`, which is not \
                     a schema under {}",
                    self.schemas_dir
                ),
                span_pointer: None,
            },
        })
    }
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

#[cfg(test)]
mod tests;
