//! Make functions (GNU make manual chapter 8): how a call is recognised and split into
//! arguments, and the functions that control expansion (`if`, `or`, `and`, `foreach`, `call`,
//! `value`, `origin`, `flavor`, `error`, `warning`, `info`, `shell`, `eval`). Text and file
//! name functions are in [`text_fns`](super::text_fns).
//!
//! A function is evaluated when the arguments it needs are known; otherwise its result is
//! one unknown stretch. `$(shell)` is always unknown (nothing is run), `$(eval)` is unknown
//! and noted: the rules and variables it would define are not seen.

use crate::value::has_unknown_mark;

use super::database::ProblemKind;
use super::expand::{Expanded, Expander, is_automatic};
use super::text_fns;
use super::vars::{Flavor, Origin};

/// The functions the reader knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    If,
    Or,
    And,
    Foreach,
    Call,
    Value,
    Origin,
    Flavor,
    Error,
    Warning,
    Info,
    Shell,
    Eval,
    /// `file`, `guile`, `let`, `intcmp`, `load`: recognised, never evaluated.
    Unsupported,
    Text(text_fns::TextFn),
}

/// The function named `name` and its maximum number of arguments (0: no maximum): past it
/// commas belong to the last argument, as in make.
fn lookup(name: &str) -> Option<(Func, usize)> {
    use text_fns::TextFn as T;
    Some(match name {
        "if" => (Func::If, 3),
        "or" => (Func::Or, 0),
        "and" => (Func::And, 0),
        "foreach" => (Func::Foreach, 3),
        "call" => (Func::Call, 0),
        "value" => (Func::Value, 1),
        "origin" => (Func::Origin, 1),
        "flavor" => (Func::Flavor, 1),
        "error" => (Func::Error, 1),
        "warning" => (Func::Warning, 1),
        "info" => (Func::Info, 1),
        "shell" => (Func::Shell, 1),
        "eval" => (Func::Eval, 1),
        "file" | "guile" | "let" | "intcmp" | "load" => (Func::Unsupported, 0),
        _ => {
            let f = T::lookup(name)?;
            (Func::Text(f), f.max_args())
        }
    })
}

/// Recognises `name args` inside `$(...)` (lower-case letters and `-`, then a blank) and
/// splits the arguments at commas outside nested brackets of the reference's own kind.
pub(crate) fn parse_call(inner: &str, open: char) -> Option<(Func, Vec<&str>)> {
    let end = inner
        .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
        .unwrap_or(inner.len());
    let rest = &inner[end..];
    if end == 0 || !rest.starts_with([' ', '\t', '\n']) {
        return None;
    }
    let (func, max) = lookup(&inner[..end])?;
    let rest = rest.trim_start_matches([' ', '\t', '\n']);
    let close = if open == '(' { ')' } else { '}' };
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in rest.char_indices() {
        if max != 0 && args.len() + 1 == max {
            break;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.saturating_sub(1);
        } else if c == ',' && depth == 0 {
            args.push(&rest[start..i]);
            start = i + 1;
        }
    }
    args.push(&rest[start..]);
    Some((func, args))
}

/// Whitespace removed at both ends, as make does for conditions and names.
pub(crate) fn trim(text: &str) -> &str {
    text.trim_matches([' ', '\t', '\n'])
}

/// Calls `func` with its raw arguments, appending the result.
pub(crate) fn call(
    e: &mut Expander<'_, '_>,
    func: Func,
    args: &[&str],
    out: &mut String,
) -> Expanded<()> {
    let arg = |i: usize| args.get(i).copied().unwrap_or("");
    match func {
        Func::If => {
            let condition = e.expand(arg(0))?;
            let condition = trim(&condition);
            if has_unknown_mark(condition) {
                e.unknown(out)
            } else if !condition.is_empty() {
                e.expand_into(arg(1), out)
            } else {
                e.expand_into(arg(2), out)
            }
        }
        Func::Or | Func::And => {
            let mut unknown = false;
            let mut last = String::new();
            for a in args {
                let value = e.expand(a)?;
                let value = trim(&value);
                if has_unknown_mark(value) {
                    unknown = true;
                    continue;
                }
                match (func, value.is_empty()) {
                    (Func::Or, false) if !unknown => return e.push(out, value),
                    (Func::Or, false) => return e.unknown(out),
                    (Func::And, true) => return Ok(()),
                    _ => last = value.to_string(),
                }
            }
            if unknown {
                e.unknown(out)
            } else if func == Func::And {
                e.push(out, &last)
            } else {
                Ok(())
            }
        }
        Func::Foreach => foreach(e, arg(0), arg(1), arg(2), out),
        Func::Call => call_variable(e, args, out),
        Func::Value | Func::Origin | Func::Flavor => {
            let name = e.expand(arg(0))?;
            let name = trim(&name);
            if has_unknown_mark(name) {
                return e.unknown(out);
            }
            let local = e.local(name).map(|v| ((), v));
            let var = e.lookup(name);
            let text = match func {
                Func::Value => match (local, var) {
                    (Some((_, v)), _) => v,
                    (None, Some(var)) => var.value.clone(),
                    _ if is_automatic(name) => return e.unknown(out),
                    _ => String::new(),
                },
                Func::Origin => match (local, var) {
                    (Some(_), _) => Origin::Automatic.as_str().to_string(),
                    (None, Some(var)) => var.origin.as_str().to_string(),
                    _ if is_automatic(name) => Origin::Automatic.as_str().to_string(),
                    _ => "undefined".to_string(),
                },
                _ => match (local, var) {
                    (Some(_), _) => Flavor::Simple.as_str().to_string(),
                    (None, Some(var)) => var.flavor.as_str().to_string(),
                    _ if is_automatic(name) => Flavor::Simple.as_str().to_string(),
                    _ => "undefined".to_string(),
                },
            };
            e.push(out, &text)
        }
        Func::Error => {
            let message = e.expand(arg(0))?;
            e.notes.push((
                ProblemKind::Error,
                format!("`$(error {})`: make stops here", message.trim()),
            ));
            e.unknown(out)
        }
        // Their output goes to the terminal, not into the text.
        Func::Warning | Func::Info => Ok(()),
        Func::Shell | Func::Unsupported => e.unknown(out),
        Func::Eval => {
            e.notes.push((
                ProblemKind::Eval,
                "`$(eval ...)`: the rules and variables it defines are not seen".to_string(),
            ));
            e.unknown(out)
        }
        Func::Text(f) => text_fns::call(e, f, args, out),
    }
}

/// `$(foreach var,list,text)` (GNU make manual 8.6).
fn foreach(
    e: &mut Expander<'_, '_>,
    var: &str,
    list: &str,
    body: &str,
    out: &mut String,
) -> Expanded<()> {
    let var = e.expand(var)?;
    let list = e.expand(list)?;
    let var = trim(&var).to_string();
    if has_unknown_mark(&var) || has_unknown_mark(&list) {
        return e.unknown(out);
    }
    for (i, word) in super::lines::words(&list).enumerate() {
        e.step()?;
        if i > 0 {
            e.push(out, " ")?;
        }
        e.with_locals(vec![(var.clone(), word.to_string())], body, out)?;
    }
    Ok(())
}

/// `$(call variable,param,...)` (GNU make manual 8.7): `$(0)` is the name, `$(1)`... the
/// parameters; parameters of an enclosing call past the last given one are empty.
fn call_variable(e: &mut Expander<'_, '_>, args: &[&str], out: &mut String) -> Expanded<()> {
    let mut values = Vec::with_capacity(args.len());
    for a in args {
        values.push(e.expand(a)?);
    }
    let Some(name) = values.first().map(|n| trim(n).to_string()) else {
        return Ok(());
    };
    if has_unknown_mark(&name) {
        return e.unknown(out);
    }
    // `$(call strip, x)` calls the builtin function.
    if let Some((func, _)) = lookup(&name) {
        let escaped: Vec<String> = values[1..].iter().map(|v| v.replace('$', "$$")).collect();
        let refs: Vec<&str> = escaped.iter().map(String::as_str).collect();
        return call(e, func, &refs, out);
    }
    let Some(var) = e.lookup(&name) else {
        return Ok(());
    };
    if e.budget.over.contains(&name) {
        return e.unknown(out);
    }
    values[0] = name;
    match var.flavor {
        Flavor::Simple => e.push(out, &var.value),
        Flavor::Recursive => e.call_body(values, &var.value, out),
    }
}
