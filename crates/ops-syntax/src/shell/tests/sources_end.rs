//! The walk for `source` ends after the last list that may run one
//! ([`crate::shell::skip::lists_needed`]): what it finds is what a whole walk finds.

use proptest::prelude::*;

use crate::shell::facts::{SOURCE, sources, sources_within};
use crate::shell::skip::lists_needed;
use crate::shell::{EvalOptions, Script};

fn needed(text: &str) -> Option<usize> {
    lists_needed(&Script::parse(text).program, SOURCE)
}

#[test]
fn the_walk_ends_after_the_last_list_that_may_source() {
    assert_eq!(needed("echo a\n"), Some(0));
    assert_eq!(
        needed("ROOT=/r\nsource \"$ROOT/a.sh\"\necho b\necho c\n"),
        Some(2)
    );
    assert_eq!(needed(". a.sh; x=1; . b.sh && echo c\necho d\n"), Some(3));
    // A program that is not plain text could be `source`.
    assert_eq!(needed("source a.sh\n\"$RUN\" b\necho c\n"), Some(2));
    // `command source` runs it too; so does a substitution's command.
    assert_eq!(needed("command source a.sh\necho\n"), Some(1));
    assert_eq!(needed("echo\nX=$(. a.sh)\necho\n"), Some(2));
}

#[test]
fn a_function_that_may_source_means_the_whole_script() {
    assert_eq!(needed("load() { source \"$1\"; }\nload a.sh\necho\n"), None);
    assert_eq!(needed("f() { \"$@\"; }\necho\n"), None);
    // A function that sources nothing changes nothing.
    assert_eq!(needed("f() { echo; }\nsource a.sh\nf\n"), Some(2));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ending_early_finds_the_same_sources(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("source lib.sh"), Just(". \"$ROOT/x.sh\""), Just(". \"$D/y.sh\""),
                Just("cd "), Just("/tmp"), Just("cd \"$ROOT/c\""), Just("D=$ROOT/a"),
                Just("export D=b"), Just("unset D"), Just("echo ${D:=c}"),
                Just("f() { D=$ROOT/f; }"), Just("g() { source \"$D/g.sh\"; }"), Just("f"),
                Just("g"), Just("\"$S\" z.sh"), Just("command . w.sh"), Just("echo"),
                Just(" "), Just("\n"), Just(";"), Just("&&"), Just("|"), Just("&"),
                Just("if x; then "), Just("fi"), Just("{ "), Just(" }"), Just("X=$(. q.sh)"),
                Just("while r; do "), Just("done"), Just("D=$(pwd)"), Just("'x'"),
            ],
            0..40,
        )
    ) {
        let text = pieces.concat();
        let script = Script::parse(&text);
        let opts = EvalOptions {
            root_vars: vec!["ROOT".into()].into(),
            script_name: Some("x.sh".into()),
            ..EvalOptions::default()
        };
        prop_assert_eq!(
            sources(&script, &opts),
            sources_within(&script, &opts, None),
            "{}", text
        );
    }
}
