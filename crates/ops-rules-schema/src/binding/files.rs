//! [`SchemaFiles`]: binding's view of the schemas for a caller without a compiled registry
//! (the generated schemas page).

use ops_model::contract::SchemaConfig;
use ops_model::{FileCache, RepoIndex, RepoPath};
use serde_json::Value;

use super::{SchemaSet, has_scheme, is_schema_file, pinned_major};

/// The schema files of the schemas directory, known by path and by the absolute URI of their
/// root `$id` (or `id`, its draft-04 spelling): binding's view of the schemas for a caller
/// without a compiled registry.
///
/// It knows every schema the SCH registry binds a manifest to except by identifiers a
/// manifest does not write: `file:` URIs, nested `$id`s and relative `$id`s (the registry
/// resolves those against the file's URI). It does not judge schemas: an `$id` of a schema
/// the registry refuses (SCH002 reports it) still names that schema here.
#[derive(Debug, Default)]
pub struct SchemaFiles {
    /// Path, root `$id`, pinned major version.
    files: Vec<(RepoPath, Option<String>, Option<String>)>,
}

impl SchemaFiles {
    /// Every schema file under `config.schemas_dir`, in path order.
    pub fn new(index: &RepoIndex, files: &FileCache, config: &SchemaConfig) -> SchemaFiles {
        let mut out = SchemaFiles::default();
        for entry in index.files_under(&config.schemas_dir) {
            if !is_schema_file(&entry.path) {
                continue;
            }
            let doc = files.json(&entry.path).ok();
            let pinned = doc.and_then(|d| pinned_major(d, &config.version_key));
            let id = doc
                .and_then(|doc| doc.get("$id").or_else(|| doc.get("id")))
                .and_then(Value::as_str)
                .filter(|id| has_scheme(id))
                .map(|id| id.split('#').next().unwrap_or(id).to_string())
                // A second schema claiming a taken `$id` does not take it (SCH002 reports it).
                .filter(|id| out.by_uri(id).is_none());
            out.files.push((entry.path.clone(), id, pinned));
        }
        // By string, for `by_path`'s binary search.
        out.files.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        out
    }

    /// The schema paths, in path order.
    pub fn paths(&self) -> impl Iterator<Item = &RepoPath> {
        self.files.iter().map(|(p, _, _)| p)
    }
}

impl SchemaSet for SchemaFiles {
    type Schema = RepoPath;

    fn by_uri(&self, uri: &str) -> Option<&RepoPath> {
        let uri = uri.split('#').next().unwrap_or(uri);
        let uri = uri.strip_suffix('/').unwrap_or(uri);
        self.files
            .iter()
            .find(|(_, id, _)| {
                id.as_deref()
                    .is_some_and(|id| id == uri || id.strip_suffix('/') == Some(uri))
            })
            .map(|(p, _, _)| p)
    }

    fn by_path(&self, path: &str) -> Option<&RepoPath> {
        self.files
            .binary_search_by(|(p, _, _)| p.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i].0)
    }

    fn paths_in(&self, dir: &str) -> Vec<&str> {
        self.files
            .iter()
            .map(|(p, _, _)| p.as_str())
            .filter(|p| p.rsplit_once('/').is_some_and(|(d, _)| d == dir))
            .collect()
    }

    fn pinned(&self, schema: &RepoPath) -> Option<String> {
        self.files
            .binary_search_by(|(p, _, _)| p.as_str().cmp(schema.as_str()))
            .ok()
            .and_then(|i| self.files[i].2.clone())
    }
}
