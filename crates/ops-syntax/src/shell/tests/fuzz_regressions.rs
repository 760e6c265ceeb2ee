//! Inputs the `shell` fuzz target (fuzz/fuzz_targets/shell.rs) found, replayed the way the
//! target runs them.

use std::time::{Duration, Instant};

use crate::shell::{EvalOptions, Script, facts, walk};

/// What `fuzz/fuzz_targets/shell.rs` does with one input.
fn replay(text: &str) {
    let opts = EvalOptions {
        root_vars: vec!["ROOT".into(), "REPO_ROOT".into()].into(),
        script_name: Some("x.sh".into()),
        skip_uncalled_functions: false,
        cwd: None,
        programs: None,
    };
    for script in [Script::parse(text), Script::fragment(text)] {
        walk(&script, &opts, &mut |visited| {
            let _ = visited.program_name();
        });
        let _ = facts::sources(&script, &opts);
        let _ = facts::is_function_library(&script);
        let _ = script.line_of(text.len());
    }
}

/// Found by `cargo +nightly fuzz run shell` (libFuzzer timeout, 10 s): 903 bytes (the UTF-8
/// prefix of the 971-byte artifact, which is what the target reads) of a mangled test
/// helper. An unclosed `requires() {` swallows the rest of the file, so the function calls
/// itself twice in its own body, under a `for` loop: the walker re-walked the body at each
/// call, 2^16 walks down to the call depth limit, ~1,000,000 steps (3.3 s in a release build,
/// over a minute in a debug or sanitizer build). Fixed: a recursive call is not walked again
/// (`Walker::active`); the input now takes milliseconds.
#[test]
fn fuzz_timeout_742dfa81_ends_quickly() {
    let text = include_str!("fuzz/timeout-742dfa81.sh");
    let start = Instant::now();
    replay(text);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

/// A function that calls itself twice: each call walks the body once, not 2^depth times.
#[test]
fn recursion_is_walked_once() {
    let text = "f() {\n  mkdir -p \"$1\"\n  f a\n  f b\n}\nf x\n";
    let script = Script::parse(text);
    let opts = EvalOptions::default();
    let mut mkdirs = 0;
    let budgets = walk(&script, &opts, &mut |v| {
        if v.program_name().as_deref() == Some("mkdir") {
            mkdirs += 1;
        }
    });
    assert_eq!(mkdirs, 1);
    assert!(budgets.is_empty(), "{budgets:?}");
}
