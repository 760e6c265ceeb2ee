//! The schema registry: every schema under `ops/_schemas/` parsed once and compiled once per
//! run, shared by the SCH rules through [`ops_model::SharedState`].
//!
//! Building it is a pipeline over the schema files, in path order:
//!
//! 1. parse (through the file cache) and check the document is a schema (object or boolean)
//!    with a known `$schema`;
//! 2. collect every `$id` and `$ref` ([`crate::refs`]); each schema is known by its `file:`
//!    URI (`file:///ops/_schemas/a.v1.schema.json`) and by its `$id`s;
//! 3. classify each reference: local (a known URI), local by relative path (a relative
//!    reference that misses under the document's `$id` but names a file next to it: it is
//!    rewritten to that file's URI), remote (reported, never fetched) or unresolved;
//! 4. set aside schemas whose `$ref` chains are over `[limits.schema] max_ref_chain`
//!    (a warning; see the `chains` module), then drop schemas that reference a dropped
//!    schema, until nothing changes;
//! 5. find the `$ref` cycles that constrain nothing (the crate's `ref_cycles` module);
//! 6. register the rest in one `jsonschema` resource registry whose retriever refuses
//!    everything, and compile each of them once against it.
//!
//! Other reference cycles are fine: the registry indexes documents, it does not expand them.

mod chains;
mod compile;
mod load;
mod references;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::binding::{SchemaSet, StemIndex, is_schema_file, pinned_major};
use jsonschema::{Draft, Validator};
use ops_model::shared::scoped_map;
use ops_model::{CheckContext, RepoPath, Span};
use serde_json::Value;

use crate::draft::draft_of_config;
use crate::refs::{IdSite, RefSite, file_uri};

pub use load::position;

/// Every schema compilation of this process, for tests that prove each schema is compiled
/// once per run however many rules use it.
static COMPILATIONS: AtomicUsize = AtomicUsize::new(0);

/// How many schemas this process has compiled so far.
pub fn compilations() -> usize {
    COMPILATIONS.load(Ordering::SeqCst)
}

/// Something wrong with one schema document (reported by SCH002).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SchemaProblem {
    pub span: Option<Span>,
    pub message: String,
    pub help: String,
    /// A work budget of `[limits.schema]` stopped the schema, not a defect of it: reported
    /// as a warning.
    pub warning: bool,
}

/// One schema document of `ops/_schemas/`.
pub struct SchemaEntry {
    pub(crate) path: RepoPath,
    /// The parsed document, when it parsed.
    pub value: Option<Arc<Value>>,
    /// The URI it is registered under.
    pub file_uri: String,
    /// Its root `$id`, resolved.
    pub id: Option<String>,
    /// The draft it is compiled against.
    pub draft: Draft,
    pub(crate) problems: Vec<SchemaProblem>,
    validator: Option<Validator>,
}

impl std::fmt::Debug for SchemaEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchemaEntry")
            .field("path", &self.path)
            .field("id", &self.id)
            .field("compiled", &self.validator.is_some())
            .field("problems", &self.problems)
            .finish()
    }
}

impl SchemaEntry {
    /// The compiled validator, when the schema compiled.
    pub fn validator(&self) -> Option<&Validator> {
        self.validator.as_ref()
    }
}

/// Every schema of the run, compiled.
#[derive(Debug, Default)]
pub struct SchemaRegistry {
    entries: Vec<SchemaEntry>,
    by_uri: BTreeMap<String, usize>,
    /// Repository path -> entry: binding looks schemas up by path for every manifest.
    by_path: BTreeMap<String, usize>,
    /// The schemas directly in each directory by lower-case stem, for
    /// [`SchemaSet::with_stem_prefix`]: binding asks it for every manifest that claims no
    /// schema (a range over `by_path` would walk every schema below the directory too; a
    /// domain with 800 schemas in subfolders once cost 12% of SCH001+SCH004+SCH005 at
    /// 100,000 files).
    stems: StemIndex,
    /// `schema.version_key`, for [`SchemaSet::pinned`].
    version_key: String,
    /// Problems with the `[schema]` config itself (bad `default_draft`).
    pub config_problems: Vec<String>,
    /// URIs the validator asked for and was refused (should stay empty: every reference is
    /// classified before compiling).
    refused: Arc<Mutex<Vec<String>>>,
    /// The `pattern`/`patternProperties` regexes compiled so far, shared by every schema's
    /// compile: versions of one schema kept side by side (`a.v1`, `a.v2`) repeat most of
    /// their patterns, and each regex costs about 100,000 instructions to build.
    patterns: jsonschema::PatternCache,
}

/// Manifests are bound to the compiled schemas (SCH004, SCH005).
impl SchemaSet for SchemaRegistry {
    type Schema = SchemaEntry;

    fn by_uri(&self, uri: &str) -> Option<&SchemaEntry> {
        SchemaRegistry::by_uri(self, uri)
    }

    fn by_path(&self, path: &str) -> Option<&SchemaEntry> {
        self.get(path)
    }

    fn with_stem_prefix(&self, dir: &str, prefix: &str, limit: usize) -> Vec<&str> {
        self.stems.with_prefix(dir, prefix, limit)
    }

    fn pinned(&self, schema: &SchemaEntry) -> Option<String> {
        let key = &self.version_key;
        schema.value.as_deref().and_then(|v| pinned_major(v, key))
    }
}

/// A schema on its way through the pipeline.
struct Candidate {
    doc: Arc<Value>,
    refs: Vec<RefSite>,
    /// Its `$id`s, with the pointer of the resource each one names.
    ids: Vec<IdSite>,
    /// Reference pointer -> absolute URI to write instead (relative-path resolution).
    rewrites: Vec<(String, String)>,
    /// Schemas it references (indexes into entries).
    deps: BTreeSet<usize>,
    /// Whether it declared `$schema` (otherwise the default draft is forced).
    declared: bool,
}

impl SchemaRegistry {
    /// The run's registry, built on first use.
    pub fn of(cx: &CheckContext<'_>) -> Arc<SchemaRegistry> {
        cx.shared.get_or_init(|| SchemaRegistry::build(cx))
    }

    /// Every schema, in path order.
    pub fn entries(&self) -> &[SchemaEntry] {
        &self.entries
    }

    /// The schema at a repository path.
    pub fn get(&self, path: &str) -> Option<&SchemaEntry> {
        self.by_path.get(path).and_then(|&i| self.entries.get(i))
    }

    /// The schema known by an absolute URI (`$id` or `file:` URI), fragment ignored.
    pub fn by_uri(&self, uri: &str) -> Option<&SchemaEntry> {
        let uri = uri.split('#').next().unwrap_or(uri);
        let uri = uri.strip_suffix('/').map_or(uri, |u| u);
        self.by_uri
            .get(uri)
            .or_else(|| self.by_uri.get(&format!("{uri}/")))
            .and_then(|&i| self.entries.get(i))
    }

    /// URIs the validator asked to fetch and was refused.
    pub fn refused(&self) -> Vec<String> {
        self.refused.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Builds the registry: parse, classify references, compile. Parsing and compiling run
    /// on scoped threads, never on rayon's (see [`ops_model::SharedState`]).
    pub fn build(cx: &CheckContext<'_>) -> SchemaRegistry {
        let config = &cx.contract.schema;
        let mut registry = SchemaRegistry {
            version_key: config.version_key.clone(),
            ..SchemaRegistry::default()
        };
        let default_draft = draft_of_config(&config.default_draft).unwrap_or_else(|| {
            registry.config_problems.push(format!(
                "`schema.default_draft = \"{}\"` is not a draft ops-check knows (4, 6, 7, \
                 2019-09, 2020-12); using 2020-12",
                config.default_draft
            ));
            Draft::Draft202012
        });

        // Parsed on the run's threads, like the compile step (see `scoped_map`).
        let files: Vec<&RepoPath> = cx
            .index
            .files_under(&config.schemas_dir)
            .map(|entry| &entry.path)
            .filter(|path| is_schema_file(path))
            .collect();
        let loaded = scoped_map(&files, |&path| {
            let mut schema = SchemaEntry {
                path: path.clone(),
                value: None,
                file_uri: file_uri(path),
                id: None,
                draft: default_draft,
                problems: Vec::new(),
                validator: None,
            };
            let candidate = load::load(cx, &mut schema, default_draft);
            (schema, candidate)
        });
        let mut candidates: BTreeMap<usize, Candidate> = BTreeMap::new();
        for (schema, candidate) in loaded {
            let i = registry.entries.len();
            if let Some(candidate) = candidate {
                candidates.insert(i, candidate);
            }
            registry.by_path.insert(schema.path.as_str().to_string(), i);
            registry.entries.push(schema);
        }
        registry.stems = StemIndex::new(registry.entries.iter().map(|e| e.path.as_str()));
        registry.index_uris(&mut candidates, cx);
        registry.classify_refs(&mut candidates, cx);
        registry.drop_long_ref_chains(&mut candidates, cx);
        registry.drop_broken_dependents(&mut candidates);
        // Found before compiling (which consumes the candidates), reported after it: a loop
        // in one definition does not stop the rest of the schema from validating.
        let cycles = registry.ref_cycle_problems(&candidates, cx);
        registry.compile(candidates, cx);
        for (i, problem) in cycles {
            registry.entries[i].problems.push(problem);
        }
        registry
    }
}
