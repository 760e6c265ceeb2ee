//! Which simple commands the walk may skip under [`EvalOptions::programs`]: the hint's rule,
//! checked on the syntax tree before anything is evaluated.
//!
//! [`EvalOptions::programs`]: super::walk::EvalOptions::programs

use super::ast::SimpleCommand;
use super::eval::Env;
use super::keywords::{is_declaration, program_index_by};
use super::syntax_walk::{Node, each_in_simple};
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
    let name = ops_model::path::file_name(name);
    let named = programs.contains(&name);
    (!named && env.function(name).is_none()).then_some(name)
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
