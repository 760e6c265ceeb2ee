//! Reading `ops-check:` suppression comments out of a file's text.
//!
//! ```text
//! source "$ROOT/ops/k8s/lib.sh"   # ops-check: ignore[LAY004] moved to _lib in #123
//! # ops-check: ignore[SUR004,LAY007] the runbook quotes the old name on purpose
//! # ops-check: ignore-file[LAY004] vendored from upstream
//! <!-- ops-check: ignore[SUR004] documents the old entrypoint -->
//! ```
//!
//! A suppression is a comment whose text starts with `ops-check:` (after the comment marker
//! and blanks): `#` in shell, Python, make, YAML and TOML files, `<!-- ... -->` on one line
//! in Markdown. `ignore[RULES] reason` applies to the line it ends or, written on a line of
//! its own, to the next line that is not itself a suppression comment (in Markdown, when that
//! line opens a fenced code block, to the whole block: a comment cannot stand inside one);
//! `ignore-file[RULES] reason` applies to the whole file. RULES are selectors as for `--select` (codes, names,
//! group prefixes), separated by commas; the reason is required.

use std::collections::BTreeSet;

use ops_model::FileKind;

/// The text that starts every suppression comment.
pub const MARKER: &str = "ops-check:";

/// How a file kind writes comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `# ...` to the end of the line: shell, Python, make, YAML, TOML.
    Hash,
    /// `<!-- ... -->`: Markdown (HTML comments, CommonMark 4.6 and 6.6).
    Html,
}

/// The comment syntax of a kind of file, or `None` for files without comments (JSON) or of
/// a kind ops-check does not read.
pub fn syntax(kind: FileKind) -> Option<Syntax> {
    match kind {
        FileKind::Shell
        | FileKind::Python
        | FileKind::Make
        | FileKind::Yaml
        | FileKind::Workflow
        | FileKind::Toml => Some(Syntax::Hash),
        FileKind::Markdown => Some(Syntax::Html),
        FileKind::Json | FileKind::Other => None,
    }
}

/// What a suppression covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Findings on the lines from the first to the last (1-based, inclusive): one line, or
    /// a fenced code block in Markdown.
    Lines(u32, u32),
    /// Every finding in the file.
    File,
}

impl Scope {
    /// Whether a finding on `line` is covered.
    pub fn covers(self, line: u32) -> bool {
        match self {
            Scope::Lines(first, last) => (first..=last).contains(&line),
            Scope::File => true,
        }
    }
}

/// The fence that opens a fenced code block on `line` (CommonMark 4.5: up to three spaces,
/// then at least three backticks or tildes), if it opens one.
fn opening_fence(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

/// The last line of the fenced block opened on line `first` of `lines`: the closing fence
/// (the same character, at least as long), or the end of the text.
fn block_end(lines: &[&str], first: u32, fence: (char, usize)) -> u32 {
    let start = usize::try_from(first).unwrap_or(usize::MAX);
    for (i, line) in lines.iter().enumerate().skip(start) {
        let trimmed = line.trim_start_matches(' ');
        if line.len() - trimmed.len() <= 3
            && trimmed.chars().take_while(|c| *c == fence.0).count() >= fence.1
            && trimmed.trim_start_matches(fence.0).trim().is_empty()
        {
            return ops_model::text::to_u32(i + 1);
        }
    }
    ops_model::text::to_u32(lines.len())
}

/// One well-formed suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The line of the comment.
    pub line: u32,
    /// The column of `ops-check:`, in characters.
    pub column: u32,
    /// What it covers.
    pub scope: Scope,
    /// The rule selectors between the brackets, as written.
    pub selectors: Vec<String>,
    /// Why.
    pub reason: String,
}

/// A comment that starts like a suppression but cannot be read as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// The line of the comment.
    pub line: u32,
    /// The column of `ops-check:`, in characters.
    pub column: u32,
    /// What is wrong with it.
    pub message: String,
}

/// A comment found on a line: where `ops-check:` starts, the text after it, and whether
/// the comment is the whole line.
struct Found<'a> {
    column: u32,
    body: Result<&'a str, &'static str>,
    alone: bool,
}

fn find(line: &str, syntax: Syntax) -> Option<Found<'_>> {
    let column = |at: usize| ops_model::text::to_u32(line[..at].chars().count() + 1);
    match syntax {
        Syntax::Hash => {
            let (i, _) = line.match_indices('#').find(|(i, _)| {
                line[*i..]
                    .trim_start_matches('#')
                    .trim_start()
                    .starts_with(MARKER)
            })?;
            let after = line[i..].trim_start_matches('#').trim_start();
            let at = line.len() - after.len();
            Some(Found {
                column: column(at),
                body: Ok(&after[MARKER.len()..]),
                alone: line[..i].trim().is_empty(),
            })
        }
        Syntax::Html => {
            let (i, _) = line
                .match_indices("<!--")
                .find(|(i, _)| line[i + 4..].trim_start().starts_with(MARKER))?;
            let after = line[i + 4..].trim_start();
            let at = line.len() - after.len();
            let after = &after[MARKER.len()..];
            let (body, alone) = match after.find("-->") {
                Some(end) => (
                    Ok(&after[..end]),
                    line[..i].trim().is_empty() && after[end + 3..].trim().is_empty(),
                ),
                None => (
                    Err("the comment is not closed with `-->` on its line"),
                    false,
                ),
            };
            Some(Found {
                column: column(at),
                body,
                alone,
            })
        }
    }
}

/// The form every suppression takes, for messages.
const FORM: &str = "`ignore[CODE] reason` or `ignore-file[CODE] reason`";

/// Reads `name[selectors] reason`.
fn parse_body(body: &str) -> Result<(bool, Vec<String>, String), String> {
    let body = body.trim();
    let Some((name, rest)) = body.split_once('[') else {
        return Err(format!(
            "`{MARKER} {body}` is not a suppression: expected {FORM}"
        ));
    };
    let file = match name.trim() {
        "ignore" => false,
        "ignore-file" => true,
        other => {
            let hint = ops_model::suggest::hint(other, ["ignore", "ignore-file"]);
            return Err(format!(
                "unknown directive `{other}`: expected {FORM}{hint}"
            ));
        }
    };
    let Some((inside, reason)) = rest.split_once(']') else {
        return Err(format!("`[` is not closed: expected {FORM}"));
    };
    let selectors: Vec<String> = inside
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if selectors.is_empty() {
        return Err(format!("`{name}[]` names no rule: expected {FORM}"));
    }
    let reason = reason
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '—'))
        .trim();
    if reason.is_empty() {
        return Err(format!(
            "`{}[{}]` gives no reason: say after the brackets why the finding is accepted",
            name.trim(),
            selectors.join(",")
        ));
    }
    Ok((file, selectors, reason.to_string()))
}

/// Every suppression comment of a file, and the comments that start like one but cannot be
/// read. Only lines holding [`MARKER`] are looked at.
pub fn parse(text: &str, syntax: Syntax) -> (Vec<Directive>, Vec<Malformed>) {
    let mut read: Vec<(u32, u32, bool, bool, Vec<String>, String)> = Vec::new();
    let mut malformed = Vec::new();
    let mut alone_lines = BTreeSet::new();
    for (n, line) in ops_model::text::numbered_lines(text) {
        if !line.contains(MARKER) {
            continue;
        }
        let Some(found) = find(line, syntax) else {
            continue;
        };
        if found.alone {
            alone_lines.insert(n);
        }
        match found.body.map_err(str::to_string).and_then(parse_body) {
            Ok((file, selectors, reason)) => {
                read.push((n, found.column, found.alone, file, selectors, reason))
            }
            Err(message) => malformed.push(Malformed {
                line: n,
                column: found.column,
                message,
            }),
        }
    }
    let lines: Vec<&str> = if syntax == Syntax::Html && !read.is_empty() {
        text.lines().collect()
    } else {
        Vec::new()
    };
    let directives = read
        .into_iter()
        .map(|(line, column, alone, file, selectors, reason)| {
            let scope = if file {
                Scope::File
            } else if alone {
                // The next line that is not a suppression comment itself, so that several
                // comments can stand above one line.
                let mut target = line.saturating_add(1);
                while alone_lines.contains(&target) {
                    target = target.saturating_add(1);
                }
                let opened = usize::try_from(target)
                    .ok()
                    .and_then(|t| lines.get(t.wrapping_sub(1)))
                    .and_then(|l| opening_fence(l));
                match opened {
                    Some(fence) => Scope::Lines(target, block_end(&lines, target, fence)),
                    None => Scope::Lines(target, target),
                }
            } else {
                Scope::Lines(line, line)
            };
            Directive {
                line,
                column,
                scope,
                selectors,
                reason,
            }
        })
        .collect();
    (directives, malformed)
}

#[cfg(test)]
#[path = "comment_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "comment_properties.rs"]
mod properties;
