//! The stack of conditionals of one makefile (GNU make manual 7.2 "Syntax of
//! Conditionals"), with a third answer: a condition whose value is unknown.
//!
//! A branch is Live (make reads it), Dead (make skips it) or Conditional (make may read
//! it: its condition, or an earlier branch's, is unknown). The reader reads Live and
//! Conditional lines alike and marks what Conditional lines define as conditional.

use crate::UNKNOWN_MARK;
use crate::value::has_unknown_mark;

use super::database::{Position, ProblemKind};
use super::directive::equality_args;
use super::limits::BudgetKind;
use super::lines::first_word;
use super::reader::Reader;
use super::{DIR_MARK, ROOT_MARK};

/// A condition's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tri {
    True,
    False,
    Unknown,
}

/// Whether the current line is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum State {
    Live,
    Conditional,
    Dead,
}

/// Whether an earlier branch of a conditional was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Taken {
    No,
    Maybe,
    Yes,
}

#[derive(Clone, Debug)]
struct Frame {
    parent: State,
    taken: Taken,
    seen_else: bool,
    state: State,
}

/// The open conditionals of one makefile, innermost last.
#[derive(Clone, Debug, Default)]
pub(crate) struct CondStack {
    frames: Vec<Frame>,
}

/// A branch with condition `c` after earlier branches `taken`, inside `parent`.
fn branch(parent: State, taken: Taken, c: Tri) -> State {
    match (parent, taken, c) {
        (State::Dead, _, _) | (_, Taken::Yes, _) | (_, _, Tri::False) => State::Dead,
        (State::Live, Taken::No, Tri::True) => State::Live,
        _ => State::Conditional,
    }
}

fn after(taken: Taken, c: Tri) -> Taken {
    match (taken, c) {
        (Taken::Yes, _) | (_, Tri::True) => Taken::Yes,
        (Taken::Maybe, _) | (_, Tri::Unknown) => Taken::Maybe,
        (Taken::No, Tri::False) => Taken::No,
    }
}

impl CondStack {
    /// The state of the lines read now.
    pub fn state(&self) -> State {
        self.frames.last().map_or(State::Live, |f| f.state)
    }

    /// Open conditionals.
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// True when the condition of a new `if...` would matter (the enclosing branch is read).
    pub fn evaluates_if(&self) -> bool {
        self.state() != State::Dead
    }

    /// True when the condition of an `else if...` would matter: the enclosing branch is
    /// read and no earlier branch was certainly taken.
    pub fn evaluates_else(&self) -> bool {
        self.frames
            .last()
            .is_some_and(|f| f.parent != State::Dead && f.taken != Taken::Yes)
    }

    /// `ifeq`/`ifneq`/`ifdef`/`ifndef` with condition `c` (ignored inside a dead branch).
    pub fn open(&mut self, c: Tri) {
        let parent = self.state();
        let state = branch(parent, Taken::No, c);
        self.frames.push(Frame {
            parent,
            taken: if parent == State::Dead {
                Taken::Yes
            } else {
                after(Taken::No, c)
            },
            seen_else: false,
            state,
        });
    }

    /// `else` (`c` is `True`) or `else if...` with condition `c`.
    pub fn otherwise(&mut self, c: Tri, plain: bool) -> Result<(), &'static str> {
        let Some(f) = self.frames.last_mut() else {
            return Err("`else` without a matching `if`");
        };
        if f.seen_else {
            return Err("only one `else` per conditional");
        }
        f.seen_else = plain;
        f.state = branch(f.parent, f.taken, c);
        f.taken = after(f.taken, c);
        Ok(())
    }

    /// `endif`.
    pub fn close(&mut self) -> Result<(), &'static str> {
        self.frames
            .pop()
            .map(|_| ())
            .ok_or("`endif` without a matching `if`")
    }
}

impl Reader<'_> {
    /// Handles a conditional directive; false when `word` is not one.
    pub(crate) fn conditional(
        &mut self,
        word: &str,
        rest: &str,
        position: &Position,
        cond: &mut CondStack,
    ) -> bool {
        match word {
            "ifeq" | "ifneq" | "ifdef" | "ifndef" => {
                if cond.depth() >= self.tables.limits.max_conditional_depth {
                    if self.budget.reported.insert("conditional depth".to_string()) {
                        self.problem(
                            ProblemKind::Budget(BudgetKind::ConditionalDepth),
                            Some(position),
                            format!(
                                "conditional nested past the {}; read as unknown",
                                BudgetKind::ConditionalDepth
                            ),
                        );
                    }
                    cond.open(Tri::Unknown);
                    return true;
                }
                let c = if cond.evaluates_if() {
                    self.condition(word, rest, position)
                } else {
                    Tri::False
                };
                cond.open(c);
            }
            "else" => {
                let (inner, inner_rest) = first_word(rest);
                let plain = inner.is_empty();
                let c = if plain {
                    Tri::True
                } else if !matches!(inner, "ifeq" | "ifneq" | "ifdef" | "ifndef") {
                    self.problem(
                        ProblemKind::Syntax,
                        Some(position),
                        "extraneous text after `else`".to_string(),
                    );
                    Tri::True
                } else if cond.evaluates_else() {
                    self.condition(inner, inner_rest, position)
                } else {
                    Tri::False
                };
                if let Err(e) = cond.otherwise(c, plain) {
                    self.problem(ProblemKind::Syntax, Some(position), e.to_string());
                }
            }
            "endif" => {
                if let Err(e) = cond.close() {
                    self.problem(ProblemKind::Syntax, Some(position), e.to_string());
                }
            }
            _ => return false,
        }
        true
    }

    /// The value of an `if...` condition (GNU make manual 7.2): `ifdef` asks whether the
    /// variable's stored value is non-empty, without expanding it.
    fn condition(&mut self, word: &str, rest: &str, position: &Position) -> Tri {
        let negate = matches!(word, "ifneq" | "ifndef");
        let c = if matches!(word, "ifdef" | "ifndef") {
            let name = self.expand(rest, "a condition", position);
            let name = name.trim();
            match self.tables.globals.get(name) {
                _ if name.contains([UNKNOWN_MARK, ROOT_MARK, DIR_MARK]) => Tri::Unknown,
                Some(v) if v.value.trim_matches(UNKNOWN_MARK).is_empty() && !v.value.is_empty() => {
                    Tri::Unknown
                }
                Some(v) if !v.value.is_empty() => Tri::True,
                None if self.tables.undefined_unknown => Tri::Unknown,
                _ => Tri::False,
            }
        } else {
            let Some((a, b)) = equality_args(rest) else {
                self.problem(
                    ProblemKind::Syntax,
                    Some(position),
                    "invalid syntax in conditional (make stops here)".to_string(),
                );
                return Tri::Unknown;
            };
            let a = self.expand(a, "a condition", position);
            let b = self.expand(b, "a condition", position);
            if has_unknown_mark(&a) || has_unknown_mark(&b) {
                Tri::Unknown
            } else if a == b {
                Tri::True
            } else {
                Tri::False
            }
        };
        if c == Tri::Unknown {
            self.problem(
                ProblemKind::UnknownCondition,
                Some(position),
                format!("the condition of `{word}` is unknown: both branches are read and what they define is conditional"),
            );
        }
        match (c, negate) {
            (Tri::True, true) => Tri::False,
            (Tri::False, true) => Tri::True,
            (c, _) => c,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_conditions_pick_one_branch() {
        let mut s = CondStack::default();
        s.open(Tri::False);
        assert_eq!(s.state(), State::Dead);
        assert!(s.evaluates_else());
        s.otherwise(Tri::True, false).expect("else ifeq");
        assert_eq!(s.state(), State::Live);
        assert!(!s.evaluates_else());
        s.otherwise(Tri::True, true).expect("else");
        assert_eq!(s.state(), State::Dead);
        assert!(s.otherwise(Tri::True, true).is_err());
        s.close().expect("endif");
        assert!(s.close().is_err());
    }

    #[test]
    fn unknown_conditions_read_every_branch_as_conditional() {
        let mut s = CondStack::default();
        s.open(Tri::Unknown);
        assert_eq!(s.state(), State::Conditional);
        s.open(Tri::True);
        assert_eq!(s.state(), State::Conditional);
        s.close().expect("endif");
        s.otherwise(Tri::True, true).expect("else");
        assert_eq!(s.state(), State::Conditional);
        s.close().expect("endif");
        s.open(Tri::False);
        s.open(Tri::Unknown);
        assert_eq!(s.state(), State::Dead);
        s.otherwise(Tri::True, true).expect("else");
        assert_eq!(s.state(), State::Dead);
        assert_eq!(s.depth(), 2);
    }
}
