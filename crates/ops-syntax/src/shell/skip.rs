//! Which simple commands the walk may skip under [`EvalOptions::programs`]: the hint's rule,
//! checked on the syntax tree before anything is evaluated.
//!
//! [`EvalOptions::programs`]: super::walk::EvalOptions::programs

use super::ast::{Command, Compound, Program, SimpleCommand};
use super::eval::Env;
use super::keywords::{is_declaration, program_index};
use super::word::{ParamOp, Word, WordPart};

/// True when `c` may be skipped: its program is plain text, not one of `programs`, changes
/// nothing the walk models, it has no redirection, and its words can change nothing either
/// (no `${X:=y}`); a command substitution in them may only hold commands that would be
/// skipped too (they run in a subshell, so only their visits could matter).
pub(crate) fn skippable(c: &SimpleCommand, programs: &[String], env: &Env<'_>) -> bool {
    quiet(c, programs, env, true)
}

/// `top`: the command runs in the walk's own shell, so its effects count; inside a
/// substitution (a subshell) only what would be visited counts.
fn quiet(c: &SimpleCommand, programs: &[String], env: &Env<'_>, top: bool) -> bool {
    if !c.redirects.is_empty() {
        return false;
    }
    let words_quiet = |w: &Word| quiet_parts(&w.parts, programs, env, top);
    if !c.words.iter().all(words_quiet) || !c.assignments.iter().all(|a| words_quiet(&a.value)) {
        return false;
    }
    if c.words.is_empty() {
        // Assignments only: they assign in the walk's shell, not in a subshell.
        return !top;
    }
    let plain: Vec<&str> = c.words.iter().map_while(|w| w.plain()).collect();
    let Some(name) = program_index(&plain).and_then(|i| plain.get(i)) else {
        return false;
    };
    let name = name.rsplit('/').next().unwrap_or(name);
    let named = programs.iter().any(|p| p == name);
    let effects = top && has_effects(name);
    !named && !effects && env.function(name).is_none()
}

fn quiet_parts(parts: &[WordPart], programs: &[String], env: &Env<'_>, top: bool) -> bool {
    parts.iter().all(|p| match p {
        WordPart::CommandSubst(s) | WordPart::ProcessSubst(s) => {
            quiet_program(&s.program, programs, env)
        }
        WordPart::DoubleQuoted(inner) => quiet_parts(inner, programs, env, top),
        WordPart::Param(p) => {
            !(top && matches!(p.op, Some(ParamOp::Assign { .. })))
                && p.operand
                    .as_ref()
                    .is_none_or(|w| quiet_parts(&w.parts, programs, env, top))
        }
        _ => true,
    })
}

/// Every command of a substitution's program would be skipped: no function is defined in
/// it (a call could run anything), no compound command has a redirection (it is visited).
fn quiet_program(program: &Program, programs: &[String], env: &Env<'_>) -> bool {
    program.items.iter().all(|item| {
        std::iter::once(&item.and_or.first)
            .chain(item.and_or.rest.iter().map(|(_, p)| p))
            .flat_map(|p| p.commands.iter())
            .all(|command| quiet_command(command, programs, env))
    })
}

fn quiet_command(command: &Command, programs: &[String], env: &Env<'_>) -> bool {
    match command {
        Command::Simple(c) => quiet(c, programs, env, false),
        Command::Function(_) => false,
        Command::Opaque { .. } => true,
        Command::Compound(c) => {
            c.redirects.is_empty()
                && match &c.kind {
                    Compound::Brace(p) | Compound::Subshell(p) => quiet_program(p, programs, env),
                    Compound::If {
                        branches,
                        else_body,
                    } => {
                        branches.iter().all(|(cond, body)| {
                            quiet_program(cond, programs, env) && quiet_program(body, programs, env)
                        }) && else_body
                            .as_ref()
                            .is_none_or(|e| quiet_program(e, programs, env))
                    }
                    Compound::While {
                        condition, body, ..
                    } => {
                        quiet_program(condition, programs, env)
                            && quiet_program(body, programs, env)
                    }
                    Compound::For { words, body, .. } => {
                        words
                            .iter()
                            .flatten()
                            .all(|w| quiet_parts(&w.parts, programs, env, false))
                            && quiet_program(body, programs, env)
                    }
                    Compound::ArithFor { body, .. } => quiet_program(body, programs, env),
                    Compound::Case { word, arms } => {
                        quiet_parts(&word.parts, programs, env, false)
                            && arms.iter().all(|a| quiet_program(&a.body, programs, env))
                    }
                    Compound::Arith(_) => true,
                }
        }
    }
}

/// Programs whose commands change what the walk models (the arms of `effects` in
/// `simple.rs`, which must stay in step): never skipped in the walk's own shell.
pub(crate) fn has_effects(name: &str) -> bool {
    is_declaration(name)
        || matches!(
            name,
            "cd" | "pushd"
                | "popd"
                | "unset"
                | "read"
                | "getopts"
                | "mapfile"
                | "readarray"
                | "printf"
        )
}
