//! Assertion logic that is not named as such: a test (`grep -q`, `[ ]`, `jq -e`, a
//! comparison) whose outcome decides a failure (`|| fail`, `&& exit 1`,
//! `if ...; then exit 1; fi`).

use std::collections::BTreeSet;

use ops_syntax::shell::Script;
use ops_syntax::shell::ast::{AndOr, Command, Compound, Pipeline, Program, SimpleCommand};
use ops_syntax::shell::keywords::program_index;

use super::{Assertion, FAILURE_NAMES};

/// Every check of `script` that guards a failure, in source order.
pub fn guarded_checks(script: &Script<'_>) -> Vec<Assertion> {
    let mut finder = Finder {
        script,
        failing: failing_functions(script),
        defined: BTreeSet::new(),
        found: Vec::new(),
    };
    each_command(&script.program, &mut |c| {
        if let Command::Function(f) = c {
            finder.defined.insert(f.name.clone());
        }
    });
    finder.program(&script.program);
    finder.found
}

struct Finder<'s> {
    script: &'s Script<'s>,
    /// Functions defined in the script whose body exits.
    failing: BTreeSet<String>,
    /// Every function the script defines.
    defined: BTreeSet<String>,
    found: Vec<Assertion>,
}

impl Finder<'_> {
    fn program(&mut self, program: &Program) {
        for item in &program.items {
            self.and_or(&item.and_or);
        }
    }

    /// `check || fail`, `check && fail`: a check whose outcome decides a failure.
    fn and_or(&mut self, list: &AndOr) {
        let pipelines: Vec<&Pipeline> = std::iter::once(&list.first)
            .chain(list.rest.iter().map(|(_, p)| p))
            .collect();
        for (i, pipeline) in pipelines.iter().enumerate() {
            for command in &pipeline.commands {
                self.nested(command);
            }
            let Some(next) = pipelines.get(i + 1) else {
                break;
            };
            if let (Some(check), Some((failure, certain))) =
                (self.check(pipeline), self.failure(next))
            {
                self.push(pipeline.start, &check, &failure, certain);
            }
        }
    }

    /// Compound commands: their bodies, and `if check; then fail; fi`.
    fn nested(&mut self, command: &Command) {
        let Command::Compound(c) = command else {
            if let Command::Function(f) = command {
                self.nested(&f.body);
            }
            return;
        };
        match &c.kind {
            Compound::Brace(p) | Compound::Subshell(p) => self.program(p),
            Compound::If {
                branches,
                else_body,
            } => {
                let last = branches.len().saturating_sub(1);
                for (i, (condition, body)) in branches.iter().enumerate() {
                    self.program(condition);
                    self.program(body);
                    let failure = self.program_failure(body).or_else(|| {
                        (i == last)
                            .then(|| else_body.as_ref().and_then(|e| self.program_failure(e)))
                            .flatten()
                    });
                    let check = condition
                        .items
                        .last()
                        .map(|item| last_pipeline(&item.and_or))
                        .and_then(|p| self.check(p).map(|c| (p.start, c)));
                    if let (Some((start, check)), Some((failure, certain))) = (check, failure) {
                        self.push(start, &check, &failure, certain);
                    }
                }
                if let Some(e) = else_body {
                    self.program(e);
                }
            }
            Compound::While {
                condition, body, ..
            } => {
                self.program(condition);
                self.program(body);
            }
            Compound::For { body, .. } | Compound::ArithFor { body, .. } => self.program(body),
            Compound::Case { arms, .. } => {
                for arm in arms {
                    self.program(&arm.body);
                }
            }
            Compound::Arith(_) => {}
        }
    }

    fn push(&mut self, start: usize, check: &str, failure: &str, certain: bool) {
        self.found.push(Assertion {
            line: self.script.line_of(start),
            what: format!("`{check}` guarding `{failure}`"),
            certain,
        });
    }

    /// The test a pipeline runs, when its status is a test outcome: `test`, `[`, `[[`,
    /// `grep -q`, `jq -e`, `cmp`, `diff`, `(( ))`. The last command decides a pipeline's
    /// status (without `pipefail`; with it, any failing command does, the last included).
    fn check(&self, pipeline: &Pipeline) -> Option<String> {
        match pipeline.commands.last()? {
            Command::Simple(c) => {
                let (name, args) = self.program_of(c)?;
                let flag = |short: char, long: &[&str]| {
                    args.iter().any(|a| {
                        long.contains(&a.as_str())
                            || (a.starts_with('-') && !a.starts_with("--") && a.contains(short))
                    })
                };
                match name.as_str() {
                    "test" | "[" | "[[" | "cmp" | "diff" => Some(name),
                    "grep" | "egrep" | "fgrep" if flag('q', &["--quiet", "--silent"]) => {
                        Some(format!("{name} -q"))
                    }
                    "jq" if flag('e', &["--exit-status"]) => Some("jq -e".to_string()),
                    _ => None,
                }
            }
            Command::Compound(c) if matches!(c.kind, Compound::Arith(_)) => {
                Some("(( ))".to_string())
            }
            _ => None,
        }
    }

    /// The failure a pipeline is, with whether that is certain: `exit` (not `exit 0`),
    /// `return` (not `return 0`), `false`, a function of the script that exits, a group
    /// holding one; or, inferred, a [`FAILURE_NAMES`] command the script does not define.
    fn failure(&self, pipeline: &Pipeline) -> Option<(String, bool)> {
        match pipeline.commands.first()? {
            Command::Simple(c) => {
                let (name, args) = self.program_of(c)?;
                match name.as_str() {
                    "exit" | "return" if args.first().is_none_or(|a| a != "0") => {
                        Some((name, true))
                    }
                    "false" => Some((name, true)),
                    _ if self.failing.contains(&name) => Some((name, true)),
                    _ if self.defined.contains(&name) => None,
                    _ if FAILURE_NAMES.contains(&name.as_str()) => Some((name, false)),
                    _ => None,
                }
            }
            Command::Compound(c) => match &c.kind {
                Compound::Brace(p) | Compound::Subshell(p) => self.program_failure(p),
                _ => None,
            },
            _ => None,
        }
    }

    /// The first failure among a program's top-level commands.
    fn program_failure(&self, program: &Program) -> Option<(String, bool)> {
        program.items.iter().find_map(|item| {
            std::iter::once(&item.and_or.first)
                .chain(item.and_or.rest.iter().map(|(_, p)| p))
                .find_map(|p| self.failure(p))
        })
    }

    /// The program's file name and its arguments, quotes removed.
    fn program_of(&self, c: &SimpleCommand) -> Option<(String, Vec<String>)> {
        program_of(self.script.text(), c)
    }
}

fn program_of(text: &str, c: &SimpleCommand) -> Option<(String, Vec<String>)> {
    let words: Vec<String> = c.words.iter().map(|w| w.unquoted(text)).collect();
    let i = program_index(&words)?;
    let name = words[i].rsplit('/').next().unwrap_or(&words[i]).to_string();
    Some((name, words[i + 1..].to_vec()))
}

fn last_pipeline(list: &AndOr) -> &Pipeline {
    list.rest.last().map_or(&list.first, |(_, p)| p)
}

/// Functions whose body runs `exit` (not `exit 0`), directly or through another such
/// function of the script.
fn failing_functions(script: &Script<'_>) -> BTreeSet<String> {
    let mut calls: Vec<(String, Vec<String>)> = Vec::new();
    each_command(&script.program, &mut |c| {
        if let Command::Function(f) = c {
            let mut names = Vec::new();
            each_command_in(&f.body, &mut |inner| {
                if let Command::Simple(s) = inner
                    && let Some((name, args)) = program_of(script.text(), s)
                {
                    match name.as_str() {
                        "exit" if args.first().is_some_and(|a| a == "0") => {}
                        _ => names.push(name),
                    }
                }
            });
            calls.push((f.name.clone(), names));
        }
    });
    let mut failing: BTreeSet<String> = BTreeSet::new();
    // Each round adds at least one function or stops: at most one round per function.
    loop {
        let before = failing.len();
        for (name, called) in &calls {
            if called.iter().any(|c| c == "exit" || failing.contains(c)) {
                failing.insert(name.clone());
            }
        }
        if failing.len() == before {
            return failing;
        }
    }
}

/// Calls `f` for every command of `program` at any depth: compound bodies and function
/// bodies (not command substitutions).
fn each_command(program: &Program, f: &mut dyn FnMut(&Command)) {
    for item in &program.items {
        let pipelines =
            std::iter::once(&item.and_or.first).chain(item.and_or.rest.iter().map(|(_, p)| p));
        for pipeline in pipelines {
            for command in &pipeline.commands {
                each_command_in(command, f);
            }
        }
    }
}

fn each_command_in(command: &Command, f: &mut dyn FnMut(&Command)) {
    f(command);
    match command {
        Command::Function(def) => each_command_in(&def.body, f),
        Command::Compound(c) => match &c.kind {
            Compound::Brace(p) | Compound::Subshell(p) => each_command(p, f),
            Compound::If {
                branches,
                else_body,
            } => {
                for (condition, body) in branches {
                    each_command(condition, f);
                    each_command(body, f);
                }
                if let Some(e) = else_body {
                    each_command(e, f);
                }
            }
            Compound::While {
                condition, body, ..
            } => {
                each_command(condition, f);
                each_command(body, f);
            }
            Compound::For { body, .. } | Compound::ArithFor { body, .. } => each_command(body, f),
            Compound::Case { arms, .. } => {
                for arm in arms {
                    each_command(&arm.body, f);
                }
            }
            Compound::Arith(_) => {}
        },
        Command::Simple(_) | Command::Opaque { .. } => {}
    }
}
