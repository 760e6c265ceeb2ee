//! Recipe lines of plain words, judged without the shell reader (SUR003).
//!
//! Most surface recipes, once make has expanded them, are one command of plain words:
//! `./bin/atlasctl ops stack up --profile local`. A text made only of letters, digits,
//! blanks and `-_./,:@%+=` holds no quoting, expansion, glob, operator, comment or
//! redirection (POSIX XCU 2.3 token recognition; 2.6 word expansions find nothing to
//! expand), so the shell reads it as one simple command whose words are its blank-separated
//! fields. [`crate::commands`] judges such a command from its program and its first words
//! only: [`plain_verdict`] gives that judgement directly for the outcomes that need no
//! message (the command calls the operator CLI or make, or prints), and leaves everything
//! else (prefix words such as `env`, interpreters, a program that may be an `ops/` script,
//! any other program) to the shell reader.
//!
//! At 200,000 entrypoints the shell read and walk of every recipe line was a fifth of the
//! run's instructions, for lines that all called the CLI.

use ops_syntax::shell::keywords;

use crate::commands::{Judge, OperatorCli, is_make_name, is_message_name};

/// The longest line judged here: far below every `[limits.shell]` budget, so the shell
/// reader would read all of it too.
const MAX_BYTES: usize = 4096;

/// What a plain line does, as the shell reader and [`crate::commands`] would tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Plain {
    /// It calls the operator CLI or make.
    Delegates,
    /// It only prints (`echo`, `printf`, `:`, `true`).
    Message,
}

/// The judgement of `command` (a recipe line as make hands it to the shell) when it is plain
/// words whose program is the operator CLI, make or a message; `None` otherwise.
///
/// The program is the first word: not an assignment (`A=b cmd`), a reserved word (`time`)
/// or a prefix word (`env`, `sudo`, `exec`: [`keywords::program_index`] is 0). It runs no
/// `ops/` script: its text does not name the ops root's first directory (a path below the
/// ops root names it) and it is not one of `[surface] interpreters` (whose operand could
/// be one).
pub(crate) fn plain_verdict(
    command: &str,
    judge: &Judge<'_>,
    cli: &OperatorCli<'_>,
) -> Option<Plain> {
    if command.len() > MAX_BYTES || !command.bytes().all(is_plain_byte) {
        return None;
    }
    let words: Vec<&str> = command
        .split([' ', '\t'])
        .filter(|w| !w.is_empty())
        .collect();
    let program = *words.first()?;
    if program.contains('=')
        || keywords::is_reserved(program)
        || keywords::program_index(&words) != Some(0)
    {
        return None;
    }
    let name = ops_model::path::file_name(program);
    if judge.may_name_ops_path(program) || judge.is_interpreter(name) {
        return None;
    }
    if cli.starts(&words) || is_make_name(name) {
        Some(Plain::Delegates)
    } else if is_message_name(name) {
        Some(Plain::Message)
    } else {
        None
    }
}

/// A byte that the shell reads as itself inside a word, or a blank between words.
fn is_plain_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b' ' | b'\t' | b'-' | b'_' | b'.' | b'/' | b',' | b':' | b'@' | b'%' | b'+' | b'='
        )
}
