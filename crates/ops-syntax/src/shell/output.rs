//! What a command prints, for command substitution (`$(dirname "$0")`, `$(cd .. && pwd)`,
//! `$(git rev-parse --show-toplevel)`, and shell functions that `echo`/`printf` a path).
//!
//! Inside `$( )` each command's stdout is collected: `echo`, `printf` (`%s`, `%b`, `%%`
//! and backslash escapes), `pwd`, `dirname`, `readlink -f`/`realpath`, `git rev-parse
//! --show-toplevel` are modelled; commands known to print nothing (`cd`, `:`, `mkdir`,
//! assignments, declarations, ...) add nothing; any other command makes the output
//! unknown. Output under a condition (`||` right sides, `if`/`case`/loop bodies) makes it
//! unknown too, unless it prints nothing. Trailing newlines are removed (POSIX XCU 2.6.3).

use super::ast::Program;
use super::eval::Env;
use super::walk::{Flow, Visited, Walker};
use crate::value::{Anchor, Part, StaticValue};

/// The output collected for one `$( )`.
#[derive(Debug, Default)]
pub(crate) struct Capture {
    out: StaticValue,
    unknown: bool,
    /// How many conditional constructs deep the walk is inside this capture.
    uncertain: usize,
    /// Output sent elsewhere (a pipe, a redirection): dropped.
    discard: bool,
}

/// What one command prints.
pub(crate) enum Output {
    Silent,
    Text(StaticValue),
    Unknown,
}

/// Commands that print nothing on stdout when they succeed.
const SILENT: &[&str] = &[
    ":", "true", "false", "cd", "set", "shopt", "export", "readonly", "local", "declare",
    "typeset", "unset", "mkdir", "[", "[[", "test", "return", "exit", "shift", "trap", "umask",
    "source", ".", "rm", "cp", "mv", "touch", "ln", "chmod", "read", "wait", "exec", "let",
];

impl<'s> Walker<'s, '_> {
    /// The output of `$( program )` run in a copy of `env`.
    pub(crate) fn substitution(&mut self, env: &Env<'s>, program: &'s Program) -> StaticValue {
        let mut sub = env.clone();
        self.captures.push(Capture::default());
        self.program(&mut sub, program, Flow::default());
        let capture = self.captures.pop().unwrap_or_default();
        if capture.unknown {
            return StaticValue::unknown();
        }
        let mut out = capture.out;
        if let Some(Part::Text(t)) = out.parts.last_mut() {
            let trimmed = t.trim_end_matches('\n').len();
            t.truncate(trimmed);
            if t.is_empty() {
                out.parts.pop();
            }
        }
        out
    }

    /// Enters (`delta` 1) or leaves (-1) a conditional construct when `when` holds.
    pub(crate) fn uncertain(&mut self, when: bool, delta: isize) {
        if let (true, Some(c)) = (when, self.captures.last_mut()) {
            c.uncertain = c.uncertain.saturating_add_signed(delta);
        }
    }

    /// Starts dropping output (a pipe or a redirection) when `when` holds.
    pub(crate) fn discard_output(&mut self, when: bool) {
        if when && !self.captures.is_empty() {
            self.captures.push(Capture {
                discard: true,
                ..Capture::default()
            });
        }
    }

    /// Ends [`Walker::discard_output`].
    pub(crate) fn end_discard(&mut self, when: bool) {
        if when && self.captures.last().is_some_and(|c| c.discard) {
            self.captures.pop();
        }
    }

    pub(crate) fn emit(&mut self, out: Output) {
        let limit = self.tally.limits.max_value_bytes;
        let Some(c) = self.captures.last_mut() else {
            return;
        };
        if c.discard {
            return;
        }
        match out {
            Output::Silent => {}
            Output::Text(v) if c.uncertain == 0 && c.out.text_len() + v.text_len() <= limit => {
                c.out.push(v)
            }
            _ => c.unknown = true,
        }
    }

    /// What the command `v` (program `name`) prints on stdout.
    pub(crate) fn output_of(&self, env: &Env<'s>, name: &str, v: &Visited<'s>) -> Output {
        if v.stdout_redirected() {
            return Output::Silent;
        }
        let name = ops_model::path::file_name(name);
        let args = v.args();
        let operands: Vec<&StaticValue> = args
            .iter()
            .filter(|a| !(a.text.starts_with('-') && a.text.len() > 1))
            .map(|a| &a.value)
            .collect();
        let line = |mut value: StaticValue| {
            value.push_text("\n");
            Output::Text(value)
        };
        match name {
            "echo" => {
                let mut newline = true;
                let mut out = StaticValue::empty();
                let mut first = true;
                for a in args {
                    let flag = first_flag(&a.text);
                    if first && flag {
                        newline &= !a.text.contains('n');
                        continue;
                    }
                    if !first {
                        out.push_text(" ");
                    }
                    first = false;
                    out.push(a.value.clone());
                }
                if newline {
                    out.push_text("\n");
                }
                Output::Text(out)
            }
            "printf" => match args.first().and_then(|f| f.value.as_known()) {
                Some(format) if !format.starts_with('-') => printf(
                    &format,
                    &args[1..].iter().map(|a| &a.value).collect::<Vec<_>>(),
                ),
                _ => Output::Unknown,
            },
            "pwd" => match &env.cwd {
                Some(cwd) => line(cwd.clone()),
                None => Output::Unknown,
            },
            "dirname" => match operands.as_slice() {
                [path] => line(path.dirname()),
                _ => Output::Unknown,
            },
            "readlink"
                if !args.iter().any(|a| {
                    matches!(&*a.text, "-f" | "-e" | "-m") || a.text.starts_with("--canonicalize")
                }) =>
            {
                Output::Unknown
            }
            "readlink" | "realpath" => match operands.as_slice() {
                [path] => line(path.normalized()),
                _ => Output::Unknown,
            },
            "git"
                if args.iter().any(|a| a.text == "rev-parse")
                    && args.iter().any(|a| a.text == "--show-toplevel") =>
            {
                line(StaticValue::anchored(Anchor::Root, ""))
            }
            _ if SILENT.contains(&name) => Output::Silent,
            _ if v.program.is_none() => Output::Silent,
            _ => Output::Unknown,
        }
    }
}

/// An `echo` option word (`-n`, `-e`, `-ne`).
fn first_flag(text: &str) -> bool {
    text.len() > 1
        && text.starts_with('-')
        && text[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'))
}

/// `printf FORMAT ARGS...` for `%s`, `%b`, `%%` and backslash escapes; anything else, or
/// arguments left over, is unknown.
fn printf(format: &str, args: &[&StaticValue]) -> Output {
    let mut out = StaticValue::empty();
    let mut next = args.iter();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => match chars.next() {
                Some('%') => out.push_text("%"),
                Some('s' | 'b') => {
                    if let Some(v) = next.next() {
                        out.push((*v).clone());
                    }
                }
                _ => return Output::Unknown,
            },
            '\\' => match chars.next() {
                Some('n') => out.push_text("\n"),
                Some('t') => out.push_text("\t"),
                Some('\\') => out.push_text("\\"),
                _ => return Output::Unknown,
            },
            c => {
                let mut buf = [0u8; 4];
                out.push_text(c.encode_utf8(&mut buf));
            }
        }
    }
    if next.next().is_some() {
        return Output::Unknown;
    }
    Output::Text(out)
}
