//! The walk: every simple command of a script, in execution order, with its words
//! evaluated in the environment at that point.
//!
//! Decisions (the model is a static approximation of bash; see also [`super::eval`]):
//! - Every command is assumed to run and succeed; both sides of `&&`/`||` and every
//!   branch of `if`/`case` are visited. After a branch point a variable keeps its value
//!   only when every path agrees, else it is unknown. Loop bodies are visited once.
//! - Subshells (`( )`, pipelines of two or more commands, `&`, `$( )`) get a copy of the
//!   environment; their assignments and `cd` do not flow back. Brace groups and function
//!   calls share it (`local` is restored when the function returns).
//! - A function body is visited at each call, in the caller's environment at the call
//!   ([`Limits::max_call_depth`] deep, [`Limits::max_steps`] in all), except a recursive
//!   call (of a function whose body is being walked): it is not walked again, and what
//!   it prints is unknown. Functions never
//!   called in the text (a library's) are visited once after the script, in the
//!   environment at its end, with [`Context::uncalled`] set.
//! - Commands inside `$( )`, backticks and `<( )` are visited before the command that holds
//!   them, with [`Context::in_substitution`] set.
//! - Compound commands with redirections (`{ ...; } >log`) are visited too, as
//!   [`VisitedKind::Compound`] with no words, before their body.
//!
//! [`Limits::max_call_depth`]: super::budget::Limits::max_call_depth
//! [`Limits::max_steps`]: super::budget::Limits::max_steps

use std::collections::BTreeSet;

use super::Script;
use super::ast::{
    AndOr, Command, Compound, CompoundCommand, Connector, FunctionDef, ListItem, Pipeline, Program,
};
use super::budget::{Budget, BudgetKind, Tally};
use super::eval::Env;
use super::keywords::program_index_by;
use super::output::Capture;
pub use super::visited::{Context, EvalOptions, EvalRedirect, Evaluated, Visited, VisitedKind};
use crate::value::StaticValue;

#[derive(Clone, Copy, Default)]
pub(crate) struct Flow<'s> {
    pub function: Option<&'s str>,
    pub uncalled: bool,
    pub in_condition: bool,
}

#[derive(Clone, Copy, Default)]
pub(crate) struct Position {
    negated: bool,
    index: usize,
    len: usize,
    before: Option<Connector>,
    after: Option<Connector>,
    background: bool,
}

pub(crate) struct Walker<'s, 'v> {
    pub script: &'s Script<'s>,
    pub opts: &'v EvalOptions<'v>,
    visit: &'v mut dyn FnMut(&Visited<'s>),
    pub tally: Tally,
    steps: usize,
    stopped: bool,
    pub call_depth: usize,
    called: BTreeSet<&'s str>,
    /// The functions being walked, innermost last: a call of one of them is recursion.
    pub active: Vec<&'s str>,
    defined: Vec<&'s FunctionDef>,
    pub captures: Vec<Capture>,
}

/// Walks `script` (see the module docs), calling `visit` for every command. Returns the
/// budgets the evaluation exceeded (those of reading are in [`Script::budgets`]).
pub fn walk<'s>(
    script: &'s Script<'s>,
    opts: &EvalOptions,
    visit: &mut dyn FnMut(&Visited<'s>),
) -> Vec<Budget> {
    walk_lists(script, opts, None, visit)
}

/// [`walk`], or with `lists` the script's first `lists` top-level and-or lists only and
/// no function that is not called there (see [`super::skip::lists_needed`]).
pub(crate) fn walk_lists<'s>(
    script: &'s Script<'s>,
    opts: &EvalOptions,
    lists: Option<usize>,
    visit: &mut dyn FnMut(&Visited<'s>),
) -> Vec<Budget> {
    let mut w = Walker {
        script,
        opts,
        visit,
        tally: Tally::new(script.limits.clone(), false),
        steps: 0,
        stopped: false,
        call_depth: 0,
        called: BTreeSet::new(),
        active: Vec::new(),
        defined: Vec::new(),
        captures: Vec::new(),
    };
    let mut env = Env::default();
    env.cwd = opts.cwd.clone();
    let items = &script.program.items;
    w.lists(
        &mut env,
        &items[..lists.unwrap_or(items.len())],
        Flow::default(),
    );
    if !opts.skip_uncalled_functions && lists.is_none() {
        let mut i = 0;
        while let Some(def) = w.defined.get(i).copied() {
            i += 1;
            if w.stopped || !w.called.insert(def.name.as_str()) {
                continue;
            }
            let mut e = env.clone();
            e.push_scope();
            let flow = Flow {
                function: Some(&def.name),
                uncalled: true,
                in_condition: false,
            };
            w.active.push(def.name.as_str());
            w.command(&mut e, &def.body, flow, Position::default());
            w.active.pop();
        }
    }
    w.tally.budgets
}

impl<'s> Walker<'s, '_> {
    pub(crate) fn program(&mut self, env: &mut Env<'s>, program: &'s Program, flow: Flow<'s>) {
        self.lists(env, &program.items, flow);
    }

    fn lists(&mut self, env: &mut Env<'s>, items: &'s [ListItem], flow: Flow<'s>) {
        for item in items {
            if self.stopped {
                return;
            }
            self.and_or(env, &item.and_or, flow, item.background);
        }
    }

    fn and_or(&mut self, env: &mut Env<'s>, list: &'s AndOr, flow: Flow<'s>, background: bool) {
        // Indexed rather than collected: most lists are one pipeline, and a vector per
        // list was an allocation per command walked.
        for i in 0..=list.rest.len() {
            let (before, pipeline) = match i.checked_sub(1) {
                None => (None, &list.first),
                Some(r) => (Some(list.rest[r].0), &list.rest[r].1),
            };
            let after = list.rest.get(i).map(|(c, _)| *c);
            let pos = Position {
                before,
                after,
                background,
                ..Position::default()
            };
            // Output after `||` may or may not be printed.
            let uncertain = before == Some(Connector::Or);
            self.uncertain(uncertain, 1);
            if background {
                self.pipeline(&mut env.clone(), pipeline, flow, pos);
            } else {
                self.pipeline(env, pipeline, flow, pos);
            }
            self.uncertain(uncertain, -1);
        }
    }

    fn pipeline(&mut self, env: &mut Env<'s>, p: &'s Pipeline, flow: Flow<'s>, pos: Position) {
        let len = p.commands.len();
        for (index, command) in p.commands.iter().enumerate() {
            let pos = Position {
                negated: p.negated,
                index,
                len,
                ..pos
            };
            // Only the last command of a pipeline prints to the pipeline's stdout.
            let piped = index + 1 < len;
            self.discard_output(piped);
            if len > 1 {
                self.command(&mut env.clone(), command, flow, pos);
            } else {
                self.command(env, command, flow, pos);
            }
            self.end_discard(piped);
        }
    }

    pub(crate) fn command(
        &mut self,
        env: &mut Env<'s>,
        command: &'s Command,
        flow: Flow<'s>,
        pos: Position,
    ) {
        match command {
            Command::Simple(c) => self.simple(env, c, flow, pos),
            Command::Compound(c) => self.compound(env, c, flow, pos),
            Command::Function(f) => {
                env.define(f);
                self.defined.push(f);
            }
            Command::Opaque { .. } => {}
        }
    }

    fn compound(
        &mut self,
        env: &mut Env<'s>,
        c: &'s CompoundCommand,
        flow: Flow<'s>,
        pos: Position,
    ) {
        let mut quiet = false;
        if !c.redirects.is_empty() {
            let redirects = self.redirects(env, &c.redirects);
            quiet = redirects.iter().any(EvalRedirect::redirects_stdout);
            let visited = self.visited(
                VisitedKind::Compound(c),
                env,
                Vec::new(),
                Vec::new(),
                redirects,
                flow,
                pos,
                (c.start, c.end),
            );
            (self.visit)(&visited);
        }
        self.discard_output(quiet);
        let cond = Flow {
            in_condition: true,
            ..flow
        };
        match &c.kind {
            Compound::Brace(p) => self.program(env, p, flow),
            Compound::Subshell(p) => self.program(&mut env.clone(), p, flow),
            Compound::If {
                branches,
                else_body,
            } => {
                self.uncertain(true, 1);
                let mut outcomes = Vec::new();
                for (condition, body) in branches {
                    self.program(env, condition, cond);
                    let mut taken = env.clone();
                    self.program(&mut taken, body, flow);
                    outcomes.push(taken);
                }
                match else_body {
                    Some(e) => {
                        let mut taken = env.clone();
                        self.program(&mut taken, e, flow);
                        outcomes.push(taken);
                    }
                    None => outcomes.push(env.clone()),
                }
                *env = Env::merge(outcomes).unwrap_or_default();
                self.uncertain(true, -1);
            }
            Compound::While {
                condition, body, ..
            } => {
                self.uncertain(true, 1);
                self.program(env, condition, cond);
                self.loop_body(env, None, body, flow);
                self.uncertain(true, -1);
            }
            Compound::For {
                name, words, body, ..
            } => {
                self.uncertain(true, 1);
                let mut values: Vec<StaticValue> = Vec::new();
                for w in words.iter().flatten() {
                    let v = self.word(env, w);
                    values.push(v);
                }
                let value = match values.as_slice() {
                    [one] => one.clone(),
                    _ => StaticValue::unknown(),
                };
                self.loop_body(env, Some((name, value)), body, flow);
                self.uncertain(true, -1);
            }
            Compound::ArithFor { body, .. } => {
                self.uncertain(true, 1);
                self.loop_body(env, None, body, flow);
                self.uncertain(true, -1);
            }
            Compound::Case { word, arms } => {
                self.uncertain(true, 1);
                let _ = self.word(env, word);
                let mut outcomes = vec![env.clone()];
                for arm in arms {
                    let mut taken = env.clone();
                    self.program(&mut taken, &arm.body, flow);
                    outcomes.push(taken);
                }
                *env = Env::merge(outcomes).unwrap_or_default();
                self.uncertain(true, -1);
            }
            Compound::Arith(_) => {}
        }
        self.end_discard(quiet);
    }

    fn loop_body(
        &mut self,
        env: &mut Env<'s>,
        var: Option<(&str, StaticValue)>,
        body: &'s Program,
        flow: Flow<'s>,
    ) {
        let before = env.clone();
        if let Some((name, value)) = var {
            env.set(name, value);
        }
        self.program(env, body, flow);
        *env = Env::merge(vec![before, env.clone()]).unwrap_or_default();
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn visited(
        &self,
        kind: VisitedKind<'s>,
        env: &Env<'s>,
        assignments: Vec<(&'s str, StaticValue)>,
        words: Vec<Evaluated<'s>>,
        redirects: Vec<EvalRedirect<'s>>,
        flow: Flow<'s>,
        pos: Position,
        (start, end): (usize, usize),
    ) -> Visited<'s> {
        let program = program_index_by(|i| words.get(i).map(Evaluated::key_str));
        Visited {
            kind,
            assignments,
            program,
            words,
            redirects,
            start,
            end,
            line: self.script.line_of(start),
            context: Context {
                function: flow.function,
                uncalled: flow.uncalled,
                call_depth: self.call_depth,
                in_substitution: !self.captures.is_empty(),
                in_condition: flow.in_condition,
                negated: pos.negated,
                pipeline_index: pos.index,
                pipeline_len: pos.len.max(1),
                before: pos.before,
                after: pos.after,
                background: pos.background,
                cwd: env.cwd.clone(),
                cwd_changed: env.cwd_changed,
            },
        }
    }

    /// Counts a visited command against the step budget; false once it is spent.
    pub(crate) fn step(&mut self, offset: usize) -> bool {
        if self.stopped {
            return false;
        }
        self.steps += 1;
        if self.steps > self.tally.limits.max_steps {
            self.tally.exceeded(BudgetKind::Steps, offset);
            self.stopped = true;
            return false;
        }
        true
    }

    pub(crate) fn defined_function(&mut self, def: &'s FunctionDef) {
        self.called.insert(def.name.as_str());
    }

    pub(crate) fn emit_visit(&mut self, visited: &Visited<'s>) {
        (self.visit)(visited);
    }
}
