use ops_model::Contract;

use super::{WrapperFacts, read};

fn facts(text: &str) -> WrapperFacts {
    let layout = Contract::default().layout;
    read(
        &ops_syntax::shell::Script::parse(text),
        &layout.wrapper_delegates,
        &layout.wrapper_assertion_commands,
    )
}

fn delegates(command: &str) -> bool {
    facts(command).delegates
}

#[test]
fn delegation() {
    assert!(delegates("exec ./bin/atlasctl ops x"));
    assert!(delegates("make -C . ops-x"));
    assert!(delegates("atlasctl ops e2e"));
    assert!(delegates("\"$ROOT/bin/atlasctl\" ops e2e"));
    assert!(delegates(
        "ROOT=\"$(git rev-parse --show-toplevel)\"\n\"$ROOT/bin/atlasctl\" ops e2e"
    ));
    assert!(delegates("if true; then FOO=1 make x; fi"));
    assert!(delegates("sudo -E make ops-x"));
    assert!(!delegates("exec 2>&1"));
    assert!(!delegates("exec >/tmp/log 2>&1"));
    assert!(!delegates("exec"));
    assert!(!delegates("atlasctl version"));
    assert!(!delegates("maker"));
    assert!(!delegates("echo 'make x'"));
    assert!(!delegates("echo make | atlasctl version"));
    assert!(!delegates("x=$(make -s print-var)"));
}

#[test]
fn named_assertions() {
    let f = facts(
        "#!/bin/sh\nsource ./lib.sh\nassert_eq \"$(kubectl get pods -o name | wc -l)\" 3\nkubectl get svc && expect_contains x y\necho 'assert_eq 1 2'\n",
    );
    let lines: Vec<(u32, &str)> = f
        .assertions
        .iter()
        .map(|a| (a.line, a.what.as_str()))
        .collect();
    assert_eq!(lines, [(3, "`assert_eq`"), (4, "`expect_contains`")]);
}

/// `(line, what, certain)` of the assertions in `text`.
fn assertions(text: &str) -> Vec<(u32, String, bool)> {
    facts(text)
        .assertions
        .into_iter()
        .map(|a| (a.line, a.what, a.certain))
        .collect()
}

/// Issue item 11 (legacy P03): checks guarding a failure, then a delegation.
#[test]
fn tests_guarding_a_failure_are_assertions() {
    let smoke = "#!/usr/bin/env bash\nset -euo pipefail\n\nfail() { echo \"smoke: $*\" >&2; exit 1; }\n\nkubectl get deployment atlas -o jsonpath='{.status.readyReplicas}' | grep -q '^[1-9]' || fail \"not ready\"\nkubectl get svc atlas -o name | grep -q 'service/atlas' || fail \"service missing\"\n\nexec atlasctl ops e2e smoke --target k8s \"$@\"\n";
    let f = facts(smoke);
    assert!(f.delegates);
    assert_eq!(
        assertions(smoke),
        [
            (6, "`grep -q` guarding `fail`".to_string(), true),
            (7, "`grep -q` guarding `fail`".to_string(), true),
        ]
    );
}

#[test]
fn every_form_of_test_counts() {
    for (text, what) in [
        ("[ -n \"$X\" ] || exit 1", "`[` guarding `exit`"),
        ("test -f out.json || exit", "`test` guarding `exit`"),
        ("[[ $n -gt 0 ]] && return 1", "`[[` guarding `return`"),
        (
            "jq -e '.ok' r.json >/dev/null || false",
            "`jq -e` guarding `false`",
        ),
        (
            "curl -s x | grep -Eq 'up' || { echo down; exit 2; }",
            "`grep -q` guarding `exit`",
        ),
        ("diff -u a b || exit 1", "`diff` guarding `exit`"),
        ("(( n > 3 )) || exit 1", "`(( ))` guarding `exit`"),
        (
            "if ! kubectl get pods | grep -q Running; then\n  echo no pods >&2\n  exit 1\nfi",
            "`grep -q` guarding `exit`",
        ),
        (
            "if [ \"$a\" = \"$b\" ]; then :; else exit 1; fi",
            "`[` guarding `exit`",
        ),
        (
            "die() { printf '%s\\n' \"$*\"; exit 1; }\ncheck() { die x; }\n[ -s f ] || check",
            "`[` guarding `check`",
        ),
    ] {
        // The check is on the first line, but for the last case (after two functions).
        let line = if text.starts_with("die()") { 3 } else { 1 };
        assert_eq!(assertions(text), [(line, what.to_string(), true)], "{text}");
    }
}

#[test]
fn failures_known_only_by_name_are_inferred() {
    assert_eq!(
        assertions("source ./lib.sh\nkubectl get ns | grep -q atlas || die \"no namespace\"\n"),
        [(2, "`grep -q` guarding `die`".to_string(), false)]
    );
}

#[test]
fn look_alikes_are_not_assertions() {
    for text in [
        // Choosing what to run, defaulting, waiting, cleaning up.
        "if [ -n \"${CI:-}\" ]; then make ops-e2e-smoke; fi",
        "[ -n \"${NS:-}\" ] || NS=atlas",
        "until kubectl get pods | grep -q Running; do sleep 2; done",
        "test -d out || mkdir -p out",
        "grep -q x f || exit 0",
        "[ -f f ] && rm f",
        // A function that does not exit.
        "warn() { echo \"$*\" >&2; }\n[ -f f ] || warn missing",
        // Quoted text is not a command.
        "echo 'grep -q x || fail'",
        "cat <<EOF\n[ -f x ] || exit 1\nEOF",
        "exec make ops-e2e-smoke 2>&1",
    ] {
        assert_eq!(assertions(text), [], "{text}");
    }
}
