//! [`SchemaFiles`]: binding's view of the schemas for a caller without a compiled registry
//! (the generated schemas page).

use std::collections::HashMap;

use ops_model::contract::SchemaConfig;
use ops_model::{FileCache, RepoIndex, RepoPath};
use serde_json::Value;

use super::{SchemaSet, StemIndex, has_scheme, is_schema_file, pinned_major};

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
    /// Path and pinned major version, in path order.
    files: Vec<(RepoPath, Option<String>)>,
    /// Root `$id` (fragment removed) -> path. [`SchemaSet::by_uri`] is asked for every
    /// schema while building and for every manifest after: a scan of the files for each
    /// made 10,000 schemas cost 2,000 M instructions (14.5x the cost of 1,000).
    by_id: HashMap<String, RepoPath>,
    /// The files by directory and lower-case stem, for [`SchemaSet::with_stem_prefix`].
    stems: StemIndex,
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
            if let Some(id) = id {
                out.by_id.insert(id, entry.path.clone());
            }
            out.files.push((entry.path.clone(), pinned));
        }
        // By string, for `by_path`'s binary search.
        out.files.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        out.stems = StemIndex::new(out.files.iter().map(|(p, _)| p.as_str()));
        out
    }

    /// The schema paths, in path order.
    pub fn paths(&self) -> impl Iterator<Item = &RepoPath> {
        self.files.iter().map(|(p, _)| p)
    }
}

impl SchemaSet for SchemaFiles {
    type Schema = RepoPath;

    /// An `$id` with or without one trailing `/` names the same schema. At most one file
    /// holds either spelling: [`SchemaFiles::new`] gives a second claimant no `$id`.
    fn by_uri(&self, uri: &str) -> Option<&RepoPath> {
        let uri = uri.split('#').next().unwrap_or(uri);
        let uri = uri.strip_suffix('/').unwrap_or(uri);
        self.by_id
            .get(uri)
            .or_else(|| self.by_id.get(&format!("{uri}/")))
    }

    fn by_path(&self, path: &str) -> Option<&RepoPath> {
        self.files
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()
            .map(|i| &self.files[i].0)
    }

    fn with_stem_prefix(&self, dir: &str, prefix: &str, limit: usize) -> Vec<&str> {
        self.stems.with_prefix(dir, prefix, limit)
    }

    fn pinned(&self, schema: &RepoPath) -> Option<String> {
        self.files
            .binary_search_by(|(p, _)| p.as_str().cmp(schema.as_str()))
            .ok()
            .and_then(|i| self.files[i].1.clone())
    }
}
