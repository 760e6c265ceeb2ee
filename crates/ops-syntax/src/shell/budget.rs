//! The work budget of the shell reader, and what it notes about broken input.
//!
//! Every loop of the lexer, the parser and the evaluator is bounded by one of these limits,
//! so no input makes the reader hang or overflow its stack. Past a limit the affected value
//! is UNKNOWN (an opaque command, an unknown word) and one [`Budget`] says which limit and
//! where; the caller turns it into one warning.

use std::fmt;

/// The limits of one read: `[limits.shell]` of the config. [`Limits::default`] suits real
/// scripts with a wide margin.
pub use ops_model::contract::ShellLimits as Limits;

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

impl Budget {
    /// A short label naming the budget and its limit, for a warning that lists the budgets
    /// a file ran out of: `shell evaluation steps (500000)`.
    pub fn label(&self) -> String {
        format!("shell {} ({})", self.what.name(), self.limit)
    }
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
