//! SCH004 manifest-invalid: every manifest bound to a schema validates against it.

use crate::binding::ManifestScope;
use jsonschema::error::ValidationErrorKind;
use ops_model::{
    CheckContext, FileInfo, Finding, Rule, RuleMeta, ScanOutput, Severity, SourceFile, Span,
    declare_rule,
};

use crate::manifest::{Binding, Loaded, load, not_checked};
use crate::pointer::percent_decode;
use crate::refs::path_of_file_uri;
use crate::registry::{SchemaEntry, SchemaRegistry};
use ops_syntax::yaml::NodePosition;

/// At most this many errors are reported per manifest document; the rest are counted.
const MAX_ERRORS: usize = 20;

declare_rule! {
    /// Manifests bound to a schema validate against it.
    pub ManifestInvalid {
        code: "SCH004",
        slug: "manifest-invalid",
        clause: "`make ops-contracts-check` is the required gate for schema conformance.",
        severity: Error,
        summary: "every manifest bound to a schema validates against it",
        budgets: ["yaml", "schema"],
        explanation: r#"## What

Every JSON or YAML manifest under `ops/` that is bound to a schema (see SCH005 for how a
manifest is bound) must validate against that schema. Each error is reported like a compiler
error: the manifest's path with the line and column of the failing value, the JSON pointer of
the value inside the manifest, the schema keyword that failed and where in the schema it is,
and a readable message.

YAML manifests are converted to JSON values before validation (every document of a YAML
stream is validated on its own); their positions come from the YAML parser. At most 20 errors
are listed per document, then a count of the rest.

Every finding says how the manifest was bound ("bound by the naming convention
`<name>.v1.schema.json`", "bound by the meta-file convention ...", "bound by `$schema: ...`"),
so a surprising binding can be seen and corrected. A binding made by inference (SCH005, rule 6:
the manifest names no schema, and it is the one schema of its domain whose name starts with
its stem) is a guess: its findings are **warnings** that say so, never errors. The surface
declaration (`ops/_meta/surface.json`) is SCH008's, whatever schema it is validated against.

A bound manifest that does not parse is reported here too. So is a manifest bound by a
`[[schema.bindings]]` glob whose content cannot be read: not UTF-8 text or a read error is
an error, a file over `limits.max_file_size` a warning (it was not validated). An unreadable
file that no glob binds may or may not claim a schema; SCH005 reports it. Files in
`ops/_meta/` that do not parse are SCH008's findings instead.

## Why

Manifests are read by automation. The Ops Contract promises that `v1` manifests stay stable
for automation and CI consumers; a manifest that does not match its schema breaks that promise
at the worst moment, when a consumer reads it. Validation is the gate that keeps a broken
manifest from landing.

## Fix

Change the value at the reported position so it satisfies the keyword named in the message.
If the manifest is right and the schema is too strict, change the schema: additively within
its major version, or as a new major version (see SCH006).

## Example

```text
ops/load/suites/smoke.json:7:14: SCH004 `/scenarios/0/vus`: "two" is not of type "integer"
  (keyword `type` at ops/_schemas/load/suite.v1.schema.json#/$defs/scenario/properties/vus/type)
  help: change the value at `/scenarios/0/vus` to match `type` in the schema
```
"#,
    }
}

impl Rule for ManifestInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// From the path alone: a JSON/YAML file under `ops/`, outside the schemas directory and
    /// exempt trees, that is not the surface declaration (SCH008's, whatever schema it is
    /// validated against).
    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        let path = file.path();
        path.as_str() != cx.contract.surface.surface_file
            && ManifestScope::new(cx.contract).is_candidate(path)
    }

    /// Validates one manifest against the schema it is bound to.
    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let registry = SchemaRegistry::of(cx);
        let scope = ManifestScope::new(cx.contract);
        let findings = &mut out.findings;
        let path = file.path();
        let glob_bound = scope.glob_binding(path).is_some();
        if !scope.binds_by_path(&*registry, path) && !scope.may_claim(file) {
            return;
        }
        let loaded = match load(file) {
            Ok(loaded) => loaded,
            Err(err) => {
                // Only files known to be manifests are reported; an unrelated file that
                // merely mentions `$schema` in a comment is not ours to judge. An
                // unreadable file not bound by a glob is SCH005's: nobody can tell
                // whether it claims a schema.
                if scope.is_meta(path) {
                    return;
                }
                if err.unreadable() {
                    if glob_bound {
                        findings.push(not_checked(
                            &Self::META,
                            path,
                            &err,
                            "manifest",
                            "so it was not validated",
                        ));
                    }
                    return;
                }
                let mut f = Finding::new(
                    &Self::META,
                    path.clone(),
                    format!("manifest {}", err.message),
                )
                .help(err.help("manifest"));
                if let Some(span) = err.span {
                    f = f.at(span);
                }
                findings.push(f);
                return;
            }
        };
        let docs = loaded.documents();
        let multi = docs.len() > 1;
        for (n, doc) in docs.into_iter().enumerate() {
            let Binding::Bound {
                schema,
                how,
                inferred,
            } = scope.bind(&*registry, path, &doc.fields)
            else {
                continue;
            };
            // A guessed binding never fails CI: its findings are warnings.
            let severity = |f: Finding| {
                if inferred {
                    f.severity(Severity::Warning)
                } else {
                    f
                }
            };
            let Some(validator) = schema.validator() else {
                // SCH002 reports the schema; validating against nothing proves nothing.
                continue;
            };
            let prefix = if multi {
                format!("document {}: ", n + 1)
            } else {
                String::new()
            };
            for d in doc.diagnostics {
                let f = diagnostic_finding(path, &prefix, &how, d);
                findings.push(if d.severity == Severity::Error {
                    severity(f)
                } else {
                    f
                });
            }
            let Some(doc) = doc.value else {
                continue;
            };
            let mut errors = validator.iter_errors(doc);
            for err in errors.by_ref().take(MAX_ERRORS) {
                findings.push(severity(error_finding(
                    &registry, schema, &loaded, n, &prefix, &how, path, &err,
                )));
            }
            let rest = errors.count();
            if rest > 0 {
                findings.push(severity(
                    Finding::new(
                        &Self::META,
                        path.clone(),
                        format!(
                            "{prefix}{rest} more validation errors against {} not listed \
                             (bound by {how})",
                            schema.path
                        ),
                    )
                    .help("fix the errors above and run the check again"),
                ));
            }
        }
    }

    /// Everything is reported by the scan pass.
    fn check(&self, _cx: &CheckContext<'_>) -> Vec<Finding> {
        Vec::new()
    }
}

#[allow(clippy::too_many_arguments)]
fn error_finding(
    registry: &SchemaRegistry,
    schema: &SchemaEntry,
    loaded: &Loaded<'_>,
    doc: usize,
    prefix: &str,
    how: &str,
    path: &ops_model::RepoPath,
    err: &jsonschema::ValidationError<'_>,
) -> Finding {
    let pointer = err.instance_path().as_str().to_string();
    let keyword = err.kind().keyword().to_string();
    let shown = if pointer.is_empty() {
        "/"
    } else {
        pointer.as_str()
    };
    let location = keyword_location(registry, schema, err);
    let unexpected = unexpected_key(err);
    let span = failing_span(err, |p| loaded.position(doc, p));
    let help = match (err.kind(), &unexpected) {
        (ValidationErrorKind::Required { property }, _) => format!(
            "add {property} to the object at `{shown}`, or remove it from `required` in the schema"
        ),
        (_, Some(key)) => format!(
            "remove `{key}` from the object at `{shown}`, or declare it in the schema (a new \
             optional property is an additive change)"
        ),
        (ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. }, _) => {
            format!("use one of the values the schema allows at `{shown}`")
        }
        _ => format!("change the value at `{shown}` to match `{keyword}` in the schema"),
    };
    let mut finding = Finding::new(
        &ManifestInvalid::META,
        path.clone(),
        format!("{prefix}`{shown}`: {err} (keyword `{keyword}` at {location}; bound by {how})"),
    )
    .help(help);
    if let Some(span) = span {
        finding = finding.at(span);
    }
    finding
}

/// What the YAML reader said about a bound document: a value JSON cannot hold (an error:
/// the document is not validated), a duplicate key or an exhausted budget (warnings).
fn diagnostic_finding(
    path: &ops_model::RepoPath,
    prefix: &str,
    how: &str,
    d: &ops_syntax::Diagnostic,
) -> Finding {
    let consequence = if d.severity == ops_model::Severity::Error {
        ", so the document was not validated"
    } else {
        ""
    };
    Finding::new(
        &ManifestInvalid::META,
        path.clone(),
        format!("{prefix}{}{consequence} (bound by {how})", d.message),
    )
    .severity(d.severity)
    .at(d.span)
    .help("fix the YAML at the position shown")
}

/// The first property an `additionalProperties`/`unevaluatedProperties` error rejects.
pub(crate) fn unexpected_key(err: &jsonschema::ValidationError<'_>) -> Option<String> {
    match err.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => unexpected.first().cloned(),
        _ => None,
    }
}

/// Where a validation error is best shown: an unexpected property, or a key that fails
/// `propertyNames`, at its own key; anything else at the failing value.
pub(crate) fn failing_span(
    err: &jsonschema::ValidationError<'_>,
    locate: impl Fn(&str) -> Option<NodePosition>,
) -> Option<Span> {
    let pointer = err.instance_path().as_str();
    let key = match err.kind() {
        ValidationErrorKind::PropertyNames { error } => error.instance().as_str().map(String::from),
        _ => unexpected_key(err),
    };
    if let Some(key) = key {
        let mut child = pointer.to_string();
        crate::pointer::push_token(&mut child, &key);
        if let Some(at) = locate(&child).and_then(|p| p.key) {
            return Some(at);
        }
    }
    locate(pointer).map(|p| p.value)
}

/// `ops/_schemas/x.v1.schema.json#/properties/a/type`: where the failing keyword is written.
fn keyword_location(
    registry: &SchemaRegistry,
    schema: &SchemaEntry,
    err: &jsonschema::ValidationError<'_>,
) -> String {
    if let Some(uri) = err.absolute_keyword_location() {
        let text = uri.as_str();
        let (doc, fragment) = text.split_once('#').unwrap_or((text, ""));
        let file = path_of_file_uri(doc)
            .or_else(|| registry.by_uri(doc).map(|e| e.path.as_str().to_string()));
        if let Some(file) = file {
            return format!("{file}#{}", percent_decode(fragment));
        }
        return text.to_string();
    }
    format!("{}#{}", schema.path, err.schema_path().as_str())
}

#[cfg(test)]
mod tests;
