//! The generated rule pages (`docs/rules/`), rendered from rule metadata.

use crate::registry::all_metas;

/// Every generated page (rule pages, their index, the config reference): (path relative to the workspace root, content).
pub fn generated_pages() -> Vec<(String, String)> {
    let metas = all_metas();
    let mut pages: Vec<(String, String)> = metas
        .iter()
        .map(|m| {
            (
                format!("docs/rules/{}.md", m.code),
                ops_report::docs::rule_page(m),
            )
        })
        .collect();
    pages.push((
        "docs/rules/README.md".to_string(),
        ops_report::docs::rules_index(&metas),
    ));
    pages.push(("docs/config.md".to_string(), config_reference()));
    pages
}

/// `docs/config.md`: every config key with its type, default and meaning, rendered from the
/// config's JSON Schema (whose descriptions are the fields' doc comments).
pub fn config_reference() -> String {
    let schema = ops_model::Contract::json_schema();
    let mut page = String::from(
        "# Configuration reference\n\n`ops-check.toml` at the checked root (or `--config FILE`). Every key is optional; the\ndefaults below are Ops Contract 1.0.0. Unknown keys and wrong types are errors naming the\nfile, the key and line:column, with the closest key when there is one. `ops-check config\nshow` prints the effective config, `ops-check schema config` its JSON Schema, and\n`ops-check config init` writes a commented config fitted to a repository.\n\n**Extending a list.** Every list key `x` (type `array` below) has a twin `extend_x` that\nadds to the default instead of replacing it: `[layout] extend_domains = [\"billing\"]` keeps\nthe six contract domains and adds one. When `x` is set in the same table, `extend_x` adds to\nthat value. An empty `select` means every rule, so `extend_select` adds nothing to it.\n\n**Severities** are `error`, `warning` (or `warn`) and `info`.\n\n",
    );
    let defs = schema.get("$defs").cloned().unwrap_or_default();
    let top = schema.get("properties").cloned().unwrap_or_default();
    let mut sections = Vec::new();
    page.push_str("## Top level\n\n| key | type | default | meaning |\n|---|---|---|---|\n");
    if let Some(props) = top.as_object() {
        for (key, prop) in props.iter().filter(|(k, _)| !is_twin(k)) {
            match section_ref(prop) {
                Some(name) => sections.push((key.clone(), name)),
                None => page.push_str(&row(key, prop)),
            }
        }
    }
    for (key, def_name) in sections {
        section(&mut page, &defs, &key, &def_name);
    }
    page.push_str("\n---\n\nGenerated from the config's doc comments by `cargo xtask docs`.\n");
    page
}

/// One `[table]` of the reference, then its sub-tables (`[limits.shell]`) after it.
fn section(page: &mut String, defs: &serde_json::Value, key: &str, def_name: &str) {
    let def = &defs[def_name];
    page.push_str(&format!("\n## `[{key}]`\n\n"));
    if let Some(d) = def.get("description").and_then(|d| d.as_str()) {
        page.push_str(&format!("{}\n\n", one_line(d)));
    }
    page.push_str("| key | type | default | meaning |\n|---|---|---|---|\n");
    let mut nested = Vec::new();
    if let Some(props) = def.get("properties").and_then(|p| p.as_object()) {
        for (k, prop) in props.iter().filter(|(k, _)| !is_twin(k)) {
            match section_ref(prop).filter(|_| !is_list(prop)) {
                Some(name) => nested.push((format!("{key}.{k}"), name)),
                None => page.push_str(&row(k, prop)),
            }
        }
    }
    for (sub, name) in nested {
        section(page, defs, &sub, &name);
    }
}

/// A property whose type is an array (a `$ref` inside `items` is a row, not a table).
fn is_list(prop: &serde_json::Value) -> bool {
    prop.get("type").and_then(|t| t.as_str()) == Some("array")
}

/// An `extend_` twin: described once above the tables, not row by row.
fn is_twin(key: &str) -> bool {
    key.starts_with(ops_model::contract::extend::PREFIX)
}

fn section_ref(prop: &serde_json::Value) -> Option<String> {
    let r = prop.get("$ref").and_then(|r| r.as_str())?;
    r.strip_prefix("#/$defs/").map(str::to_string)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn row(key: &str, prop: &serde_json::Value) -> String {
    let kind = match prop.get("type") {
        Some(serde_json::Value::String(t)) => t.clone(),
        Some(serde_json::Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
        _ => "table".to_string(),
    };
    let default = match prop.get("default") {
        Some(v) => {
            let text = serde_json::to_string(v).unwrap_or_default();
            format!("`{}`", text.replace('|', "\\|"))
        }
        None => String::new(),
    };
    let meaning = prop
        .get("description")
        .and_then(|d| d.as_str())
        .map(one_line)
        .unwrap_or_default()
        .replace('|', "\\|");
    format!("| `{key}` | {kind} | {default} | {meaning} |\n")
}
