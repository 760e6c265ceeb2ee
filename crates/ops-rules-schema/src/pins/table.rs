//! The canonical tool pins (`configs/ops/tool-versions.json`), each tool with the names it
//! goes by, read once per run.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use ops_model::contract::{SchemaConfig, default_tool_aliases};
use ops_model::{CheckContext, Finding, JsonError, RepoPath};
use regex::Regex;

use super::mentions::Mentions;
use crate::pointer::{JsonPositions, push_token, syntax_span};
use crate::rules::ToolPins;

/// One canonical pin.
#[derive(Debug)]
pub struct Tool {
    /// The tool's key in the canonical file.
    pub name: String,
    /// Its exact version.
    pub version: String,
    /// Line of its entry in the canonical file, for messages.
    pub line: u32,
}

/// The canonical pins of one run: the tools with exact versions, every name each goes by
/// (its key and its aliases), and what is wrong with the canonical file itself.
pub struct ToolTable {
    pub canonical: RepoPath,
    pub tools: Vec<Tool>,
    /// Findings about the canonical file (missing, not JSON, floating versions).
    pub problems: Vec<Finding>,
    /// Normalised name ([`key`]) -> tool. Hashed: [`ToolTable::tool`] is asked for every key
    /// of every JSON and YAML mapping that mentions a tool (800,000 keys of a 200,000-entry
    /// surface.json), and no caller needs the names in order.
    names: hashbrown::HashMap<String, usize>,
    /// Per first byte of a key, one bit per key length in bytes (bit 63 for 63 and longer):
    /// [`ToolTable::tool`] turns most names away on these two bytes' worth of facts, without
    /// building a key or hashing it.
    shapes: Box<[u64; 256]>,
    /// Finds any name in a text (ASCII case-insensitive), before a file is parsed.
    mentions: Option<Mentions>,
}

/// `1.2.3`, `v1.2.3`, `1.2.3-rc.1`, `1.2.3.4`: what the canonical file must hold.
static EXACT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^v?\d+\.\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$").ok());

/// A name as the table compares it: lower case, `_` read as `-` (`KIND`, `kind` and
/// `Kind` are one tool; `setup_k6` and `setup-k6` one action). Borrowed when the name is a
/// key already (trimmed, no ASCII upper case, no `_`), as most command words are: the
/// table is asked for every command word of every script, and building the key was half
/// the cost of a lookup (callgrind).
pub fn key(name: &str) -> Cow<'_, str> {
    let is_key = !trimmable(name) && !name.bytes().any(|b| b.is_ascii_uppercase() || b == b'_');
    if is_key {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(name.trim().to_ascii_lowercase().replace('_', "-"))
    }
}

/// Would `str::trim` change `name`? Decided from its first and last bytes when they are
/// ASCII: `trim` decodes and classifies a char at each end, and this is asked of every key of
/// every mapping that mentions a tool (1,000,000 keys of a 200,000-entry surface.json, where
/// it was two thirds of a lookup's cost under callgrind).
fn trimmable(name: &str) -> bool {
    // The ASCII characters `char::is_whitespace` accepts (U+000B included).
    let blank = |b: u8| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    match (name.as_bytes().first(), name.as_bytes().last()) {
        (None, _) | (_, None) => false,
        (Some(&a), Some(&z)) if a.is_ascii() && z.is_ascii() => blank(a) || blank(z),
        _ => name.trim().len() != name.len(),
    }
}

/// The shape [`ToolTable::tool`] filters on: the first byte as [`key`] folds it, and the
/// byte length as a bit (63 for 63 and longer); `None` for the empty name.
fn shape(name: &str) -> Option<(u8, u64)> {
    let first = match *name.as_bytes().first()? {
        b'_' => b'-',
        b => b.to_ascii_lowercase(),
    };
    Some((first, 1 << name.len().min(63)))
}

/// True when `name` ends with `suffix` (ASCII letters compared without case).
pub(super) fn ends_with_ignore_ascii_case(name: &str, suffix: &str) -> bool {
    let (name, suffix) = (name.as_bytes(), suffix.as_bytes());
    name.len() >= suffix.len() && name[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The aliases in effect: the built-in table ([`default_tool_aliases`]) with the config's
/// `schema.tool_aliases` entries added.
fn aliases(config: &SchemaConfig) -> BTreeMap<String, Vec<String>> {
    let mut all = default_tool_aliases();
    for (tool, names) in &config.tool_aliases {
        let entry = all.entry(tool.clone()).or_default();
        for n in names {
            if !entry.contains(n) {
                entry.push(n.clone());
            }
        }
    }
    all
}

impl ToolTable {
    /// The run's table, read on first use.
    pub fn of(cx: &CheckContext<'_>) -> Arc<ToolTable> {
        cx.shared.get_or_init(|| ToolTable::read(cx))
    }

    fn read(cx: &CheckContext<'_>) -> ToolTable {
        let config = &cx.contract.schema;
        let canonical = RepoPath::new(&config.tool_versions);
        let mut table = ToolTable {
            canonical: canonical.clone(),
            tools: Vec::new(),
            problems: Vec::new(),
            names: hashbrown::HashMap::new(),
            shapes: Box::new([0; 256]),
            mentions: None,
        };
        let problem = |message: String| Finding::new(&ToolPins::META, canonical.clone(), message);
        if !cx.index.is_file(canonical.as_str()) {
            table.problems.push(
                problem(format!(
                    "the canonical tool pins file `{canonical}` does not exist"
                ))
                .help(format!(
                    "create {canonical} as a JSON object of tool name to exact version, e.g. \
                         {{\"k6\": \"v0.50.0\"}}"
                )),
            );
            return table;
        }
        let doc = match cx.files.json(&canonical) {
            Ok(doc) => doc,
            Err(JsonError::Syntax {
                line,
                column,
                message,
            }) => {
                table.problems.push(
                    problem(format!("canonical tool pins are not valid JSON: {message}"))
                        .at(syntax_span(line, column))
                        .help("fix the JSON syntax at the position shown"),
                );
                return table;
            }
            Err(JsonError::Read(err)) => {
                table.problems.push(problem(format!(
                    "canonical tool pins cannot be read: {err}"
                )));
                return table;
            }
        };
        let Some(map) = doc.as_object() else {
            table.problems.push(
                problem("canonical tool pins must be a JSON object of tool name to version".into())
                    .at_line(1)
                    .help("write {\"tool\": \"1.2.3\", ...}"),
            );
            return table;
        };
        let text = cx.files.text(&canonical).unwrap_or_default();
        let positions = JsonPositions::new(text);
        for (name, value) in map {
            let mut pointer = String::new();
            push_token(&mut pointer, name);
            let pos = positions.locate(&pointer);
            let line = pos.map_or(1, |p| p.key.unwrap_or(p.value).line);
            let why = match value.as_str() {
                None => format!(
                    "`{name}` is not pinned to a version string (the file must be flat): {value}"
                ),
                Some("") => format!("`{name}` is pinned to an empty version"),
                Some(v) if !EXACT.as_ref().is_some_and(|re| re.is_match(v)) => format!(
                    "`{name}` is pinned to `{v}`, which is not an exact version (ranges, \
                     `latest`, `*` and partial versions float)"
                ),
                Some(v) => {
                    table.tools.push(Tool {
                        name: name.clone(),
                        version: v.to_string(),
                        line,
                    });
                    continue;
                }
            };
            let mut f = problem(why).help(format!(
                "pin `{name}` to one exact release, e.g. \"v1.2.3\""
            ));
            if let Some(p) = pos {
                f = f.at(p.value);
            }
            table.problems.push(f);
        }
        table.index_names(&aliases(config));
        table
    }

    /// Indexes every tool's name and aliases; an alias two tools claim goes to the first.
    fn index_names(&mut self, aliases: &BTreeMap<String, Vec<String>>) {
        for (i, tool) in self.tools.iter().enumerate() {
            self.names.entry(key(&tool.name).into_owned()).or_insert(i);
        }
        for (i, tool) in self.tools.iter().enumerate() {
            for alias in aliases.get(&tool.name).into_iter().flatten() {
                self.names.entry(key(alias).into_owned()).or_insert(i);
            }
        }
        // Both spellings of every name, so that `KIND_VERSION` and `setup-k6` are found; in
        // name order, so that every run builds the same automaton.
        let mut names: Vec<&String> = self.names.keys().collect();
        names.sort();
        for name in &names {
            if let Some((first, bit)) = shape(name) {
                self.shapes[usize::from(first)] |= bit;
            }
        }
        let mut patterns: Vec<String> = Vec::new();
        for name in names {
            for spelling in [name.clone(), name.replace('-', "_")] {
                if !patterns.contains(&spelling) {
                    patterns.push(spelling);
                }
            }
        }
        self.mentions = Mentions::new(&patterns);
    }

    /// The tool a name (`python3`, `KIND`, `grafana/k6`) stands for.
    pub fn tool(&self, name: &str) -> Option<usize> {
        // An untrimmed name's key has its length and its first byte folded: when no key has
        // that shape, there is nothing to look up (most keys of most mappings).
        if !trimmable(name)
            && let Some((first, bit)) = shape(name)
            && self.shapes[usize::from(first)] & bit == 0
        {
            return None;
        }
        self.names.get(key(name).as_ref()).copied()
    }

    /// The tool a version key names: `KIND_VERSION`, `kind-version`, `k6Version`,
    /// `kind_version` (a name, an optional `-` or `_`, then `version`).
    pub fn tool_of_version_key(&self, name: &str) -> Option<usize> {
        // Most names are not version keys: say so before lower-casing a copy.
        if !ends_with_ignore_ascii_case(name, "version") {
            return None;
        }
        let lower = name.to_ascii_lowercase();
        let prefix = lower.strip_suffix("version")?;
        let prefix = prefix.strip_suffix(['-', '_']).unwrap_or(prefix);
        (!prefix.is_empty()).then(|| self.tool(prefix)).flatten()
    }

    /// Whether `text` mentions any tool by any of its names: a file that does not cannot pin
    /// one in its content, so it need not be parsed.
    pub fn mentioned_in(&self, text: &str) -> bool {
        self.mentions.as_ref().is_some_and(|m| m.in_text(text))
    }

    /// The names a tool goes by, as [`key`]s, in no particular order.
    pub fn names_of(&self, tool: usize) -> impl Iterator<Item = &str> {
        self.names
            .iter()
            .filter(move |(_, t)| **t == tool)
            .map(|(n, _)| n.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    #[test]
    fn names_aliases_and_version_keys() {
        let repo = TestRepo::new().file(
            "configs/ops/tool-versions.json",
            r#"{"python": "3.11.4", "k6": "v0.50.0", "kind": "v0.22.0", "k": "latest"}"#,
        );
        let mut contract = ops_model::Contract::default();
        contract
            .schema
            .tool_aliases
            .insert("kind".into(), vec!["kind-cli".into()]);
        let run = repo.context_with(contract);
        let table = ToolTable::read(&run.cx());
        assert_eq!(table.tools.len(), 3);
        assert_eq!(table.problems.len(), 1);
        let name = |i: Option<usize>| i.map(|i| table.tools[i].name.as_str());
        assert_eq!(name(table.tool("Python3")), Some("python"));
        assert_eq!(name(table.tool("grafana/k6")), Some("k6"));
        assert_eq!(name(table.tool("KIND_CLI")), Some("kind"));
        // Keys as they are, and names that need trimming or folding first.
        assert_eq!(name(table.tool("k6")), Some("k6"));
        assert_eq!(name(table.tool("kind-cli")), Some("kind"));
        assert_eq!(name(table.tool(" kind\t")), Some("kind"));
        assert_eq!(name(table.tool("kind_cli")), Some("kind"));
        assert!(matches!(key("kind-cli"), Cow::Borrowed("kind-cli")));
        assert_eq!(key(" Kind_CLI "), "kind-cli");
        assert_eq!(name(table.tool("node")), None);
        assert_eq!(
            name(table.tool_of_version_key("KIND_VERSION")),
            Some("kind")
        );
        assert_eq!(name(table.tool_of_version_key("k6-version")), Some("k6"));
        assert_eq!(
            name(table.tool_of_version_key("pythonVersion")),
            Some("python")
        );
        assert_eq!(name(table.tool_of_version_key("version")), None);
        assert_eq!(name(table.tool_of_version_key("KIND_NODE_VERSION")), None);
        assert!(table.mentioned_in("export KIND_VERSION=1"));
        assert!(!table.mentioned_in("nothing here"));
    }

    /// A table of `kind` (alias `kind-cli`), `k6`, `kind_node` (key `kind-node`) and `_kt`
    /// (key `-kt`).
    fn shaped_table() -> ToolTable {
        let repo = TestRepo::new().file(
            "configs/ops/tool-versions.json",
            r#"{"kind": "v0.22.0", "k6": "v0.50.0", "kind_node": "v1.0.0", "_kt": "v1.0.0"}"#,
        );
        let mut contract = ops_model::Contract::default();
        contract
            .schema
            .tool_aliases
            .insert("kind".into(), vec!["kind-cli".into()]);
        ToolTable::read(&repo.context_with(contract).cx())
    }

    proptest::proptest! {
        /// The byte test answers what `trim` would, whitespace of every kind at either end.
        #[test]
        fn trimmable_is_what_trim_changes(
            name in "[ \t\n\u{0B}\u{0C}\r\u{85}\u{A0}\u{2003}a-zA-Z_é-]{0,6}"
        ) {
            proptest::prop_assert_eq!(trimmable(&name), name.trim().len() != name.len());
        }

        /// The shape filter never turns away a name the key lookup would find.
        #[test]
        fn tool_is_the_key_lookup(
            name in "[ \t]?(kind|KIND|Kind_Node|kind-node|kind_CLI|K6|k6_|_k6|kin|kinds|node|_KT|-kt|)[ \t]?"
        ) {
            let table = shaped_table();
            proptest::prop_assert_eq!(table.tool(&name), table.names.get(&*key(&name)).copied());
        }
    }
}
