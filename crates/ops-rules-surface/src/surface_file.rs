//! Reader for `ops/_meta/surface.json`: the declared entrypoints and deprecations, each with
//! the line it is declared on (findings point there).
//!
//! Accepted shapes, as real repositories write them (SCH008 validates the file against the
//! shipped schema; this reader only takes what the rules need):
//!
//! - `entrypoints`: a list of target names (`"ops-up"`), or of objects naming one with
//!   `name` (`{"name": "ops-up", "domain": "stack", ...}`; other keys are ignored), or both;
//! - `deprecated`: a list of objects with `target` (and optional `since`, `replacement`), or
//!   of bare target names;
//! - any `schema_version` and any other top-level key (`owner`, `description`, `docs`).
//!
//! Lookups by name are hash maps, so the rules stay linear in the size of the surface.

use hashbrown::HashMap;

use ops_model::{CheckContext, JsonError, RepoPath};
use serde_json::Value;

use crate::problem::FileProblem;

/// One declared entrypoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    /// The target name: the string entry, or the `name` of an object entry.
    pub name: String,
    /// 1-based line of its name in the file.
    pub line: u32,
}

/// One entry of `deprecated`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    /// The deprecated target: the string entry, or the `target` of an object entry.
    pub target: String,
    /// `since`: the release it is deprecated since, as written (`"1.1.0"`); `None` when
    /// absent or not a string (the surface lock then records the current release).
    pub since: Option<String>,
    /// `replacement`: the target to run instead, as written; `None` when absent or not a
    /// string.
    pub replacement: Option<String>,
    /// 1-based line of its target name in the file.
    pub line: u32,
}

/// The parsed surface declaration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurfaceDecl {
    /// The declaration file (`[surface] surface_file`, `ops/_meta/surface.json` by
    /// default).
    pub path: RepoPath,
    /// In file order; a name declared twice is here twice (SCH008 reports it).
    pub entrypoints: Vec<Declared>,
    /// The entries of `deprecated` that name a target, in file order (a target deprecated
    /// twice is here twice).
    pub deprecated: Vec<Deprecation>,
    /// Name -> index of its first declaration in `entrypoints`.
    by_name: HashMap<String, usize>,
    /// Target -> index of its first entry in `deprecated`.
    by_target: HashMap<String, usize>,
}

impl SurfaceDecl {
    /// A declaration of these entrypoints and deprecations, indexed by name.
    pub fn new(
        path: RepoPath,
        entrypoints: Vec<Declared>,
        deprecated: Vec<Deprecation>,
    ) -> SurfaceDecl {
        let mut by_name = HashMap::with_capacity(entrypoints.len());
        for (i, e) in entrypoints.iter().enumerate() {
            by_name.entry(e.name.clone()).or_insert(i);
        }
        let mut by_target = HashMap::with_capacity(deprecated.len());
        for (i, d) in deprecated.iter().enumerate() {
            by_target.entry(d.target.clone()).or_insert(i);
        }
        SurfaceDecl {
            path,
            entrypoints,
            deprecated,
            by_name,
            by_target,
        }
    }

    /// Whether `name` is declared in `entrypoints` (deprecated or not).
    pub fn is_entrypoint(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// The first declaration of `name`.
    pub fn entrypoint(&self, name: &str) -> Option<&Declared> {
        self.by_name.get(name).map(|&i| &self.entrypoints[i])
    }

    /// The first `deprecated` entry of `name`.
    pub fn deprecation(&self, name: &str) -> Option<&Deprecation> {
        self.by_target.get(name).map(|&i| &self.deprecated[i])
    }

    /// Whether `name` has an entry in `deprecated` (declared in `entrypoints` or not).
    pub fn is_deprecated(&self, name: &str) -> bool {
        self.by_target.contains_key(name)
    }

    /// Declared and not deprecated: a target guidance may point to.
    pub fn is_canonical(&self, name: &str) -> bool {
        self.is_entrypoint(name) && !self.is_deprecated(name)
    }
}

/// Reads the surface file configured in `[surface] surface_file`.
///
/// Shape problems (an entry that names no target) are returned next to what could be read,
/// so one bad entry does not hide the others.
pub fn read(cx: &CheckContext<'_>) -> Result<(SurfaceDecl, Vec<FileProblem>), FileProblem> {
    let path = RepoPath::new(&cx.contract.surface.surface_file);
    let fail = |line: Option<u32>, message: String| FileProblem {
        path: path.clone(),
        line,
        message,
    };
    if !cx.index.is_file(path.as_str()) {
        return Err(fail(
            None,
            format!(
                "the surface declaration `{path}` {}",
                crate::read::not_a_file(cx, &path)
            ),
        ));
    }
    let text = crate::read::text(cx, &path)
        .map_err(|e| fail(None, format!("cannot read `{path}`: {e}")))?;
    let value = cx.files.json(&path).map_err(|e| match e {
        JsonError::Syntax { line, message, .. } => {
            fail(Some(line), format!("`{path}` is not valid JSON: {message}"))
        }
        JsonError::Read(e) => fail(None, format!("cannot read `{path}`: {e}")),
    })?;
    parse(&path, text, value)
}

/// Parses an already decoded declaration; `text` gives line numbers.
pub fn parse(
    path: &RepoPath,
    text: &str,
    value: &Value,
) -> Result<(SurfaceDecl, Vec<FileProblem>), FileProblem> {
    let problem = |line: Option<u32>, message: String| FileProblem {
        path: path.clone(),
        line,
        message,
    };
    let Some(object) = value.as_object() else {
        return Err(problem(Some(1), format!("`{path}` is not a JSON object")));
    };
    let mut problems = Vec::new();
    let mut cursor = Cursor::new(text);

    cursor.seek_key("entrypoints");
    let items = match object.get("entrypoints") {
        None => {
            return Err(problem(
                Some(1),
                format!("`{path}` has no `entrypoints` list"),
            ));
        }
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(problem(
                Some(cursor.line),
                format!(
                    "`entrypoints` is {}, not a list of target names",
                    kind(other)
                ),
            ));
        }
    };
    let mut entrypoints = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let (name, key) = match item {
            Value::String(name) => (Some(name.as_str()), None),
            Value::Object(o) => (o.get("name").and_then(Value::as_str), Some("name")),
            _ => (None, None),
        };
        match name {
            Some(name) => {
                let line = cursor.find(name, key);
                entrypoints.push(Declared {
                    name: name.to_string(),
                    line,
                });
            }
            None => problems.push(problem(
                Some(cursor.line),
                format!("`entrypoints[{i}]` names no target"),
            )),
        }
    }

    let mut deprecated = Vec::new();
    let mut cursor = Cursor::new(text);
    cursor.seek_key("deprecated");
    match object.get("deprecated") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let (target, key) = match item {
                    Value::String(t) => (Some(t.as_str()), None),
                    Value::Object(o) => (o.get("target").and_then(Value::as_str), Some("target")),
                    _ => (None, None),
                };
                let Some(target) = target else {
                    problems.push(problem(
                        Some(cursor.line),
                        format!("`deprecated[{i}]` has no string `target`"),
                    ));
                    continue;
                };
                let line = cursor.find(target, key);
                let field = |k: &str| item.get(k).and_then(Value::as_str).map(String::from);
                deprecated.push(Deprecation {
                    target: target.to_string(),
                    since: field("since"),
                    replacement: field("replacement"),
                    line,
                });
            }
        }
        Some(other) => problems.push(problem(
            Some(cursor.line),
            format!("`deprecated` is {}, not a list", kind(other)),
        )),
    }
    Ok((
        SurfaceDecl::new(path.clone(), entrypoints, deprecated),
        problems,
    ))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// After this many names in a row that cannot be found verbatim (written with escapes), the
/// cursor stops looking: each failed search reads the rest of the file, and the lines are
/// only where findings point.
const MAX_MISSES: usize = 32;

/// Walks forward through the text, finding each listed name after the previous one, so
/// duplicates get their own lines. The line is counted as the cursor moves, so reading a
/// declaration costs one pass over its text.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
    /// The 1-based line of `at`.
    line: u32,
    misses: usize,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Cursor {
            text,
            at: 0,
            line: 1,
            misses: 0,
        }
    }

    fn advance_to(&mut self, offset: usize) {
        let offset = offset.min(self.text.len());
        if offset > self.at {
            let newlines =
                memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.at..offset]).count();
            self.line = self.line.saturating_add(ops_model::text::to_u32(newlines));
            self.at = offset;
        }
    }

    /// Moves to the first `"key"` followed by `:` (a top-level key, in practice).
    fn seek_key(&mut self, key: &str) {
        let needle = format!("\"{key}\"");
        let mut from = self.at;
        while let Some(i) = self.text[from..].find(&needle) {
            let at = from + i;
            let after = at + needle.len();
            if self.text[after..].trim_start().starts_with(':') {
                self.advance_to(at);
                return;
            }
            from = after;
        }
    }

    /// The line of the next `value` string, written after `"key":` when `key` is given (a
    /// `name` or `target` field of an object entry).
    fn find(&mut self, value: &str, key: Option<&str>) -> u32 {
        if self.misses >= MAX_MISSES {
            return self.line;
        }
        let bytes = self.text.as_bytes();
        // A name JSON writes as itself (most names) is found without building its JSON
        // text; any other as serde_json writes it.
        let escaped = if plain(value) {
            None
        } else {
            Some(serde_json::to_string(value).unwrap_or_default())
        };
        let width = escaped.as_ref().map_or(value.len() + 2, String::len);
        let mut from = self.at;
        while let Some(at) = match &escaped {
            None => next_plain(bytes, from, value.as_bytes()),
            Some(needle) => bytes
                .get(from..)
                .and_then(|t| memchr::memmem::find(t, needle.as_bytes()))
                .map(|i| from + i),
        } {
            if key.is_none_or(|k| keyed(&self.text[..at], k)) {
                self.misses = 0;
                self.advance_to(at);
                let line = self.line;
                self.advance_to(at + width);
                return line;
            }
            from = at + width;
        }
        self.misses += 1;
        self.line
    }
}

/// Is `value` written in JSON as itself between quotes (no `"`, `\` or control character,
/// the characters serde_json escapes)?
fn plain(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\')
}

/// How far past the cursor [`next_plain`] looks byte by byte: the names of a declaration
/// come a few hundred bytes apart.
const NEAR: usize = 4096;

/// The offset of the opening quote of the next `"value"` at or after `from`, for a
/// [`plain`] value. Over the next [`NEAR`] bytes, each occurrence of the value's first byte
/// is tried (a substring searcher costs more to build than this search costs, callgrind);
/// past them, memchr's substring search.
fn next_plain(text: &[u8], from: usize, value: &[u8]) -> Option<usize> {
    let near_end = text.len().min(from.saturating_add(NEAR));
    // An opening quote at `q` in from..near_end puts the value's first byte at q + 1.
    let window = text.get(from + 1..(near_end + 1).min(text.len()))?;
    for i in memchr::memchr_iter(*value.first()?, window) {
        let at = from + 1 + i;
        if text[at - 1] == b'"'
            && text[at..].starts_with(value)
            && text.get(at + value.len()) == Some(&b'"')
        {
            return Some(at - 1);
        }
    }
    let mut needle = Vec::with_capacity(value.len() + 2);
    needle.push(b'"');
    needle.extend_from_slice(value);
    needle.push(b'"');
    memchr::memmem::find(text.get(near_end..)?, &needle).map(|i| near_end + i)
}

/// Does `before` end with `"key":` (blanks allowed around the colon)?
fn keyed(before: &str, key: &str) -> bool {
    before
        .trim_end()
        .strip_suffix(':')
        .map(str::trim_end)
        .and_then(|b| b.strip_suffix('"'))
        .and_then(|b| b.strip_suffix(key))
        .is_some_and(|b| b.ends_with('"'))
}

#[cfg(test)]
#[path = "surface_file_tests.rs"]
mod tests;
