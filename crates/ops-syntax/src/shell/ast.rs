//! The command structure of a script (POSIX XCU 2.9 "Shell Commands", with bash's `[[ ]]`,
//! `(( ))`, `function f { }`, `select` and `|&`).
//!
//! Every node keeps its byte span in the read text; [`super::Script::line_of`] turns an
//! offset into a line number.

use super::token::RedirOp;
use super::word::Word;

/// A list of commands: a whole script, a function body, the inside of `$( )`, a branch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Program {
    /// The and-or lists in order.
    pub items: Vec<ListItem>,
}

/// One and-or list and how it ends (`;`/newline, or `&`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// The and-or list.
    pub and_or: AndOr,
    /// Ended by `&`: run in the background.
    pub background: bool,
}

/// Pipelines joined by `&&` and `||`: `first && rest[0].1 || rest[1].1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndOr {
    /// The first pipeline.
    pub first: Pipeline,
    /// The pipelines after it, each with the connector before it.
    pub rest: Vec<(Connector, Pipeline)>,
}

/// How two pipelines of an [`AndOr`] are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Connector {
    /// `&&`: run the right side when the left one succeeds.
    And,
    /// `||`: run the right side when the left one fails.
    Or,
}

/// Commands joined by `|` (or `|&`), maybe negated with `!` and timed with `time`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// `! cmd`: the exit status is inverted.
    pub negated: bool,
    /// `time cmd` (the reserved word, with or without `-p`).
    pub timed: bool,
    /// The commands, left to right.
    pub commands: Vec<Command>,
    /// For each `|` between commands, whether it was `|&` (stderr piped too).
    pub stderr_piped: Vec<bool>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// One command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// A simple command (also `[[ ]]`).
    Simple(SimpleCommand),
    /// A compound command with its redirections.
    Compound(CompoundCommand),
    /// A function definition.
    Function(FunctionDef),
    /// Text skipped because a budget was exceeded (its commands are UNKNOWN).
    Opaque {
        /// Byte offset of the first byte.
        start: usize,
        /// Byte offset after the last byte.
        end: usize,
    },
}

/// A simple command: assignments, words and redirections, in any order in the text.
/// `[[ ... ]]` is a simple command too, its words from `[[` to `]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimpleCommand {
    /// `NAME=value` prefixes (`A=b cmd`), in order.
    pub assignments: Vec<Assignment>,
    /// The words, from the first non-assignment on (program, then arguments; prefix words
    /// such as `sudo` are kept: see [`super::keywords::program_index`]).
    pub words: Vec<Word>,
    /// Redirections, in order.
    pub redirects: Vec<Redirect>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// `NAME=value`, `NAME+=value`, `NAME[i]=value` or `NAME=(...)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// The name.
    pub name: String,
    /// `NAME[index]=`: the index text.
    pub index: Option<String>,
    /// `+=`: append.
    pub append: bool,
    /// The value (empty word for `NAME=`). An array `(a b)` is one word starting with `(`.
    pub value: Word,
    /// `NAME=(...)`: an array assignment.
    pub array: bool,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// A redirection: `[fd]op target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// The `IO_NUMBER` written before the operator (`2` in `2>&1`).
    pub fd: Option<u32>,
    /// The operator.
    pub op: RedirOp,
    /// The target word (the file, the fd after `>&`, the here-document delimiter).
    pub target: Word,
    /// The here-document, for `<<` and `<<-`.
    pub heredoc: Option<Box<HereDoc>>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

impl Redirect {
    /// The fd this redirection applies to: the written one or the operator's default.
    pub fn effective_fd(&self) -> u32 {
        self.fd.unwrap_or_else(|| self.op.default_fd())
    }
}

/// A here-document (POSIX XCU 2.7.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HereDoc {
    /// The delimiter word as written (`'EOF'`).
    pub delimiter: Word,
    /// The delimiter with quotes removed (`EOF`).
    pub delimiter_text: String,
    /// Some part of the delimiter was quoted: the body is not expanded.
    pub quoted: bool,
    /// `<<-`: leading tabs are stripped from body lines and the delimiter line.
    pub strip_tabs: bool,
    /// The body (lines up to the delimiter line, each with its newline). Expansions are
    /// parsed unless `quoted`.
    pub body: Word,
    /// Byte span of the body in the text.
    pub body_start: usize,
    /// Byte offset after the body (the start of the delimiter line).
    pub body_end: usize,
    /// The delimiter line was found (otherwise the body runs to the end of the text).
    pub terminated: bool,
}

/// A compound command and the redirections after it (`{ ...; } >log`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompoundCommand {
    /// Which compound command.
    pub kind: Compound,
    /// Redirections, in order.
    pub redirects: Vec<Redirect>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

/// The kinds of compound command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Compound {
    /// `{ list; }`
    Brace(Program),
    /// `( list )`
    Subshell(Program),
    /// `if c; then b; elif c; then b; else e; fi`: `(condition, body)` per `if`/`elif`.
    If {
        /// `(condition, body)` of the `if` and of each `elif`, in order.
        branches: Vec<(Program, Program)>,
        /// The `else` body, if written.
        else_body: Option<Program>,
    },
    /// `while c; do b; done` or `until c; do b; done`.
    While {
        /// Written `until` (the body runs while the condition fails).
        until: bool,
        /// The commands between `while`/`until` and `do`.
        condition: Program,
        /// The commands between `do` and `done`.
        body: Program,
    },
    /// `for name [in words]; do b; done` (also `select`). `words` is `None` without `in`
    /// (the positional parameters).
    For {
        /// The loop variable.
        name: String,
        /// The words after `in`; `None` without `in`.
        words: Option<Vec<Word>>,
        /// The commands between `do` and `done`.
        body: Program,
        /// Written `select` rather than `for`.
        select: bool,
    },
    /// `for ((init; test; step)); do b; done`.
    ArithFor {
        /// The text between `((` and `))`.
        header: String,
        /// The commands between `do` and `done`.
        body: Program,
    },
    /// `case word in pattern) body ;; esac`.
    Case {
        /// The word matched.
        word: Word,
        /// The arms, in order.
        arms: Vec<CaseArm>,
    },
    /// `(( expression ))`.
    Arith(String),
}

/// One arm of a `case`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseArm {
    /// The patterns (`a | b)`).
    pub patterns: Vec<Word>,
    /// The commands.
    pub body: Program,
}

/// `name() body` or `function name [()] body`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionDef {
    /// The name.
    pub name: String,
    /// The body (a compound command).
    pub body: Box<Command>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
}

impl Command {
    /// The byte span of the command.
    pub fn span(&self) -> (usize, usize) {
        match self {
            Command::Simple(c) => (c.start, c.end),
            Command::Compound(c) => (c.start, c.end),
            Command::Function(f) => (f.start, f.end),
            Command::Opaque { start, end } => (*start, *end),
        }
    }
}

impl Program {
    /// Every simple command in source order, at any depth: inside compound commands,
    /// function bodies, command and process substitutions and here-document bodies. Purely
    /// syntactic (no evaluation); for evaluated words use [`super::walk()`].
    pub fn simple_commands(&self) -> Vec<&SimpleCommand> {
        let mut out = Vec::new();
        super::syntax_walk::collect(self, &mut out);
        out
    }
}
