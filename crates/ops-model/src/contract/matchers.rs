//! Glob and regular-expression lists of the config, checked when the config is read.
//!
//! A field of one of these types deserializes from an array of strings and parses it on
//! the spot: a pattern that does not parse is a config error at its `file:line:column`
//! (exit 2), and a rule receives a matcher it can use without a "bad config" branch.
//! Regular expressions are compiled then; globs are compiled on their first match (see
//! [`GlobList`]). They serialize back to the strings as written, and their JSON Schema is
//! an array of strings.

use std::fmt;
use std::sync::OnceLock;

use globset::{Glob, GlobMatcher};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{GlobList, RepoPath};

/// Implements the shared parts of a compiled list type: serde as `[String]`, JSON Schema,
/// equality by the patterns as written, `Debug` as the patterns.
macro_rules! pattern_list {
    ($name:ident) => {
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                self.patterns().serialize(s)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let patterns = Vec::<String>::deserialize(d)?;
                $name::new(&patterns).map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                <Vec<String> as JsonSchema>::schema_name()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <Vec<String> as JsonSchema>::json_schema(generator)
            }
            fn inline_schema() -> bool {
                true
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.patterns() == other.patterns()
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.patterns()).finish()
            }
        }

        impl $name {
            /// Compiles built-in defaults. They are covered by a test, so a pattern that
            /// does not compile cannot ship; should one ever, the list matches nothing.
            #[allow(dead_code)] // not every list type has built-in defaults
            pub(crate) fn defaults(patterns: &[&str]) -> $name {
                let patterns: Vec<String> = patterns.iter().map(|p| (*p).to_string()).collect();
                $name::new(&patterns).unwrap_or_default()
            }

            /// True when the list has no pattern.
            pub fn is_empty(&self) -> bool {
                self.patterns().is_empty()
            }
        }
    };
}

/// Globs matched against repository paths (`ops/**/*.sh`): `*` stays inside one path
/// component, `**` crosses them (git's and globset's `literal_separator` semantics).
#[derive(Clone, Default)]
pub struct PathGlobs(GlobList);

impl PathGlobs {
    /// Compiles `patterns`; the error names the first pattern that does not compile.
    pub fn new(patterns: &[String]) -> Result<PathGlobs, String> {
        GlobList::paths(patterns).map(PathGlobs)
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        self.0.patterns()
    }

    /// Whether a repository path matches any pattern.
    pub fn is_match(&self, path: &str) -> bool {
        self.0.is_match(path)
    }

    /// The first pattern that matches, for messages.
    pub fn first_match(&self, path: &str) -> Option<&str> {
        self.0.first_match(path)
    }
}
pattern_list!(PathGlobs);

/// Globs matched against one name: a file name (`*.evidence.json`) or a command name
/// (`assert*`). `*` matches any text.
#[derive(Clone, Default)]
pub struct NameGlobs(GlobList);

impl NameGlobs {
    /// Compiles `patterns`; the error names the first pattern that does not compile.
    pub fn new(patterns: &[String]) -> Result<NameGlobs, String> {
        GlobList::names(patterns).map(NameGlobs)
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        self.0.patterns()
    }

    /// Whether a name matches any pattern.
    pub fn is_match(&self, name: &str) -> bool {
        self.0.is_match(name)
    }

    /// The first pattern that matches, for messages.
    pub fn first_match(&self, name: &str) -> Option<&str> {
        self.0.first_match(name)
    }
}
pattern_list!(NameGlobs);

/// One glob matched against repository paths (a `[[schema.bindings]]` entry's `glob`).
#[derive(Clone, Default)]
pub struct PathGlob(GlobList);

impl PathGlob {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Result<PathGlob, String> {
        GlobList::paths(&[pattern.to_string()]).map(PathGlob)
    }

    /// The glob as written.
    pub fn as_str(&self) -> &str {
        self.0.patterns().first().map_or("", String::as_str)
    }

    /// Whether a repository path matches.
    pub fn is_match(&self, path: &str) -> bool {
        self.0.is_match(path)
    }
}

impl Serialize for PathGlob {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_str().serialize(s)
    }
}

impl<'de> Deserialize<'de> for PathGlob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pattern = String::deserialize(d)?;
        PathGlob::new(&pattern).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for PathGlob {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <String as JsonSchema>::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <String as JsonSchema>::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

impl PartialEq for PathGlob {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for PathGlob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Names or paths of trees (`node_modules`, `crates/*/target`): a pattern without `/`
/// matches any component of a path (the file's name or a directory's on its way), one with
/// `/` matches the path or one of its ancestors. A trailing `/` (as in `.gitignore`) is
/// allowed and means the same.
#[derive(Clone, Default)]
pub struct TreeGlobs {
    patterns: Vec<String>,
    names: GlobList,
    paths: GlobList,
}

impl TreeGlobs {
    /// Compiles `patterns`; the error names the first pattern that does not compile.
    pub fn new(patterns: &[String]) -> Result<TreeGlobs, String> {
        let (paths, names): (Vec<String>, Vec<String>) = patterns
            .iter()
            .map(|p| p.trim().trim_matches('/').to_string())
            .filter(|p| !p.is_empty())
            .partition(|p| p.contains('/'));
        Ok(TreeGlobs {
            patterns: patterns.to_vec(),
            names: GlobList::names(&names)?,
            paths: GlobList::paths(&paths)?,
        })
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// Whether `path` is, or lies below, a matched tree.
    pub fn covers(&self, path: &RepoPath) -> bool {
        path.components().any(|c| self.names.is_match(c))
            || path.with_ancestors().any(|p| self.paths.is_match(p))
    }
}
pattern_list!(TreeGlobs);

/// Regular expressions (Rust `regex` syntax), each compiled once.
#[derive(Clone, Default)]
pub struct Regexes {
    patterns: Vec<String>,
    compiled: Vec<regex::Regex>,
}

impl Regexes {
    /// Compiles `patterns`; the error names the first one that does not compile.
    pub fn new(patterns: &[String]) -> Result<Regexes, String> {
        let compiled = patterns
            .iter()
            .map(|p| {
                regex::Regex::new(p).map_err(|e| format!("invalid regular expression `{p}`: {e}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Regexes {
            patterns: patterns.to_vec(),
            compiled,
        })
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// The compiled expressions, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = &regex::Regex> {
        self.compiled.iter()
    }
}
pattern_list!(Regexes);

/// One `dir:glob` entry: a directory and a glob matched against paths inside it. The glob
/// is parsed when the config is read and compiled on first match, as a [`GlobList`] is.
#[derive(Clone)]
pub struct DirGlob {
    /// The directory, relative to the repository root.
    pub dir: RepoPath,
    /// The file-name glob, as written.
    pub glob: String,
    parsed: Glob,
    matcher: OnceLock<GlobMatcher>,
}

impl DirGlob {
    /// Whether `path` lies strictly below the directory and its path inside it matches.
    pub fn matches(&self, path: &RepoPath) -> bool {
        match path.strip_prefix(self.dir.as_str()) {
            Some(rest) if !rest.is_empty() => self
                .matcher
                .get_or_init(|| self.parsed.compile_matcher())
                .is_match(rest),
            _ => false,
        }
    }
}

/// `dir:glob` entries (`ops/_examples:*`): the directory is a repository path (no `..`, not
/// absolute), the glob is matched against the path inside it with `*` matching any text.
#[derive(Clone, Default)]
pub struct DirGlobs {
    patterns: Vec<String>,
    entries: Vec<DirGlob>,
}

impl DirGlobs {
    /// Parses and compiles `patterns`, normalising each directory.
    pub fn new(patterns: &[String]) -> Result<DirGlobs, String> {
        let mut entries = Vec::new();
        let mut written = Vec::new();
        for entry in patterns {
            let Some((dir, glob)) = entry.split_once(':') else {
                return Err(format!(
                    "`{entry}` is not of the form `dir:glob` (e.g. `ops/_examples:*`)"
                ));
            };
            let glob = glob.trim();
            if glob.is_empty() {
                return Err(format!("`{entry}` has no glob after `:`"));
            }
            let dir = crate::contract::validate::repo_path_text(dir.trim(), false)?;
            let parsed = globset::GlobBuilder::new(glob)
                .build()
                .map_err(|e| format!("invalid glob `{glob}`: {e}"))?;
            written.push(format!("{dir}:{glob}"));
            entries.push(DirGlob {
                dir: RepoPath::new(&dir),
                glob: glob.to_string(),
                parsed,
                matcher: OnceLock::new(),
            });
        }
        Ok(DirGlobs {
            patterns: written,
            entries,
        })
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// The entries, in the order written.
    pub fn iter(&self) -> impl Iterator<Item = &DirGlob> {
        self.entries.iter()
    }
}
pattern_list!(DirGlobs);

#[cfg(test)]
mod tests {
    use super::*;

    fn s(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lists_round_trip_through_serde() {
        let g: PathGlobs = serde_json::from_str(r#"["ops/*.sh"]"#).unwrap();
        assert!(g.is_match("ops/a.sh") && !g.is_match("ops/k8s/a.sh"));
        assert_eq!(serde_json::to_string(&g).unwrap(), r#"["ops/*.sh"]"#);
        let err = serde_json::from_str::<NameGlobs>(r#"["a["]"#).unwrap_err();
        assert!(err.to_string().contains("a["), "{err}");
        let err = serde_json::from_str::<Regexes>(r#"["v("]"#).unwrap_err();
        assert!(err.to_string().contains("regular expression"), "{err}");
    }

    #[test]
    fn tree_globs_cover_components_and_ancestors() {
        let t = TreeGlobs::new(&s(&["node_modules/", "crates/*/target", "*.pyc"])).unwrap();
        assert!(t.covers(&RepoPath::new("web/node_modules/x/i.js")));
        assert!(t.covers(&RepoPath::new("crates/a/target/debug/b")));
        assert!(!t.covers(&RepoPath::new("target/debug/b")));
        assert!(t.covers(&RepoPath::new("ops/__x__/a.pyc")));
        assert!(!t.covers(&RepoPath::new("ops/load/targets.json")));
    }

    #[test]
    fn dir_globs_parse_normalise_and_refuse() {
        let d = DirGlobs::new(&s(&["./ops/_examples/:*", "docs/_generated:ops-*"])).unwrap();
        assert_eq!(
            d.patterns(),
            s(&["ops/_examples:*", "docs/_generated:ops-*"])
        );
        let first = d.iter().next().unwrap();
        assert!(first.matches(&RepoPath::new("ops/_examples/a/b.json")));
        assert!(!first.matches(&RepoPath::new("ops/_examples")));
        assert!(
            DirGlobs::new(&s(&["nocolon"]))
                .unwrap_err()
                .contains("dir:glob")
        );
        assert!(DirGlobs::new(&s(&["../x:*"])).is_err());
        assert!(DirGlobs::new(&s(&["x:"])).is_err());
    }
}
