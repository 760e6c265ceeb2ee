//! Step 6 of the pipeline: one resource registry, each schema compiled once against it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::{Registry, RegistryBuilder, Retrieve, Uri, Validator};
use ops_model::CheckContext;
use ops_model::shared::scoped_map;
use serde_json::Value;

use super::load::position;
use super::{COMPILATIONS, Candidate, SchemaProblem, SchemaRegistry};
use crate::draft::draft_name;
use crate::refs;

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

/// A document that does not register on its own (its URI).
fn cannot_register(err: &impl std::fmt::Display) -> SchemaProblem {
    SchemaProblem {
        warning: false,
        span: None,
        message: format!("schema cannot be registered: {err}"),
        help: "check the file name and `$id` are valid URIs".to_string(),
    }
}

/// The most documents a schema's own registry holds (itself and what it references);
/// past it the schema is compiled against the shared registry (correct, slower).
pub(super) const OWN_REGISTRY_MAX: usize = 64;

/// A candidate ready to register: its document with relative references rewritten.
struct Doc {
    /// Index into the registry's entries.
    entry: usize,
    value: Arc<Value>,
    declared: bool,
    /// The entries it references.
    deps: BTreeSet<usize>,
}

impl SchemaRegistry {
    /// Registers every remaining candidate in one resource registry and compiles each once.
    pub(super) fn compile(
        &mut self,
        candidates: BTreeMap<usize, Candidate>,
        cx: &CheckContext<'_>,
    ) {
        // A document without rewrites is registered as it was parsed (shared, not copied):
        // at 100,000 files the schemas are 2,194 documents, and every copy is held until
        // the last one is compiled.
        let docs: Vec<Doc> = candidates
            .into_iter()
            .map(|(i, c)| {
                let value = if c.rewrites.is_empty() {
                    c.doc
                } else {
                    let mut doc = Value::clone(&c.doc);
                    for (pointer, uri) in c.rewrites {
                        refs::set_string(&mut doc, &pointer, uri);
                    }
                    Arc::new(doc)
                };
                Doc {
                    entry: i,
                    value,
                    declared: c.declared,
                    deps: c.deps,
                }
            })
            .collect();
        // Each document is first registered on its own (cheap, linear): one that does not
        // register alone is reported and left out.
        let mut accepted: Vec<usize> = Vec::new();
        for (n, doc) in docs.iter().enumerate() {
            match self
                .builder()
                .add(&self.entries[doc.entry].file_uri, doc.value.as_ref())
            {
                Ok(_) => accepted.push(n),
                Err(err) => self.entries[doc.entry].problems.push(cannot_register(&err)),
            }
        }
        // Entry -> its document, for the documents registered.
        let registered: BTreeMap<usize, usize> =
            accepted.iter().map(|&n| (docs[n].entry, n)).collect();
        // The registry of every document, built only when a schema needs it (its own
        // registry would be too large or does not prepare). `RegistryBuilder::add` copies
        // every document added before (referencing 0.61 rebuilds its pending map per
        // add), so building it costs N² in the number of schemas: at 1,000 schemas it was
        // a fifth of the run's instructions (callgrind), for a registry most runs never use.
        let shared: OnceLock<Result<Registry<'_>, String>> = OnceLock::new();
        // Compiled on the run's threads: the registry is built while the run's other workers
        // wait for it (at 100,000 files, 0.4 s with one of two cores idle).
        let todo: Vec<&Doc> = docs
            .iter()
            .filter(|doc| self.entries[doc.entry].problems.is_empty())
            .collect();
        let results = scoped_map(&todo, |doc| {
            match self.own_registry(&docs, &registered, doc) {
                Some(own) => self.compile_one(cx, &own, doc),
                None => match shared.get_or_init(|| self.shared_registry(&docs, &accepted)) {
                    Ok(registry) => self.compile_one(cx, registry, doc),
                    // The shared registry is expected to prepare (every reference was
                    // classified above); if it does not, the schema is compiled against a
                    // registry of its own document only, so that the error lands on the
                    // schema that causes it.
                    Err(_) => self.compile_alone(cx, doc),
                },
            }
        });
        for (doc, result) in todo.iter().zip(results) {
            let entry = &mut self.entries[doc.entry];
            match result {
                Ok(validator) => entry.validator = Some(validator),
                Err(problem) => entry.problems.push(problem),
            }
        }
    }

    /// Compiles `doc` against a registry of its own document only.
    fn compile_alone(&self, cx: &CheckContext<'_>, doc: &Doc) -> Result<Validator, SchemaProblem> {
        match self
            .builder()
            .add(&self.entries[doc.entry].file_uri, doc.value.as_ref())
            .and_then(|b| b.prepare())
        {
            Ok(own) => self.compile_one(cx, &own, doc),
            Err(err) => Err(SchemaProblem {
                warning: false,
                span: None,
                message: format!("schema references cannot be resolved: {err}"),
                help: "refer only to schemas under the schemas directory".to_string(),
            }),
        }
    }

    /// An empty registry whose retriever refuses every fetch and records it.
    fn builder(&self) -> RegistryBuilder<'static> {
        Registry::new().retriever(Refuse(self.refused.clone()))
    }

    /// The registry of every document of `accepted` (each registers on its own), prepared.
    fn shared_registry<'d>(
        &self,
        docs: &'d [Doc],
        accepted: &[usize],
    ) -> Result<Registry<'d>, String> {
        let mut builder = self.builder();
        for &n in accepted {
            let doc = &docs[n];
            builder = builder
                .add(&self.entries[doc.entry].file_uri, doc.value.as_ref())
                .map_err(|e| e.to_string())?;
        }
        builder.prepare().map_err(|e| e.to_string())
    }

    /// A registry of `doc` and the registered documents it references, directly or through
    /// others: everything compiling it can resolve, since every reference was classified
    /// before (an unresolved one drops the schema). `None` when that is more than
    /// [`OWN_REGISTRY_MAX`] documents or it does not prepare: the caller compiles against
    /// the shared registry then.
    ///
    /// Why not always the shared one: `jsonschema` adds the schema being compiled to a copy
    /// of the registry it is given (`build_validator` calls `Registry::add`, which clones
    /// every table), so compiling N schemas against one registry of N costs N²: at 100,000
    /// files (2,194 schemas) that was 60% of an SCH002-only run's CPU.
    fn own_registry<'d>(
        &self,
        docs: &'d [Doc],
        registered: &BTreeMap<usize, usize>,
        doc: &'d Doc,
    ) -> Option<Registry<'d>> {
        let mut closure: BTreeSet<usize> = BTreeSet::new();
        let mut todo: Vec<usize> = doc.deps.iter().copied().collect();
        while let Some(dep) = todo.pop() {
            if dep == doc.entry || !closure.insert(dep) {
                continue;
            }
            if closure.len() > OWN_REGISTRY_MAX {
                return None;
            }
            // A dependency that is not registered is missing from the shared registry too:
            // leave it out, the compile reports it the same way.
            if let Some(&n) = registered.get(&dep) {
                todo.extend(docs[n].deps.iter().copied());
            }
        }
        // Refusals while preparing this registry are not recorded: a refusal here only
        // sends the schema back to the shared registry, where it is recorded if it recurs.
        let mut builder = Registry::new()
            .retriever(Refuse(Arc::new(Mutex::new(Vec::new()))))
            .add(&self.entries[doc.entry].file_uri, doc.value.as_ref())
            .ok()?;
        for dep in closure {
            let Some(&n) = registered.get(&dep) else {
                continue;
            };
            builder = builder
                .add(&self.entries[dep].file_uri, docs[n].value.as_ref())
                .ok()?;
        }
        builder.prepare().ok()
    }

    fn compile_one(
        &self,
        cx: &CheckContext<'_>,
        registry: &Registry<'_>,
        doc: &Doc,
    ) -> Result<Validator, SchemaProblem> {
        let entry = &self.entries[doc.entry];
        let mut options = jsonschema::options()
            .with_registry(registry)
            .with_retriever(Refuse(self.refused.clone()))
            .with_pattern_cache(self.patterns.clone())
            .with_base_uri(entry.file_uri.clone());
        if !doc.declared {
            options = options.with_draft(entry.draft);
        }
        COMPILATIONS.fetch_add(1, Ordering::SeqCst);
        options.build(&doc.value).map_err(|err| {
            let keyword = err.kind().keyword().to_string();
            let pointer = err.instance_path().as_str().to_string();
            let at = if pointer.is_empty() {
                "the root".to_string()
            } else {
                format!("`{pointer}`")
            };
            SchemaProblem {
                warning: false,
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
