//! Step 6 of the pipeline: one resource registry, each schema compiled once against it.

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use jsonschema::{Registry, Retrieve, Uri, Validator};
use ops_model::CheckContext;
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

impl SchemaRegistry {
    /// Registers every remaining candidate in one resource registry and compiles each once.
    pub(super) fn compile(
        &mut self,
        candidates: BTreeMap<usize, Candidate>,
        cx: &CheckContext<'_>,
    ) {
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
        // `add` consumes the builder, so a failed add would lose everything added before it.
        // Each document is first tried on its own (cheap, linear), and only those that
        // register alone are added to the shared builder, without cloning it per schema:
        // cloning it made this quadratic in the number of schemas (2,000 schemas: SCH002
        // took 2.9-3.4 s CPU in a debug build, see the commit).
        let fresh = || Registry::new().retriever(Refuse(self.refused.clone()));
        let mut failed_add = Vec::new();
        let mut accepted: Vec<usize> = Vec::new();
        for (n, (i, doc, _)) in docs.iter().enumerate() {
            match fresh().add(&self.entries[*i].file_uri, doc) {
                Ok(_) => accepted.push(n),
                Err(err) => failed_add.push((*i, err.to_string())),
            }
        }
        let mut builder = fresh();
        let mut added: Vec<usize> = Vec::new();
        for n in accepted {
            let (i, doc, _) = &docs[n];
            match builder.add(&self.entries[*i].file_uri, doc) {
                Ok(next) => {
                    builder = next;
                    added.push(n);
                }
                Err(err) => {
                    // Registers alone but not beside the others (a clash of URIs): report
                    // it and rebuild from what was added, a rare path.
                    failed_add.push((*i, err.to_string()));
                    builder = fresh();
                    for &m in &added {
                        let (j, doc, _) = &docs[m];
                        if let Ok(next) = builder.add(&self.entries[*j].file_uri, doc) {
                            builder = next;
                        } else {
                            builder = fresh();
                        }
                    }
                }
            }
        }
        for (i, err) in failed_add {
            self.entries[i].problems.push(SchemaProblem {
                warning: false,
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
                        warning: false,
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
