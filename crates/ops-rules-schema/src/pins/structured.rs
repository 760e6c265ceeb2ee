//! Pins in structured data (JSON, YAML, TOML): the shapes that tie a version to a tool,
//! found the same way in every format.
//!
//! In a mapping, an entry is a pin when:
//!
//! - its key is a tool's name and its value a version (`"k6": "v0.50.0"`, a `tools` map);
//! - its key is a tool's version key and its value a version (`KIND_VERSION: v0.22.0` in an
//!   `env:` map, `k6-version: 0.50.0` as an action input);
//! - its key is `image` (or ends with `image`) and its value an image of the tool with a
//!   version tag (`image: grafana/k6:0.50.0`; `kindest/node` is not `kind`);
//! - the mapping names the tool in `name` (or `tool`) and holds `version`
//!   (`- {name: helm, version: v3.14.4}`), except in Helm chart metadata, where `name` and
//!   `version` are the chart's own.
//!
//! In a sequence, a `NAME=value` string is an assignment (compose's list form of
//! `environment:`), read like a version key.
//!
//! A key named after a tool with a value that is not a version (`"kind": "release_metadata"`)
//! is nothing, and so is any value that only mentions a tool (a volume `./k6:/scripts:ro`).

use std::borrow::Cow;

use super::image;
use super::table::{ToolTable, ends_with_ignore_ascii_case};
use super::version::is_version;
use crate::pointer::push_token;

/// A tree of data as the shapes read it.
pub(super) trait Tree {
    /// A scalar's text as written (a number's digits), `None` for a collection.
    fn text(&self) -> Option<Cow<'_, str>>;
    /// A mapping's entries (key text, value), empty for anything else.
    fn entries(&self) -> Vec<(Cow<'_, str>, &Self)>;
    /// A sequence's items, empty for anything else.
    fn items(&self) -> Vec<&Self>;
}

/// A pin found in a tree: the tool, the version, the JSON pointer of the scalar holding it
/// and the byte offset of the version in that scalar's text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub tool: usize,
    pub value: String,
    pub pointer: String,
    pub offset: usize,
}

/// Every pin in `root`. `chart` is true for Helm chart metadata (`Chart.yaml`), whose
/// `name`/`version` pairs are not tool pins.
pub(super) fn find<T: Tree>(table: &ToolTable, root: &T, chart: bool) -> Vec<Found> {
    let mut out = Vec::new();
    // A collection's JSON pointer is its parent's and one token: kept as a link and spelled
    // out only for a pin (a large document holds many collections and few pins, if any;
    // surface.json: 200,000 objects).
    let mut links: Vec<(Option<usize>, Token<'_>)> = Vec::new();
    let mut stack: Vec<(Option<usize>, &T)> = vec![(None, root)];
    while let Some((at, node)) = stack.pop() {
        let entries = node.entries();
        if !entries.is_empty() {
            if !chart {
                name_and_version(table, &links, at, &entries, &mut out);
            }
            for (k, value) in entries.into_iter().rev() {
                match value.text() {
                    Some(text) => entry(table, &k, &text, || child_of(&links, at, &k), &mut out),
                    None => {
                        links.push((at, Token::Key(k)));
                        stack.push((Some(links.len() - 1), value));
                    }
                }
            }
            continue;
        }
        for (i, item) in node.items().into_iter().enumerate().rev() {
            match item.text() {
                Some(text) => {
                    if let Some((name, value)) = text.split_once('=') {
                        let offset = name.len() + 1;
                        if let Some(tool) = table.tool_of_version_key(name.trim())
                            && is_version(value)
                        {
                            out.push(Found {
                                tool,
                                value: value.to_string(),
                                pointer: child_of(&links, at, &i.to_string()),
                                offset,
                            });
                        }
                    }
                }
                None => {
                    links.push((at, Token::Index(i)));
                    stack.push((Some(links.len() - 1), item));
                }
            }
        }
    }
    out
}

/// One reference token of a collection's pointer.
enum Token<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

/// The links of the collections met: each one's parent (`None`: the root) and its token.
type Links<'a> = [(Option<usize>, Token<'a>)];

/// The JSON pointer of the collection `at` (`None`: the root), from its links.
fn pointer_of(links: &Links<'_>, at: Option<usize>) -> String {
    let mut tokens = Vec::new();
    let mut next = at;
    while let Some(i) = next {
        let (parent, token) = &links[i];
        tokens.push(token);
        next = *parent;
    }
    let mut pointer = String::new();
    for token in tokens.into_iter().rev() {
        match token {
            Token::Key(k) => push_token(&mut pointer, k),
            Token::Index(i) => push_token(&mut pointer, &i.to_string()),
        }
    }
    pointer
}

/// The JSON pointer of the child `token` of the collection `at`.
fn child_of(links: &Links<'_>, at: Option<usize>, token: &str) -> String {
    let mut child = pointer_of(links, at);
    push_token(&mut child, token);
    child
}

/// The shapes of one `key: scalar` entry; `pointer` gives the scalar's JSON pointer.
fn entry(
    table: &ToolTable,
    k: &str,
    text: &str,
    pointer: impl FnOnce() -> String,
    out: &mut Vec<Found>,
) {
    let by_key = table.tool(k).or_else(|| table.tool_of_version_key(k));
    if let Some(tool) = by_key
        && is_version(text)
    {
        out.push(Found {
            tool,
            value: text.to_string(),
            pointer: pointer(),
            offset: 0,
        });
        return;
    }
    // `key(k).ends_with("image")` without the lower-cased copy (`image` has no `_`).
    if ends_with_ignore_ascii_case(k.trim(), "image")
        && let Some(img) = image::parse(text)
        && let Some(tool) = table.tool(img.repository)
        && is_version(img.tag)
    {
        out.push(Found {
            tool,
            value: img.tag.to_string(),
            pointer: pointer(),
            offset: img.tag_offset,
        });
    }
}

/// `{name: <tool>, version: <version>}` (or `tool:` for `name:`).
fn name_and_version<T: Tree>(
    table: &ToolTable,
    links: &Links<'_>,
    at: Option<usize>,
    entries: &[(Cow<'_, str>, &T)],
    out: &mut Vec<Found>,
) {
    let scalar = |wanted: &str| {
        entries
            .iter()
            .find(|(k, _)| k == wanted)
            .and_then(|(_, v)| v.text())
    };
    let Some(tool) = ["name", "tool"]
        .iter()
        .find_map(|k| scalar(k))
        .and_then(|n| table.tool(&n))
    else {
        return;
    };
    if let Some(version) = scalar("version").filter(|v| is_version(v)) {
        out.push(Found {
            tool,
            value: version.into_owned(),
            pointer: child_of(links, at, "version"),
            offset: 0,
        });
    }
}

impl Tree for serde_json::Value {
    fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            serde_json::Value::String(s) => Some(Cow::Borrowed(s)),
            serde_json::Value::Number(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        }
    }

    fn entries(&self) -> Vec<(Cow<'_, str>, &Self)> {
        self.as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), v))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn items(&self) -> Vec<&Self> {
        self.as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    }
}

impl Tree for ops_syntax::yaml::Node {
    fn text(&self) -> Option<Cow<'_, str>> {
        self.as_scalar().map(|s| Cow::Borrowed(s.text.as_str()))
    }

    fn entries(&self) -> Vec<(Cow<'_, str>, &Self)> {
        self.entries()
            .unwrap_or_default()
            .iter()
            .filter_map(|e| Some((Cow::Owned(e.key.key_text()?), &e.value)))
            .collect()
    }

    fn items(&self) -> Vec<&Self> {
        ops_syntax::yaml::Node::items(self)
            .map(|items| items.iter().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;
    use serde_json::json;

    fn table() -> std::sync::Arc<ToolTable> {
        let repo = TestRepo::new().file(
            "configs/ops/tool-versions.json",
            r#"{"helm": "v3.14.4", "k6": "v0.50.0", "kind": "v0.22.0", "kubectl": "v1.29.4"}"#,
        );
        let run = repo.context();
        ToolTable::of(&run.cx())
    }

    fn found(doc: serde_json::Value, chart: bool) -> Vec<(String, String, usize)> {
        let table = table();
        let mut out: Vec<_> = find(&table, &doc, chart)
            .into_iter()
            .map(|f| (table.tools[f.tool].name.clone(), f.pointer, f.offset))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn shapes() {
        let doc = json!({
            "kind": "release_metadata", "version": "0.2.0",
            "tools": {"kubectl": "1.29.4", "helm": {"url": "x"}},
            "env": {"KIND_VERSION": "v0.22.0", "KIND_NODE_IMAGE": "kindest/node:v1.29.2"},
            "services": {"k6": {"image": "grafana/k6:0.50.0",
                                "volumes": ["./k6:/scripts:ro", "../../load/k6:/scripts/suites:ro"],
                                "environment": ["K6_VERSION=0.49.0", "OTHER=1.2.3"]}},
            "install": [{"name": "helm", "version": "v3.14.0"}, {"name": "atlas", "version": "1.4.0"}]
        });
        assert_eq!(
            found(doc, false),
            [
                ("helm".into(), "/install/0/version".into(), 0),
                ("k6".into(), "/services/k6/environment/0".into(), 11),
                ("k6".into(), "/services/k6/image".into(), 11),
                ("kind".into(), "/env/KIND_VERSION".into(), 0),
                ("kubectl".into(), "/tools/kubectl".into(), 0),
            ]
        );
    }

    #[test]
    fn chart_metadata_names_the_chart_not_a_tool() {
        let doc = json!({"name": "kind", "version": "1.4.0",
                         "dependencies": [{"name": "helm", "version": "2.19.1"}]});
        assert_eq!(found(doc, true), []);
    }
}
