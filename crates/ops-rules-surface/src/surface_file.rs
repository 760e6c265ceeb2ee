//! Reader for `ops/_meta/surface.json`: the declared entrypoints and deprecations, each with
//! the line it is declared on (findings point there).

use ops_model::text::line_column;
use ops_model::{CheckContext, JsonError, RepoPath};
use serde_json::Value;

use crate::problem::FileProblem;

/// One declared entrypoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    pub name: String,
    pub line: u32,
}

/// One entry of `deprecated`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    pub target: String,
    pub since: Option<String>,
    pub replacement: Option<String>,
    pub line: u32,
}

/// The parsed surface declaration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurfaceDecl {
    pub path: RepoPath,
    pub entrypoints: Vec<Declared>,
    pub deprecated: Vec<Deprecation>,
}

impl SurfaceDecl {
    pub fn is_entrypoint(&self, name: &str) -> bool {
        self.entrypoints.iter().any(|e| e.name == name)
    }

    pub fn entrypoint(&self, name: &str) -> Option<&Declared> {
        self.entrypoints.iter().find(|e| e.name == name)
    }

    pub fn deprecation(&self, name: &str) -> Option<&Deprecation> {
        self.deprecated.iter().find(|d| d.target == name)
    }

    pub fn is_deprecated(&self, name: &str) -> bool {
        self.deprecation(name).is_some()
    }
}

/// Reads the surface file configured in `[surface] surface_file`.
///
/// Shape problems (an entry that is not a string) are returned next to what could be read,
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
    let mut decl = SurfaceDecl {
        path: path.clone(),
        ..SurfaceDecl::default()
    };

    let entry_key = key_offset(text, "entrypoints");
    match object.get("entrypoints") {
        None => {
            return Err(problem(
                Some(1),
                format!("`{path}` has no `entrypoints` list"),
            ));
        }
        Some(Value::Array(items)) => {
            let mut cursor = Cursor::new(text, entry_key);
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(name) => {
                        let line = cursor.find_string(name);
                        decl.entrypoints.push(Declared {
                            name: name.to_string(),
                            line,
                        });
                    }
                    None => problems.push(problem(
                        Some(cursor.line_here()),
                        format!("`entrypoints[{i}]` is {item}, not a target name string"),
                    )),
                }
            }
        }
        Some(other) => {
            return Err(problem(
                Some(line_of(text, entry_key)),
                format!("`entrypoints` is {other}, not a list of target names"),
            ));
        }
    }

    let dep_key = key_offset(text, "deprecated");
    match object.get("deprecated") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            let mut cursor = Cursor::new(text, dep_key);
            for (i, item) in items.iter().enumerate() {
                let target = item.get("target").and_then(Value::as_str);
                match target {
                    Some(target) => {
                        let line = cursor.find_string(target);
                        let field = |k: &str| item.get(k).and_then(Value::as_str).map(String::from);
                        decl.deprecated.push(Deprecation {
                            target: target.to_string(),
                            since: field("since"),
                            replacement: field("replacement"),
                            line,
                        });
                    }
                    None => problems.push(problem(
                        Some(cursor.line_here()),
                        format!("`deprecated[{i}]` has no string `target`"),
                    )),
                }
            }
        }
        Some(other) => problems.push(problem(
            Some(line_of(text, dep_key)),
            format!("`deprecated` is {other}, not a list"),
        )),
    }
    Ok((decl, problems))
}

/// The byte offset of `"key"` followed by `:` (the first such), or 0.
fn key_offset(text: &str, key: &str) -> usize {
    let needle = format!("\"{key}\"");
    let mut from = 0;
    while let Some(i) = text[from..].find(&needle) {
        let at = from + i;
        let rest = text[at + needle.len()..].trim_start();
        if rest.starts_with(':') {
            return at;
        }
        from = at + needle.len();
    }
    0
}

fn line_of(text: &str, offset: usize) -> u32 {
    line_column(text, offset).0
}

/// Walks forward through the text, finding each listed string after the previous one, so
/// duplicates get their own lines.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str, at: usize) -> Self {
        Cursor { text, at }
    }

    fn find_string(&mut self, value: &str) -> u32 {
        // Names with escapes do not appear verbatim; they keep the line of the cursor.
        let needle = serde_json::to_string(value).unwrap_or_default();
        if let Some(i) = self.text.get(self.at..).and_then(|t| t.find(&needle)) {
            self.at += i + needle.len().max(1);
            return line_of(self.text, self.at - 1);
        }
        self.line_here()
    }

    fn line_here(&self) -> u32 {
        line_of(self.text, self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decl(text: &str) -> (SurfaceDecl, Vec<FileProblem>) {
        let value: Value = serde_json::from_str(text).unwrap();
        parse(&RepoPath::new("s.json"), text, &value).unwrap()
    }

    #[test]
    fn entrypoints_and_deprecations_keep_their_lines() {
        let text = "{\n  \"deprecated\": [\n    {\"target\": \"ops-old\", \"since\": \"1.1.0\", \"replacement\": \"ops-up\"}\n  ],\n  \"entrypoints\": [\n    \"ops-old\",\n    \"ops-up\"\n  ]\n}\n";
        let (d, problems) = decl(text);
        assert!(problems.is_empty());
        let names: Vec<_> = d
            .entrypoints
            .iter()
            .map(|e| (e.name.as_str(), e.line))
            .collect();
        assert_eq!(names, [("ops-old", 6), ("ops-up", 7)]);
        assert_eq!(d.deprecated[0].line, 3);
        assert_eq!(d.deprecated[0].replacement.as_deref(), Some("ops-up"));
        assert!(d.is_deprecated("ops-old") && !d.is_deprecated("ops-up"));
    }

    #[test]
    fn duplicates_get_distinct_lines_and_bad_items_are_problems() {
        let (d, problems) = decl("{\"entrypoints\": [\n\"ops-a\",\n3,\n\"ops-a\"]}");
        assert_eq!(
            d.entrypoints.iter().map(|e| e.line).collect::<Vec<_>>(),
            [2, 4]
        );
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("entrypoints[1]"));
    }

    #[test]
    fn wrong_shapes_are_errors() {
        for text in ["[]", "{}", "{\"entrypoints\": 1}"] {
            let value: Value = serde_json::from_str(text).unwrap();
            assert!(
                parse(&RepoPath::new("s.json"), text, &value).is_err(),
                "{text}"
            );
        }
    }
}
