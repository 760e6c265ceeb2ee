//! `ops-check config init`: a commented `ops-check.toml` fitted to the repository it looks
//! at.
//!
//! The repository is walked once (ignore files honoured, the default `exclude` trees left
//! out) to find what the contract's defaults name: the operations tree and its domains, the
//! schemas directory, the tool-version pin file, the root makefile and the directories of
//! included makefiles. What differs from the default is written as a key, with what was
//! found; every other key is written commented out at its documented default, with its
//! description, so the file documents itself and a later default change still applies.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use ops_model::{Contract, EntryKind, RepoIndex, WalkOptions};
use serde_json::Value;

/// A key the repository fits: its dotted name, its value, and what was found.
struct Fitted {
    value: Value,
    note: String,
}

/// How wide a commented line may grow before a list is written one item per line.
const WIDTH: usize = 92;

/// The config text for the repository at `root`.
///
/// Errors when `root` cannot be walked.
pub fn config_for(root: &Path) -> Result<String, ops_model::ModelError> {
    let defaults = Contract::default();
    let walk = WalkOptions {
        exclude: defaults.exclude.clone(),
        ..WalkOptions::default()
    };
    let index = RepoIndex::build(root, &walk)?;
    let fitted = fit(&index, &defaults);
    Ok(render(&fitted))
}

fn fit(index: &RepoIndex, defaults: &Contract) -> BTreeMap<String, Fitted> {
    let mut fitted = BTreeMap::new();
    fn set(
        fitted: &mut BTreeMap<String, Fitted>,
        key: &str,
        value: Value,
        note: String,
        default: Value,
    ) {
        if value != default {
            fitted.insert(key.to_string(), Fitted { value, note });
        }
    }
    let dirs: Vec<&str> = index
        .entries()
        .iter()
        .filter(|e| e.kind == EntryKind::Dir)
        .map(|e| e.path.as_str())
        .collect();
    let files: Vec<&str> = index.files().map(|e| e.path.as_str()).collect();

    // The operations tree: `ops/`, else the shallowest directory named `ops`.
    let ops_root = if index.is_dir(&defaults.ops_root) {
        defaults.ops_root.clone()
    } else {
        dirs.iter()
            .filter(|d| d.rsplit('/').next() == Some("ops"))
            .min_by_key(|d| (d.matches('/').count(), d.to_string()))
            .map_or(defaults.ops_root.clone(), |d| d.to_string())
    };
    set(
        &mut fitted,
        "ops_root",
        Value::from(ops_root.clone()),
        format!("found `{ops_root}/`"),
        Value::from(defaults.ops_root.clone()),
    );

    // Domains: the ordinary directories directly under the tree.
    if index.is_dir(&ops_root) {
        let reserved: BTreeSet<&str> = defaults
            .layout
            .reserved_dirs
            .iter()
            .map(String::as_str)
            .collect();
        let found: BTreeSet<String> = index
            .children(&ops_root)
            .filter(|e| e.kind == EntryKind::Dir)
            .map(|e| e.path.file_name().to_string())
            .filter(|name| !name.starts_with('.') && !reserved.contains(name.as_str()))
            .collect();
        let default: BTreeSet<String> = defaults.layout.domains.iter().cloned().collect();
        if !found.is_empty() && found != default {
            fitted.insert(
                "layout.domains".into(),
                Fitted {
                    value: Value::from(found.iter().cloned().collect::<Vec<_>>()),
                    note: format!("the directories found under `{ops_root}/`"),
                },
            );
        }
    }

    // Schemas: the default directory, else the deepest directory holding every schema.
    let schemas: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| f.ends_with(".schema.json"))
        .collect();
    let default_dir = &defaults.schema.schemas_dir;
    if !index.is_dir(default_dir)
        && let Some(dir) = common_dir(&schemas)
    {
        set(
            &mut fitted,
            "schema.schemas_dir",
            Value::from(dir.clone()),
            format!("holds the {} `*.schema.json` files found", schemas.len()),
            Value::from(default_dir.clone()),
        );
    }

    // The tool-version pins.
    let pins = &defaults.schema.tool_versions;
    if !index.is_file(pins)
        && let Some(found) = files
            .iter()
            .find(|f| f.rsplit('/').next() == Some("tool-versions.json"))
    {
        set(
            &mut fitted,
            "schema.tool_versions",
            Value::from(found.to_string()),
            "the tool-version pin file found".to_string(),
            Value::from(pins.clone()),
        );
    }

    // The root makefile, and the directories of the other makefiles (scanned for writes).
    let makefile = &defaults.surface.makefile;
    if !index.is_file(makefile)
        && let Some(found) = ["GNUmakefile", "makefile"]
            .into_iter()
            .find(|m| index.is_file(m))
    {
        set(
            &mut fitted,
            "surface.makefile",
            Value::from(found),
            "the root makefile found".to_string(),
            Value::from(makefile.clone()),
        );
    }
    let mk_dirs: BTreeSet<String> = files
        .iter()
        .filter(|f| f.ends_with(".mk"))
        .filter_map(|f| f.rsplit_once('/').map(|(dir, _)| dir.to_string()))
        .filter(|dir| !dir.starts_with(&format!("{ops_root}/")))
        .collect();
    let mut roots = vec![ops_root.clone()];
    roots.extend(mk_dirs.iter().cloned());
    let default_roots = &defaults.artifacts.write_scan_roots;
    if !mk_dirs.is_empty() && roots != *default_roots {
        set(
            &mut fitted,
            "artifacts.write_scan_roots",
            Value::from(roots),
            "the operations tree and the directories of the makefiles found".to_string(),
            Value::from(default_roots.clone()),
        );
    }
    fitted
}

/// The deepest directory that holds every path of `files` (none for no files or only the
/// root).
fn common_dir(files: &[&str]) -> Option<String> {
    let first = files.first()?;
    let mut parts: Vec<&str> = first.split('/').collect();
    parts.pop();
    for f in &files[1..] {
        let other: Vec<&str> = f.split('/').collect();
        let same = parts
            .iter()
            .zip(&other[..other.len().saturating_sub(1)])
            .take_while(|(a, b)| a == b)
            .count();
        parts.truncate(same);
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A TOML value written inline (strings, numbers, booleans, arrays, tables).
fn inline(value: &Value) -> String {
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            if map.is_empty() {
                return "{}".to_string();
            }
            let items: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{} = {}", key(k), inline(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        // JSON strings, numbers and booleans are TOML's too (TOML basic strings take
        // JSON's escapes).
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// A key, bare when TOML allows it.
fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        serde_json::to_string(k).unwrap_or_default()
    }
}

/// `name = value`, one item per line when it is long.
fn assignment(name: &str, value: &Value) -> Vec<String> {
    let line = format!("{name} = {}", inline(value));
    match value {
        Value::Array(items) if line.len() > WIDTH - 2 && items.len() > 1 => {
            let mut lines = vec![format!("{name} = [")];
            lines.extend(items.iter().map(|i| format!("    {},", inline(i))));
            lines.push("]".to_string());
            lines
        }
        _ => vec![line],
    }
}

/// A description as comment lines, wrapped.
fn comment(text: &str, out: &mut Vec<String>) {
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() + word.len() + 1 > WIDTH && line.len() > 1 {
            out.push(std::mem::replace(&mut line, String::from("#")));
        }
        line.push(' ');
        line.push_str(word);
    }
    if line.len() > 1 {
        out.push(line);
    }
}

fn render(fitted: &BTreeMap<String, Fitted>) -> String {
    let schema = Contract::json_schema_without_twins();
    let defaults = serde_json::to_value(Contract::default()).unwrap_or_default();
    let mut out = vec![
        "# ops-check.toml: the Ops Contract of this repository, for ops-check.".to_string(),
        "#".to_string(),
        "# Written by `ops-check config init` from what it found here. Keys that are set differ"
            .to_string(),
        "# from the contract's default; every other key is commented out at its default. Every"
            .to_string(),
        "# list key `x` also has `extend_x`, which adds to the default instead of replacing it."
            .to_string(),
        "# Reference: docs/config.md; effective values: `ops-check config show`.".to_string(),
    ];
    let props = schema.get("properties").and_then(Value::as_object);
    let defs = schema.get("$defs");
    let mut sections = Vec::new();
    if let Some(props) = props {
        for (name, prop) in props {
            let section = prop
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"));
            match section {
                Some(def) => sections.push((name.clone(), def.to_string())),
                // Arrays of tables read best as a commented example at the end.
                None if name == "suppress" => {}
                None => entry(&mut out, "", name, prop, &defaults[name.as_str()], fitted),
            }
        }
    }
    for (name, def) in sections {
        let Some(def) = defs.and_then(|d| d.get(&def)) else {
            continue;
        };
        out.push(String::new());
        out.push(format!("[{name}]"));
        if let Some(d) = def.get("description").and_then(Value::as_str) {
            comment(d, &mut out);
        }
        if let Some(props) = def.get("properties").and_then(Value::as_object) {
            for (key, prop) in props {
                let default = &defaults[name.as_str()][key.as_str()];
                entry(&mut out, &name, key, prop, default, fitted);
            }
        }
    }
    out.push(String::new());
    if let Some(d) = props
        .and_then(|p| p.get("suppress"))
        .and_then(|prop| prop.get("description"))
        .and_then(Value::as_str)
    {
        comment(d, &mut out);
    }
    out.extend(
        [
            "# [[suppress]]",
            "# paths = [\"ops/vendor/**\"]",
            "# rules = [\"LAY004\"]",
            "# reason = \"vendored from upstream; fixed there\"",
        ]
        .map(str::to_string),
    );
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// One key: its description, then its fitted value or its commented default.
fn entry(
    out: &mut Vec<String>,
    table: &str,
    name: &str,
    prop: &Value,
    default: &Value,
    fitted: &BTreeMap<String, Fitted>,
) {
    let dotted = if table.is_empty() {
        name.to_string()
    } else {
        format!("{table}.{name}")
    };
    out.push(String::new());
    if let Some(d) = prop.get("description").and_then(Value::as_str) {
        comment(d, out);
    }
    match fitted.get(&dotted) {
        Some(f) => {
            comment(
                &format!("Fitted: {}. The default is {}.", f.note, inline(default)),
                out,
            );
            out.extend(assignment(name, &f.value));
        }
        None => out.extend(
            assignment(name, default)
                .into_iter()
                .map(|l| format!("# {l}")),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_directories() {
        assert_eq!(
            common_dir(&["a/b/x.schema.json", "a/b/c/y.schema.json"]).as_deref(),
            Some("a/b")
        );
        assert_eq!(common_dir(&["x.schema.json"]), None);
        assert_eq!(common_dir(&[]), None);
    }

    #[test]
    fn values_are_toml() {
        let v: Value = serde_json::json!({"a": ["x\"y", 1, true], "b c": {}});
        assert_eq!(inline(&v), r#"{ a = ["x\"y", 1, true], "b c" = {} }"#);
    }
}
