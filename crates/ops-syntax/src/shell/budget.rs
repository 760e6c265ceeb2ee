//! The work budget of the shell reader, and what it notes about broken input.
//!
//! Every loop of the lexer, the parser and the evaluator is bounded by one of these limits,
//! so no input makes the reader hang or overflow its stack. Past a limit the affected value
//! is UNKNOWN (an opaque command, an unknown word) and one [`Budget`] says which limit and
//! where; the caller turns it into one warning.

use std::fmt;

/// The limits of one read. [`Limits::default`] suits real scripts with a wide margin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest input read, in bytes. A larger text is not read at all (empty program).
    pub max_input_bytes: usize,
    /// Most tokens lexed (nested `$( )` included); the rest of the text is not read.
    pub max_tokens: usize,
    /// Deepest nesting of `$( )`, backticks, `${ }` and compound commands; deeper text is
    /// skipped as one opaque stretch.
    pub max_nesting: usize,
    /// Longest evaluated value, in bytes of known text; a longer one is UNKNOWN.
    pub max_value_bytes: usize,
    /// Deepest chain of shell function calls the evaluator follows.
    pub max_call_depth: usize,
    /// Most simple commands the evaluator visits in one walk (function bodies are visited
    /// once per call, so this bounds call fan-out).
    pub max_steps: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 8 * 1024 * 1024,
            max_tokens: 4_000_000,
            max_nesting: 40,
            max_value_bytes: 64 * 1024,
            max_call_depth: 16,
            max_steps: 500_000,
        }
    }
}

/// Which limit of [`Limits`] was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BudgetKind {
    /// [`Limits::max_input_bytes`].
    InputSize,
    /// [`Limits::max_tokens`].
    Tokens,
    /// [`Limits::max_nesting`].
    Nesting,
    /// [`Limits::max_value_bytes`].
    ValueSize,
    /// [`Limits::max_call_depth`].
    CallDepth,
    /// [`Limits::max_steps`].
    Steps,
}

impl BudgetKind {
    /// A short English name: "input size", "nesting depth", ...
    pub fn name(self) -> &'static str {
        match self {
            BudgetKind::InputSize => "input size",
            BudgetKind::Tokens => "token count",
            BudgetKind::Nesting => "nesting depth",
            BudgetKind::ValueSize => "value size",
            BudgetKind::CallDepth => "function call depth",
            BudgetKind::Steps => "evaluation steps",
        }
    }
}

/// A limit was reached at byte `offset` of the text: what follows there is UNKNOWN.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Budget {
    /// Which limit.
    pub what: BudgetKind,
    /// The limit in force (bytes, tokens, levels or steps, as [`Limits`] says).
    pub limit: usize,
    /// Byte offset in the read text where the limit was reached.
    pub offset: usize,
}

impl fmt::Display for Budget {
    /// `shell reader budget exceeded: nesting depth over 40 at byte 1234`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "shell reader budget exceeded: {} over {} at byte {}",
            self.what.name(),
            self.limit,
            self.offset
        )
    }
}

/// Something the reader noticed about malformed input. Reading goes on: an unterminated
/// quote ends at the end of the text, a missing `fi` ends the `if` there.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Note {
    /// Byte offset where the construct starts (or the stray token is).
    pub offset: usize,
    /// What is wrong: "unterminated single quote", "here-document `EOF` not closed",
    /// "missing `fi`", "unexpected `)`".
    pub message: String,
}

/// Budgets and notes gathered while reading or evaluating; shared by every stage.
#[derive(Debug)]
pub(crate) struct Tally {
    pub limits: Limits,
    /// False in fragment mode: notes about incomplete input are not kept.
    pub keep_notes: bool,
    pub tokens: usize,
    pub budgets: Vec<Budget>,
    pub notes: Vec<Note>,
}

impl Tally {
    pub fn new(limits: Limits, keep_notes: bool) -> Tally {
        Tally {
            limits,
            keep_notes,
            tokens: 0,
            budgets: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Records that `what` was exceeded at `offset` (once per kind and offset).
    pub fn exceeded(&mut self, what: BudgetKind, offset: usize) {
        let limit = match what {
            BudgetKind::InputSize => self.limits.max_input_bytes,
            BudgetKind::Tokens => self.limits.max_tokens,
            BudgetKind::Nesting => self.limits.max_nesting,
            BudgetKind::ValueSize => self.limits.max_value_bytes,
            BudgetKind::CallDepth => self.limits.max_call_depth,
            BudgetKind::Steps => self.limits.max_steps,
        };
        let budget = Budget {
            what,
            limit,
            offset,
        };
        // Keep the list short: one entry per kind is enough to warn, more only add noise.
        if !self.budgets.iter().any(|b| b.what == what) {
            self.budgets.push(budget);
        }
    }

    /// Notes malformed input at `offset`.
    pub fn note(&mut self, offset: usize, message: impl Into<String>) {
        if self.keep_notes {
            self.notes.push(Note {
                offset,
                message: message.into(),
            });
        }
    }
}
