//! `extend_<key>`: the twin of every list key of the config, which adds to the key's default
//! instead of replacing it.
//!
//! ```toml
//! [layout]
//! extend_domains = ["billing"]   # the six contract domains and billing
//! ```
//!
//! The twins are not fields of the config types: they are derived from the config's JSON
//! Schema (every property of a config table whose type is `array`), so a list key added later
//! gets its twin without code. Reading a config rewrites the parsed TOML before it is
//! deserialized: `extend_x = [...]` becomes `x = <x's default> + [...]`, or, when `x` is set
//! in the same table, `x = <x as set> + [...]`. The added items keep their positions in the
//! file, so an error in one (a glob that does not compile) still names its line.
//!
//! One list reads differently: an empty `select` means every rule, so extending it (empty by
//! default) changes nothing.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::LazyLock;

use serde_json::{Value, json};
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::Contract;

/// The prefix of a twin.
pub const PREFIX: &str = "extend_";

/// Lists whose empty value means "everything", at the top level.
const EMPTY_MEANS_ALL: &[&str] = &["select"];

/// The keys of one table of the config.
#[derive(Debug, Default)]
pub struct TableKeys {
    /// Every key the table accepts (without the twins).
    pub keys: BTreeSet<String>,
    /// The keys whose value is a list: each has an `extend_` twin.
    pub lists: BTreeSet<String>,
}

impl TableKeys {
    /// Every key a config may write in the table, twins included.
    pub fn accepted(&self) -> impl Iterator<Item = String> + '_ {
        self.keys
            .iter()
            .cloned()
            .chain(self.lists.iter().map(|l| format!("{PREFIX}{l}")))
    }
}

/// The tables of the config by dotted path (`""` for the top level, `layout`, ...), read
/// from its JSON Schema.
pub static TABLES: LazyLock<BTreeMap<String, TableKeys>> = LazyLock::new(|| {
    let schema = Contract::json_schema_without_twins();
    let mut tables = BTreeMap::new();
    walk(&schema, &schema, "", None, &mut |path, _, keys| {
        tables.insert(path.to_string(), keys);
    });
    tables
});

/// The config's defaults as JSON, to extend from.
static DEFAULTS: LazyLock<Value> =
    LazyLock::new(|| serde_json::to_value(Contract::default()).unwrap_or_default());

/// `$ref` to a definition, resolved; anything else as it is.
fn resolve<'a>(root: &'a Value, value: &'a Value) -> &'a Value {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root.get("$defs")?.get(name))
        .unwrap_or(value)
}

/// The definition name a property refers to, if any.
fn ref_name(value: &Value) -> Option<&str> {
    value.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

fn is_array(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "array",
        Some(Value::Array(types)) => types.iter().any(|t| t == "array"),
        _ => false,
    }
}

/// Visits every table of the config: the top level, then each property that is an object
/// with properties of its own, depth first. `visit` gets the table's dotted path, its
/// definition name (`None` at the top, or for a table written inline) and its keys.
fn walk(
    root: &Value,
    schema: &Value,
    path: &str,
    name: Option<&str>,
    visit: &mut dyn FnMut(&str, Option<&str>, TableKeys),
) {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    let mut keys = TableKeys::default();
    let mut children = Vec::new();
    for (key, prop) in props {
        keys.keys.insert(key.clone());
        let resolved = resolve(root, prop);
        if is_array(resolved) {
            keys.lists.insert(key.clone());
        } else if resolved.get("properties").is_some() && path.matches('.').count() < 8 {
            children.push((key.clone(), ref_name(prop), resolved));
        }
    }
    visit(path, name, keys);
    for (key, child_name, resolved) in children {
        let child = if path.is_empty() {
            key
        } else {
            format!("{path}.{key}")
        };
        walk(root, resolved, &child, child_name, visit);
    }
}

/// Adds the `extend_` twin of every list key to the config's JSON Schema, and `warn` as a
/// way to write `warning`.
pub fn add_twins(schema: &mut Value) {
    let mut defs: Vec<(String, Option<String>)> = Vec::new();
    let copy = schema.clone();
    walk(&copy, &copy, "", None, &mut |path, name, _| {
        defs.push((path.to_string(), name.map(str::to_string)))
    });
    for (path, def) in defs {
        let table = match (path.is_empty(), &def) {
            (true, _) => Some(&mut *schema),
            (false, Some(name)) => schema.get_mut("$defs").and_then(|d| d.get_mut(name)),
            (false, None) => None,
        };
        let Some(props) = table
            .and_then(|t| t.get_mut("properties"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let lists: Vec<(String, Value)> = props
            .iter()
            .filter(|(_, p)| is_array(resolve(&copy, p)))
            .map(|(k, p)| (k.clone(), resolve(&copy, p).get("items").cloned()))
            .map(|(k, items)| (k, items.unwrap_or(json!({}))))
            .collect();
        for (key, items) in lists {
            props.insert(
                format!("{PREFIX}{key}"),
                json!({
                    "type": "array",
                    "items": items,
                    "description": format!(
                        "Added to `{key}` (its default, or its value in this table) instead of replacing it."
                    ),
                }),
            );
        }
    }
    if let Some(severity) = schema.pointer_mut("/$defs/Severity") {
        let warn =
            json!({ "type": "string", "const": "warn", "description": "Same as `warning`." });
        if let Some(Value::Array(one_of)) = severity.get_mut("oneOf") {
            one_of.push(warn);
        } else if let Some(Value::Array(values)) = severity.get_mut("enum") {
            values.push(json!("warn"));
        }
    }
}

/// Why a twin cannot be applied: the byte range in the config text and the message.
pub type TwinError = (Range<usize>, String);

/// Rewrites the twins of a parsed config in place (see the module docs).
pub fn apply(doc: &mut DeTable<'_>) -> Result<(), TwinError> {
    for (path, keys) in TABLES.iter() {
        let table = if path.is_empty() {
            Some(&mut *doc)
        } else {
            table_at(doc, path)
        };
        if let Some(table) = table {
            rewrite(table, path, keys)?;
        }
    }
    Ok(())
}

fn table_at<'a, 'i>(doc: &'a mut DeTable<'i>, path: &str) -> Option<&'a mut DeTable<'i>> {
    let mut table = doc;
    for segment in path.split('.') {
        match table.get_mut(segment)?.get_mut() {
            DeValue::Table(t) => table = t,
            _ => return None,
        }
    }
    Some(table)
}

/// `[layout]` for a nested table, `the top level` for the root.
pub fn table_name(path: &str) -> String {
    if path.is_empty() {
        "the top level".to_string()
    } else {
        format!("[{path}]")
    }
}

fn rewrite(table: &mut DeTable<'_>, path: &str, keys: &TableKeys) -> Result<(), TwinError> {
    let twins: Vec<String> = table
        .keys()
        .map(|k| k.get_ref().to_string())
        .filter(|k| k.starts_with(PREFIX) && !keys.keys.contains(k))
        .collect();
    for twin in twins {
        let Some((twin_key, twin_value)) = table.remove_entry(twin.as_str()) else {
            continue;
        };
        let base = &twin[PREFIX.len()..];
        if !keys.lists.contains(base) {
            let accepted: Vec<String> = keys.accepted().collect();
            let hint = crate::suggest::hint(&twin, accepted.iter().map(String::as_str));
            return Err((
                twin_key.span(),
                format!(
                    "unknown key `{twin}` in {}: `{base}` is not a list key there{hint}",
                    table_name(path)
                ),
            ));
        }
        let span = twin_value.span();
        let DeValue::Array(extra) = twin_value.into_inner() else {
            return Err((span, format!("`{twin}` must be an array, like `{base}`")));
        };
        let empty_means_all = path.is_empty() && EMPTY_MEANS_ALL.contains(&base);
        match table.get_mut(base) {
            Some(existing) => {
                if let DeValue::Array(items) = existing.get_mut()
                    && !(empty_means_all && items.is_empty())
                {
                    for item in extra.iter() {
                        items.push(item.clone());
                    }
                }
                // A `base` that is not an array is the deserializer's error to report.
            }
            None => {
                let mut items = DeArray::new();
                let pointer = format!("/{}/{base}", path.replace('.', "/"));
                let pointer = pointer.replace("//", "/");
                if let Some(Value::Array(defaults)) = DEFAULTS.pointer(&pointer) {
                    for value in defaults {
                        let value = to_toml(value).ok_or_else(|| {
                            (
                                span.clone(),
                                format!("`{twin}`: `{base}` cannot be extended"),
                            )
                        })?;
                        items.push(Spanned::new(span.clone(), value));
                    }
                }
                if empty_means_all && items.is_empty() {
                    continue;
                }
                for item in extra.iter() {
                    items.push(item.clone());
                }
                table.insert(
                    Spanned::new(twin_key.span(), Cow::Owned(base.to_string())),
                    Spanned::new(span, DeValue::Array(items)),
                );
            }
        }
    }
    Ok(())
}

/// A default value as parsed TOML. Lists of the config hold strings and tables of strings
/// and booleans; anything else (a number) is `None`.
fn to_toml(value: &Value) -> Option<DeValue<'static>> {
    Some(match value {
        Value::String(s) => DeValue::String(Cow::Owned(s.clone())),
        Value::Bool(b) => DeValue::Boolean(*b),
        Value::Array(items) => {
            let mut array = DeArray::new();
            for item in items {
                array.push(Spanned::new(0..0, to_toml(item)?));
            }
            DeValue::Array(array)
        }
        Value::Object(map) => {
            let mut table = DeTable::new();
            for (k, v) in map {
                if v.is_null() {
                    continue;
                }
                table.insert(
                    Spanned::new(0..0, Cow::Owned(k.clone())),
                    Spanned::new(0..0, to_toml(v)?),
                );
            }
            DeValue::Table(table)
        }
        Value::Null | Value::Number(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_and_lists_come_from_the_schema() {
        let top = &TABLES[""];
        assert!(top.lists.contains("select") && top.lists.contains("exclude"));
        assert!(top.lists.contains("suppress"));
        assert!(!top.lists.contains("severity") && top.keys.contains("severity"));
        assert!(TABLES["layout"].lists.contains("domains"));
        assert!(TABLES["layout"].lists.contains("test_file_patterns"));
        assert!(TABLES["schema"].lists.contains("bindings"));
        assert!(!TABLES["schema"].lists.contains("name_bindings"));
        assert!(TABLES.contains_key("limits"));
    }

    #[test]
    fn the_schema_has_twins_for_tables_only() {
        let schema = Contract::json_schema();
        let props = &schema["properties"];
        assert_eq!(props["extend_select"]["type"], "array");
        assert!(props.get("extend_severity").is_none());
        assert!(
            schema["$defs"]["LayoutConfig"]["properties"]
                .get("extend_domains")
                .is_some()
        );
        assert!(
            schema["$defs"]["Suppression"]["properties"]
                .get("extend_rules")
                .is_none()
        );
        let severity = serde_json::to_string(&schema["$defs"]["Severity"]).unwrap_or_default();
        assert!(severity.contains("\"warn\""), "{severity}");
    }
}
