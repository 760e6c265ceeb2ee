//! The shell state at one point of a static walk: variables the script assigned, the
//! working directory, functions defined, and the saved values of `local` variables.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::ast::FunctionDef;
use crate::value::{Anchor, StaticValue};

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
