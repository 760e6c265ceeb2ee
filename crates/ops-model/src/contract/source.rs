//! Where a config came from, so that a message about one of its values (an unknown rule
//! selector, a suppression that suppresses nothing) can name `file:line:column`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::text::line_column;

/// The file a [`super::Contract`] was read from and its text; empty for a contract built in
/// code. Cheap to clone (shared). Equality ignores it: two configs with the same values are
/// the same config, wherever they were written.
#[derive(Clone, Default)]
pub struct ConfigSource(Option<Arc<SourceText>>);

struct SourceText {
    path: PathBuf,
    text: String,
}

/// A place in a config file: 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigLocation {
    /// The config file, as it was named when read.
    pub path: PathBuf,
    /// The line, from 1.
    pub line: u32,
    /// The column in characters, from 1.
    pub column: u32,
}

impl fmt::Display for ConfigLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

impl ConfigSource {
    /// The source of a config read from `path` with this `text`.
    pub fn new(path: &Path, text: &str) -> ConfigSource {
        ConfigSource(Some(Arc::new(SourceText {
            path: path.to_path_buf(),
            text: text.to_string(),
        })))
    }

    /// The file, when the config was read from one.
    pub fn path(&self) -> Option<&Path> {
        self.0.as_deref().map(|s| s.path.as_path())
    }

    /// The text of the file, when the config was read from one.
    pub fn text(&self) -> Option<&str> {
        self.0.as_deref().map(|s| s.text.as_str())
    }

    /// Where a value is written: `key` is dotted, with array indexes as numbers
    /// (`select`, `suppress.1.rules`, `layout.domains`); `value`, when given, is a string
    /// inside that array (or the string itself), else the key's value is located. A key
    /// written as its `extend_` twin is found there too (the twin's items count after the
    /// key's own). `None` without a source, or when the key or the value is not in the file
    /// (a value given on the command line).
    pub fn locate(&self, key: &str, value: Option<&str>) -> Option<ConfigLocation> {
        let source = self.0.as_deref()?;
        let doc = DeTable::parse(&source.text).ok()?;
        // The value reached so far, and the elements it (with its twin) holds.
        let mut current: Option<&Spanned<DeValue<'_>>> = None;
        let mut items: Vec<&Spanned<DeValue<'_>>> = Vec::new();
        let mut table = Some(doc.get_ref());
        for segment in key.split('.') {
            if let Ok(index) = segment.parse::<usize>() {
                let item = *items.get(index)?;
                items = elements(item);
                current = Some(item);
            } else {
                let t = table?;
                let own = t.get(segment);
                let twin = t.get(format!("extend_{segment}").as_str());
                items = own.into_iter().chain(twin).flat_map(elements).collect();
                current = Some(own.or(twin)?);
            }
            table = current.and_then(|v| v.get_ref().as_table());
        }
        let current = current?;
        let span = match value {
            Some(value) => items
                .iter()
                .chain(std::iter::once(&current))
                .find(|v| v.get_ref().as_str() == Some(value))?
                .span(),
            None => current.span(),
        };
        let (line, column) = line_column(&source.text, span.start);
        Some(ConfigLocation {
            path: source.path.clone(),
            line,
            column,
        })
    }
}

/// The elements of an array value; none for anything else.
fn elements<'a, 'i>(value: &'a Spanned<DeValue<'i>>) -> Vec<&'a Spanned<DeValue<'i>>> {
    match value.get_ref() {
        DeValue::Array(a) => a.iter().collect(),
        _ => Vec::new(),
    }
}

impl PartialEq for ConfigSource {
    /// Always equal: where a config was written is not part of it.
    fn eq(&self, _other: &ConfigSource) -> bool {
        true
    }
}

impl fmt::Debug for ConfigSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            Some(path) => write!(f, "ConfigSource({})", path.display()),
            None => f.write_str("ConfigSource(none)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_located_by_key_index_and_text() {
        let text = "select = [\"LAY\", \"NOPE\"]\nextend_ignore = [\"X1\"]\n\n[[suppress]]\npaths = [\"a\"]\nrules = [\"R1\"]\nreason = \"r\"\n\n[[suppress]]\npaths = [\"b\"]\nrules = [\"R2\", \"R3\"]\nreason = \"r\"\n";
        let src = ConfigSource::new(Path::new("c.toml"), text);
        let at = |key: &str, value: Option<&str>| src.locate(key, value).map(|l| l.to_string());
        assert_eq!(at("select", Some("NOPE")).as_deref(), Some("c.toml:1:18"));
        assert_eq!(at("ignore", Some("X1")).as_deref(), Some("c.toml:2:18"));
        assert_eq!(
            at("suppress.1.rules", Some("R3")).as_deref(),
            Some("c.toml:11:16")
        );
        assert_eq!(at("suppress.0", None).as_deref(), Some("c.toml:4:1"));
        assert_eq!(at("select", None).as_deref(), Some("c.toml:1:10"));
        assert_eq!(at("select", Some("ZZZ")), None);
        assert_eq!(at("layout.domains", None), None);
        assert_eq!(ConfigSource::default().locate("select", None), None);
    }
}
