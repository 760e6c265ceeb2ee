//! Measures the shell reader's speed: `cargo run --release -p ops-syntax --example shell_speed`.

use std::time::{Duration, Instant};

use ops_syntax::shell::{EvalOptions, Limits, Script, lex, walk};

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`), or wall time elsewhere:
/// the machine this runs on may be shared, and wall time then says little.
struct Clock(Instant, Option<u64>);

fn cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

impl Clock {
    fn start() -> Clock {
        Clock(Instant::now(), cpu_ns())
    }

    fn elapsed(&self) -> Duration {
        match (self.1, cpu_ns()) {
            (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
            _ => self.0.elapsed(),
        }
    }
}

fn main() {
    for mb in [1usize, 2, 4] {
        let text = "echo \"$A\" 'b' c | d && e; ".repeat(mb * 1024 * 1024 / 26);
        let started = Clock::start();
        let (tokens, _, _) = lex(&text, Limits::default());
        println!(
            "lex one line of {mb} MiB: {} tokens in {:?}",
            tokens.len(),
            started.elapsed()
        );
    }
    let mut lines = String::new();
    for i in 0..50_000 {
        lines.push_str(&format!(
            "mkdir -p \"$ROOT/artifacts/{i}\" > /dev/null 2>&1 # c\n"
        ));
    }
    let started = Clock::start();
    let (tokens, _, _) = lex(&lines, Limits::default());
    println!(
        "lex 50,000 lines ({} bytes): {} tokens in {:?}",
        lines.len(),
        tokens.len(),
        started.elapsed()
    );
    let started = Clock::start();
    let script = Script::parse(&lines);
    println!("parse 50,000 lines: {:?}", started.elapsed());
    let started = Clock::start();
    let mut n = 0;
    walk(&script, &EvalOptions::default(), &mut |_| n += 1);
    println!("walk {n} commands: {:?}", started.elapsed());
}
