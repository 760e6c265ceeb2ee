//! The work budget of the make reader: how much input it reads and how much expansion work
//! it does, so that no makefile can make a check slow or its output large.
//!
//! Past a limit the value being computed is UNKNOWN and the reader records one
//! [`Problem`](super::Problem) of kind [`ProblemKind::Budget`](super::ProblemKind::Budget)
//! naming the variable (or line) and the limit. Nothing hangs and nothing panics.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// The limits of one read: `[limits.make]` of the config. [`Limits::default`] suits any
/// real makefile: a makefile with 50,000 targets or 10,000 includes reads within them.
pub use ops_model::contract::MakeLimits as Limits;

/// Which limit a read or an expansion went past.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BudgetKind {
    /// [`Limits::max_file_bytes`] or [`Limits::max_total_bytes`].
    InputSize,
    /// [`Limits::max_includes`].
    IncludeCount,
    /// [`Limits::max_include_depth`].
    IncludeDepth,
    /// [`Limits::max_conditional_depth`].
    ConditionalDepth,
    /// [`Limits::max_expansion_depth`].
    ExpansionDepth,
    /// [`Limits::max_expansion_bytes`] or [`Limits::max_total_expansion_bytes`].
    ExpansionSize,
    /// [`Limits::max_expansion_steps`] or [`Limits::max_total_steps`].
    ExpansionSteps,
    /// [`Limits::max_rule_instances`].
    RuleInstances,
}

impl fmt::Display for BudgetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BudgetKind::InputSize => "input size budget",
            BudgetKind::IncludeCount => "include count budget",
            BudgetKind::IncludeDepth => "include depth budget",
            BudgetKind::ConditionalDepth => "conditional nesting budget",
            BudgetKind::ExpansionDepth => "expansion depth budget",
            BudgetKind::ExpansionSize => "expansion size budget",
            BudgetKind::ExpansionSteps => "expansion work budget",
            BudgetKind::RuleInstances => "rule instance budget",
        })
    }
}

/// An expansion stopped: the limit passed and the variables being expanded, outermost
/// first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stop {
    pub kind: BudgetKind,
    pub variables: Vec<String>,
}

/// Counters of one read (or one query), shared by every expansion in it.
#[derive(Clone, Debug)]
pub(crate) struct Budget {
    pub limits: Limits,
    total_steps: u64,
    steps: u64,
    produced: usize,
    total_produced: usize,
    /// Variables whose expansion went past a limit: later references are UNKNOWN at once,
    /// so a costly variable costs once, not once per use.
    pub over: BTreeSet<String>,
    /// Names already reported, so each gets ONE diagnostic.
    pub reported: BTreeSet<String>,
    /// Values of recursive variables expanded in the current top-level expansion, outside
    /// `call` and `foreach` (the variables cannot change during one expansion): a variable
    /// referenced many times is expanded once, so doubling chains cost linear work.
    pub memo: HashMap<String, String>,
    /// Keeps `memo` across top-level expansions (after the read, when nothing changes).
    pub keep_memo: bool,
    /// Recipe lines and pattern prerequisites instantiated so far.
    pub instances: usize,
}

impl Budget {
    pub fn new(limits: Limits) -> Budget {
        Budget {
            limits,
            total_steps: 0,
            steps: 0,
            produced: 0,
            total_produced: 0,
            over: BTreeSet::new(),
            reported: BTreeSet::new(),
            memo: HashMap::new(),
            keep_memo: false,
            instances: 0,
        }
    }

    /// Starts a top-level expansion: the per-expansion counters restart.
    pub fn begin(&mut self) {
        self.steps = 0;
        self.produced = 0;
        if !self.keep_memo {
            self.memo.clear();
        }
    }

    /// One reference, call or word of work.
    pub fn step(&mut self) -> Result<(), BudgetKind> {
        self.steps += 1;
        self.total_steps += 1;
        if self.steps > self.limits.max_expansion_steps
            || self.total_steps > self.limits.max_total_steps
        {
            return Err(BudgetKind::ExpansionSteps);
        }
        Ok(())
    }

    /// `n` bytes of output.
    pub fn produce(&mut self, n: usize) -> Result<(), BudgetKind> {
        self.produced = self.produced.saturating_add(n);
        self.total_produced = self.total_produced.saturating_add(n);
        if self.produced > self.limits.max_expansion_bytes
            || self.total_produced > self.limits.max_total_expansion_bytes
        {
            return Err(BudgetKind::ExpansionSize);
        }
        Ok(())
    }

    /// True once the whole read's step or output budget is spent.
    pub fn exhausted(&self) -> bool {
        self.total_steps > self.limits.max_total_steps
            || self.total_produced > self.limits.max_total_expansion_bytes
    }
}
