//! Evaluating one simple command and what it changes: assignments, declarations, `cd`,
//! `unset`, `read`, and calls of shell functions.

use super::ast::{FunctionDef, SimpleCommand};
use super::budget::BudgetKind;
use super::eval::Env;
use super::keywords::is_declaration;
use super::output::Output;
use super::walk::{Evaluated, Flow, Position, Visited, VisitedKind, Walker};
use super::word::is_name;
use crate::value::StaticValue;

impl<'s> Walker<'s, '_> {
    pub(crate) fn simple(
        &mut self,
        env: &mut Env<'s>,
        c: &'s SimpleCommand,
        flow: Flow<'s>,
        pos: Position,
    ) {
        if !self.step(c.start) {
            return;
        }
        if self.skippable(env, c) {
            return;
        }
        let mut assignments = Vec::with_capacity(c.assignments.len());
        for a in &c.assignments {
            let mut value = if a.array || a.index.is_some() {
                StaticValue::unknown()
            } else {
                self.word(env, &a.value)
            };
            if a.append {
                let mut old = self.lookup(env, &a.name).unwrap_or_else(StaticValue::empty);
                old.push(value);
                value = self.capped(old, a.start);
            }
            if c.words.is_empty() {
                // `A=1 B=$A`: each assignment sees the ones before it.
                env.set(&a.name, value.clone());
            }
            assignments.push((a.name.as_str(), value));
        }
        // `export NAME=value`: the value is evaluated on its own, so that an anchored value
        // (`readonly ROOT="$(cd .. && pwd)"`) keeps its anchor.
        let declares = c
            .words
            .first()
            .and_then(|w| w.plain())
            .is_some_and(is_declaration);
        let mut declared = Vec::new();
        let mut words = Vec::with_capacity(c.words.len());
        for (i, w) in c.words.iter().enumerate() {
            let value = match self.assignment_word(env, w).filter(|_| declares && i > 0) {
                Some((name, value)) => {
                    let mut shown = StaticValue::text(format!("{name}="));
                    shown.push(value.clone());
                    declared.push((name, value));
                    shown
                }
                None => self.word(env, w),
            };
            words.push(Evaluated {
                word: w,
                value,
                text: w.unquoted_cow(self.script.text()),
                start: w.start,
                end: w.end,
            });
        }
        let redirects = self.redirects(env, &c.redirects);
        let visited = self.visited(
            VisitedKind::Simple(c),
            env,
            assignments,
            words,
            redirects,
            flow,
            pos,
            (c.start, c.end),
        );
        self.emit_visit(&visited);
        self.effects(env, &visited, declared, flow);
    }

    /// True when [`EvalOptions::programs`](super::walk::EvalOptions::programs) lets the
    /// walk skip `c` (see there and [`super::skip`]): nothing of it is visited.
    fn skippable(&self, env: &Env<'s>, c: &'s SimpleCommand) -> bool {
        // Inside `$( )` the output of every command is the value being computed.
        self.captures.is_empty()
            && self
                .opts
                .programs
                .is_some_and(|programs| super::skip::skippable(c, programs, env))
    }

    fn effects(
        &mut self,
        env: &mut Env<'s>,
        v: &Visited<'s>,
        declared: Vec<(String, StaticValue)>,
        flow: Flow<'s>,
    ) {
        let Some(pi) = v.program else {
            return;
        };
        let name = v.words[pi].key_str();
        let args = &v.words[pi + 1..];
        let operands = || {
            args.iter()
                .filter(|a| !(a.text.starts_with('-') && a.text.len() > 1))
        };
        let function = env.function(&name);
        match &*name {
            _ if function.is_some() => {}
            "cd" | "pushd" => {
                let dir = operands().next();
                env.cd(match dir {
                    Some(d) if d.text != "-" => Some(d.value.clone()),
                    _ => None,
                });
            }
            "popd" => env.cd(None),
            n if is_declaration(n) => {
                let local = n == "local"
                    || (matches!(n, "declare" | "typeset")
                        && flow.function.is_some()
                        && !args
                            .iter()
                            .any(|a| a.text.starts_with('-') && a.text.contains('g')));
                for (name, value) in declared {
                    if local {
                        env.local(&name);
                    }
                    env.set(&name, value);
                }
                for arg in operands().filter(|a| is_name(&a.text)) {
                    if local {
                        env.local(&arg.text);
                        env.unset(&arg.text);
                    }
                }
            }
            "unset" => {
                for a in operands() {
                    env.unset(&a.text);
                }
            }
            "read" | "getopts" | "mapfile" | "readarray" => {
                for a in operands().filter(|a| is_name(&a.text)) {
                    env.set(&a.text, StaticValue::unknown());
                }
            }
            "printf" => {
                if let Some(i) = args.iter().position(|a| a.text == "-v")
                    && let Some(var) = args.get(i + 1)
                {
                    env.set(&var.text, StaticValue::unknown());
                }
            }
            _ => {}
        }
        if let Some(def) = function {
            self.call(env, def, v.stdout_redirected(), flow);
        } else if !self.captures.is_empty() {
            let out = self.output_of(env, &name, v);
            self.emit(out);
        }
    }

    /// Runs a function body at a call, in the caller's environment.
    fn call(&mut self, env: &mut Env<'s>, def: &'s FunctionDef, quiet: bool, flow: Flow<'s>) {
        if self.call_depth >= self.tally.limits.max_call_depth {
            self.tally.exceeded(BudgetKind::CallDepth, def.start);
            return;
        }
        self.defined_function(def);
        if self.active.contains(&def.name.as_str()) {
            // A recursive call: walking the body again shows no command the first walk
            // did not, and each level would multiply the work (a self-calling function
            // with two calls in its body costs 2^depth walks). What it prints is unknown.
            if !quiet {
                self.emit(Output::Unknown);
            }
            return;
        }
        self.active.push(def.name.as_str());
        self.call_depth += 1;
        env.push_scope();
        self.discard_output(quiet);
        let inner = Flow {
            function: Some(&def.name),
            uncalled: flow.uncalled,
            in_condition: false,
        };
        self.command(env, &def.body, inner, Position::default());
        self.end_discard(quiet);
        env.pop_scope();
        self.call_depth -= 1;
        self.active.pop();
    }
}
