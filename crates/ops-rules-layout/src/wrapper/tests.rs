use ops_model::Contract;

use super::{WrapperFacts, read};

fn facts(text: &str) -> WrapperFacts {
    let layout = Contract::default().layout;
    read(
        text,
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
