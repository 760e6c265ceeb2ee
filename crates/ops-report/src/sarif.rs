//! SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps).
//!
//! One run; `tool.driver.rules` lists the rules that have findings, in code order; each result
//! points at the repository-relative path (with `uriBaseId` `%SRCROOT%`) and line:column.

use std::collections::BTreeMap;
use std::io::Write;

use ops_model::Severity;
use serde_json::{Value, json};

use crate::{Report, ReportError};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A repository path as a relative URI reference: every byte outside the unreserved and
/// sub-delimiter characters (and `/`) is percent-encoded, so spaces, `%`, `#`, `?`, `:` and
/// non-ASCII names survive the round trip.
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

pub fn write(report: &Report, out: &mut dyn Write) -> Result<(), ReportError> {
    // Rules with findings, by code; each keeps the slug and the default level of its first
    // finding.
    let mut rules: BTreeMap<&str, (&str, Severity)> = BTreeMap::new();
    for f in &report.findings {
        rules.entry(&f.code).or_insert((&f.slug, f.severity));
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, c)| (*c, i)).collect();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|(code, (slug, severity))| {
            json!({
                "id": code,
                "name": slug,
                "helpUri": format!("docs/rules/{code}.md"),
                "defaultConfiguration": { "level": level(*severity) },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut region = serde_json::Map::new();
            if let Some(span) = f.span {
                region.insert("startLine".into(), json!(span.line));
                region.insert("startColumn".into(), json!(span.column));
            }
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(f.path.as_str()), "uriBaseId": "%SRCROOT%" },
                }
            });
            if !region.is_empty() {
                location["physicalLocation"]["region"] = Value::Object(region);
            }
            let text = match &f.help {
                Some(help) => format!("{}\nhelp: {help}", f.message),
                None => f.message.clone(),
            };
            json!({
                "ruleId": f.code,
                "ruleIndex": index.get(f.code.as_str()).copied().unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [location],
            })
        })
        .collect();
    let sarif = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "informationUri": "https://example.invalid/ops-check",
                "rules": descriptors,
            }},
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
