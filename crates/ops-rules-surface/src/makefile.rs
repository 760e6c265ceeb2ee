//! Reader for the root `Makefile` and the makefiles it includes: rules with their targets,
//! prerequisites and recipes (with line numbers), `.PHONY` names and simple variables.
//!
//! This is not make. It reads the static structure: conditionals are not evaluated (a
//! target defined in either branch counts as defined), functions are not called, and a
//! variable expands only when the makefiles themselves assign it. That is enough to answer
//! "which targets have a rule" and "what does this recipe run" for operator makefiles, and
//! it never runs anything.

use std::collections::{BTreeMap, BTreeSet};

use ops_model::text::to_u32;
use ops_model::{CheckContext, GlobList, RepoPath, Severity};

use crate::problem::FileProblem;

/// A rule: `targets: prerequisites` (or `targets:: prerequisites`) and its recipe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MakeRule {
    pub targets: Vec<String>,
    pub prerequisites: Vec<String>,
    pub double_colon: bool,
    pub path: RepoPath,
    pub line: u32,
    pub recipe: Vec<RecipeLine>,
}

/// One logical recipe line (continuations joined), as written after the recipe tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecipeLine {
    pub line: u32,
    pub text: String,
}

impl RecipeLine {
    /// The shell command: make's own prefixes (`@`, `-`, `+`) removed.
    pub fn command(&self) -> &str {
        self.text
            .trim_start()
            .trim_start_matches(['@', '-', '+', ' ', '\t'])
    }

    /// A shell comment line (`# ...`): make passes it to the shell, which does nothing.
    pub fn is_comment(&self) -> bool {
        self.command().starts_with('#') || self.command().is_empty()
    }
}

/// A name listed as a prerequisite of `.PHONY`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhonyName {
    pub name: String,
    pub path: RepoPath,
    pub line: u32,
}

/// Something in the makefiles that the reader could not follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MakeProblem {
    pub problem: FileProblem,
    pub severity: Severity,
    pub kind: MakeProblemKind,
}

/// What kind of thing stopped the reader, so each gets its own advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MakeProblemKind {
    /// The root makefile is not there.
    MissingRoot,
    /// A makefile exists but its text cannot be read (permissions, encoding, size, a
    /// symlink): the targets it defines are unknown.
    Unreadable,
    /// An `include` names nothing ops-check can resolve to a file of the tree.
    Include,
}

impl MakeProblem {
    fn new(
        kind: MakeProblemKind,
        path: RepoPath,
        line: Option<u32>,
        message: String,
        severity: Severity,
    ) -> Self {
        MakeProblem {
            problem: FileProblem {
                path,
                line,
                message,
            },
            severity,
            kind,
        }
    }
}

/// Everything read from the root makefile and its includes.
#[derive(Clone, Debug, Default)]
pub struct Makefiles {
    /// The files read, root first, then includes in the order make reads them.
    pub files: Vec<RepoPath>,
    pub rules: Vec<MakeRule>,
    pub phony: Vec<PhonyName>,
    pub problems: Vec<MakeProblem>,
    vars: BTreeMap<String, String>,
}

impl Makefiles {
    /// Rules that name `target` explicitly.
    pub fn rules_for<'a>(&'a self, target: &'a str) -> impl Iterator<Item = &'a MakeRule> + 'a {
        self.rules
            .iter()
            .filter(move |r| r.targets.iter().any(|t| t == target))
    }

    /// Has `target` a rule of its own (not only a `.PHONY` listing)?
    pub fn is_defined(&self, target: &str) -> bool {
        self.rules_for(target).next().is_some()
    }

    /// Where `target` is listed in `.PHONY`, if anywhere.
    pub fn phony(&self, target: &str) -> Option<&PhonyName> {
        self.phony.iter().find(|p| p.name == target)
    }

    /// The makefiles that exist but could not be read: targets they define are unknown.
    pub fn unreadable(&self) -> impl Iterator<Item = &MakeProblem> {
        self.problems
            .iter()
            .filter(|p| p.kind == MakeProblemKind::Unreadable)
    }

    /// Every explicitly named target, sorted.
    pub fn targets(&self) -> BTreeSet<&str> {
        self.rules
            .iter()
            .flat_map(|r| r.targets.iter().map(String::as_str))
            .filter(|t| !is_special(t))
            .collect()
    }

    /// Expands the variables the makefiles assign (`$(X)`, `${X}`, `$X`) and `$$`.
    /// Unknown variables, automatic variables and function calls stay as written.
    pub fn expand(&self, text: &str) -> String {
        expand(text, &self.vars, 0)
    }

    /// The value a makefile assigns to `name`, unexpanded.
    pub fn variable(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }
}

/// Special targets (`.PHONY`, `.SUFFIXES`, ...) are not things anyone runs.
fn is_special(target: &str) -> bool {
    target.starts_with('.')
        && target[1..]
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '_')
}

/// Reads `[surface] makefile` and everything it includes. Never fails: what cannot be read
/// becomes a [`MakeProblem`].
pub fn read(cx: &CheckContext<'_>) -> Makefiles {
    let root = RepoPath::new(&cx.contract.surface.makefile);
    let mut reader = Reader {
        cx,
        base: root.parent().unwrap_or_default(),
        out: Makefiles::default(),
        seen: BTreeSet::new(),
    };
    if cx.index.is_file(root.as_str()) {
        reader.file(&root, 0);
    } else {
        let (kind, why) = match crate::read::something_else(cx, &root) {
            Some(why) => (MakeProblemKind::Unreadable, why),
            None => (MakeProblemKind::MissingRoot, "does not exist".to_string()),
        };
        reader.out.problems.push(MakeProblem::new(
            kind,
            root.clone(),
            None,
            format!("the root makefile `{root}` {why}"),
            Severity::Error,
        ));
    }
    reader.out
}

/// Parses makefile text alone (no includes), for tests and for callers with text in hand.
pub fn parse_text(path: &RepoPath, text: &str) -> Makefiles {
    let mut out = Makefiles::default();
    out.files.push(path.clone());
    parse_into(&mut out, path, text, &mut |_, _, _, _| {});
    out
}

struct Reader<'c, 'a> {
    cx: &'c CheckContext<'a>,
    /// make's working directory: include paths are relative to it.
    base: RepoPath,
    out: Makefiles,
    seen: BTreeSet<RepoPath>,
}

/// An include directive met while parsing: (words, optional?, path, line).
type IncludeHook<'h> = dyn FnMut(&mut Makefiles, &str, bool, (&RepoPath, u32)) + 'h;

impl Reader<'_, '_> {
    fn file(&mut self, path: &RepoPath, depth: usize) {
        if !self.seen.insert(path.clone()) {
            return;
        }
        let text = match crate::read::text(self.cx, path) {
            Ok(t) => t,
            Err(e) => {
                self.out.problems.push(MakeProblem::new(
                    MakeProblemKind::Unreadable,
                    path.clone(),
                    None,
                    format!(
                        "{}; the targets it defines are not seen",
                        crate::read::unreadable(path, &e)
                    ),
                    Severity::Warning,
                ));
                return;
            }
        };
        self.out.files.push(path.clone());
        // make reads an included file where the directive stands; for "which targets have
        // a rule" and "what does a recipe run" the order does not matter, so included files
        // are read after the includer, with every variable the includer assigns known.
        let mut pending = Vec::new();
        let mut out = std::mem::take(&mut self.out);
        parse_into(
            &mut out,
            path,
            text,
            &mut |_, words, optional, (p, line)| {
                pending.push((words.to_string(), optional, p.clone(), line));
            },
        );
        self.out = out;
        if depth > 32 {
            return;
        }
        for (words, optional, p, line) in pending {
            for target in self.resolve(&words, optional, &p, line) {
                self.file(&target, depth + 1);
            }
        }
    }

    /// Include words to files, reporting what cannot be resolved.
    fn resolve(
        &mut self,
        words: &str,
        optional: bool,
        from: &RepoPath,
        line: u32,
    ) -> Vec<RepoPath> {
        let mut found = Vec::new();
        let problem = |message: String, severity| {
            MakeProblem::new(
                MakeProblemKind::Include,
                from.clone(),
                Some(line),
                message,
                severity,
            )
        };
        for word in split_words_outside_refs(words) {
            let patterns: Vec<String> = match wildcard_args(&word) {
                Some(args) => args
                    .split_whitespace()
                    .map(|a| self.out.expand(a))
                    .collect(),
                None => vec![self.out.expand(&word)],
            };
            for pattern in patterns {
                if pattern.contains('$') {
                    self.out.problems.push(problem(
                        format!(
                            "include path `{word}` uses a variable or function ops-check cannot \
                             resolve; targets defined there are not seen"
                        ),
                        Severity::Warning,
                    ));
                    continue;
                }
                let rel = self.base.join(&pattern);
                if rel.components().any(|c| c == "..") {
                    self.out.problems.push(problem(
                        format!("include path `{word}` leaves the repository; not read"),
                        Severity::Warning,
                    ));
                    continue;
                }
                if pattern.contains(['*', '?', '[']) {
                    // make expands include globs itself; no match means nothing is included.
                    match GlobList::paths(&[rel.as_str().to_string()]) {
                        Ok(glob) => found.extend(
                            self.cx
                                .index
                                .files()
                                .filter(|e| glob.is_match(e.path.as_str()))
                                .map(|e| e.path.clone()),
                        ),
                        Err(e) => self.out.problems.push(problem(e, Severity::Warning)),
                    }
                } else if self.cx.index.is_file(rel.as_str()) {
                    found.push(rel);
                } else if let Some(why) = crate::read::something_else(self.cx, &rel) {
                    // make follows symlinks; this reader does not. Not "missing": unread.
                    self.out.problems.push(MakeProblem::new(
                        MakeProblemKind::Unreadable,
                        rel.clone(),
                        None,
                        format!("makefile `{rel}` {why}; the targets it defines are not seen"),
                        Severity::Warning,
                    ));
                } else if !optional {
                    self.out.problems.push(problem(
                        format!("included makefile `{word}` does not exist (make stops here)"),
                        Severity::Error,
                    ));
                }
            }
        }
        found
    }
}

/// `$(wildcard a b)` -> `a b`.
fn wildcard_args(word: &str) -> Option<&str> {
    let inner = word
        .strip_prefix("$(wildcard ")
        .and_then(|w| w.strip_suffix(')'))
        .or_else(|| {
            word.strip_prefix("${wildcard ")
                .and_then(|w| w.strip_suffix('}'))
        })?;
    Some(inner.trim())
}

/// Logical lines: (first physical line number, text, starts with a tab). Backslash-newline
/// joins lines with one space, as make does outside recipes (and as the shell does inside).
fn logical_lines(text: &str) -> Vec<(u32, String, bool)> {
    let mut out = Vec::new();
    let mut current: Option<(u32, String, bool)> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = to_u32(i + 1);
        let (body, continued) = split_continuation(raw);
        match current.as_mut() {
            Some((_, acc, _)) => {
                acc.push(' ');
                acc.push_str(body.trim_start());
            }
            None => current = Some((n, body.to_string(), raw.starts_with('\t'))),
        }
        if !continued {
            out.extend(current.take());
        }
    }
    out.extend(current);
    out
}

/// A line ends in a continuation when it ends in an odd number of backslashes.
fn split_continuation(line: &str) -> (&str, bool) {
    let slashes = line.len() - line.trim_end_matches('\\').len();
    if slashes % 2 == 1 {
        (line[..line.len() - 1].trim_end(), true)
    } else {
        (line, false)
    }
}

/// Removes a make comment (an unescaped `#`).
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'#' => return &line[..i],
            _ => i += 1,
        }
    }
    line
}

/// What a non-recipe line is.
enum LineKind<'l> {
    Assignment {
        name: &'l str,
        op: &'l str,
        value: &'l str,
    },
    Rule {
        targets: &'l str,
        double_colon: bool,
        rest: &'l str,
    },
    Other,
}

/// Finds the first `=` or `:` outside `$(...)` / `${...}` and classifies the line.
fn classify(line: &str) -> LineKind<'_> {
    let bytes = line.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'$' if matches!(bytes.get(i + 1), Some(b'(') | Some(b'{')) => {
                depth += 1;
                i += 1;
            }
            b'(' | b'{' if depth > 0 => depth += 1,
            b')' | b'}' if depth > 0 => depth -= 1,
            b'=' if depth == 0 => {
                let mut start = i;
                if i > 0 && matches!(bytes[i - 1], b'?' | b'+' | b'!') {
                    start = i - 1;
                }
                return LineKind::Assignment {
                    name: line[..start].trim(),
                    op: &line[start..=i],
                    value: line[i + 1..].trim_start(),
                };
            }
            b':' if depth == 0 => {
                let rest = &line[i..];
                for op in [":::=", "::=", ":="] {
                    if let Some(value) = rest.strip_prefix(op) {
                        return LineKind::Assignment {
                            name: line[..i].trim(),
                            op,
                            value: value.trim_start(),
                        };
                    }
                }
                let double_colon = rest.starts_with("::");
                let skip = if double_colon { 2 } else { 1 };
                return LineKind::Rule {
                    targets: line[..i].trim(),
                    double_colon,
                    rest: &line[i + skip..],
                };
            }
            _ => {}
        }
        i += 1;
    }
    LineKind::Other
}

/// Splits on whitespace, keeping `$(...)` references whole.
fn split_words_outside_refs(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut prev = '\0';
    for c in text.chars() {
        match c {
            '(' | '{' if prev == '$' || depth > 0 => depth += 1,
            ')' | '}' if depth > 0 => depth -= 1,
            _ => {}
        }
        if c.is_whitespace() && depth == 0 {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
        prev = c;
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Splits a rule's text after the colon into prerequisites and an inline recipe (`; cmd`).
fn split_inline_recipe(rest: &str) -> (&str, Option<&str>) {
    let bytes = rest.as_bytes();
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'{' => depth += 1,
            b')' | b'}' => depth = depth.saturating_sub(1),
            b';' if depth == 0 => return (&rest[..i], Some(rest[i + 1..].trim_start())),
            _ => {}
        }
    }
    (rest, None)
}

fn assign(vars: &mut BTreeMap<String, String>, name: &str, op: &str, value: &str) {
    let value = value.trim_end().to_string();
    match op {
        "?=" => {
            vars.entry(name.to_string()).or_insert(value);
        }
        "+=" => {
            let entry = vars.entry(name.to_string()).or_default();
            if !entry.is_empty() {
                entry.push(' ');
            }
            entry.push_str(&value);
        }
        // `!=` runs a shell command; its value is unknown here.
        "!=" => {
            vars.remove(name);
        }
        ":=" | "::=" | ":::=" => {
            let expanded = expand(&value, vars, 0);
            vars.insert(name.to_string(), expanded);
        }
        _ => {
            vars.insert(name.to_string(), value);
        }
    }
}

fn parse_into(out: &mut Makefiles, path: &RepoPath, text: &str, on_include: &mut IncludeHook<'_>) {
    let mut in_rule: Option<usize> = None;
    let mut define: Option<(String, String)> = None;
    for (line_no, line, tab) in logical_lines(text) {
        if let Some((name, body)) = define.as_mut() {
            if line.trim_start().starts_with("endef") {
                let (name, body) = (std::mem::take(name), std::mem::take(body));
                out.vars.insert(name, body);
                define = None;
            } else {
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(&line);
            }
            continue;
        }
        if let (true, Some(i)) = (tab, in_rule) {
            out.rules[i].recipe.push(RecipeLine {
                line: line_no,
                text: line[1..].to_string(),
            });
            continue;
        }
        let code = strip_comment(&line);
        let trimmed = code.trim();
        if trimmed.is_empty() {
            continue;
        }
        let (first, after) = match trimmed.split_once(char::is_whitespace) {
            Some((f, a)) => (f, a.trim_start()),
            None => (trimmed, ""),
        };
        match first {
            "ifeq" | "ifneq" | "ifdef" | "ifndef" | "else" | "endif" => continue,
            "define" => {
                let name = after.split_whitespace().next().unwrap_or("").to_string();
                define = Some((name, String::new()));
                in_rule = None;
                continue;
            }
            "include" | "-include" | "sinclude" => {
                in_rule = None;
                on_include(out, after, first != "include", (path, line_no));
                continue;
            }
            "vpath" | "unexport" => continue,
            _ => {}
        }
        // `export X = y`, `override X := y` are assignments; `export X` alone does nothing here.
        let body = match first {
            "export" | "override" | "private" => after,
            _ => trimmed,
        };
        match classify(body) {
            LineKind::Assignment { name, op, value } => {
                in_rule = None;
                assign(&mut out.vars, name, op, value);
            }
            LineKind::Rule {
                targets,
                double_colon,
                rest,
            } => {
                let (prereqs, inline) = split_inline_recipe(rest);
                // `target: VAR = value` sets a target-specific variable; it is not a rule.
                if inline.is_none() && matches!(classify(prereqs), LineKind::Assignment { .. }) {
                    in_rule = None;
                    continue;
                }
                // Static pattern rules: `targets: pattern: prereq-patterns`.
                let prereqs = match classify(prereqs) {
                    LineKind::Rule { rest, .. } => rest,
                    _ => prereqs,
                };
                let names: Vec<String> = split_words_outside_refs(&out.expand(targets))
                    .into_iter()
                    .filter(|t| !t.contains('$') && !t.contains('%'))
                    .collect();
                let prerequisites: Vec<String> = split_words_outside_refs(&out.expand(prereqs))
                    .into_iter()
                    .filter(|p| p != "|")
                    .collect();
                if names.iter().any(|n| n == ".PHONY") {
                    out.phony.extend(prerequisites.iter().map(|p| PhonyName {
                        name: p.clone(),
                        path: path.clone(),
                        line: line_no,
                    }));
                }
                let recipe = inline
                    .filter(|r| !r.trim().is_empty())
                    .map(|r| RecipeLine {
                        line: line_no,
                        text: r.to_string(),
                    })
                    .into_iter()
                    .collect();
                out.rules.push(MakeRule {
                    targets: names,
                    prerequisites,
                    double_colon,
                    path: path.clone(),
                    line: line_no,
                    recipe,
                });
                in_rule = Some(out.rules.len() - 1);
            }
            LineKind::Other => in_rule = None,
        }
    }
}

/// Expands variable references. Depth-limited so `A = $(A)` cannot loop.
fn expand(text: &str, vars: &BTreeMap<String, String>, depth: usize) -> String {
    if depth > 16 || !text.contains('$') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(c) = after.chars().next() else {
            out.push('$');
            rest = "";
            break;
        };
        match c {
            '$' => {
                out.push('$');
                rest = &after[1..];
            }
            '(' | '{' => {
                let close = if c == '(' { ')' } else { '}' };
                match matching(after, c, close) {
                    Some(end) => {
                        let inner = &after[1..end];
                        let whole = &rest[i..i + 1 + end + 1];
                        out.push_str(&reference(inner, whole, vars, depth));
                        rest = &after[end + 1..];
                    }
                    None => {
                        out.push_str(&rest[i..]);
                        rest = "";
                    }
                }
            }
            c => {
                let name = c.to_string();
                match vars.get(&name) {
                    Some(v) => out.push_str(&expand(v, vars, depth + 1)),
                    None => {
                        out.push('$');
                        out.push(c);
                    }
                }
                rest = &after[c.len_utf8()..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(inner: &str, whole: &str, vars: &BTreeMap<String, String>, depth: usize) -> String {
    if inner.contains(char::is_whitespace) || inner.contains(',') {
        // A function call (`$(shell ...)`, `$(wildcard ...)`): left as written.
        return whole.to_string();
    }
    let name = expand(inner, vars, depth + 1);
    match vars.get(&name) {
        Some(v) => expand(v, vars, depth + 1),
        None if name == "MAKE" => "make".to_string(),
        None => whole.to_string(),
    }
}

/// The index of the bracket closing the one at `text[0]`.
fn matching(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::testing::TestRepo;

    fn parse(text: &str) -> Makefiles {
        parse_text(&RepoPath::new("Makefile"), text)
    }

    #[test]
    fn rules_phony_recipes_and_lines() {
        let mk = parse(
            "X ?= ./bin/atlasctl\n.PHONY: a b \\\n  c\n\na b: dep ; @echo inline\n\t$(X) ops a\n\n# c\n\t@echo two \\\n\t  more\nc::\n\techo c1\nc::\n\techo c2\n",
        );
        assert_eq!(
            mk.phony
                .iter()
                .map(|p| (p.name.as_str(), p.line))
                .collect::<Vec<_>>(),
            [("a", 2), ("b", 2), ("c", 2)]
        );
        let ab = mk.rules_for("b").next().unwrap();
        assert_eq!(ab.targets, ["a", "b"]);
        assert_eq!(ab.prerequisites, ["dep"]);
        assert_eq!(ab.line, 5);
        let recipe: Vec<_> = ab
            .recipe
            .iter()
            .map(|r| (r.line, r.text.as_str()))
            .collect();
        assert_eq!(
            recipe,
            [
                (5, "@echo inline"),
                (6, "$(X) ops a"),
                (9, "@echo two more")
            ]
        );
        assert_eq!(mk.expand(&ab.recipe[1].text), "./bin/atlasctl ops a");
        let c: Vec<_> = mk.rules_for("c").collect();
        assert_eq!(c.len(), 2);
        assert!(c[0].double_colon);
        assert!(mk.is_defined("a") && !mk.is_defined("d"));
    }

    #[test]
    fn assignments_are_not_rules() {
        let mk = parse(
            "A := x:y\nB = http://h\nC ::= c\nexport D = 1\nt: V = 1\nu: $(A)\ndefine E\nf: g\nendef\n",
        );
        assert_eq!(mk.targets().into_iter().collect::<Vec<_>>(), ["u"]);
        assert_eq!(mk.rules_for("u").next().unwrap().prerequisites, ["x:y"]);
        assert_eq!(mk.variable("E"), Some("f: g"));
        assert_eq!(
            mk.expand("$(B) $$HOME $(shell x y) $(NOPE) $@"),
            "http://h $HOME $(shell x y) $(NOPE) $@"
        );
    }

    #[test]
    fn phony_only_is_not_defined() {
        let mk = parse(".PHONY: ops-x\n");
        assert!(!mk.is_defined("ops-x"));
        assert_eq!(mk.phony("ops-x").unwrap().line, 1);
    }

    #[test]
    fn includes_are_followed_and_problems_reported() {
        let repo = TestRepo::new()
            .file(
                "Makefile",
                "DIR := makefiles\ninclude $(DIR)/a.mk\n-include missing.mk\ninclude nope.mk\ninclude $(shell ls)\ninclude $(wildcard extra/*.mk)\n",
            )
            .file("makefiles/a.mk", "a:\n\techo a\ninclude makefiles/a.mk\n")
            .file("extra/b.mk", "b:\n\techo b\n");
        let cx = repo.context();
        let mk = read(&cx.cx());
        assert_eq!(
            mk.files.iter().map(RepoPath::as_str).collect::<Vec<_>>(),
            ["Makefile", "makefiles/a.mk", "extra/b.mk"]
        );
        assert!(mk.is_defined("a") && mk.is_defined("b"));
        let problems: Vec<_> = mk
            .problems
            .iter()
            .map(|p| {
                (
                    p.problem.line,
                    p.severity,
                    p.problem
                        .message
                        .split(' ')
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            })
            .collect();
        assert_eq!(
            problems,
            [
                (
                    Some(4),
                    Severity::Error,
                    "included makefile `nope.mk`".to_string()
                ),
                (
                    Some(5),
                    Severity::Warning,
                    "include path `$(shell".to_string()
                ),
            ]
        );
    }

    #[test]
    fn unreadable_makefiles_are_problems_not_panics() {
        let repo = TestRepo::new()
            .file("Makefile", "include bad.mk\n")
            .bytes("bad.mk", &[0xff, b':', b'\n']);
        let cx = repo.context();
        let mk = read(&cx.cx());
        assert_eq!(mk.problems.len(), 1);
        assert!(
            mk.problems[0].problem.message.contains("not valid UTF-8"),
            "{:?}",
            mk.problems
        );
        assert_eq!(mk.problems[0].severity, Severity::Warning);
    }

    #[test]
    fn missing_root_makefile_is_a_problem() {
        let repo = TestRepo::new().file("x", "");
        let cx = repo.context();
        let mk = read(&cx.cx());
        assert_eq!(mk.problems.len(), 1);
        assert!(mk.problems[0].problem.message.contains("does not exist"));
    }
}
