//! The reader is linear: large makefiles and many includes read quickly.
//!
//! Run `cargo test --release -p ops-syntax scale -- --nocapture` to see the times.

use std::time::{Duration, Instant};

use crate::make::{MemoryLoader, Options, read};

/// Generous in a debug build; the release build reads both in well under a second.
const BOUND: Duration = Duration::from_secs(30);

/// CPU time of this thread, where Linux tells it: wall time on a loaded machine says little.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `f`, printing its wall and CPU time under `what`.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let (cpu, start) = (cpu_time(), Instant::now());
    let out = f();
    let elapsed = start.elapsed();
    let cpu = cpu.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
    eprintln!("{what}: {elapsed:?} wall, {cpu:?} CPU");
    (out, elapsed)
}

#[test]
fn fifty_thousand_targets() {
    let mut text = String::from("CLI = atlasctl\n.PHONY:");
    for i in 0..50_000 {
        text.push_str(&format!(" t{i}"));
    }
    text.push('\n');
    for i in 0..50_000 {
        text.push_str(&format!(
            "t{i}: d{i} | o\n\t@$(CLI) ops t{i} $(if $(V),-v) $@\nT += t{i}\n"
        ));
    }
    let loader = MemoryLoader::new().file("Makefile", &text);
    let what = format!("50,000 targets ({} bytes)", text.len());
    let (db, elapsed) = timed(&what, || read("Makefile", &loader, &Options::default()));
    assert!(elapsed < BOUND, "{elapsed:?}");
    assert_eq!(db.targets().count(), 50_000);
    assert!(db.is_defined("t49999") && db.phony("t123").is_some());
    assert_eq!(
        &*db.rules_for("t7")[0].recipe[0].expanded,
        "@atlasctl ops t7  t7"
    );
    assert!(db.problems().is_empty(), "{:?}", &db.problems()[..1]);
}

#[test]
fn ten_thousand_includes() {
    let mut loader = MemoryLoader::new();
    let mut root = String::from("include");
    for i in 0..10_000 {
        root.push_str(&format!(" mk/{i}.mk"));
        loader = loader.file(
            &format!("mk/{i}.mk"),
            &format!("X{i} := {i}\nt{i}:\n\techo $(X{i})\n"),
        );
    }
    root.push('\n');
    let loader = loader.file("Makefile", &root);
    let (db, elapsed) = timed("10,000 includes", || {
        read("Makefile", &loader, &Options::default())
    });
    assert!(elapsed < BOUND, "{elapsed:?}");
    assert_eq!(db.read_files().count(), 10_001);
    assert!(db.is_defined("t9999"));
    assert!(db.problems().is_empty(), "{:?}", &db.problems()[..1]);
}

/// Pattern rules and pattern-specific variables are looked up by prefix, not one by one.
#[test]
fn many_pattern_rules() {
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!("p{i}-%:\n\techo $* $(V)\np{i}-%: V = {i}\n"));
    }
    let loader = MemoryLoader::new().file("Makefile", &text);
    let (db, elapsed) = timed("5,000 pattern rules", || {
        read("Makefile", &loader, &Options::default())
    });
    let start = Instant::now();
    for i in 0..5_000 {
        assert!(db.is_defined(&format!("p{i}-x")));
    }
    let queries = start.elapsed();
    eprintln!("5,000 implicit rule searches: {queries:?}");
    assert!(elapsed + queries < BOUND);
    assert_eq!(super::recipe(&db, "p42-x"), ["echo x 42"]);
}
