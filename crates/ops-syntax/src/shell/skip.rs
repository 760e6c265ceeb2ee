//! Which simple commands the walk may skip under [`EvalOptions::programs`]: the hint's rule,
//! checked on the syntax tree before anything is evaluated.
//!
//! [`EvalOptions::programs`]: super::walk::EvalOptions::programs

use super::ast::{Program, SimpleCommand};
use super::eval::Env;
use super::keywords::{is_declaration, program_index_by};
use super::syntax_walk::{Node, each_in_item, each_in_simple};
use super::word::{ParamOp, WordPart};

/// True when `c` may be skipped: it would be skipped as a command of a substitution (see
/// [`quiet`]), changes nothing the walk models in its own shell (not one of [`has_effects`],
/// no `${X:=y}` outside a substitution), and every node of its substitutions would be
/// skipped too. Commands in a substitution run in a subshell, so only their visits matter.
pub(crate) fn skippable(c: &SimpleCommand, programs: &[&str], env: &Env<'_>) -> bool {
    let Some(name) = quiet(c, programs, env) else {
        return false;
    };
    let assigns = c
        .words
        .iter()
        .chain(c.assignments.iter().map(|a| &a.value))
        .any(|w| assigns(&w.parts));
    if name.is_empty() || has_effects(name) || assigns {
        return false;
    }
    let mut all = true;
    each_in_simple(c, &mut |node| {
        all &= match node {
            Node::Simple(s) => std::ptr::eq(s, c) || quiet(s, programs, env).is_some(),
            // A compound command with redirections is visited; a function defined in a
            // substitution could be called there and run anything.
            Node::Compound(k) => k.redirects.is_empty(),
            Node::Function => false,
        };
    });
    all
}

/// The program of `c` (`""` for assignments alone) when the walk would not visit `c`
/// under the hint: no redirection, a program written as plain text that is not one of
/// `programs` and not a function. `None` when it would be visited.
fn quiet<'c>(c: &'c SimpleCommand, programs: &[&str], env: &Env<'_>) -> Option<&'c str> {
    if !c.redirects.is_empty() {
        return None;
    }
    if c.words.is_empty() {
        return Some("");
    }
    let name = plain_program(c)?;
    let named = programs.contains(&name);
    (!named && env.function(name).is_none()).then_some(name)
}

/// The file name of `c`'s program when it is written as plain text (`None`: an expansion,
/// a quote that is not plain, or no program found), as the walk would evaluate it.
fn plain_program(c: &SimpleCommand) -> Option<&str> {
    // The words before the first that is not plain text (an option's argument may be
    // skipped over, so each word is not enough on its own; most commands ask for word 0
    // alone).
    let plain = |i: usize| {
        c.words
            .get(i)
            .filter(|_| c.words[..i].iter().all(|w| w.plain().is_some()))
            .and_then(|w| w.plain())
    };
    let name = plain(program_index_by(plain)?)?;
    Some(ops_model::path::file_name(name))
}

/// How many of `program`'s top-level and-or lists a walk must visit when its caller looks
/// only at the commands that run one of `programs` (and drops the walk's budgets): up to
/// the last list that holds a simple command which may run one (its program is one of
/// them, or is not written as plain text, so its value could be). Commands after it change
/// no visit of those. `None` when a function body may hold one: a call anywhere could
/// reach it, and functions never called are visited after the script, so the whole script
/// is walked.
pub(crate) fn lists_needed(program: &Program, programs: &[&str]) -> Option<usize> {
    let mut needed = 0;
    for (i, item) in program.items.iter().enumerate() {
        // Everything met after a function definition in the same list is counted as in
        // its body (the traversal does not say where a body ends): never fewer lists.
        let (mut in_function, mut may_run, mut in_body) = (false, false, false);
        each_in_item(item, &mut |node| match node {
            Node::Function => in_function = true,
            Node::Simple(s)
                if !s.words.is_empty()
                    && plain_program(s).is_none_or(|name| programs.contains(&name)) =>
            {
                may_run = true;
                in_body |= in_function;
            }
            _ => {}
        });
        if in_body {
            return None;
        }
        if may_run {
            needed = i + 1;
        }
    }
    Some(needed)
}

/// `${NAME:=default}` (or `=`) outside a substitution: it assigns in the walk's shell.
fn assigns(parts: &[WordPart]) -> bool {
    parts.iter().any(|p| match p {
        WordPart::DoubleQuoted(inner) => assigns(inner),
        WordPart::Param(p) => {
            matches!(p.op, Some(ParamOp::Assign { .. }))
                || p.operand.as_ref().is_some_and(|w| assigns(&w.parts))
        }
        _ => false,
    })
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
