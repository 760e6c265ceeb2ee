//! Inputs the `shell` fuzz target (fuzz/fuzz_targets/shell.rs) found, replayed the way the
//! target runs them.

use std::time::{Duration, Instant};

use crate::shell::{EvalOptions, Script, facts, walk};

/// What `fuzz/fuzz_targets/shell.rs` does with one input.
fn replay(text: &str) {
    let opts = EvalOptions {
        root_vars: vec!["ROOT".into(), "REPO_ROOT".into()],
        script_name: Some("x.sh".into()),
        skip_uncalled_functions: false,
        cwd: None,
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
/// prefix of the 971-byte artifact, which is what the target reads) of a
/// mangled test helper (functions defined several times, a `for` over `$@`, a run of `;`)
/// keep the walker busy for over two minutes with `skip_uncalled_functions: false`; the
/// libFuzzer stack shows `Walker::call` -> `loop_body` -> `simple` -> `Env::set`
/// (copy-on-write clones of the variable map) over and over, under the step budget.
/// It does end: ~68 s in a debug build here (bounded by the step budget, but each step is
/// slow). Not fixed yet: ignored so the suite stays green; run with `--ignored`.
#[test]
#[ignore = "fuzz timeout not fixed yet: the shell walker runs for minutes on this input"]
fn fuzz_timeout_742dfa81_ends_quickly() {
    let text = include_str!("fuzz/timeout-742dfa81.sh");
    let start = Instant::now();
    replay(text);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}
