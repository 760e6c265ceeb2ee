//! SARIF 2.1.0 (OASIS Standard, errata 01), for code-scanning dashboards: GitHub code
//! scanning (`github/codeql-action/upload-sarif`), GitLab, Azure DevOps, IDE viewers.
//!
//! One run. The log validates against the official schema with its `format`s checked
//! (`crates/ops-report/tests/schemas/`); in particular every URI is valid where the schema
//! says so:
//!
//! - `tool.driver.rules` describes every rule that ran ([`RenderOptions::rules`]) in code
//!   order, from its metadata: `shortDescription` (the summary), `fullDescription` (summary
//!   and contract clause), `help` (the explanation, as text and Markdown),
//!   `defaultConfiguration.level` (the rule's default severity; a finding's own `level` shows
//!   a `[severity]` override) and, when [`RenderOptions::docs_url`] is set, an absolute
//!   `helpUri`. No `informationUri`: the tool has no public home to point at.
//! - Each result points at its path from the top of the repository
//!   ([`RenderOptions::repo_prefix`]) as a percent-encoded relative URI with `uriBaseId`
//!   `%SRCROOT%`, and at line:column when it has them. `partialFingerprints` holds the
//!   finding's stable fingerprint under `opsCheck/v1` ([`crate::fingerprint`]).
//! - A finding about the repository as a whole (its path is the checked root) has no file to
//!   point at, and an artifact URI is never empty: it goes to
//!   `invocations[0].toolExecutionNotifications`, with its rule as `associatedRule`.
//! - A finding that occurs several times in its file has `occurrenceCount`.
//! - Suppressed findings ([`Report::suppressed`]) are results too, each with one
//!   `suppressions` entry (SARIF 3.35): `kind` `inSource` for an `ops-check: ignore` comment,
//!   `external` for a `[[suppress]]` entry, `status` `accepted`, the reason as
//!   `justification` and where it is written as `location`.

use std::collections::BTreeMap;
use std::io::Write;

use ops_model::{RepoPath, RuleMeta, Severity};
use serde_json::{Map, Value, json};

use crate::{RenderOptions, Report, ReportError, ReportFinding, SuppressionInfo, SuppressionKind};

/// The `$schema` of the log: the schema's own `id`.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of ops-check's fingerprint in `partialFingerprints`; the version changes only if
/// the fingerprint function does.
pub const FINGERPRINT_KEY: &str = "opsCheck/v1";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A repository path as a relative URI reference: every byte outside the unreserved and
/// sub-delimiter characters (and `/`) is percent-encoded, so spaces, `%`, `#`, `?`, `:` and
/// non-ASCII names survive the round trip (RFC 3986, sections 2.1 and 4.2).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The descriptor of a rule from its metadata.
fn descriptor(meta: &RuleMeta, options: &RenderOptions) -> Value {
    let summary = capitalize(meta.summary);
    let mut d = json!({
        "id": meta.code,
        "name": meta.slug,
        "shortDescription": { "text": format!("{summary}.") },
        "fullDescription": {
            "text": format!("{summary}. Contract clause: {}", meta.clause),
        },
        "help": {
            "text": meta.explanation.trim(),
            "markdown": meta.explanation.trim(),
        },
        "defaultConfiguration": { "level": level(meta.severity) },
    });
    if let Some(url) = options.rule_url(meta.code) {
        d["helpUri"] = json!(url);
    }
    d
}

/// The descriptor of a rule that is not in [`RenderOptions::rules`], from its finding.
fn descriptor_from_finding(f: &ReportFinding, options: &RenderOptions) -> Value {
    let mut d = json!({
        "id": f.code,
        "name": f.slug,
        "defaultConfiguration": { "level": level(f.severity) },
    });
    if let Some(url) = options.rule_url(&f.code) {
        d["helpUri"] = json!(url);
    }
    d
}

fn message(f: &ReportFinding) -> Value {
    let text = match &f.help {
        Some(help) => format!("{}\nhelp: {help}", f.text()),
        None => f.text().into_owned(),
    };
    json!({ "text": text })
}

/// A physical location: the path from the top of the repository, and the position.
fn physical(path: &RepoPath, span: Option<(u32, Option<u32>)>, options: &RenderOptions) -> Value {
    let mut physical = json!({
        "artifactLocation": {
            "uri": uri(&options.repo_path(path)),
            "uriBaseId": "%SRCROOT%",
        },
    });
    if let Some((line, column)) = span {
        let mut region = Map::new();
        region.insert("startLine".into(), json!(line));
        if let Some(column) = column {
            region.insert("startColumn".into(), json!(column));
        }
        physical["region"] = Value::Object(region);
    }
    physical
}

/// The result of a finding about a file or directory.
fn result(f: &ReportFinding, index: &BTreeMap<&str, usize>, options: &RenderOptions) -> Value {
    let span = f.span.map(|s| (s.line, Some(s.column)));
    let mut r = json!({
        "ruleId": f.code,
        "ruleIndex": index.get(f.code.as_str()).copied().unwrap_or(0),
        "level": level(f.severity),
        "message": message(f),
        "locations": [{ "physicalLocation": physical(&f.path, span, options) }],
        "partialFingerprints": { FINGERPRINT_KEY: f.fingerprint },
    });
    if f.occurrences > 1 {
        r["occurrenceCount"] = json!(f.occurrences);
    }
    r
}

/// A SARIF `suppression`: `inSource` for a comment in the file, `external` for a config
/// entry; the reason is its `justification`, its place its `location` when known.
fn suppression(s: &SuppressionInfo, options: &RenderOptions) -> Value {
    let kind = match s.kind {
        SuppressionKind::Inline => "inSource",
        SuppressionKind::Config => "external",
    };
    let mut v = json!({ "kind": kind, "status": "accepted", "justification": s.reason });
    if let Some(path) = s.path.as_ref().filter(|p| !p.is_root()) {
        v["location"] = json!({
            "physicalLocation": physical(path, s.line.map(|l| (l, None)), options),
        });
    }
    v
}

/// Writes the SARIF log of `report`.
pub fn write(
    report: &Report,
    out: &mut dyn Write,
    options: &RenderOptions,
) -> Result<(), ReportError> {
    // Every rule that ran, plus any rule a finding names that the caller did not list, by code.
    let mut rules: BTreeMap<&str, Value> = options
        .rules
        .iter()
        .map(|m| (m.code, descriptor(m, options)))
        .collect();
    for f in report.findings.iter().chain(&report.suppressed) {
        if !rules.contains_key(f.code.as_str()) {
            rules.insert(&f.code, descriptor_from_finding(f, options));
        }
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, c)| (*c, i)).collect();
    let rule_ref =
        |code: &str| json!({ "id": code, "index": index.get(code).copied().unwrap_or(0) });

    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for f in &report.findings {
        if f.path.is_root() {
            notifications.push(json!({
                "level": level(f.severity),
                "message": message(f),
                "associatedRule": rule_ref(&f.code),
            }));
            continue;
        }
        results.push(result(f, &index, options));
    }
    // Suppressed findings are results with `suppressions`: viewers show them as such
    // (GitHub code scanning closes their alerts). One about the whole repository has no
    // file and no place among the notifications, which cannot be suppressed: it is left out.
    for f in report.suppressed.iter().filter(|f| !f.path.is_root()) {
        let mut r = result(f, &index, options);
        if let Some(s) = &f.suppression {
            r["suppressions"] = json!([suppression(s, options)]);
        }
        results.push(r);
    }

    let mut invocation = json!({ "executionSuccessful": true });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    let sarif = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "rules": rules.into_values().collect::<Vec<_>>(),
            }},
            "invocations": [invocation],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            uri("ops/a,b:c d/x%y,z.json"),
            "ops/a,b%3Ac%20d/x%25y,z.json"
        );
        assert_eq!(uri("ops/é#?.json"), "ops/%C3%A9%23%3F.json");
        assert_eq!(uri("ops/k8s/values.yaml"), "ops/k8s/values.yaml");
    }
}
