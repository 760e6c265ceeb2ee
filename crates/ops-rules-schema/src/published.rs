//! Which schema version a schema file is: its family name and major version, found the way
//! SCH003 finds the version (the path, else the `$id`, else the `const`-pinned version
//! property). The family name is the path (or `$id`) with the version number replaced by
//! `*`: `ops/_schemas/load/suite.v1.schema.json` is version `1` of `load/suite.v*.schema.json`,
//! and `load/suite.v2.schema.json` is version `2` of the same family.

use ops_model::contract::SchemaConfig;
use regex::Regex;
use serde_json::Value;

use crate::rules::default_pattern;

/// The version patterns of a config: the default `v<N>` one, then the configured ones
/// (compiled when the config was read).
pub fn version_patterns(config: &SchemaConfig) -> Vec<Regex> {
    default_pattern()
        .into_iter()
        .chain(config.version_patterns.iter().cloned())
        .collect()
}

/// A schema version's identity.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Identity {
    /// The family: the path below the schemas directory (or the `$id`) with the version
    /// number replaced by `*`; the plain path when the version is a pinned property or
    /// absent.
    pub name: String,
    /// The major version (`1`); empty for an unversioned schema.
    pub version: String,
}

impl Identity {
    /// The family's short name, for migration notes: the file name without extensions and
    /// version (`suite` for `load/suite.v*.schema.json`).
    pub fn stem(&self) -> String {
        let base = self.name.rsplit('/').next().unwrap_or(&self.name);
        let base = base
            .split_once('.')
            .map_or(base, |(head, _)| head)
            .to_string();
        let stripped = base
            .trim_end_matches("v*")
            .trim_end_matches(['-', '_', '.']);
        if stripped.is_empty() || stripped.contains('*') {
            base.replace('*', "")
        } else {
            stripped.to_string()
        }
    }
}

/// The version number a pattern finds in `text`, and `text` with it replaced by `*`.
fn versioned(patterns: &[Regex], text: &str) -> Option<(String, String)> {
    patterns.iter().find_map(|re| {
        let caps = re.captures(text)?;
        let m = caps.get(1).or_else(|| caps.get(0))?;
        let digits: String = m
            .as_str()
            .trim_start_matches(['v', 'V'])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if digits.is_empty() {
            return None;
        }
        let start = m.start() + m.as_str().find(&digits)?;
        let end = start + digits.len();
        Some((digits, format!("{}*{}", &text[..start], &text[end..])))
    })
}

/// The identity of the schema at `rel` (its path below the schemas directory).
pub fn identify(config: &SchemaConfig, patterns: &[Regex], rel: &str, doc: &Value) -> Identity {
    if let Some((version, name)) = versioned(patterns, rel) {
        return Identity { name, version };
    }
    let id = doc
        .get("$id")
        .or_else(|| doc.get("id"))
        .and_then(Value::as_str);
    if let Some((version, name)) = id.and_then(|id| versioned(patterns, id)) {
        return Identity { name, version };
    }
    let key = config.version_key.as_str();
    let required = doc
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|k| k.as_str() == Some(key)));
    let pinned = doc
        .get("properties")
        .and_then(|p| p.get(key))
        .and_then(|p| p.get("const"));
    let version = match pinned {
        Some(Value::Number(n)) if required => n.to_string(),
        Some(Value::String(s)) if required => s
            .trim_start_matches(['v', 'V'])
            .split('.')
            .next()
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    };
    Identity {
        name: rel.to_string(),
        version,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn id(rel: &str, doc: Value) -> (String, String, String) {
        let config = SchemaConfig::default();
        let i = identify(&config, &version_patterns(&config), rel, &doc);
        let stem = i.stem();
        (i.name, i.version, stem)
    }

    #[test]
    fn finds_family_and_version() {
        let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            id("load/suite.v1.schema.json", json!({})),
            s("load/suite.v*.schema.json", "1", "suite")
        );
        assert_eq!(
            id("v2/suite.json", json!({})),
            s("v*/suite.json", "2", "suite")
        );
        assert_eq!(
            id("suite-v12.json", json!({})),
            s("suite-v*.json", "12", "suite")
        );
        assert_eq!(
            id(
                "suite.json",
                json!({"$id": "https://x.example/v3/suite.json"})
            ),
            s("https://x.example/v*/suite.json", "3", "suite")
        );
        assert_eq!(
            id(
                "suite.schema.json",
                json!({"required": ["schema_version"], "properties": {"schema_version": {"const": 2}}})
            ),
            s("suite.schema.json", "2", "suite")
        );
        assert_eq!(id("plain.json", json!({})), s("plain.json", "", "plain"));
    }
}
