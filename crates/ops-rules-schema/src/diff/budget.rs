//! The work budget of one diff: every schema expanded and every pair compared costs a step.
//! Past the budget the diff stops looking and reports an unknown (so breaking) change that
//! names the budget: never a hang, whatever the input.

use std::cell::Cell;

/// Steps one diff may take by default. A real schema needs a few hundred; the peer test
/// suites need at most a few thousand.
pub const DEFAULT_STEPS: usize = 200_000;

/// The steps left to one diff: a limit and a count, shared by every comparison of the
/// diff through `&Budget` (a [`Cell`], the diff being single-threaded).
#[derive(Debug)]
pub(crate) struct Budget {
    limit: usize,
    used: Cell<usize>,
}

impl Budget {
    /// A budget of `limit` steps ([`DiffOptions::max_steps`](super::DiffOptions::max_steps)).
    pub fn new(limit: usize) -> Budget {
        Budget {
            limit,
            used: Cell::new(0),
        }
    }

    /// Spends a step; `false` once the budget is spent.
    pub fn tick(&self) -> bool {
        let used = self.used.get();
        if used >= self.limit {
            return false;
        }
        self.used.set(used + 1);
        true
    }

    /// The reason given when the budget is spent.
    pub fn exhausted_reason(&self) -> String {
        format!("the diff budget of {} steps is spent", self.limit)
    }
}
