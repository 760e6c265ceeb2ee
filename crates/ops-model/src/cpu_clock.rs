//! The calling thread's CPU time, for the engine's per-rule timings (`check --timings`).
//!
//! CPU time, not wall time: on a shared machine a thread that is preempted or blocked (waiting
//! for another rule to finish a shared parse) is not charged for it. Where the thread clock
//! is unavailable (non-Unix, or the clock call fails) the wall clock stands in.

use std::time::{Duration, Instant};

/// A point on the calling thread's CPU clock.
#[derive(Clone, Copy, Debug)]
pub struct ThreadCpu(Reading);

#[derive(Clone, Copy, Debug)]
enum Reading {
    /// `CLOCK_THREAD_CPUTIME_ID` (POSIX `clock_gettime`).
    Cpu(Duration),
    Wall(Instant),
}

impl ThreadCpu {
    /// Now, on this thread's clock.
    pub fn now() -> ThreadCpu {
        ThreadCpu(thread_cpu().map_or_else(|| Reading::Wall(Instant::now()), Reading::Cpu))
    }

    /// CPU time this thread used since `self` (call it on the same thread).
    pub fn elapsed(&self) -> Duration {
        match self.0 {
            Reading::Cpu(start) => thread_cpu()
                .map(|now| now.saturating_sub(start))
                .unwrap_or_default(),
            Reading::Wall(start) => start.elapsed(),
        }
    }
}

#[cfg(unix)]
fn thread_cpu() -> Option<Duration> {
    use nix::time::{ClockId, clock_gettime};
    let t = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID).ok()?;
    Some(Duration::new(
        u64::try_from(t.tv_sec()).ok()?,
        u32::try_from(t.tv_nsec()).ok()?,
    ))
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<Duration> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_work_takes_cpu_time() {
        let start = ThreadCpu::now();
        let mut x = 0u64;
        for i in 0..2_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(std::hint::black_box(i));
        }
        std::hint::black_box(x);
        assert!(start.elapsed() > Duration::ZERO);
    }
}
