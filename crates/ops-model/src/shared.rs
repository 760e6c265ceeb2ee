//! Per-run state shared between rules, built at most once.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// One value's place: the value once built, and whether some thread started building it.
#[derive(Default)]
struct Slot {
    claimed: AtomicBool,
    value: OnceLock<Arc<dyn Any + Send + Sync>>,
}

/// A type map of lazily built values, one per type, shared by all rules of one run.
///
/// The schema rules, for example, compile every schema once into a registry that all SCH
/// rules read. The first rule that asks builds it; the others wait for it.
///
/// An initializer must not use rayon (no `par_iter` inside): a rayon worker that waits for
/// its own nested jobs may pick up another rule that asks for the same value, and a
/// `OnceLock` cannot be re-entered from its own thread. An initializer with work to share
/// uses [`scoped_map`] instead.
#[derive(Default)]
pub struct SharedState {
    slots: Mutex<HashMap<TypeId, Arc<Slot>>>,
}

impl SharedState {
    /// Empty state.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of type `T`, built by `init` the first time it is asked for.
    pub fn get_or_init<T, F>(&self, init: F) -> Arc<T>
    where
        T: Any + Send + Sync,
        F: FnOnce() -> T,
    {
        let slot = self.slot::<T>();
        slot.claimed.store(true, Ordering::Release);
        let value = slot
            .value
            .get_or_init(|| Arc::new(init()) as Arc<dyn Any + Send + Sync>);
        match value.clone().downcast::<T>() {
            Ok(v) => v,
            // The slot is keyed by TypeId::of::<T>(), so the downcast cannot fail; build a
            // fresh value rather than panic if it ever did.
            Err(_) => unreachable_type(),
        }
    }

    /// Builds the value of type `T` with `init` unless some thread has already started
    /// building it; never waits for another thread. For [`Rule::prepare`](crate::Rule::prepare):
    /// several rules may prefetch the value they share, and only the first one builds it.
    pub fn prefetch<T, F>(&self, init: F)
    where
        T: Any + Send + Sync,
        F: FnOnce() -> T,
    {
        let slot = self.slot::<T>();
        if !slot.claimed.swap(true, Ordering::AcqRel) {
            slot.value
                .get_or_init(|| Arc::new(init()) as Arc<dyn Any + Send + Sync>);
        }
    }

    fn slot<T: Any>(&self) -> Arc<Slot> {
        let mut slots = match self.slots.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        slots.entry(TypeId::of::<T>()).or_default().clone()
    }
}

/// `items.iter().map(f)`, on up to [`rayon::current_num_threads`] threads (inside a run: its
/// `--jobs`), results in item order.
///
/// For [`SharedState`] initializers: while one thread builds a shared value, the run's
/// other workers that ask for it wait, so the build is the run's critical path (at 100,000
/// files the schema registry held one of two cores idle for 0.4 s). The calling thread works
/// too; the others are plain scoped threads, not rayon workers, so they never pick up a rule
/// that asks for the value being built. A panic in `f` is resumed on the calling thread.
pub fn scoped_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = rayon::current_num_threads().min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    // Each thread takes the next item until none is left: items vary in cost by orders of
    // magnitude (a schema of one line, one of thousands), so fixed chunks would wait on one.
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            match helper.join() {
                Ok(more) => done.extend(more),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cold]
fn unreachable_type<T>() -> T {
    unreachable!("SharedState slot holds a value of another type")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_once_per_type() {
        let state = SharedState::new();
        let calls = AtomicUsize::new(0);
        let a = state.get_or_init(|| {
            calls.fetch_add(1, Ordering::SeqCst);
            41_u32
        });
        let b = state.get_or_init(|| {
            calls.fetch_add(1, Ordering::SeqCst);
            0_u32
        });
        assert_eq!((*a, *b), (41, 41));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let s = state.get_or_init(|| String::from("x"));
        assert_eq!(s.as_str(), "x");
    }

    #[test]
    fn prefetch_builds_once_and_never_waits() {
        let state = SharedState::new();
        let calls = AtomicUsize::new(0);
        state.prefetch(|| {
            calls.fetch_add(1, Ordering::SeqCst);
            7_u8
        });
        state.prefetch(|| {
            calls.fetch_add(1, Ordering::SeqCst);
            8_u8
        });
        assert_eq!(*state.get_or_init(|| 9_u8), 7);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // A value being built elsewhere: prefetch returns at once.
        let (started, release) = (std::sync::Barrier::new(2), std::sync::Barrier::new(2));
        std::thread::scope(|s| {
            s.spawn(|| {
                state.get_or_init(|| {
                    started.wait();
                    release.wait();
                    String::from("built")
                })
            });
            started.wait();
            state.prefetch(|| String::from("again"));
            release.wait();
        });
        assert_eq!(state.get_or_init(String::new).as_str(), "built");
    }

    #[test]
    fn scoped_map_keeps_item_order_on_every_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven costs, so that threads finish items out of order.
        let f = |&n: &u64| (0..(n % 7) * 1000).fold(n, |a, b| a.wrapping_mul(31).wrapping_add(b));
        let want: Vec<u64> = items.iter().map(f).collect();
        for jobs in [1, 2, 3, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build()
                .unwrap();
            assert_eq!(pool.install(|| scoped_map(&items, f)), want, "{jobs} jobs");
        }
        assert!(scoped_map(&[] as &[u64], f).is_empty());
    }

    #[test]
    fn scoped_map_runs_inside_a_shared_initializer_that_other_workers_wait_for() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let state = SharedState::new();
        let items: Vec<usize> = (0..64).collect();
        let sums: Vec<usize> = pool.install(|| {
            use rayon::prelude::*;
            (0..32)
                .into_par_iter()
                .map(|_| *state.get_or_init(|| scoped_map(&items, |n| n * 2).iter().sum::<usize>()))
                .collect()
        });
        assert!(sums.iter().all(|&s| s == 64 * 63));
    }

    #[test]
    fn a_panic_in_scoped_map_reaches_the_caller() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let items: Vec<usize> = (0..100).collect();
        let result = pool.install(|| {
            std::panic::catch_unwind(|| scoped_map(&items, |&n| assert!(n != 50, "item 50")))
        });
        assert!(result.is_err());
    }
}
