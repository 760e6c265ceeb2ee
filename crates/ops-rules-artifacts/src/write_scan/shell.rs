//! Write targets of shell text: output-root assignments, `mkdir`/`touch`/`tee`/`cp`/`mv`
//! targets and output redirections.

use std::collections::{HashMap, HashSet};

use super::lexer::{self, Token, close_brace, close_paren};
use super::{ROOT, SCRIPT_DIR, UNKNOWN, Vocabulary, WriteTarget};

/// Shell variables known so far, expanded.
#[derive(Default)]
pub struct Env {
    vars: HashMap<String, String>,
    /// Output-named variables whose assignment was checked: a write through one of them is
    /// judged at the assignment, not again at every use.
    pub checked_outputs: HashSet<String>,
}

/// An expanded value and the variables it referenced.
struct Expanded {
    value: String,
    refs: Vec<String>,
    /// `${NAME:=default}` assignments made while expanding.
    assigned: Vec<(String, String)>,
}

struct Expander<'a> {
    vocab: &'a Vocabulary,
    env: &'a Env,
    refs: Vec<String>,
    assigned: Vec<(String, String)>,
}

impl Expander<'_> {
    /// Expands a shell word (quotes removed, parameters and command substitutions resolved
    /// where possible).
    fn word(&mut self, word: &str) -> String {
        let b = word.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        let mut in_double = false;
        while i < b.len() {
            match b[i] {
                b'\'' if !in_double => {
                    let end = word[i + 1..].find('\'').map_or(word.len(), |n| i + 1 + n);
                    out.push_str(&word[i + 1..end]);
                    i = end + 1;
                }
                b'"' => {
                    in_double = !in_double;
                    i += 1;
                }
                b'\\' => {
                    if let Some(c) = word[i + 1..].chars().next() {
                        out.push(c);
                        i += 1 + c.len_utf8();
                    } else {
                        i += 1;
                    }
                }
                b'`' => {
                    let end = word[i + 1..].find('`').map_or(word.len(), |n| i + 1 + n);
                    out.push(UNKNOWN);
                    i = end + 1;
                }
                b'$' => {
                    let (value, next) = self.dollar(word, i);
                    out.push_str(&value);
                    i = next;
                }
                _ => {
                    let c = word[i..].chars().next().unwrap_or(' ');
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        }
        out
    }

    /// Expands the `$...` at `i`; returns the value and the offset after it.
    fn dollar(&mut self, word: &str, i: usize) -> (String, usize) {
        let b = word.as_bytes();
        match b.get(i + 1) {
            Some(b'(') if b.get(i + 2) == Some(&b'(') => {
                (UNKNOWN.to_string(), close_paren(b, i + 2).max(i + 2))
            }
            Some(b'(') => {
                let end = close_paren(b, i + 2);
                let inner = word.get(i + 2..end.saturating_sub(1)).unwrap_or("");
                (self.command(inner), end)
            }
            Some(b'{') => {
                let end = close_brace(b, i + 2);
                let inner = word.get(i + 2..end.saturating_sub(1)).unwrap_or("");
                (self.braced(inner), end)
            }
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
                let len = word[i + 1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(word.len() - i - 1);
                let name = &word[i + 1..i + 1 + len];
                (self.var(name), i + 1 + len)
            }
            Some(c) if c.is_ascii_digit() || b"@*#?$!-".contains(c) => (UNKNOWN.to_string(), i + 2),
            _ => ("$".to_string(), i + 1),
        }
    }

    fn var(&mut self, name: &str) -> String {
        self.refs.push(name.to_string());
        if self.vocab.root_variables.contains(name) {
            return ROOT.to_string();
        }
        match self.env.vars.get(name) {
            Some(v) => v.clone(),
            None => UNKNOWN.to_string(),
        }
    }

    /// `${...}`: plain, with a default (`:-`, `-`, `:=`, `=`), or the script's directory
    /// (`${BASH_SOURCE%/*}`, `${0%/*}`).
    fn braced(&mut self, inner: &str) -> String {
        if matches!(inner, "BASH_SOURCE%/*" | "BASH_SOURCE[0]%/*" | "0%/*") {
            return SCRIPT_DIR.to_string();
        }
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let (name, rest) = inner.split_at(name_len);
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            return UNKNOWN.to_string();
        }
        if rest.is_empty() {
            return self.var(name);
        }
        let op = [":-", ":=", "-", "="]
            .into_iter()
            .find(|op| rest.starts_with(op));
        let Some(op) = op else {
            return UNKNOWN.to_string();
        };
        let default = &rest[op.len()..];
        let known = self.vocab.root_variables.contains(name) || self.env.vars.contains_key(name);
        if known {
            return self.var(name);
        }
        self.refs.push(name.to_string());
        let value = self.word(default);
        if op.ends_with('=') {
            self.assigned.push((name.to_string(), value.clone()));
        }
        value
    }

    /// `$(...)`: the script's directory, a `cd ... && pwd` of something resolvable, or the
    /// git top level; anything else is unknown.
    fn command(&mut self, inner: &str) -> String {
        let words: Vec<String> = lexer::lex(inner)
            .into_iter()
            .map(|t| match t {
                Token::Word { text, .. } | Token::Op { text, .. } => text,
                Token::Newline => ";".into(),
            })
            .filter(|w| !w.starts_with("CDPATH=") && w != "--" && w != "-P" && w != "-L")
            .collect();
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let script_path = |arg: &str| {
            matches!(
                lexer::unquote(arg).as_str(),
                "$0" | "${0}" | "$BASH_SOURCE" | "${BASH_SOURCE}" | "${BASH_SOURCE[0]}"
            )
        };
        match w.as_slice() {
            ["dirname", arg] if script_path(arg) => SCRIPT_DIR.to_string(),
            ["git", "rev-parse", "--show-toplevel"] => ROOT.to_string(),
            ["cd", dir, "&&", "pwd"] | ["cd", dir, ">", "/dev/null", "&&", "pwd"] => self.word(dir),
            _ => UNKNOWN.to_string(),
        }
    }
}

/// Whether a word is a `NAME=value` (or `NAME+=value`) assignment; returns the name, the
/// value text and whether it appends.
fn assignment(word: &str) -> Option<(&str, &str, bool)> {
    let eq = word.find('=')?;
    let (name, append) = match word[..eq].strip_suffix('+') {
        Some(n) => (n, true),
        None => (&word[..eq], false),
    };
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then(|| (name, &word[eq + 1..], append))
}

const KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "case", "esac", "{", "}",
    "!", "time", "function", "[[", "]]",
];
const DECLARERS: &[&str] = &["export", "local", "readonly", "declare", "typeset"];

/// Finds the write targets of shell `text`, updating `env` as assignments go by.
pub fn scan(text: &str, vocab: &Vocabulary, env: &mut Env) -> Vec<WriteTarget> {
    let tokens = lexer::lex(text);
    let mut out = Vec::new();
    for command in tokens.split(|t| match t {
        Token::Newline => true,
        Token::Op { text, .. } => matches!(
            text.as_str(),
            "&&" | "||" | ";" | ";;" | ";&" | "&" | "|" | "|&" | "(" | ")"
        ),
        Token::Word { .. } => false,
    }) {
        simple_command(command, vocab, env, &mut out);
    }
    out
}

fn simple_command(tokens: &[Token], vocab: &Vocabulary, env: &mut Env, out: &mut Vec<WriteTarget>) {
    let mut words: Vec<(&str, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Op { text, .. } => {
                let target = match tokens.get(i + 1) {
                    Some(Token::Word { text, start }) => Some((text.as_str(), *start)),
                    _ => None,
                };
                let op = text.trim_start_matches(|c: char| c.is_ascii_digit());
                if matches!(op, ">" | ">>" | "&>" | "&>>" | ">|")
                    && let Some((word, start)) = target
                {
                    push_target(out, vocab, env, start, format!("redirection `{op}`"), word);
                }
                i += if target.is_some() { 2 } else { 1 };
            }
            Token::Word { text, start } => {
                words.push((text.as_str(), *start));
                i += 1;
            }
            Token::Newline => i += 1,
        }
    }

    let mut w = words.as_slice();
    // Leading keywords and assignments, then the command name.
    let mut declaring = false;
    while let Some(&(word, start)) = w.first() {
        if KEYWORDS.contains(&word) {
            w = &w[1..];
        } else if DECLARERS.contains(&word) {
            declaring = true;
            w = &w[1..];
        } else if declaring && word.starts_with('-') {
            w = &w[1..];
        } else if let Some((name, value, append)) = assignment(word) {
            assign(out, vocab, env, start, name, value, append);
            w = &w[1..];
        } else if declaring {
            // `export NAME` without a value.
            w = &w[1..];
        } else {
            break;
        }
    }
    let Some((&(name, _), args)) = w.split_first() else {
        return;
    };
    // `: "${OUT_DIR:=...}"` assigns while expanding an argument of any command.
    for &(arg, start) in args {
        if arg.contains("${") && arg.contains('=') {
            let e = expand(vocab, env, arg);
            record_defaults(out, vocab, env, start, &e);
        }
    }
    let command = lexer::unquote(name);
    let command = command.rsplit('/').next().unwrap_or("");
    let operands: Vec<(&str, usize)> = {
        let mut ops = Vec::new();
        let mut skip_next = false;
        for &(a, s) in args {
            if skip_next {
                skip_next = false;
            } else if a == "-m" || a == "--mode" || a == "-t" || a == "--target-directory" {
                // `-t DIR` names the destination of cp/mv/install; `-m MODE` is no path.
                if a.starts_with("-t") || a.starts_with("--target") {
                    ops.push(("-t", s));
                }
                skip_next = true;
            } else if !a.starts_with('-') {
                ops.push((a, s));
            }
        }
        ops
    };
    match command {
        "mkdir" | "touch" | "tee" => {
            for &(word, start) in &operands {
                push_target(out, vocab, env, start, format!("`{command}`"), word);
            }
        }
        "cp" | "mv" | "install" | "rsync" => {
            let t_dir = args
                .iter()
                .position(|(a, _)| *a == "-t" || *a == "--target-directory")
                .and_then(|p| args.get(p + 1));
            if let Some(&(word, start)) = t_dir {
                push_target(out, vocab, env, start, format!("`{command}`"), word);
            } else if operands.len() >= 2
                && let Some(&(word, start)) = operands.last()
            {
                push_target(out, vocab, env, start, format!("`{command}`"), word);
            }
        }
        _ => {}
    }
}

/// Expands one word with no variables set (root variables still resolve).
pub fn expand_word(word: &str, vocab: &Vocabulary) -> String {
    expand(vocab, &Env::default(), word).value
}

fn expand(vocab: &Vocabulary, env: &Env, word: &str) -> Expanded {
    let mut x = Expander {
        vocab,
        env,
        refs: Vec::new(),
        assigned: Vec::new(),
    };
    let value = x.word(word);
    Expanded {
        value,
        refs: x.refs,
        assigned: x.assigned,
    }
}

fn push_target(
    out: &mut Vec<WriteTarget>,
    vocab: &Vocabulary,
    env: &mut Env,
    start: usize,
    what: String,
    word: &str,
) {
    let e = expand(vocab, env, word);
    record_defaults(out, vocab, env, start, &e);
    // Written through an output variable: judged where the variable is assigned.
    if e.refs.iter().any(|r| env.checked_outputs.contains(r)) {
        return;
    }
    out.push(WriteTarget {
        offset: start,
        what,
        raw: word.to_string(),
        value: e.value,
    });
}

fn assign(
    out: &mut Vec<WriteTarget>,
    vocab: &Vocabulary,
    env: &mut Env,
    start: usize,
    name: &str,
    value: &str,
    append: bool,
) {
    if vocab.root_variables.contains(name) {
        return;
    }
    if append {
        env.vars.insert(name.to_string(), UNKNOWN.to_string());
        return;
    }
    let e = expand(vocab, env, value);
    record_defaults(out, vocab, env, start, &e);
    if vocab.is_output_name(name) {
        out.push(WriteTarget {
            offset: start,
            what: format!("assignment of `{name}`"),
            raw: value.to_string(),
            value: e.value.clone(),
        });
        env.checked_outputs.insert(name.to_string());
    }
    env.vars.insert(name.to_string(), e.value);
}

/// `${NAME:=default}` assigns: remember it, and judge it like an assignment when `NAME` is
/// an output variable.
fn record_defaults(
    out: &mut Vec<WriteTarget>,
    vocab: &Vocabulary,
    env: &mut Env,
    start: usize,
    e: &Expanded,
) {
    for (name, value) in &e.assigned {
        if vocab.is_output_name(name) && !env.checked_outputs.contains(name) {
            out.push(WriteTarget {
                offset: start,
                what: format!("default of `{name}`"),
                raw: format!("${{{name}:=...}}"),
                value: value.clone(),
            });
            env.checked_outputs.insert(name.clone());
        }
        env.vars.insert(name.clone(), value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new(
            &["REPO_ROOT".into(), "ROOT".into()],
            &[
                "out".into(),
                "artifacts".into(),
                "run".into(),
                "evidence".into(),
            ],
        )
    }

    fn targets(text: &str) -> Vec<String> {
        let mut env = Env::default();
        scan(text, &vocab(), &mut env)
            .into_iter()
            .map(|t| {
                let v = t
                    .value
                    .replace(ROOT, "<root>")
                    .replace(UNKNOWN, "<?>")
                    .replace(SCRIPT_DIR, "<dir>");
                format!("{} {}", t.what, v)
            })
            .collect()
    }

    #[test]
    fn finds_writers() {
        assert_eq!(
            targets(
                "mkdir -p -m 755 \"${REPO_ROOT}/artifacts/x\" out\necho hi > \"$(dirname \"$0\")/a.json\" 2>&1\nfoo | tee -a log.txt >/dev/null\ncp a b c/\n"
            ),
            [
                "`mkdir` <root>/artifacts/x",
                "`mkdir` out",
                "redirection `>` <dir>/a.json",
                "redirection `>` /dev/null",
                "`tee` log.txt",
                "`cp` c/",
            ]
        );
    }

    #[test]
    fn output_assignments_and_defaults() {
        assert_eq!(
            targets(
                "LIB=\"$(CDPATH='' cd -- \"$(dirname -- \"${BASH_SOURCE[0]}\")\" && pwd)\"\nOPS_RUN_DIR=\"${OPS_RUN_DIR:-$REPO_ROOT/artifacts/ops/$OPS_RUN_ID}\"\nmkdir -p \"$OPS_RUN_DIR\"\nmkdir -p \"$LIB/x\"\n: \"${OUT_DIR:=artifacts/y}\"\necho > \"$OUT_DIR/z\"\n"
            ),
            [
                "assignment of `OPS_RUN_DIR` <root>/artifacts/ops/<?>",
                "`mkdir` <dir>/x",
                "default of `OUT_DIR` artifacts/y",
            ]
        );
    }

    #[test]
    fn unknowns_stay_unknown() {
        assert_eq!(
            targets(
                "out=\"$1\"\nmkdir \"$(mktemp -d)\" `pwd`/x $((1+2))\nexport RUN_ID=$(date +%s)\n"
            ),
            [
                "assignment of `out` <?>",
                "`mkdir` <?>",
                "`mkdir` <?>/x",
                "`mkdir` <?>",
                "assignment of `RUN_ID` <?>",
            ]
        );
    }
}
