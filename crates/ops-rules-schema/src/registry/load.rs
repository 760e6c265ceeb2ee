//! Step 1 of the pipeline: each schema file parsed through the file cache and checked to be
//! a schema of a known draft.

use std::collections::BTreeSet;
use std::sync::Arc;

use jsonschema::Draft;
use ops_model::{CheckContext, RepoPath, Span};
use serde_json::Value;

use super::{Candidate, SchemaEntry, SchemaProblem};
use crate::draft::draft_of_meta;
use crate::load_error::LoadError;
use ops_syntax::parsed;

/// The position of a JSON pointer in a file, if it can be found: from the file's shared
/// YAML parse (JSON is YAML 1.2), read once however many problems it has.
pub fn position(cx: &CheckContext<'_>, path: &RepoPath, pointer: &str) -> Option<Span> {
    let file = cx.files.source(path).ok()?;
    let stream = parsed::yaml(&file).ok()?;
    let found = stream.0.as_ref().ok()?.first()?.position(pointer)?;
    Some(found.key.unwrap_or(found.value))
}

/// Parses one schema file into a candidate, or records why it cannot be one.
pub(super) fn load(
    cx: &CheckContext<'_>,
    schema: &mut SchemaEntry,
    default_draft: Draft,
) -> Option<Candidate> {
    let problem = |span: Option<Span>, message: String, help: &str| SchemaProblem {
        warning: false,
        span,
        message,
        help: help.to_string(),
    };
    let doc = match cx.files.json_shared(&schema.path).map_err(LoadError::json) {
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
    // The cache's document, shared by the entry and the candidate: a copy of every
    // schema was 18 MiB of the peak at 100,000 files (heaptrack).
    let value = Arc::clone(doc);
    schema.value = Some(value.clone());
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
        doc: value,
        refs: Vec::new(),
        ids: Vec::new(),
        rewrites: Vec::new(),
        deps: BTreeSet::new(),
        declared,
    })
}

pub(super) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
