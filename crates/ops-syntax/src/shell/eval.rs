//! The static evaluator's word expansion (POSIX XCU 2.6) on [`StaticValue`]s, in its
//! environment [`Env`] (kept in `env.rs`, re-exported here).
//!
//! A variable the script assigns has the value of its last assignment on the path walked;
//! a configured root variable the script does not assign is [`Anchor::Root`]; `$0` and
//! `${BASH_SOURCE[0]}` are the script ([`Anchor::ScriptDir`] + `/name`); anything else
//! (positional parameters, the caller's environment) is unset for `${X:-default}` and
//! unknown when used bare. Tilde expansion is unknown (`$HOME`). Arithmetic is unknown.

use super::ast::Redirect;
use super::budget::BudgetKind;
use super::visited::EvalRedirect;
use super::walk::Walker;
use super::word::{Param, ParamOp, Word, WordPart, is_name};
use crate::value::{Anchor, StaticValue, UNKNOWN_MARK};

pub use super::env::Env;

/// Appends literal text, each [`UNKNOWN_MARK`] an unknown stretch.
fn push_marked(out: &mut StaticValue, text: &str) {
    // The mark is not ASCII, and most words are: say so without setting up a split.
    if text.is_ascii() {
        out.push_text(text);
        return;
    }
    for (i, piece) in text.split(UNKNOWN_MARK).enumerate() {
        if i > 0 {
            out.push_unknown();
        }
        out.push_text(piece);
    }
}

impl<'s> Walker<'s, '_> {
    /// Evaluates one word (quote removal, parameter expansion, command substitution).
    pub(crate) fn word(&mut self, env: &mut Env<'s>, word: &'s Word) -> StaticValue {
        let mut out = StaticValue::empty();
        let mut parts = word.parts.as_slice();
        if let Some(WordPart::Literal(t)) = parts.first()
            && (t == "~" || t.starts_with("~/"))
        {
            out.push_unknown();
            push_marked(&mut out, &t[1..]);
            parts = &parts[1..];
        }
        self.parts(env, parts, &mut out);
        self.capped(out, word.start)
    }

    /// Evaluates the targets of redirections (and the substitutions of unquoted
    /// here-document bodies, whose text is not kept).
    pub(crate) fn redirects(
        &mut self,
        env: &mut Env<'s>,
        redirects: &'s [Redirect],
    ) -> Vec<EvalRedirect<'s>> {
        let mut out = Vec::with_capacity(redirects.len());
        for r in redirects {
            let target = self.word(env, &r.target);
            if let Some(h) = &r.heredoc
                && !h.quoted
            {
                // Substitutions in an unquoted body run; the text is not kept.
                let _ = self.word(env, &h.body);
            }
            out.push(EvalRedirect {
                redirect: r,
                fd: r.effective_fd(),
                op: r.op,
                target,
            });
        }
        out
    }

    /// `NAME=value` (or `NAME+=value`, the old value unknown) as a word: the name and the
    /// value evaluated on its own. `None` when the word is not an assignment.
    pub(crate) fn assignment_word(
        &mut self,
        env: &mut Env<'s>,
        word: &'s Word,
    ) -> Option<(String, StaticValue)> {
        let Some(WordPart::Literal(first)) = word.parts.first() else {
            return None;
        };
        let eq = first.find('=')?;
        let (name, append) = match first[..eq].strip_suffix('+') {
            Some(n) => (n, true),
            None => (&first[..eq], false),
        };
        if !is_name(name) {
            return None;
        }
        let tail = &first[eq + 1..];
        let mut value = StaticValue::empty();
        if append {
            value.push_unknown();
        }
        if tail.starts_with('(') {
            return Some((name.to_string(), StaticValue::unknown()));
        }
        push_marked(&mut value, tail);
        self.parts(env, &word.parts[1..], &mut value);
        Some((name.to_string(), self.capped(value, word.start)))
    }

    /// `value`, or UNKNOWN when its known text is over the value budget.
    pub(crate) fn capped(&mut self, value: StaticValue, offset: usize) -> StaticValue {
        if value.text_len() > self.tally.limits.max_value_bytes {
            self.tally.exceeded(BudgetKind::ValueSize, offset);
            StaticValue::unknown()
        } else {
            value
        }
    }

    fn parts(&mut self, env: &mut Env<'s>, parts: &'s [WordPart], out: &mut StaticValue) {
        for part in parts {
            match part {
                WordPart::Literal(t) | WordPart::SingleQuoted(t) | WordPart::AnsiC(t) => {
                    push_marked(out, t)
                }
                WordPart::DoubleQuoted(inner) => self.parts(env, inner, out),
                WordPart::Param(p) => {
                    let v = self.param(env, p);
                    out.push(v);
                }
                WordPart::CommandSubst(s) => {
                    let v = self.substitution(env, &s.program);
                    out.push(v);
                }
                WordPart::ProcessSubst(s) => {
                    // The commands run (and are visited); the word is a `/dev/fd/N` path.
                    self.substitution(env, &s.program);
                    out.push_unknown();
                }
                WordPart::Arith(_) | WordPart::Opaque { .. } => out.push_unknown(),
            }
            if out.text_len() > self.tally.limits.max_value_bytes {
                return;
            }
        }
    }

    /// The value of a parameter when it is set in the static world (see the module docs).
    pub(crate) fn lookup(&self, env: &Env<'s>, name: &str) -> Option<StaticValue> {
        if let Some(v) = env.var(name) {
            return Some(v.clone());
        }
        match name {
            "0" | "BASH_SOURCE" => Some(self.script_path()),
            "PWD" => Some(env.cwd.clone().unwrap_or_else(StaticValue::unknown)),
            "@" | "*" | "#" | "?" | "$" | "!" | "-" | "HOME" | "RANDOM" | "LINENO" => {
                Some(StaticValue::unknown())
            }
            _ if self.opts.root_vars.iter().any(|r| r == name) => {
                Some(StaticValue::anchored(Anchor::Root, ""))
            }
            _ => None,
        }
    }

    fn script_path(&self) -> StaticValue {
        if self.script.mode == super::Mode::Fragment {
            return StaticValue::unknown();
        }
        match &self.opts.script_name {
            // `$0` is looked up in most scripts' first lines: no `format!` machinery.
            Some(name) => StaticValue::anchored(Anchor::ScriptDir, ["/", &**name].concat()),
            None => {
                let mut v = StaticValue::anchored(Anchor::ScriptDir, "/");
                v.push_unknown();
                v
            }
        }
    }

    fn param(&mut self, env: &mut Env<'s>, p: &'s Param) -> StaticValue {
        let unknown = StaticValue::unknown();
        if p.name.is_empty() || p.indirect {
            return unknown;
        }
        let indexed_ok = match p.index.as_deref() {
            None => true,
            Some(i) => p.name == "BASH_SOURCE" && matches!(i, "0" | "@" | "*"),
        };
        let value = if indexed_ok {
            self.lookup(env, &p.name)
        } else {
            Some(unknown.clone())
        };
        if p.length {
            return match value.and_then(|v| v.as_known()) {
                Some(t) => StaticValue::text(t.chars().count().to_string()),
                None => unknown,
            };
        }
        let empty = |v: &StaticValue| v.anchor == Anchor::None && v.parts.is_empty();
        let Some(op) = p.op else {
            return value.unwrap_or(unknown);
        };
        let operand = |w: &mut Self, env: &mut Env<'s>| match &p.operand {
            Some(word) => w.word(env, word),
            None => StaticValue::empty(),
        };
        match op {
            ParamOp::Default { colon } | ParamOp::Assign { colon } => match value {
                Some(v) if !(colon && empty(&v)) => v,
                _ => {
                    let v = operand(self, env);
                    if matches!(op, ParamOp::Assign { .. }) && is_name(&p.name) {
                        env.set(&p.name, v.clone());
                    }
                    v
                }
            },
            ParamOp::Error { .. } => value.unwrap_or(unknown),
            ParamOp::Alternative { colon } => match value {
                None => StaticValue::empty(),
                Some(v) if colon && empty(&v) => StaticValue::empty(),
                Some(v) if v.is_known() || v.anchor != Anchor::None => operand(self, env),
                Some(_) => unknown,
            },
            ParamOp::RemoveSmallestSuffix
            | ParamOp::RemoveLargestSuffix
            | ParamOp::RemoveSmallestPrefix
            | ParamOp::RemoveLargestPrefix => {
                let pattern = p.operand.as_ref().and_then(Word::literal);
                match (value, pattern) {
                    (Some(v), Some(pat)) => remove(&v, op, &pat),
                    _ => unknown,
                }
            }
            _ => unknown,
        }
    }
}

/// `${v%pat}` and friends for the patterns path idioms use: `/*` and `*/`, and literal
/// text (no glob characters). Anything else is unknown.
fn remove(v: &StaticValue, op: ParamOp, pat: &str) -> StaticValue {
    let suffix = matches!(
        op,
        ParamOp::RemoveSmallestSuffix | ParamOp::RemoveLargestSuffix
    );
    let largest = matches!(
        op,
        ParamOp::RemoveLargestSuffix | ParamOp::RemoveLargestPrefix
    );
    if suffix && pat == "/*" && !largest {
        // Up to the last `/`: the directory (no change when there is no `/`).
        let text = v.known_prefix();
        if v.parts.len() == 1 && !text.contains('/') {
            return v.clone();
        }
        let d = v.dirname();
        return if d == StaticValue::text(".") {
            v.clone()
        } else {
            d
        };
    }
    if let Some(text) = v.as_known()
        && !pat.contains(['*', '?', '['])
    {
        let stripped = if suffix {
            text.strip_suffix(pat)
        } else {
            text.strip_prefix(pat)
        };
        let text = stripped.unwrap_or(&text).to_string();
        return StaticValue::anchored(v.anchor, text);
    }
    if let Some(text) = v.as_known()
        && v.anchor == Anchor::None
        && !suffix
        && pat == "*/"
    {
        let cut = if largest {
            text.rfind('/')
        } else {
            text.find('/')
        };
        return StaticValue::text(cut.map_or(text.as_str(), |i| &text[i + 1..]));
    }
    StaticValue::unknown()
}
