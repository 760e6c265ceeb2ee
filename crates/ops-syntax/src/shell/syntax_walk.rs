//! Syntactic traversal of a [`Program`]: every simple command, in source order.

use super::ast::{Command, Compound, Program, Redirect, SimpleCommand};
use super::word::{Word, WordPart};

pub(crate) fn collect<'p>(program: &'p Program, out: &mut Vec<&'p SimpleCommand>) {
    for item in &program.items {
        let pipelines =
            std::iter::once(&item.and_or.first).chain(item.and_or.rest.iter().map(|(_, p)| p));
        for pipeline in pipelines {
            for command in &pipeline.commands {
                command_into(command, out);
            }
        }
    }
}

fn command_into<'p>(command: &'p Command, out: &mut Vec<&'p SimpleCommand>) {
    match command {
        Command::Simple(simple) => {
            // Substitutions run before the command itself.
            for a in &simple.assignments {
                word_into(&a.value, out);
            }
            for w in &simple.words {
                word_into(w, out);
            }
            redirects_into(&simple.redirects, out);
            out.push(simple);
        }
        Command::Compound(c) => {
            match &c.kind {
                Compound::Brace(p) | Compound::Subshell(p) => collect(p, out),
                Compound::If {
                    branches,
                    else_body,
                } => {
                    for (cond, body) in branches {
                        collect(cond, out);
                        collect(body, out);
                    }
                    if let Some(e) = else_body {
                        collect(e, out);
                    }
                }
                Compound::While {
                    condition, body, ..
                } => {
                    collect(condition, out);
                    collect(body, out);
                }
                Compound::For { words, body, .. } => {
                    for w in words.iter().flatten() {
                        word_into(w, out);
                    }
                    collect(body, out);
                }
                Compound::ArithFor { body, .. } => collect(body, out),
                Compound::Case { word, arms } => {
                    word_into(word, out);
                    for arm in arms {
                        collect(&arm.body, out);
                    }
                }
                Compound::Arith(_) => {}
            }
            redirects_into(&c.redirects, out);
        }
        Command::Function(f) => command_into(&f.body, out),
        Command::Opaque { .. } => {}
    }
}

fn redirects_into<'p>(redirects: &'p [Redirect], out: &mut Vec<&'p SimpleCommand>) {
    for r in redirects {
        word_into(&r.target, out);
        if let Some(h) = &r.heredoc {
            word_into(&h.body, out);
        }
    }
}

fn word_into<'p>(word: &'p Word, out: &mut Vec<&'p SimpleCommand>) {
    parts_into(&word.parts, out);
}

fn parts_into<'p>(parts: &'p [WordPart], out: &mut Vec<&'p SimpleCommand>) {
    for part in parts {
        match part {
            WordPart::DoubleQuoted(inner) => parts_into(inner, out),
            WordPart::CommandSubst(s) | WordPart::ProcessSubst(s) => collect(&s.program, out),
            WordPart::Param(p) => {
                if let Some(w) = &p.operand {
                    word_into(w, out);
                }
            }
            _ => {}
        }
    }
}
