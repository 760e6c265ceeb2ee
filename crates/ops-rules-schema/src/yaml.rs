//! YAML manifests: parsed once into JSON values plus the position of every node.
//!
//! JSON Schema validates JSON values, so a YAML manifest is converted to one. The positions
//! (line and column of each node and of each mapping key, by JSON pointer) are kept so that a
//! validation error points at the failing value the way a compiler would.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use ops_model::{CheckContext, RepoPath, Span};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use serde_json::{Map, Number, Value};

use crate::pointer::push_token;

/// Where a node and, for a mapping entry, its key start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodePosition {
    pub key: Option<Span>,
    pub value: Span,
}

/// One YAML document as a JSON value with positions.
#[derive(Debug)]
pub struct YamlDocument {
    pub value: Value,
    positions: BTreeMap<String, NodePosition>,
}

impl YamlDocument {
    /// The position of the node at a JSON pointer (`""` is the document root).
    pub fn position(&self, pointer: &str) -> Option<NodePosition> {
        self.positions.get(pointer).copied()
    }
}

/// Why a YAML file cannot be used as a manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub span: Span,
    pub message: String,
}

/// Parses YAML text: every document of the stream, converted to JSON.
pub fn parse_yaml(text: &str) -> Result<Vec<YamlDocument>, YamlError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let docs = MarkedYaml::load_from_str(body).map_err(|err| YamlError {
        span: marker_span(err.marker()),
        message: err.info().to_string(),
    })?;
    docs.iter()
        .map(|doc| {
            let mut positions = BTreeMap::new();
            let mut pointer = String::new();
            let value = convert(doc, &mut pointer, None, &mut positions)?;
            Ok(YamlDocument { value, positions })
        })
        .collect()
}

fn marker_span(marker: &saphyr::Marker) -> Span {
    let line = u32::try_from(marker.line()).unwrap_or(u32::MAX).max(1);
    let column = u32::try_from(marker.col().saturating_add(1)).unwrap_or(u32::MAX);
    Span::new(line, column)
}

fn convert(
    node: &MarkedYaml<'_>,
    pointer: &mut String,
    key: Option<Span>,
    positions: &mut BTreeMap<String, NodePosition>,
) -> Result<Value, YamlError> {
    let here = marker_span(&node.span.start);
    positions.insert(pointer.clone(), NodePosition { key, value: here });
    let fail = |message: String| YamlError {
        span: here,
        message,
    };
    match &node.data {
        YamlData::Value(scalar) => scalar_value(scalar).map_err(fail),
        YamlData::Representation(text, _, _) => Ok(Value::String(text.to_string())),
        YamlData::Tagged(_, inner) => convert(inner, pointer, key, positions),
        YamlData::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                push_token(pointer, &i.to_string());
                let item_span = marker_span(&item.span.start);
                out.push(convert(item, pointer, Some(item_span), positions)?);
                pointer.truncate(len);
            }
            Ok(Value::Array(out))
        }
        YamlData::Mapping(entries) => {
            let mut out = Map::new();
            for (k, v) in entries {
                let name = key_text(k).ok_or_else(|| YamlError {
                    span: marker_span(&k.span.start),
                    message: "a mapping key must be a string, number, boolean or null to be \
                              read as JSON"
                        .to_string(),
                })?;
                let len = pointer.len();
                push_token(pointer, &name);
                let value = convert(v, pointer, Some(marker_span(&k.span.start)), positions)?;
                pointer.truncate(len);
                out.insert(name, value);
            }
            Ok(Value::Object(out))
        }
        YamlData::Alias(_) | YamlData::BadValue => Err(fail(
            "a value the YAML loader could not resolve".to_string(),
        )),
    }
}

fn scalar_value(scalar: &Scalar<'_>) -> Result<Value, String> {
    Ok(match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number((*i).into()),
        Scalar::FloatingPoint(f) => match Number::from_f64(f.into_inner()) {
            Some(n) => Value::Number(n),
            None => return Err(format!("`{}` has no JSON equivalent", f.into_inner())),
        },
        Scalar::String(s) => Value::String(s.to_string()),
    })
}

fn key_text(key: &MarkedYaml<'_>) -> Option<String> {
    match &key.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        YamlData::Value(Scalar::Null) => Some("null".to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.into_inner().to_string()),
        YamlData::Representation(text, _, _) => Some(text.to_string()),
        YamlData::Tagged(_, inner) => key_text(inner),
        _ => None,
    }
}

/// A parsed YAML file, or why it is not usable.
pub type YamlFile = Result<Arc<Vec<YamlDocument>>, YamlFileError>;

/// Why a YAML file could not be parsed: unreadable or not YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YamlFileError {
    Read(ops_model::ReadError),
    Syntax(YamlError),
}

/// Parsed YAML files of one run, each parsed at most once, shared by the SCH rules through
/// [`ops_model::SharedState`]. One slot per index entry, filled on first use.
pub struct YamlCache {
    slots: Vec<OnceLock<YamlFile>>,
}

impl YamlCache {
    /// The run's cache (created empty on first use; cheap, so no rayon concerns).
    pub fn of(cx: &CheckContext<'_>) -> Arc<YamlCache> {
        let len = cx.index.entries().len();
        cx.shared.get_or_init(|| YamlCache {
            slots: (0..len).map(|_| OnceLock::new()).collect(),
        })
    }

    /// The file's YAML documents.
    pub fn get(&self, cx: &CheckContext<'_>, path: &RepoPath) -> YamlFile {
        let parse = || match cx.files.text(path) {
            Ok(text) => parse_yaml(text)
                .map(Arc::new)
                .map_err(YamlFileError::Syntax),
            Err(err) => Err(YamlFileError::Read(err)),
        };
        match cx.index.position(path).and_then(|i| self.slots.get(i)) {
            Some(slot) => slot.get_or_init(parse).clone(),
            None => parse(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn converts_and_positions_nodes() {
        let text = "name: smoke\nsuites:\n  - vus: 2\n    tags: [a, b]\n  - vus: x\n";
        let docs = parse_yaml(text).unwrap();
        assert_eq!(docs.len(), 1);
        let doc = &docs[0];
        assert_eq!(
            doc.value,
            json!({"name": "smoke", "suites": [{"vus": 2, "tags": ["a", "b"]}, {"vus": "x"}]})
        );
        let p = doc.position("/suites/1/vus").unwrap();
        assert_eq!(p.value, Span::new(5, 10));
        assert_eq!(p.key, Some(Span::new(5, 5)));
        assert_eq!(
            doc.position("/suites/0/tags/1").unwrap().value,
            Span::new(4, 15)
        );
        assert_eq!(doc.position("").unwrap().value, Span::new(1, 1));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let err = parse_yaml("a: 1\nb: [1, 2\n").unwrap_err();
        assert!(err.span.line >= 2, "{err:?}");
        let dup = parse_yaml("a: 1\na: 2\n").unwrap_err();
        assert!(
            dup.message.contains("duplicate") || dup.message.contains("a"),
            "{dup:?}"
        );
    }

    #[test]
    fn pointer_tokens_are_escaped_and_keys_typed() {
        let docs = parse_yaml("a/b: 1\n\"t~x\": 2\n3: three\n").unwrap();
        let doc = &docs[0];
        assert!(doc.position("/a~1b").is_some());
        assert!(doc.position("/t~0x").is_some());
        assert_eq!(doc.value["3"], "three");
    }

    #[test]
    fn anchors_expand_and_documents_split() {
        let docs = parse_yaml("base: &b {x: 1}\nuse: *b\n---\nk: v\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].value["use"], json!({"x": 1}));
        assert_eq!(docs[1].value, json!({"k": "v"}));
    }
}
