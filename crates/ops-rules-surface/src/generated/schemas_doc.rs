//! `docs/_generated/ops-schemas.md`: every schema under `ops/_schemas/`, its version, `$id`,
//! required keys and the manifests bound to it.
//!
//! Binding follows the order SCH004/SCH005 document: a `[[schema.bindings]]` glob, the
//! manifest's `$schema`, its `schema_name`/`kind` through `name_bindings`, then the file
//! name convention `<schemas_dir>/<domain>/<name>.v<N>.schema.json`. It is read here again
//! (rule crates do not depend on each other); the page only lists, it judges nothing.

use std::collections::BTreeMap;

use ops_model::{CheckContext, GlobList, RepoPath};
use serde_json::Value;

use super::{banner, cell, code};

struct Schema {
    path: RepoPath,
    id: Option<String>,
    version: Option<String>,
    required: Vec<String>,
    invalid: Option<String>,
}

pub fn render(cx: &CheckContext<'_>) -> String {
    let dir = cx.contract.schema.schemas_dir.trim_matches('/').to_string();
    let schemas = schemas(cx, &dir);
    let bound = bindings(cx, &dir, &schemas);
    let mut out = String::new();
    out.push_str("# ops schemas\n\n");
    out.push_str(&banner(&format!(
        "the schemas under `{dir}/` and the manifests bound to them"
    )));
    out.push_str("\n\n");
    if schemas.is_empty() {
        out.push_str(&format!("No schema exists under `{dir}/`.\n"));
        return out;
    }
    for s in &schemas {
        out.push_str(&format!("## {}\n\n", code(s.path.as_str())));
        if let Some(why) = &s.invalid {
            out.push_str(&format!("- not readable as JSON: {}\n\n", cell(why)));
            continue;
        }
        let or_dash = |v: &Option<String>| v.as_deref().map_or("-".to_string(), code);
        out.push_str(&format!("- version: {}\n", or_dash(&s.version)));
        out.push_str(&format!("- `$id`: {}\n", or_dash(&s.id)));
        out.push_str(&format!("- required keys: {}\n", list(&s.required)));
        let manifests: Vec<String> = bound
            .get(&s.path)
            .map(|v| v.iter().map(|p| p.as_str().to_string()).collect())
            .unwrap_or_default();
        out.push_str(&format!("- bound manifests: {}\n\n", list(&manifests)));
    }
    // One trailing newline, not two.
    out.pop();
    out
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.iter().map(|i| code(i)).collect::<Vec<_>>().join(", ")
    }
}

fn schemas(cx: &CheckContext<'_>, dir: &str) -> Vec<Schema> {
    let key = &cx.contract.schema.version_key;
    cx.index
        .files_under(dir)
        .filter(|e| e.path.as_str().ends_with(".json"))
        .map(|e| match cx.files.json(&e.path) {
            Ok(v) => Schema {
                path: e.path.clone(),
                id: v.get("$id").and_then(Value::as_str).map(String::from),
                version: version_of(e.path.as_str(), v, key),
                required: v
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| {
                        r.iter()
                            .filter_map(Value::as_str)
                            .map(String::from)
                            .collect()
                    })
                    .unwrap_or_default(),
                invalid: None,
            },
            Err(err) => Schema {
                path: e.path.clone(),
                id: None,
                version: None,
                required: Vec::new(),
                invalid: Some(err.to_string()),
            },
        })
        .collect()
}

/// `v1` from the path or `$id` (`x.v1.schema.json`, `.../v2/...`), else from
/// `properties.<version_key>.const`.
fn version_of(path: &str, schema: &Value, key: &str) -> Option<String> {
    let id = schema.get("$id").and_then(Value::as_str).unwrap_or("");
    for text in [path, id] {
        let found = text.split(['/', '.', '-', '_']).find(|t| {
            t.len() > 1 && t.starts_with('v') && t[1..].chars().all(|c| c.is_ascii_digit())
        });
        if let Some(v) = found {
            return Some(v.to_string());
        }
    }
    match schema.pointer(&format!("/properties/{key}/const")) {
        Some(Value::Number(n)) => Some(format!("v{n}")),
        Some(Value::String(s)) => Some(format!("v{}", s.trim_start_matches('v'))),
        _ => None,
    }
}

/// Schema path -> the manifests bound to it, in path order.
fn bindings(
    cx: &CheckContext<'_>,
    dir: &str,
    schemas: &[Schema],
) -> BTreeMap<RepoPath, Vec<RepoPath>> {
    let config = &cx.contract.schema;
    let exempt = GlobList::paths(&config.exempt).unwrap_or_else(|_| GlobList::empty());
    let globs: Vec<(GlobList, &str)> = config
        .bindings
        .iter()
        .filter_map(|b| {
            Some((
                GlobList::paths(std::slice::from_ref(&b.glob)).ok()?,
                b.schema.as_str(),
            ))
        })
        .collect();
    let find = |from: &RepoPath, reference: &str| -> Option<RepoPath> {
        let bare = reference.split('#').next().unwrap_or(reference);
        if let Some(s) = schemas
            .iter()
            .find(|s| s.id.as_deref().map(|i| i.trim_end_matches('#')) == Some(bare))
        {
            return Some(s.path.clone());
        }
        let parent = from.parent().unwrap_or_default();
        [
            normalize(&format!("{}/{bare}", parent.as_str())),
            normalize(&format!("{dir}/{bare}")),
            normalize(bare),
        ]
        .into_iter()
        .flatten()
        .find(|p| schemas.iter().any(|s| s.path.as_str() == p))
        .map(RepoPath::new)
    };

    let ops = cx.contract.ops_path("");
    let mut out: BTreeMap<RepoPath, Vec<RepoPath>> = BTreeMap::new();
    for entry in cx.index.files_under(&ops) {
        let path = &entry.path;
        let ext = path.extension().unwrap_or("");
        if !matches!(ext, "json" | "yaml" | "yml")
            || path.starts_with(dir)
            || exempt.is_match(path.as_str())
        {
            continue;
        }
        let schema = if let Some((_, s)) = globs.iter().find(|(g, _)| g.is_match(path.as_str())) {
            find(path, s)
        } else {
            let Some(fields) = top_level(cx, path, ext) else {
                continue;
            };
            let get = |k: &str| fields.get(k).map(String::as_str);
            if let Some(reference) = get("$schema") {
                find(path, reference)
            } else if let Some(s) = ["schema_name", "kind"]
                .iter()
                .find_map(|k| get(k).and_then(|v| config.name_bindings.get(v)))
            {
                find(path, s)
            } else {
                get(&config.version_key)
                    .and_then(major)
                    .and_then(|m| convention(&ops, dir, path, get("schema_name"), &m, schemas))
            }
        };
        if let Some(schema) = schema {
            out.entry(schema).or_default().push(path.clone());
        }
    }
    out
}

/// Top-level scalar fields of a manifest: JSON through the cache, YAML by its unindented
/// `key: value` lines.
fn top_level(
    cx: &CheckContext<'_>,
    path: &RepoPath,
    ext: &str,
) -> Option<BTreeMap<String, String>> {
    if ext == "json" {
        let value = cx.files.json(path).ok()?;
        let object = value.as_object()?;
        return Some(
            object
                .iter()
                .filter_map(|(k, v)| {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        Value::Number(n) => n.to_string(),
                        _ => return None,
                    };
                    Some((k.clone(), text))
                })
                .collect(),
        );
    }
    let text = cx.files.text(path).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
            .filter_map(|l| {
                let (k, v) = l.split_once(':')?;
                let v = v
                    .split(" #")
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_matches(['"', '\'']);
                (!v.is_empty()).then(|| {
                    (
                        k.trim().trim_matches(['"', '\'']).to_string(),
                        v.to_string(),
                    )
                })
            })
            .collect(),
    )
}

fn major(version: &str) -> Option<String> {
    let v = version.trim().trim_start_matches(['v', 'V']);
    let m = v.split('.').next().unwrap_or(v);
    (!m.is_empty() && m.chars().all(|c| c.is_ascii_digit())).then(|| m.to_string())
}

/// `<dir>/<domain>/<name>.v<N>.schema.json`, then `<dir>/<name>.v<N>.schema.json`, where
/// name is the `schema_name`, else the file stem, the folder name, the folder name without
/// a plural `s`.
fn convention(
    ops: &str,
    dir: &str,
    path: &RepoPath,
    name: Option<&str>,
    major: &str,
    schemas: &[Schema],
) -> Option<RepoPath> {
    let mut names = Vec::new();
    match name {
        Some(n) => names.push(n.to_string()),
        None => {
            let file = path.file_name();
            names.push(file.rsplit_once('.').map_or(file, |(s, _)| s).to_string());
            if let Some(parent) = path.parent() {
                let folder = parent.file_name().trim_start_matches('_');
                if !folder.is_empty() {
                    names.push(folder.to_string());
                    if let Some(single) = folder.strip_suffix('s') {
                        names.push(single.to_string());
                    }
                }
            }
        }
    }
    let domain = path
        .strip_prefix(ops)
        .and_then(|rest| rest.split('/').next())
        .filter(|d| !d.contains('.'))
        .map(|d| d.trim_start_matches('_').to_string());
    let dirs = domain
        .iter()
        .map(|d| format!("{dir}/{d}"))
        .chain([dir.to_string()]);
    for d in dirs {
        for n in &names {
            let candidate = format!("{d}/{n}.v{major}.schema.json");
            if schemas.iter().any(|s| s.path.as_str() == candidate) {
                return Some(RepoPath::new(candidate));
            }
        }
    }
    None
}

fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}
