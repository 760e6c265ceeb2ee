//! Write targets of manifests: string values of output-named keys (`output_dir`,
//! `artifactsRoot`, `report_path`) in JSON and YAML files.

use std::sync::LazyLock;

use regex::Regex;

use super::shell;
use super::{Vocabulary, WriteTarget};

/// `key: value` on one YAML line (block scalars and flow collections are not values here).
static YAML_PAIR: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:-\s+)?["']?([A-Za-z0-9_.-]+)["']?\s*:\s+(\S.*?)\s*$"#).ok()
});

/// Output-named keys with string values in a YAML text (line-based: manifests under `ops/`
/// include templated files that are not valid YAML on their own).
pub fn scan_yaml(text: &str, vocab: &Vocabulary) -> Vec<WriteTarget> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(caps) = YAML_PAIR.as_ref().and_then(|r| r.captures(line)) else {
            continue;
        };
        let (Some(key), Some(value)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let value = strip_yaml_comment(value.as_str());
        if value.starts_with(['|', '>', '[', '{', '&', '*', '!']) || value.contains("{{") {
            continue;
        }
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        push(&mut out, vocab, key.as_str(), value, start + key.start());
    }
    out
}

/// Output-named keys with string values anywhere in a JSON document.
pub fn scan_json(text: &str, json: &serde_json::Value, vocab: &Vocabulary) -> Vec<WriteTarget> {
    let mut out = Vec::new();
    let mut stack = vec![json];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if let serde_json::Value::String(s) = v {
                        let offset = locate(text, k, s).unwrap_or(0);
                        push(&mut out, vocab, k, s, offset);
                    } else {
                        stack.push(v);
                    }
                }
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

fn push(out: &mut Vec<WriteTarget>, vocab: &Vocabulary, key: &str, value: &str, offset: usize) {
    if !vocab.is_output_name(key) || value.is_empty() {
        return;
    }
    // Values may use `${VAR}` like a shell; expand them the same way. Without a `$` the
    // value is taken literally.
    let expanded = if value.contains('$') {
        shell::expand_word(value, vocab)
    } else {
        value.to_string()
    };
    out.push(WriteTarget {
        offset,
        what: format!("manifest key `{key}`"),
        raw: value.to_string(),
        value: expanded,
    });
}

/// Where `"key": "value"` is written, for the finding's position.
fn locate(text: &str, key: &str, value: &str) -> Option<usize> {
    let key_json = serde_json::to_string(key).ok()?;
    let value_json = serde_json::to_string(value).ok()?;
    text.match_indices(&key_json).map(|(i, _)| i).find(|&i| {
        let rest = text[i + key_json.len()..].trim_start();
        rest.strip_prefix(':')
            .is_some_and(|r| r.trim_start().starts_with(&value_json))
    })
}

fn strip_yaml_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) => value[..i].trim_end(),
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write_scan::ROOT;

    fn vocab() -> Vocabulary {
        Vocabulary::new(
            &["REPO_ROOT".into()],
            &["output".into(), "artifacts".into(), "report".into()],
        )
    }

    #[test]
    fn yaml_keys() {
        let t = scan_yaml(
            "k6:\n  output_dir: artifacts/load # where\n  name: x\n  reportPath: \"${REPO_ROOT}/ops/_artifacts/r.json\"\n  outputs: |\n",
            &vocab(),
        );
        let got: Vec<_> = t
            .iter()
            .map(|t| (t.what.as_str(), t.value.replace(ROOT, "<root>"), t.offset))
            .collect();
        assert_eq!(
            got,
            [
                ("manifest key `output_dir`", "artifacts/load".to_string(), 6),
                (
                    "manifest key `reportPath`",
                    "<root>/ops/_artifacts/r.json".to_string(),
                    53
                ),
            ]
        );
    }

    #[test]
    fn json_keys() {
        let text = r#"{"suite": {"artifacts_root": "artifacts/k6"}, "name": "x"}"#;
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        let t = scan_json(text, &json, &vocab());
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].value, "artifacts/k6");
        assert_eq!(t[0].offset, 11);
    }
}
