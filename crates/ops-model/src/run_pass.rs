//! The scan pass of [`RunContext::check_rules`]: every file offered to the rules that want
//! it, one task per file, with the rules' [`Rule::prepare`] beside it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rayon::prelude::*;

use super::{RunContext, panic_message};
use crate::cpu_clock::ThreadCpu;
use crate::rule::{FileInfo, ScanOutput};
use crate::{EntryKind, Rule};

/// What the rules made of one file: (rule number, its scan output, or a panic message).
pub(super) type PerFile = Vec<(usize, Result<ScanOutput, String>)>;

/// Each rule's CPU time in one run, when the run is timed ([`RunContext::timings`]): the
/// thread CPU clock around each call, summed over threads.
pub(super) struct RuleClock {
    on: bool,
    nanos: Vec<AtomicU64>,
}

impl RuleClock {
    pub(super) fn new(on: bool, rules: usize) -> RuleClock {
        RuleClock {
            on,
            nanos: (0..rules).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// The thread's clock now, when timed.
    pub(super) fn start(&self) -> Option<ThreadCpu> {
        self.on.then(ThreadCpu::now)
    }

    /// Adds the thread CPU time since `start` to rule `n`.
    pub(super) fn charge(&self, n: usize, start: Option<ThreadCpu>) {
        if let Some(start) = start {
            let spent = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
            self.nanos[n].fetch_add(spent, Ordering::Relaxed);
        }
    }

    /// Each rule's time, in rule order (`None` each when not timed).
    pub(super) fn into_times(self) -> impl Iterator<Item = Option<Duration>> {
        let on = self.on;
        self.nanos
            .into_iter()
            .map(move |n| on.then(|| Duration::from_nanos(n.into_inner())))
    }
}

impl RunContext {
    /// The scan pass, and each rule's `prepare` beside it: what the rules made of each file
    /// that some rule wants, as (index position, outputs), in index order; files that gave
    /// nothing are left out.
    pub(super) fn scan_pass(
        &self,
        rules: &[&dyn Rule],
        clock: &RuleClock,
    ) -> Vec<(usize, PerFile)> {
        let bare = self.cx();
        let entries = self.index.entries();
        // What the rules made of file `i`, `None` when nothing.
        let scan_one = |i: usize| -> Option<PerFile> {
            let info = FileInfo {
                entry: &entries[i],
                position: i,
                files: &self.files,
            };
            let mut outputs: PerFile = Vec::new();
            let mut file = None;
            for (n, rule) in rules.iter().enumerate() {
                let start = clock.start();
                match catch_unwind(AssertUnwindSafe(|| rule.wants(&bare, &info))) {
                    Ok(false) => {
                        clock.charge(n, start);
                        continue;
                    }
                    Ok(true) => {}
                    Err(payload) => {
                        outputs.push((n, Err(panic_message(payload))));
                        continue;
                    }
                }
                // Read (and lex) the file only once some rule wants it.
                let file = file.get_or_insert_with(|| self.files.transient(i));
                let mut out = ScanOutput::default();
                let run = catch_unwind(AssertUnwindSafe(|| rule.scan_file(&bare, file, &mut out)));
                clock.charge(n, start);
                match run {
                    // Nothing to merge: an empty output held until the pass ends cost
                    // 56 bytes and a vector slot per rule per file (16% of the heap
                    // peak of a 20,000-file run, massif).
                    Ok(()) if out.findings.is_empty() && out.facts.is_none() => {}
                    Ok(()) => outputs.push((n, Ok(out))),
                    Err(payload) => outputs.push((n, Err(panic_message(payload)))),
                }
            }
            if outputs.is_empty() {
                return None;
            }
            outputs.shrink_to_fit();
            Some(outputs)
        };
        // One task per entry, each filling its entry's slot: rayon otherwise runs runs of
        // neighbouring entries on one thread, and a run holding the large files of a tree (a
        // 14 MB generated makefile, a 10 MB index, a 29 MB surface, neighbours in path
        // order) kept one core busy for 2 s while the other idled (200,000-entrypoint tree,
        // perf timeline). Slots, not `collect`: a collected vector per task was 15 MiB of
        // peak memory at 100,000 files.
        let slots: Vec<OnceLock<PerFile>> = entries.iter().map(|_| OnceLock::new()).collect();
        let scan = || {
            (0..entries.len())
                .into_par_iter()
                .with_max_len(1)
                .filter(|&i| entries[i].kind == EntryKind::File)
                .for_each(|i| {
                    if let Some(outputs) = scan_one(i) {
                        let _ = slots[i].set(outputs);
                    }
                })
        };
        // The rules' prepare calls first, on this thread, while the others take files: a
        // prepared value is built beside the pass. A panic here is dropped: the rule's check
        // asks for the value again and reports it.
        let prepare = || {
            rules.par_iter().enumerate().for_each(|(n, rule)| {
                let start = clock.start();
                let _ = catch_unwind(AssertUnwindSafe(|| rule.prepare(&bare)));
                clock.charge(n, start);
            })
        };
        rayon::join(prepare, scan);
        slots
            .into_iter()
            .enumerate()
            .filter_map(|(i, slot)| slot.into_inner().map(|outputs| (i, outputs)))
            .collect()
    }
}
