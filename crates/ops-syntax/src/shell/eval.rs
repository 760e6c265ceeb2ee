//! The static evaluator's environment and word expansion (POSIX XCU 2.6), on
//! [`StaticValue`]s.
//!
//! A variable the script assigns has the value of its last assignment on the path walked;
//! a configured root variable the script does not assign is [`Anchor::Root`]; `$0` and
//! `${BASH_SOURCE[0]}` are the script ([`Anchor::ScriptDir`] + `/name`); anything else
//! (positional parameters, the caller's environment) is unset for `${X:-default}` and
//! unknown when used bare. Tilde expansion is unknown (`$HOME`). Arithmetic is unknown.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::ast::{FunctionDef, Redirect};
use super::budget::BudgetKind;
use super::visited::EvalRedirect;
use super::walk::Walker;
use super::word::{Param, ParamOp, Word, WordPart, is_name};
use crate::value::{Anchor, StaticValue, UNKNOWN_MARK};

/// The shell state at one point of the walk. Cloning is cheap (shared maps, copied on
/// write), so subshells and branches clone it.
#[derive(Clone, Debug, Default)]
pub struct Env<'s> {
    /// `None` until a variable is set: most commands walked (a recipe line, a code span)
    /// set none, and an empty map in an `Rc` was still an allocation per walk.
    vars: Option<Rc<BTreeMap<String, StaticValue>>>,
    /// The working directory, when known (after a `cd` that evaluated).
    pub cwd: Option<StaticValue>,
    /// A `cd`, `pushd` or `popd` ran on the path walked: with `cwd` unknown, relative paths
    /// are relative to a directory that cannot be known (not the one the script started in).
    pub cwd_changed: bool,
    /// `None` until a function is defined, likewise.
    functions: Option<Rc<BTreeMap<String, &'s FunctionDef>>>,
    /// Saved values of `local` variables, one frame per function call.
    scopes: Vec<Vec<(String, Option<StaticValue>)>>,
}

impl<'s> Env<'s> {
    /// The value of a variable the script assigned.
    pub fn var(&self, name: &str) -> Option<&StaticValue> {
        self.vars.as_deref()?.get(name)
    }

    /// Sets a variable.
    pub fn set(&mut self, name: &str, value: StaticValue) {
        let vars = self.vars.get_or_insert_with(Rc::default);
        Rc::make_mut(vars).insert(name.to_string(), value);
    }

    /// Unsets a variable.
    pub fn unset(&mut self, name: &str) {
        if let Some(vars) = &mut self.vars
            && vars.contains_key(name)
        {
            Rc::make_mut(vars).remove(name);
        }
    }

    /// `local name`: saves the current value, restored when the function returns.
    pub fn local(&mut self, name: &str) {
        let saved = self.var(name).cloned();
        if let Some(frame) = self.scopes.last_mut()
            && !frame.iter().any(|(n, _)| n == name)
        {
            frame.push((name.to_string(), saved));
        }
    }

    pub(crate) fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    pub(crate) fn pop_scope(&mut self) {
        for (name, saved) in self.scopes.pop().unwrap_or_default().into_iter().rev() {
            match saved {
                Some(v) => self.set(&name, v),
                None => self.unset(&name),
            }
        }
    }

    /// The function defined under `name`, if any.
    pub fn function(&self, name: &str) -> Option<&'s FunctionDef> {
        self.functions.as_deref()?.get(name).copied()
    }

    pub(crate) fn define(&mut self, def: &'s FunctionDef) {
        let functions = self.functions.get_or_insert_with(Rc::default);
        Rc::make_mut(functions).insert(def.name.clone(), def);
    }

    /// `cd` to `dir` (already evaluated): absolute and anchored paths replace the working
    /// directory, relative ones join it; anything unknown makes it unknown.
    pub fn cd(&mut self, dir: Option<StaticValue>) {
        self.cwd_changed = true;
        self.cwd = match dir {
            Some(d) if d.is_unknown() || d.parts.is_empty() && d.anchor == Anchor::None => None,
            Some(d) if d.is_absolute() => Some(d.normalized()),
            Some(d) => self.cwd.take().map(|mut cwd| {
                cwd.push_text("/");
                cwd.push(d);
                cwd.normalized()
            }),
            None => None,
        };
    }

    /// The environment after one of several paths ran (`if`/`case` branches, a loop that
    /// may not run): a variable keeps its value when every path agrees, else it is unknown.
    pub(crate) fn merge(envs: Vec<Env<'s>>) -> Option<Env<'s>> {
        let mut iter = envs.into_iter();
        let mut out = iter.next()?;
        for other in iter {
            let shared = match (&out.vars, &other.vars) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            };
            if !shared {
                let names = |e: &Env<'s>| e.vars.iter().flat_map(|m| m.keys().cloned()).collect();
                let mut keys: Vec<String> = names(&out);
                keys.extend(names(&other));
                keys.sort();
                keys.dedup();
                for key in keys {
                    if out.var(&key) != other.var(&key) {
                        out.set(&key, StaticValue::unknown());
                    }
                }
            }
            if out.cwd != other.cwd {
                out.cwd = None;
            }
            out.cwd_changed |= other.cwd_changed;
            for (name, def) in other.functions.iter().flat_map(|m| m.iter()) {
                if out.function(name).is_none() {
                    out.define(def);
                }
            }
        }
        Some(out)
    }
}

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
            Some(name) => StaticValue::anchored(Anchor::ScriptDir, format!("/{name}")),
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
