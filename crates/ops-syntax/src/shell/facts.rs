//! What rules ask of a shell script, answered once: its `#!` interpreter, whether a file
//! is a shell script, whether it is a function-only library, which files it `source`s,
//! its first command.

use ops_model::path::file_name;

use super::Script;
use super::ast::{Command, Compound, Program};
use super::keywords::program_index_by;
use super::skip;
use super::walk::{EvalOptions, walk_lists};
use crate::value::StaticValue;

/// The interpreter line `#!/usr/bin/env bash -e`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shebang {
    /// The interpreter as written (`/usr/bin/env`).
    pub interpreter: String,
    /// The program it runs, by file name: `bash` for `#!/bin/bash` and for
    /// `#!/usr/bin/env bash` (`env`'s options and `NAME=value` settings skipped).
    pub name: String,
    /// The words after `name`.
    pub args: Vec<String>,
}

/// Shells this reader reads (by interpreter file name).
pub const SHELLS: &[&str] = &["sh", "bash", "dash", "ksh", "mksh", "zsh", "ash"];

/// File extensions of shell scripts.
pub const SHELL_EXTENSIONS: &[&str] = &["sh", "bash", "ksh", "zsh", "dash"];

/// The `#!` line of `text`, when it has one (on its first line).
pub fn shebang(text: &str) -> Option<Shebang> {
    let first = text.lines().next()?.strip_prefix("#!")?;
    let mut words = first.split_whitespace();
    let interpreter = words.next()?.to_string();
    let mut rest: Vec<String> = words.map(str::to_string).collect();
    let base = file_name(&interpreter).to_string();
    let (name, args) = if base == "env" {
        let i = rest
            .iter()
            .position(|w| !w.starts_with('-') && !super::parse::assignment_text(w))?;
        let tail = rest.split_off(i);
        let name = file_name(&tail[0]).to_string();
        (name, tail[1..].to_vec())
    } else {
        (base, rest)
    };
    Some(Shebang {
        interpreter,
        name,
        args,
    })
}

/// True when `name` (a file name such as `bash` or `bash5.2`) is a shell of [`SHELLS`].
pub fn is_shell_name(name: &str) -> bool {
    let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    SHELLS.contains(&trimmed)
}

/// Is a file a shell script? By extension ([`SHELL_EXTENSIONS`]) when it has one (any
/// other extension: no), else by a `#!` line naming a shell.
pub fn is_shell_script(file_name: &str, text: &str) -> bool {
    match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => SHELL_EXTENSIONS.contains(&ext),
        _ => shebang(text).is_some_and(|s| is_shell_name(&s.name)),
    }
}

/// Commands a library may run at its top level when sourced without doing anything on
/// its own.
pub const LIBRARY_COMMANDS: &[&str] = &[
    "set", "shopt", "source", ".", "export", "readonly", "declare", "typeset", "local", "unset",
    "alias", "umask", "trap", "return", "true", ":", "[[", "[", "test",
];

/// The first top-level command that makes `script` an entry script rather than a
/// function-only library (see [`is_function_library`]), or `None` for a library.
pub fn library_violation<'p>(script: &'p Script<'_>) -> Option<&'p Command> {
    program_violation(&script.program)
}

/// True when the script only defines functions and variables at its top level: function
/// definitions, assignments, [`LIBRARY_COMMANDS`] (`set`, `shopt`, `source`, `export`,
/// `[[ ... ]] || return` guards, ...), and `if`/`case`/loops/groups made of those. Any
/// other command (`main "$@"`, `kubectl ...`, `exit`) makes it an entry script. A file
/// with no commands at all is a library too.
pub fn is_function_library(script: &Script<'_>) -> bool {
    library_violation(script).is_none()
}

fn program_violation(program: &Program) -> Option<&Command> {
    program.items.iter().find_map(|item| {
        std::iter::once(&item.and_or.first)
            .chain(item.and_or.rest.iter().map(|(_, p)| p))
            .flat_map(|p| p.commands.iter())
            .find_map(command_violation)
    })
}

fn command_violation(command: &Command) -> Option<&Command> {
    match command {
        Command::Function(_) | Command::Opaque { .. } => None,
        Command::Simple(s) => {
            // Each word's text when asked (most commands ask for the first alone), not all
            // of them collected first.
            let text = |i: usize| s.words.get(i).map(|w| w.literal_cow().unwrap_or_default());
            match program_index_by(text) {
                None if s.words.is_empty() => None,
                Some(i) if text(i).is_some_and(|t| LIBRARY_COMMANDS.contains(&&*t)) => None,
                _ => Some(command),
            }
        }
        Command::Compound(c) => match &c.kind {
            Compound::Brace(p) | Compound::Subshell(p) => program_violation(p),
            Compound::If {
                branches,
                else_body,
            } => branches
                .iter()
                .find_map(|(c, b)| program_violation(c).or_else(|| program_violation(b)))
                .or_else(|| else_body.as_ref().and_then(program_violation)),
            Compound::While {
                condition, body, ..
            } => program_violation(condition).or_else(|| program_violation(body)),
            Compound::For { body, .. } | Compound::ArithFor { body, .. } => program_violation(body),
            Compound::Case { arms, .. } => arms.iter().find_map(|a| program_violation(&a.body)),
            Compound::Arith(_) => None,
        },
    }
}

/// The first command of the script (comments and blank lines skipped): a simple command,
/// a compound command or a function definition.
pub fn first_command<'p>(script: &'p Script<'_>) -> Option<&'p Command> {
    script
        .program
        .items
        .first()
        .and_then(|item| item.and_or.first.commands.first())
}

/// One `source FILE` or `. FILE` command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced {
    /// 1-based line and byte span of the command.
    pub line: u32,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// The file argument with quotes removed, as written.
    pub written: String,
    /// The file argument evaluated.
    pub value: StaticValue,
    /// The working directory there, when known (a relative `value` is relative to it).
    pub cwd: Option<StaticValue>,
    /// The function whose body holds the command, if any.
    pub function: Option<String>,
}

/// The programs that read a file into the running shell.
pub(crate) const SOURCE: &[&str] = &["source", "."];

/// Every `source`/`.` command of the script, with its evaluated argument, in the order
/// of the walk ([`walk`](super::walk::walk)); a command in a function body called
/// several times is listed once (its first visit).
pub fn sources(script: &Script<'_>, opts: &EvalOptions) -> Vec<Sourced> {
    // Only `source` and `.` are looked at: the walk may skip the rest (about half of its
    // work on a tree of ordinary operations scripts), and end after the last list that may
    // run one (most scripts source their helpers first).
    sources_within(script, opts, skip::lists_needed(&script.program, SOURCE))
}

/// [`sources`] from a walk of the first `lists` top-level lists (all with `None`).
pub(crate) fn sources_within(
    script: &Script<'_>,
    opts: &EvalOptions,
    lists: Option<usize>,
) -> Vec<Sourced> {
    let mut out: Vec<Sourced> = Vec::new();
    let opts = EvalOptions {
        programs: Some(SOURCE),
        ..opts.clone()
    };
    walk_lists(script, &opts, lists, &mut |v| {
        let Some(name) = v.program_file_name() else {
            return;
        };
        if !matches!(&*name, "source" | ".") || v.context.in_substitution {
            return;
        }
        let Some(arg) = v.args().iter().find(|a| a.text != "--") else {
            return;
        };
        if out.iter().any(|s| s.start == v.start) {
            return;
        }
        out.push(Sourced {
            line: v.line,
            start: v.start,
            end: v.end,
            written: arg.text.to_string(),
            value: arg.value.clone(),
            cwd: v.context.cwd.clone(),
            function: v.context.function.map(str::to_string),
        });
    });
    out.sort_by_key(|s| s.start);
    out
}
