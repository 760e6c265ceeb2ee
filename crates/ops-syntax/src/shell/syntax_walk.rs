//! Syntactic traversal of a [`Program`]: every simple command, compound command and
//! function definition, in source order (substitutions before the command that holds them).

use super::ast::{Command, Compound, CompoundCommand, ListItem, Program, Redirect, SimpleCommand};
use super::word::{Word, WordPart};

/// One node met by [`each`].
#[derive(Clone, Copy)]
pub(crate) enum Node<'p> {
    Simple(&'p SimpleCommand),
    /// Met before its body.
    Compound(&'p CompoundCommand),
    /// A function definition, met before its body, which is traversed too.
    Function,
}

/// Every simple command of `program`, in source order.
pub(crate) fn collect<'p>(program: &'p Program, out: &mut Vec<&'p SimpleCommand>) {
    each(program, &mut |node| {
        if let Node::Simple(s) = node {
            out.push(s);
        }
    });
}

/// Calls `f` for every node of `program` (see [`Node`]).
pub(crate) fn each<'p>(program: &'p Program, f: &mut dyn FnMut(Node<'p>)) {
    for item in &program.items {
        each_in_item(item, f);
    }
}

/// Calls `f` for every node of one and-or list of a program.
pub(crate) fn each_in_item<'p>(item: &'p ListItem, f: &mut dyn FnMut(Node<'p>)) {
    let pipelines =
        std::iter::once(&item.and_or.first).chain(item.and_or.rest.iter().map(|(_, p)| p));
    for pipeline in pipelines {
        for command in &pipeline.commands {
            command_into(command, f);
        }
    }
}

/// The nodes of one simple command: those in its substitutions, then the command itself.
pub(crate) fn each_in_simple<'p>(simple: &'p SimpleCommand, f: &mut dyn FnMut(Node<'p>)) {
    // Substitutions run before the command itself.
    for a in &simple.assignments {
        word_into(&a.value, f);
    }
    for w in &simple.words {
        word_into(w, f);
    }
    redirects_into(&simple.redirects, f);
    f(Node::Simple(simple));
}

fn command_into<'p>(command: &'p Command, f: &mut dyn FnMut(Node<'p>)) {
    match command {
        Command::Simple(simple) => each_in_simple(simple, f),
        Command::Compound(c) => {
            f(Node::Compound(c));
            match &c.kind {
                Compound::Brace(p) | Compound::Subshell(p) => each(p, f),
                Compound::If {
                    branches,
                    else_body,
                } => {
                    for (cond, body) in branches {
                        each(cond, f);
                        each(body, f);
                    }
                    if let Some(e) = else_body {
                        each(e, f);
                    }
                }
                Compound::While {
                    condition, body, ..
                } => {
                    each(condition, f);
                    each(body, f);
                }
                Compound::For { words, body, .. } => {
                    for w in words.iter().flatten() {
                        word_into(w, f);
                    }
                    each(body, f);
                }
                Compound::ArithFor { body, .. } => each(body, f),
                Compound::Case { word, arms } => {
                    word_into(word, f);
                    for arm in arms {
                        each(&arm.body, f);
                    }
                }
                Compound::Arith(_) => {}
            }
            redirects_into(&c.redirects, f);
        }
        Command::Function(def) => {
            f(Node::Function);
            command_into(&def.body, f);
        }
        Command::Opaque { .. } => {}
    }
}

fn redirects_into<'p>(redirects: &'p [Redirect], f: &mut dyn FnMut(Node<'p>)) {
    for r in redirects {
        word_into(&r.target, f);
        if let Some(h) = &r.heredoc {
            word_into(&h.body, f);
        }
    }
}

fn word_into<'p>(word: &'p Word, f: &mut dyn FnMut(Node<'p>)) {
    parts_into(&word.parts, f);
}

fn parts_into<'p>(parts: &'p [WordPart], f: &mut dyn FnMut(Node<'p>)) {
    for part in parts {
        match part {
            WordPart::DoubleQuoted(inner) => parts_into(inner, f),
            WordPart::CommandSubst(s) | WordPart::ProcessSubst(s) => each(&s.program, f),
            WordPart::Param(p) => {
                if let Some(w) = &p.operand {
                    word_into(w, f);
                }
            }
            _ => {}
        }
    }
}
