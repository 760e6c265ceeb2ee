//! Variable expansion (GNU make manual 6.1 "Basics of Variable References", 6.3.1
//! "Substitution References", 6.3.2 "Computed Variable Names"), within the [`Budget`].
//!
//! Expanded text is a `String` in which [`UNKNOWN_MARK`] stands for an unknown stretch and
//! [`ROOT_MARK`](super::ROOT_MARK) / [`DIR_MARK`](super::DIR_MARK) for an anchor at the start of
//! a word. Undefined variables are empty, as in make run with an empty environment (the
//! caller passes the environment it assumes in [`Options`](super::Options)).

use crate::UNKNOWN_MARK;
use crate::value::has_unknown_mark;

use super::database::ProblemKind;
use super::functions;
use super::limits::{Budget, BudgetKind, Stop};
use super::lines::close_of;
use super::loader::Loader;
use super::pattern::{Pattern, patsubst_word};
use super::vars::{Automatic, Flavor, Var, VarTable};

/// What an expansion may see besides variables.
#[derive(Clone, Copy)]
pub(crate) struct Env<'a> {
    /// For `$(wildcard)`; without it, `$(wildcard)` is UNKNOWN.
    pub loader: Option<&'a dyn Loader>,
    /// make's working directory, repository-relative.
    pub base: &'a str,
    /// Variables defined nowhere are unknown (the environment may set them), not empty.
    pub undefined_unknown: bool,
}

/// The variables an expansion sees: target-specific ones first, then global ones; the
/// automatic variables of a recipe when expanding one.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    pub globals: &'a VarTable,
    pub scoped: Option<&'a VarTable>,
    pub auto: Option<&'a Automatic<'a>>,
}

/// A result or a stop past the budget.
pub(crate) type Expanded<T> = Result<T, Stop>;

/// One expansion's state. `notes` collects what the caller reports with a position.
pub(crate) struct Expander<'a, 'b> {
    pub scope: Scope<'a>,
    pub env: Env<'a>,
    pub budget: &'b mut Budget,
    /// `foreach` variables and `call` parameters, innermost last.
    pub locals: Vec<(String, String)>,
    /// The parameters of the `$(call)`s being expanded, innermost last: `$(0)` is the
    /// name, `$(1)`... the arguments. Only the innermost call's are visible.
    params: Vec<Vec<String>>,
    /// Recursive variables being expanded, outermost first; `true` for a variable expanded
    /// by `$(call)`, which may recurse (GNU make manual 8.7).
    active: Vec<(String, bool)>,
    depth: usize,
    pub notes: Vec<(ProblemKind, String)>,
}

/// Names that are automatic variables (`$@`, `$(@D)`, ...).
pub(crate) fn is_automatic(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(
        chars.next(),
        Some('@' | '<' | '^' | '+' | '|' | '*' | '%' | '?')
    ) && matches!(chars.as_str(), "" | "D" | "F")
}

impl<'a, 'b> Expander<'a, 'b> {
    pub fn new(scope: Scope<'a>, env: Env<'a>, budget: &'b mut Budget) -> Expander<'a, 'b> {
        Expander {
            scope,
            env,
            budget,
            locals: Vec::new(),
            params: Vec::new(),
            active: Vec::new(),
            depth: 0,
            notes: Vec::new(),
        }
    }

    /// A top-level expansion: the per-expansion budget restarts.
    pub fn run(&mut self, text: &str) -> Expanded<String> {
        self.budget.begin();
        if self.budget.exhausted() {
            return Err(self.stop(BudgetKind::ExpansionSteps));
        }
        // Room for the text and a little growth up front: a recipe line's expansion is
        // about as long as the line, and growing from empty reallocated it on most pushes.
        let mut out = String::with_capacity(text.len() + 32);
        self.expand_into(text, &mut out)?;
        Ok(out)
    }

    /// Expands `text` to a new string.
    pub fn expand(&mut self, text: &str) -> Expanded<String> {
        let mut out = String::new();
        self.expand_into(text, &mut out)?;
        Ok(out)
    }

    /// The stop for `kind`, naming the variables being expanded.
    pub fn stop(&self, kind: BudgetKind) -> Stop {
        Stop {
            kind,
            variables: self.active.iter().map(|(n, _)| n.clone()).collect(),
        }
    }

    /// Counts one unit of work.
    pub fn step(&mut self) -> Expanded<()> {
        self.budget.step().map_err(|k| self.stop(k))
    }

    /// Appends `text` to `out`, within the size budget.
    pub fn push(&mut self, out: &mut String, text: &str) -> Expanded<()> {
        // Adjacent unknown stretches are one stretch.
        let text = if out.ends_with(UNKNOWN_MARK) {
            text.trim_start_matches(UNKNOWN_MARK)
        } else {
            text
        };
        self.budget.produce(text.len()).map_err(|k| self.stop(k))?;
        out.push_str(text);
        Ok(())
    }

    /// Appends an unknown stretch.
    pub fn unknown(&mut self, out: &mut String) -> Expanded<()> {
        if !out.ends_with(UNKNOWN_MARK) {
            self.push(out, UNKNOWN_MARK.encode_utf8(&mut [0; 4]))?;
        }
        Ok(())
    }

    /// Expands `text` onto `out`.
    pub fn expand_into(&mut self, text: &str, out: &mut String) -> Expanded<()> {
        let mut rest = text;
        // memchr: `str::find` set up a search for each of the short texts expanded.
        while let Some(i) = memchr::memchr(b'$', rest.as_bytes()) {
            self.push(out, &rest[..i])?;
            let after = &rest[i + 1..];
            let Some(c) = after.chars().next() else {
                return Ok(());
            };
            match c {
                '$' => {
                    self.push(out, "$")?;
                    rest = &after[1..];
                }
                '(' | '{' => match close_of(after, 0) {
                    Some(end) => {
                        self.reference(&after[1..end], c, out)?;
                        rest = &after[end + 1..];
                    }
                    None => {
                        self.notes.push((
                            ProblemKind::Syntax,
                            "unterminated variable reference".to_string(),
                        ));
                        return self.unknown(out);
                    }
                },
                c => {
                    self.variable(c.encode_utf8(&mut [0; 4]), out)?;
                    rest = &after[c.len_utf8()..];
                }
            }
        }
        self.push(out, rest)
    }

    /// `$(inner)` or `${inner}`: a function call, a substitution reference or a variable.
    fn reference(&mut self, inner: &str, open: char, out: &mut String) -> Expanded<()> {
        self.step()?;
        if self.depth >= self.budget.limits.max_expansion_depth {
            return Err(self.stop(BudgetKind::ExpansionDepth));
        }
        self.depth += 1;
        let result = self.reference_inner(inner, open, out);
        self.depth -= 1;
        result
    }

    fn reference_inner(&mut self, inner: &str, open: char, out: &mut String) -> Expanded<()> {
        if let Some((function, args)) = functions::parse_call(inner, open) {
            return functions::call(self, function, &args, out);
        }
        let name = if inner.contains('$') {
            self.expand(inner)?
        } else {
            inner.to_string()
        };
        if let Some(colon) = name.find(':')
            && let Some(eq) = name[colon + 1..].find('=')
        {
            let (var, from, to) = (
                &name[..colon],
                &name[colon + 1..colon + 1 + eq],
                &name[colon + 2 + eq..],
            );
            let value = self.value_of(var)?;
            return self.substitute(&value, from, to, out);
        }
        self.variable(&name, out)
    }

    /// `$(VAR:from=to)`: `from` without `%` is a suffix (GNU make manual 6.3.1).
    fn substitute(&mut self, value: &str, from: &str, to: &str, out: &mut String) -> Expanded<()> {
        let (from, to) = if Pattern::new(from).has_percent() {
            (Pattern::new(from), Pattern::new(to))
        } else {
            (
                Pattern::Percent(String::new(), from.to_string()),
                Pattern::Percent(String::new(), to.to_string()),
            )
        };
        let mut first = true;
        for word in super::lines::words(value) {
            self.step()?;
            if !first {
                self.push(out, " ")?;
            }
            first = false;
            if has_unknown_mark(word) {
                self.unknown(out)?;
            } else {
                let replaced = patsubst_word(&from, &to, word);
                self.push(out, &replaced)?;
            }
        }
        Ok(())
    }

    /// The variable (or local, or automatic variable) `name`, looked up in scope.
    pub fn lookup(&self, name: &str) -> Option<&'a Var> {
        self.scope
            .scoped
            .and_then(|s| s.get(name))
            .or_else(|| self.scope.globals.get(name))
    }

    /// The expanded value of `name`.
    pub fn value_of(&mut self, name: &str) -> Expanded<String> {
        let mut out = String::new();
        self.variable(name, &mut out)?;
        Ok(out)
    }

    /// Appends the value of variable `name`.
    pub fn variable(&mut self, name: &str, out: &mut String) -> Expanded<()> {
        if has_unknown_mark(name) {
            return self.unknown(out);
        }
        if let Some(value) = self.local(name) {
            return self.push(out, &value);
        }
        if is_automatic(name) {
            // Outside a recipe an automatic variable has no value that means anything.
            return match self.scope.auto.and_then(|a| a.get(name)).flatten() {
                Some(value) => self.push(out, &value),
                None => self.unknown(out),
            };
        }
        let Some(var) = self.lookup(name) else {
            return if self.env.undefined_unknown {
                self.unknown(out)
            } else {
                Ok(())
            };
        };
        match var.flavor {
            Flavor::Simple => self.push(out, &var.value),
            Flavor::Recursive if !var.value.contains('$') => self.push(out, &var.value),
            Flavor::Recursive => {
                if self.budget.over.contains(name) {
                    return self.unknown(out);
                }
                if self.active.iter().any(|(a, call)| !call && a == name) {
                    self.notes.push((
                        ProblemKind::Syntax,
                        format!("recursive variable `{name}` references itself (eventually)"),
                    ));
                    return self.unknown(out);
                }
                let memoize = self.locals.is_empty() && self.params.is_empty();
                if memoize && let Some(value) = self.budget.memo.get(name) {
                    let value = value.clone();
                    return self.push(out, &value);
                }
                self.active.push((name.to_string(), false));
                let start = out.len();
                let result = self.expand_into(&var.value, out);
                self.active.pop();
                if memoize && result.is_ok() {
                    self.budget
                        .memo
                        .insert(name.to_string(), out[start..].to_string());
                }
                result
            }
        }
    }

    /// The value of a `foreach` variable or a parameter of the innermost `$(call)` (one
    /// past the given arguments is empty, hiding an enclosing call's).
    pub fn local(&self, name: &str) -> Option<String> {
        if let Some((_, value)) = self.locals.iter().rev().find(|(n, _)| n == name) {
            return Some(value.clone());
        }
        let params = self.params.last()?;
        let n: usize = name.parse().ok()?;
        Some(params.get(n).cloned().unwrap_or_default())
    }

    /// Expands the value of variable `params[0]` as `$(call)` does: with `params` as its
    /// parameters, recursion allowed.
    pub fn call_body(&mut self, params: Vec<String>, body: &str, out: &mut String) -> Expanded<()> {
        let name = params.first().cloned().unwrap_or_default();
        self.active.push((name, true));
        self.params.push(params);
        let result = self.expand_into(body, out);
        self.params.pop();
        self.active.pop();
        result
    }

    /// Expands `body` with `bindings` as local variables (for `foreach`).
    pub fn with_locals(
        &mut self,
        bindings: Vec<(String, String)>,
        body: &str,
        out: &mut String,
    ) -> Expanded<()> {
        let before = self.locals.len();
        self.locals.extend(bindings);
        let result = self.expand_into(body, out);
        self.locals.truncate(before);
        result
    }
}
