//! Write targets of makefiles: output-root assignments (`OUT_DIR ?= ...`) and the shell of
//! recipe lines, after make's own `$(VAR)` expansion.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::lexer::close_paren;
use super::shell::{self, Env};
use super::{ROOT, UNKNOWN, Vocabulary, WriteTarget};

static ASSIGNMENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:export|override)\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(\?=|::=|:=|\+=|!=|=)\s*(.*)$",
    )
    .ok()
});

/// Make functions that keep their argument's path: `$(abspath x)` is the root-relative `x`
/// (make runs from the repository root), `$(strip x)` is `x`.
const PATH_FUNCTIONS: &[&str] = &["abspath", "realpath", "strip"];

struct Makefile<'a> {
    vocab: &'a Vocabulary,
    /// Raw right-hand sides; make expands variables when they are used.
    vars: HashMap<String, String>,
    checked_outputs: HashSet<String>,
}

impl Makefile<'_> {
    /// Expands make references in `text`; `$$` is left for the shell. Records the names of
    /// the variables used.
    fn expand(&self, text: &str, depth: usize, refs: &mut Vec<String>) -> String {
        if depth > 16 {
            return UNKNOWN.to_string();
        }
        let b = text.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'$' {
                let c = text[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
                continue;
            }
            match b.get(i + 1) {
                Some(b'$') => {
                    out.push_str("$$");
                    i += 2;
                }
                Some(open @ (b'(' | b'{')) => {
                    let close = if *open == b'(' { b')' } else { b'}' };
                    let end = close_group(b, i + 2, *open, close);
                    let inner = text.get(i + 2..end.saturating_sub(1)).unwrap_or("");
                    out.push_str(&self.reference(inner, depth, refs));
                    i = end;
                }
                Some(_) => {
                    // `$@`, `$<`, `$X`: automatic or one-letter variables.
                    out.push(UNKNOWN);
                    i += 2;
                }
                None => i += 1,
            }
        }
        out
    }

    fn reference(&self, inner: &str, depth: usize, refs: &mut Vec<String>) -> String {
        let inner = inner.trim();
        if let Some((func, arg)) = inner.split_once(char::is_whitespace) {
            let arg = arg.trim();
            if func == "shell"
                && arg
                    .split_whitespace()
                    .eq(["git", "rev-parse", "--show-toplevel"])
            {
                return ROOT.to_string();
            }
            if PATH_FUNCTIONS.contains(&func) {
                let value = self.expand(arg, depth + 1, refs);
                let anchored = value.starts_with([ROOT, UNKNOWN, '/']);
                return if func == "strip" || anchored {
                    value
                } else {
                    format!("{ROOT}/{value}")
                };
            }
            return UNKNOWN.to_string();
        }
        refs.push(inner.to_string());
        if self.vocab.root_variables.contains(inner) {
            return ROOT.to_string();
        }
        match self.vars.get(inner) {
            Some(raw) => self.expand(raw, depth + 1, refs),
            None => UNKNOWN.to_string(),
        }
    }
}

/// The offset after the group closing at depth 0.
fn close_group(b: &[u8], i: usize, open: u8, close: u8) -> usize {
    if open == b'(' {
        return close_paren(b, i);
    }
    let mut depth = 1;
    let mut j = i;
    while j < b.len() {
        if b[j] == open {
            depth += 1;
        } else if b[j] == close {
            depth -= 1;
            if depth == 0 {
                return j + 1;
            }
        }
        j += 1;
    }
    b.len()
}

/// Finds the write targets of a makefile. Offsets are those of the line's start, so a
/// finding points at the assignment or recipe line.
pub fn scan(text: &str, vocab: &Vocabulary) -> Vec<WriteTarget> {
    let mut mk = Makefile {
        vocab,
        vars: HashMap::new(),
        checked_outputs: HashSet::new(),
    };
    let mut out = Vec::new();
    let mut in_define = false;
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(first) = lines.next() {
        let start = offset;
        offset += first.len();
        // Join continuation lines.
        let mut line = first.trim_end_matches(['\n', '\r']).to_string();
        while line.ends_with('\\') {
            line.pop();
            match lines.next() {
                Some(next) => {
                    offset += next.len();
                    line.push(' ');
                    line.push_str(next.trim_end_matches(['\n', '\r']).trim_start());
                }
                None => break,
            }
        }
        let trimmed = line.trim_start();
        if in_define {
            in_define = trimmed != "endef";
            continue;
        }
        if trimmed.starts_with("define ") {
            in_define = true;
            continue;
        }
        if let Some(recipe) = line.strip_prefix('\t') {
            recipe_line(&mk, recipe, start, vocab, &mut out);
            continue;
        }
        if trimmed.starts_with('#') {
            continue;
        }
        let Some(caps) = ASSIGNMENT.as_ref().and_then(|r| r.captures(trimmed)) else {
            continue;
        };
        let (Some(name), Some(op), Some(value)) = (caps.get(1), caps.get(2), caps.get(3)) else {
            continue;
        };
        let (name, op) = (name.as_str(), op.as_str());
        let value = strip_comment(value.as_str()).trim();
        if vocab.root_variables.contains(name) {
            continue;
        }
        match op {
            "+=" | "!=" => {
                mk.vars.insert(name.to_string(), UNKNOWN.to_string());
                continue;
            }
            "?=" if mk.vars.contains_key(name) => continue,
            _ => {}
        }
        mk.vars.insert(name.to_string(), value.to_string());
        if vocab.is_output_name(name) {
            let mut refs = Vec::new();
            let expanded = mk.expand(value, 0, &mut refs).replace("$$", "$");
            mk.checked_outputs.insert(name.to_string());
            // A list of words is not one output root.
            if !expanded.contains(char::is_whitespace) {
                out.push(WriteTarget {
                    offset: start,
                    what: format!("assignment of `{name}`"),
                    raw: value.to_string(),
                    value: expanded,
                });
            }
        }
    }
    out
}

fn recipe_line(
    mk: &Makefile<'_>,
    recipe: &str,
    start: usize,
    vocab: &Vocabulary,
    out: &mut Vec<WriteTarget>,
) {
    let recipe = recipe.trim_start_matches(['@', '-', '+', ' ']);
    let mut refs = Vec::new();
    let shell_text = mk.expand(recipe, 0, &mut refs).replace("$$", "$");
    if refs.iter().any(|r| mk.checked_outputs.contains(r)) {
        // Writes through an output variable are judged at its assignment.
        let mut env = Env::default();
        let targets = shell::scan(&shell_text, vocab, &mut env);
        out.extend(
            targets
                .into_iter()
                .filter(|t| t.what.starts_with("assignment") || t.what.starts_with("default"))
                .map(|t| WriteTarget { offset: start, ..t }),
        );
        return;
    }
    let mut env = Env::default();
    out.extend(
        shell::scan(&shell_text, vocab, &mut env)
            .into_iter()
            .map(|t| WriteTarget { offset: start, ..t }),
    );
}

/// Drops a make comment (`#` not escaped).
fn strip_comment(value: &str) -> &str {
    let b = value.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1] != b'\\') {
            return &value[..i];
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str) -> Vec<String> {
        let vocab = Vocabulary::new(
            &["ROOT".into(), "CURDIR".into()],
            &["out".into(), "artifacts".into(), "report".into()],
        );
        scan(text, &vocab)
            .into_iter()
            .map(|t| {
                let v = t.value.replace(ROOT, "<root>").replace(UNKNOWN, "<?>");
                format!("{}@{} {}", t.what, t.offset, v)
            })
            .collect()
    }

    #[test]
    fn assignments_and_recipes() {
        let mk = "ATLASCTL ?= ./bin/atlasctl\nOUT_DIR ?= $(ROOT)/artifacts/out # where\nREPORT := $(abspath ops/_artifacts/r.json)\n\nx:\n\t@mkdir -p $(OUT_DIR)/a\n\t$(ATLASCTL) run > $(CURDIR)/artifacts/log.txt\n\techo $$HOME > /tmp/x\n";
        assert_eq!(
            targets(mk),
            [
                "assignment of `OUT_DIR`@27 <root>/artifacts/out",
                "assignment of `REPORT`@68 <root>/ops/_artifacts/r.json",
                "redirection `>`@139 <root>/artifacts/log.txt",
                "redirection `>`@186 /tmp/x",
            ]
        );
    }

    #[test]
    fn lists_and_unknowns() {
        assert_eq!(
            targets("OUTPUTS = a b\nOUT := $(shell mktemp -d)\nOUT_X = $(DIR)/x\n"),
            [
                "assignment of `OUT`@14 <?>",
                "assignment of `OUT_X`@40 <?>/x"
            ]
        );
    }
}
