//! Per-run state shared between rules, built at most once.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

type Slot = Arc<OnceLock<Arc<dyn Any + Send + Sync>>>;

/// A type map of lazily built values, one per type, shared by all rules of one run.
///
/// The schema rules, for example, compile every schema once into a registry that all SCH
/// rules read. The first rule that asks builds it; the others wait for it.
///
/// An initializer must not use rayon (no `par_iter` inside): a rayon worker that waits for
/// its own nested jobs may pick up another rule that asks for the same value, and a
/// `OnceLock` cannot be re-entered from its own thread.
#[derive(Default)]
pub struct SharedState {
    slots: Mutex<HashMap<TypeId, Slot>>,
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
        let slot = {
            let mut slots = match self.slots.lock() {
                Ok(guard) => guard,
                Err(poisoned) => poisoned.into_inner(),
            };
            slots.entry(TypeId::of::<T>()).or_default().clone()
        };
        let value = slot.get_or_init(|| Arc::new(init()) as Arc<dyn Any + Send + Sync>);
        match value.clone().downcast::<T>() {
            Ok(v) => v,
            // The slot is keyed by TypeId::of::<T>(), so the downcast cannot fail; build a
            // fresh value rather than panic if it ever did.
            Err(_) => unreachable_type(),
        }
    }
}

#[cold]
fn unreachable_type<T>() -> T {
    unreachable!("SharedState slot holds a value of another type")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

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
}
