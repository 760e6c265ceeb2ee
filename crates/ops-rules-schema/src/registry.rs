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
//! 4. drop schemas that reference a dropped schema, until nothing changes;
//! 5. find the `$ref` cycles that constrain nothing ([`crate::ref_cycles`]);
//! 6. register the rest in one `jsonschema` resource registry whose retriever refuses
//!    everything, and compile each of them once against it.
//!
//! Other reference cycles are fine: the registry indexes documents, it does not expand them.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::binding::{SchemaSet, has_scheme, is_schema_file};
use jsonschema::{Draft, Registry, Retrieve, Uri, Validator};
use ops_model::{CheckContext, RepoPath, Span};
use serde_json::Value;

use crate::draft::{draft_name, draft_of_config, draft_of_meta};
use crate::load_error::LoadError;
use crate::pointer::{locate_json, push_token};
use crate::ref_cycles::{Doc, RefGraph};
use crate::refs::{self, IdSite, RefSite, file_uri, path_of_file_uri, scheme};

/// Every schema compilation of this process, for tests that prove each schema is compiled
/// once per run however many rules use it.
static COMPILATIONS: AtomicUsize = AtomicUsize::new(0);

/// How many schemas this process has compiled so far.
pub fn compilations() -> usize {
    COMPILATIONS.load(Ordering::SeqCst)
}

/// Something wrong with one schema document (reported by SCH002).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaProblem {
    pub span: Option<Span>,
    pub message: String,
    pub help: String,
}

/// One schema document of `ops/_schemas/`.
pub struct SchemaEntry {
    pub path: RepoPath,
    /// The parsed document, when it parsed.
    pub value: Option<Arc<Value>>,
    /// The URI it is registered under.
    pub file_uri: String,
    /// Its root `$id`, resolved.
    pub id: Option<String>,
    /// The draft it is compiled against.
    pub draft: Draft,
    pub problems: Vec<SchemaProblem>,
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
    /// Problems with the `[schema]` config itself (bad `default_draft`).
    pub config_problems: Vec<String>,
    /// URIs the validator asked for and was refused (should stay empty: every reference is
    /// classified before compiling).
    refused: Arc<Mutex<Vec<String>>>,
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
}

/// A retriever that never fetches: every document the validator may use is in the registry.
struct Refuse(Arc<Mutex<Vec<String>>>);

impl Retrieve for Refuse {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if let Ok(mut refused) = self.0.lock() {
            refused.push(uri.as_str().to_string());
        }
        Err(format!("`{uri}` is not under the schemas directory and is never fetched").into())
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
        let path = RepoPath::new(path);
        self.entries.iter().find(|e| e.path == path)
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

    /// Builds the registry: parse, classify references, compile. Single-threaded on purpose
    /// (see [`ops_model::SharedState`]).
    pub fn build(cx: &CheckContext<'_>) -> SchemaRegistry {
        let config = &cx.contract.schema;
        let mut registry = SchemaRegistry::default();
        let default_draft = draft_of_config(&config.default_draft).unwrap_or_else(|| {
            registry.config_problems.push(format!(
                "`schema.default_draft = \"{}\"` is not a draft ops-check knows (4, 6, 7, \
                 2019-09, 2020-12); using 2020-12",
                config.default_draft
            ));
            Draft::Draft202012
        });

        let mut candidates: BTreeMap<usize, Candidate> = BTreeMap::new();
        for entry in cx.index.files_under(&config.schemas_dir) {
            if !is_schema_file(&entry.path) {
                continue;
            }
            let i = registry.entries.len();
            let mut schema = SchemaEntry {
                path: entry.path.clone(),
                value: None,
                file_uri: file_uri(&entry.path),
                id: None,
                draft: default_draft,
                problems: Vec::new(),
                validator: None,
            };
            if let Some(candidate) = load(cx, &mut schema, default_draft) {
                candidates.insert(i, candidate);
            }
            registry.entries.push(schema);
        }

        registry.index_uris(&mut candidates, cx);
        registry.classify_refs(&mut candidates, cx);
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

    /// Registers each candidate under its `file:` URI and its `$id`s; a second schema
    /// claiming a taken `$id` is a problem and leaves the candidates.
    fn index_uris(&mut self, candidates: &mut BTreeMap<usize, Candidate>, cx: &CheckContext<'_>) {
        for &i in candidates.keys() {
            self.by_uri.insert(self.entries[i].file_uri.clone(), i);
        }
        let mut dropped = Vec::new();
        for (&i, candidate) in candidates.iter_mut() {
            let id_keyword = if self.entries[i].draft == Draft::Draft4 {
                "id"
            } else {
                "$id"
            };
            let (ids, found_refs) =
                refs::scan(&candidate.doc, &self.entries[i].file_uri, id_keyword);
            candidate.refs = found_refs;
            candidate.ids = ids.clone();
            for site in ids {
                if site.pointer.is_empty() {
                    self.entries[i].id = Some(site.uri.clone());
                }
                match self.by_uri.get(&site.uri) {
                    Some(&other) if other != i => {
                        let other_path = self.entries[other].path.clone();
                        let mut at = site.pointer.clone();
                        push_token(&mut at, id_keyword);
                        let span = position(cx, &self.entries[i].path, &at);
                        self.entries[i].problems.push(SchemaProblem {
                            span,
                            message: format!(
                                "`{id_keyword}` `{}` is already declared by {other_path}",
                                site.uri
                            ),
                            help: "give each schema its own `$id` (a new major version is a \
                                   new file with a new `$id`)"
                                .to_string(),
                        });
                        dropped.push(i);
                    }
                    _ => {
                        self.by_uri.insert(site.uri, i);
                    }
                }
            }
        }
        for i in dropped {
            candidates.remove(&i);
            self.by_uri.retain(|_, owner| *owner != i);
        }
    }

    /// Sorts each reference into local, local-by-path (rewritten), remote or unresolved.
    fn classify_refs(
        &mut self,
        candidates: &mut BTreeMap<usize, Candidate>,
        cx: &CheckContext<'_>,
    ) {
        let mut dropped = Vec::new();
        for (&i, candidate) in candidates.iter_mut() {
            let file_uri = self.entries[i].file_uri.clone();
            let mut problems = Vec::new();
            for site in &candidate.refs {
                let span = || position(cx, &self.entries[i].path, &site.pointer);
                let target = match &site.resolved {
                    Ok(_) => site.target().unwrap_or_default().to_string(),
                    Err(err) => {
                        problems.push(SchemaProblem {
                            span: span(),
                            message: format!("`$ref` `{}` is not a valid URI reference: {err}", site.text),
                            help: "write a relative path (`common.v1.schema.json#/$defs/name`), an \
                                   `$id` of a schema under the schemas directory, or a `#/...` pointer"
                                .to_string(),
                        });
                        continue;
                    }
                };
                if let Some(&dep) = self.by_uri.get(&target) {
                    if dep != i {
                        candidate.deps.insert(dep);
                    }
                    continue;
                }
                // A document's own base (a nested `$id` not separately registered, or the
                // document before it declares one) is local too.
                if target == file_uri || self.entries[i].id.as_deref() == Some(target.as_str()) {
                    continue;
                }
                if site.is_relative()
                    && let Ok(by_path) = refs::resolve(&file_uri, &site.text)
                {
                    let by_path_doc = by_path.split('#').next().unwrap_or(&by_path).to_string();
                    if let Some(&dep) = self.by_uri.get(&by_path_doc) {
                        candidate
                            .rewrites
                            .push((site.pointer.clone(), by_path.clone()));
                        if dep != i {
                            candidate.deps.insert(dep);
                        }
                        continue;
                    }
                }
                problems.push(unresolved_problem(site, &target, span()));
            }
            if !problems.is_empty() {
                self.entries[i].problems.extend(problems);
                dropped.push(i);
            }
        }
        for i in dropped {
            candidates.remove(&i);
        }
    }

    /// Drops, until nothing changes, every candidate that references a schema that is not a
    /// candidate any more: it cannot compile without it.
    fn drop_broken_dependents(&mut self, candidates: &mut BTreeMap<usize, Candidate>) {
        loop {
            let broken: Vec<(usize, usize)> = candidates
                .iter()
                .filter_map(|(&i, c)| {
                    c.deps
                        .iter()
                        .find(|d| !candidates.contains_key(d))
                        .map(|&d| (i, d))
                })
                .collect();
            if broken.is_empty() {
                return;
            }
            for (i, dep) in broken {
                let dep_path = self.entries[dep].path.clone();
                self.entries[i].problems.push(SchemaProblem {
                    span: None,
                    message: format!(
                        "references {dep_path}, which cannot be compiled, so this schema cannot \
                         be compiled either"
                    ),
                    help: format!("fix {dep_path} first (see its own finding)"),
                });
                candidates.remove(&i);
            }
        }
    }

    /// The `$ref` cycles that pass through no constraint ([`crate::ref_cycles`]), each as a
    /// problem of the schema holding its first node.
    fn ref_cycle_problems(
        &self,
        candidates: &BTreeMap<usize, Candidate>,
        cx: &CheckContext<'_>,
    ) -> Vec<(usize, SchemaProblem)> {
        let mut graph = RefGraph::default();
        for (&i, c) in candidates {
            graph
                .resources
                .insert(self.entries[i].file_uri.clone(), (i, String::new()));
            for site in &c.ids {
                graph
                    .resources
                    .entry(site.uri.clone())
                    .or_insert((i, site.pointer.clone()));
            }
            let mut refs = BTreeMap::new();
            for site in &c.refs {
                let (Some(object), Ok(resolved)) =
                    (site.pointer.strip_suffix("/$ref"), &site.resolved)
                else {
                    continue;
                };
                let uri = c
                    .rewrites
                    .iter()
                    .find(|(p, _)| *p == site.pointer)
                    .map_or(resolved, |(_, uri)| uri);
                refs.insert(object.to_string(), uri.clone());
            }
            let draft = self.entries[i].draft;
            graph.docs.insert(
                i,
                Doc {
                    value: &c.doc,
                    ignores_ref_siblings: matches!(
                        draft,
                        Draft::Draft4 | Draft::Draft6 | Draft::Draft7
                    ),
                    refs,
                },
            );
        }
        graph
            .cycles()
            .into_iter()
            .filter_map(|cycle| {
                let (first, first_pointer) = cycle.nodes.first()?.clone();
                let name = |(d, p): &(usize, String)| {
                    if *d == first {
                        format!("#{p}")
                    } else {
                        format!("{}#{p}", self.entries[*d].path)
                    }
                };
                let mut shown: Vec<String> = cycle.nodes.iter().map(name).collect();
                shown.push(name(&(first, first_pointer.clone())));
                let mut at = first_pointer.clone();
                push_token(&mut at, "$ref");
                let why = if cycle.ignored_siblings {
                    "every schema on it is only a `$ref` (its draft ignores the keywords \
                     beside a `$ref`)"
                } else {
                    "every schema on it is only a `$ref`"
                };
                Some((
                    first,
                    SchemaProblem {
                        span: position(cx, &self.entries[first].path, &at),
                        message: format!(
                            "`$ref` cycle constrains nothing: {}; {why}, so it accepts any value",
                            shown.join(" -> ")
                        ),
                        help: "give one schema on the cycle a real constraint (`type`, \
                               `properties`, ...) or point its `$ref` at the schema it was \
                               meant to use"
                            .to_string(),
                    },
                ))
            })
            .collect()
    }

    /// Registers every remaining candidate in one resource registry and compiles each once.
    fn compile(&mut self, candidates: BTreeMap<usize, Candidate>, cx: &CheckContext<'_>) {
        let docs: Vec<(usize, Value, bool)> = candidates
            .into_iter()
            .map(|(i, c)| {
                let mut doc = Value::clone(&c.doc);
                for (pointer, uri) in c.rewrites {
                    refs::set_string(&mut doc, &pointer, uri);
                }
                (i, doc, c.declared)
            })
            .collect();
        let mut builder = Registry::new().retriever(Refuse(self.refused.clone()));
        let mut failed_add = Vec::new();
        for (i, doc, _) in &docs {
            match builder.clone().add(&self.entries[*i].file_uri, doc) {
                Ok(next) => builder = next,
                Err(err) => failed_add.push((*i, err.to_string())),
            }
        }
        for (i, err) in failed_add {
            self.entries[i].problems.push(SchemaProblem {
                span: None,
                message: format!("schema cannot be registered: {err}"),
                help: "check the file name and `$id` are valid URIs".to_string(),
            });
        }
        let shared = builder.prepare();
        for (i, doc, declared) in &docs {
            if !self.entries[*i].problems.is_empty() {
                continue;
            }
            let result = match &shared {
                Ok(registry) => self.compile_one(cx, registry, *i, doc, *declared),
                // The shared registry is expected to prepare (every reference was classified
                // above); if it does not, fall back to one registry per schema holding its
                // own document only, so the error lands on the schema that causes it.
                Err(_) => match Registry::new()
                    .retriever(Refuse(self.refused.clone()))
                    .add(&self.entries[*i].file_uri, doc)
                    .and_then(|b| b.prepare())
                {
                    Ok(own) => self.compile_one(cx, &own, *i, doc, *declared),
                    Err(err) => Err(SchemaProblem {
                        span: None,
                        message: format!("schema references cannot be resolved: {err}"),
                        help: "refer only to schemas under the schemas directory".to_string(),
                    }),
                },
            };
            match result {
                Ok(validator) => self.entries[*i].validator = Some(validator),
                Err(problem) => self.entries[*i].problems.push(problem),
            }
        }
    }

    fn compile_one(
        &self,
        cx: &CheckContext<'_>,
        registry: &Registry<'_>,
        i: usize,
        doc: &Value,
        declared: bool,
    ) -> Result<Validator, SchemaProblem> {
        let entry = &self.entries[i];
        let mut options = jsonschema::options()
            .with_registry(registry)
            .with_retriever(Refuse(self.refused.clone()))
            .with_base_uri(entry.file_uri.clone());
        if !declared {
            options = options.with_draft(entry.draft);
        }
        COMPILATIONS.fetch_add(1, Ordering::SeqCst);
        options.build(doc).map_err(|err| {
            let keyword = err.kind().keyword().to_string();
            let pointer = err.instance_path().as_str().to_string();
            let at = if pointer.is_empty() {
                "the root".to_string()
            } else {
                format!("`{pointer}`")
            };
            SchemaProblem {
                span: position(cx, &entry.path, &pointer),
                message: format!(
                    "schema does not compile as {}: {err} (at {at}, meta-schema keyword `{keyword}`)",
                    draft_name(entry.draft)
                ),
                help: format!(
                    "fix the value at {at} so that the schema is valid {}",
                    draft_name(entry.draft)
                ),
            }
        })
    }
}

/// The position of a JSON pointer in a file's text, if it can be found.
pub fn position(cx: &CheckContext<'_>, path: &RepoPath, pointer: &str) -> Option<Span> {
    let text = cx.files.text(path).ok()?;
    let found = locate_json(text, pointer)?;
    Some(found.key.unwrap_or(found.value))
}

/// Parses one schema file into a candidate, or records why it cannot be one.
fn load(
    cx: &CheckContext<'_>,
    schema: &mut SchemaEntry,
    default_draft: Draft,
) -> Option<Candidate> {
    let problem = |span: Option<Span>, message: String, help: &str| SchemaProblem {
        span,
        message,
        help: help.to_string(),
    };
    let doc = match cx.files.json(&schema.path).map_err(LoadError::json) {
        Ok(doc) => doc,
        Err(err) => {
            schema.problems.push(problem(
                err.span,
                format!("schema {}", err.message),
                &err.help("schema"),
            ));
            return None;
        }
    };
    if !doc.is_object() && !doc.is_boolean() {
        schema.problems.push(problem(
            Some(Span::new(1, 1)),
            format!(
                "a schema must be a JSON object or a boolean, found {}",
                kind_of(doc)
            ),
            "wrap the schema in an object: `{\"type\": ...}`",
        ));
        return None;
    }
    schema.value = Some(Arc::new(doc.clone()));
    let mut declared = false;
    if let Some(meta) = doc.get("$schema") {
        let Some(draft) = meta.as_str().and_then(draft_of_meta) else {
            schema.problems.push(problem(
                position(cx, &schema.path, "/$schema"),
                format!(
                    "`$schema` {meta} is not a JSON Schema draft ops-check knows; meta-schemas \
                     are never fetched"
                ),
                "declare one of https://json-schema.org/draft/2020-12/schema, \
                 .../draft/2019-09/schema, http://json-schema.org/draft-07/schema#, draft-06, \
                 draft-04",
            ));
            return None;
        };
        schema.draft = draft;
        declared = true;
    } else {
        schema.draft = default_draft;
    }
    Some(Candidate {
        doc: Arc::new(doc.clone()),
        refs: Vec::new(),
        ids: Vec::new(),
        rewrites: Vec::new(),
        deps: BTreeSet::new(),
        declared,
    })
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The problem for a reference that names no schema of the registry.
fn unresolved_problem(site: &RefSite, target: &str, span: Option<Span>) -> SchemaProblem {
    // Written as an absolute URI with a scheme other than `file:`: it would need fetching.
    // A relative reference that misses is a missing local file, whatever the base.
    let remote = !site.is_relative() && has_scheme(target) && scheme(target) != "file";
    if remote {
        return SchemaProblem {
            span,
            message: format!(
                "remote `$ref` `{}` is not fetched: ops-check resolves references only within \
                 the schemas directory",
                site.text
            ),
            help: format!(
                "vendor the referenced schema under the schemas directory (keep its `$id` \
                 `{target}` so this reference resolves locally), or refer to a local schema by \
                 relative path"
            ),
        };
    }
    let looked = path_of_file_uri(target).unwrap_or_else(|| target.to_string());
    SchemaProblem {
        span,
        message: format!(
            "`$ref` `{}` does not resolve: no schema is registered at `{looked}`",
            site.text
        ),
        help: "point the reference at an existing schema file (relative to this file) or at \
               the `$id` of a schema under the schemas directory"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;
    use serde_json::json;

    fn problems(reg: &SchemaRegistry) -> Vec<String> {
        reg.entries()
            .iter()
            .flat_map(|e| {
                e.problems.iter().map(move |p| {
                    let at = p
                        .span
                        .map(|s| format!(":{}:{}", s.line, s.column))
                        .unwrap_or_default();
                    format!("{}{at}: {}", e.path, p.message)
                })
            })
            .collect()
    }

    fn build(repo: &TestRepo) -> SchemaRegistry {
        let cx = repo.context();
        SchemaRegistry::build(&cx.cx())
    }

    #[test]
    fn local_refs_by_path_and_id_with_cycles_compile() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/common.v1.schema.json",
                r##"{"$id": "https://atlas.example/schemas/common.v1.schema.json",
                    "$defs": {"name": {"type": "string", "minLength": 1},
                              "tree": {"type": "object", "properties": {"child": {"$ref": "#/$defs/tree"},
                                        "suite": {"$ref": "load/suite.v1.schema.json"}}}}}"##,
            )
            .file(
                "ops/_schemas/load/suite.v1.schema.json",
                r##"{"$schema": "http://json-schema.org/draft-07/schema#",
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"$ref": "../common.v1.schema.json#/$defs/name"},
                                   "again": {"$ref": "https://atlas.example/schemas/common.v1.schema.json#/$defs/tree"},
                                   "self": {"$ref": "#"}}}"##,
            )
            .file("ops/_schemas/INDEX.md", "# schemas\n");
        let reg = build(&repo);
        assert_eq!(problems(&reg), Vec::<String>::new());
        assert_eq!(reg.entries().len(), 2);
        let suite = reg.get("ops/_schemas/load/suite.v1.schema.json").unwrap();
        assert_eq!(suite.draft, Draft::Draft7);
        let v = suite.validator().unwrap();
        assert!(v.is_valid(&json!({"name": "smoke", "self": {"name": "x"}})));
        assert!(!v.is_valid(&json!({"name": ""})));
        assert!(!v.is_valid(&json!({"name": "a", "again": {"child": {"suite": {"name": 3}}}})));
        assert!(
            reg.by_uri("https://atlas.example/schemas/common.v1.schema.json#x")
                .is_some()
        );
        assert!(reg.refused().is_empty(), "{:?}", reg.refused());
    }

    #[test]
    fn remote_refs_are_reported_and_never_requested() {
        let repo = TestRepo::new()
            .file(
                "ops/_schemas/remote.v1.schema.json",
                "{\n  \"properties\": {\n    \"x\": {\"$ref\": \"https://example.com/x.json\"}\n  }\n}\n",
            )
            .file(
                "ops/_schemas/user.v1.schema.json",
                r#"{"properties": {"r": {"$ref": "remote.v1.schema.json"}}}"#,
            )
            .file("ops/_schemas/fine.v1.schema.json", r#"{"type": "object"}"#);
        let reg = build(&repo);
        let found = problems(&reg);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("ops/_schemas/remote.v1.schema.json:3:11: remote `$ref` `https://example.com/x.json`"), "{found:#?}");
        assert!(
            found[1].contains("references ops/_schemas/remote.v1.schema.json"),
            "{found:#?}"
        );
        assert!(
            reg.get("ops/_schemas/fine.v1.schema.json")
                .unwrap()
                .validator()
                .is_some()
        );
        assert!(reg.refused().is_empty());
    }

    #[test]
    fn invalid_documents_are_problems_with_positions() {
        let repo = TestRepo::new()
            .file("ops/_schemas/syntax.v1.schema.json", "{\n  \"type\": ,\n}")
            .file(
                "ops/_schemas/bad-type.v1.schema.json",
                "{\n  \"properties\": {\n    \"a\": {\"type\": \"strin\"}\n  }\n}",
            )
            .file("ops/_schemas/array.v1.schema.json", "[1]")
            .file(
                "ops/_schemas/meta.v1.schema.json",
                r#"{"$schema": "https://atlas.example/meta"}"#,
            )
            .file(
                "ops/_schemas/missing.v1.schema.json",
                r#"{"$ref": "nope.v1.schema.json"}"#,
            )
            .file("ops/_schemas/a.v1.schema.json", r#"{"$id": "urn:atlas:a"}"#)
            .file("ops/_schemas/b.v1.schema.json", r#"{"$id": "urn:atlas:a"}"#)
            .file(
                "ops/_schemas/schemas.lock.json",
                "not json, and not a schema",
            );
        let reg = build(&repo);
        let found = problems(&reg).join("\n");
        for expected in [
            "ops/_schemas/array.v1.schema.json:1:1: a schema must be a JSON object or a boolean, found an array",
            "ops/_schemas/b.v1.schema.json:1:2: `$id` `urn:atlas:a` is already declared by ops/_schemas/a.v1.schema.json",
            "ops/_schemas/bad-type.v1.schema.json:3:11: schema does not compile as 2020-12:",
            "meta-schema keyword `anyOf`",
            "ops/_schemas/meta.v1.schema.json:1:2: `$schema` \"https://atlas.example/meta\" is not a JSON Schema draft",
            "ops/_schemas/missing.v1.schema.json:1:2: `$ref` `nope.v1.schema.json` does not resolve: no schema is registered at `ops/_schemas/nope.v1.schema.json`",
            "ops/_schemas/syntax.v1.schema.json:2:11: schema is not valid JSON",
        ] {
            assert!(found.contains(expected), "missing {expected:?} in\n{found}");
        }
        assert!(reg.get("ops/_schemas/schemas.lock.json").is_none());
    }
}
