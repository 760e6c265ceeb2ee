//! The inputs of issue 11 that concern the LAY rules (missed violations 10 and 11), each
//! built on a copy of `ops-fixtures/conforming` and checked with every LAY rule: the
//! findings listed are all the LAY findings of the tree. Item numbers are the issue's.

#![allow(clippy::unwrap_used)] // test code: a failure to set up a tree is a test failure

use ops_model::testing::TestRepo;
use ops_rules_layout::RULES;

fn conforming() -> TestRepo {
    TestRepo::fixture("conforming")
}

/// Every LAY finding of `repo` as `CODE severity path:line: message`.
fn lay(repo: &TestRepo) -> Vec<String> {
    repo.rule_lines(RULES)
}

#[test]
fn the_conforming_copy_is_clean() {
    assert_eq!(lay(&conforming().git_commit_all()), Vec::<String>::new());
}

/// Item 10: a function-only library in one domain's tests directory, sourced by another
/// domain's test, is a helper shared across domains: it belongs in `ops/_lib/` (an error).
#[test]
fn item_10_a_tests_library_sourced_across_domains_is_a_shared_helper() {
    let repo = conforming()
        .script(
            "ops/stack/tests/cluster.sh",
            "#!/usr/bin/env bash\n# Cluster helpers for tests.\n\
             cluster_ready() {\n  kubectl get nodes >/dev/null\n}\n\
             cluster_name() {\n  printf '%s\\n' \"${CLUSTER:-atlas}\"\n}\n",
        )
        .script(
            "ops/k8s/tests/test_store.sh",
            "#!/usr/bin/env bash\nset -euo pipefail\n\
             source \"$(dirname \"$0\")/../../stack/tests/cluster.sh\"\n\
             cluster_ready\nkubectl -n \"$(cluster_name)\" get pods\n",
        )
        .git_commit_all();
    let findings = lay(&repo);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(
        findings[0].starts_with("LAY004 Error ops/stack/tests/cluster.sh"),
        "{findings:#?}"
    );
    assert!(
        findings[0].contains("ops/k8s/tests/test_store.sh"),
        "{findings:#?}"
    );
}

/// Item 11: checks that guard a failure (`grep -q ... || fail`) before delegating are
/// assertion logic in a wrapper directory (LAY005), whatever the functions are called.
#[test]
fn item_11_guarded_checks_in_a_wrapper_are_assertion_logic() {
    let repo = conforming()
        .script(
            "ops/e2e/k8s/tests/smoke.sh",
            "#!/usr/bin/env bash\nset -euo pipefail\nfail() { echo \"$1\" >&2; exit 1; }\n\
             kubectl get ns atlas | grep -q atlas || fail 'namespace missing'\n\
             kubectl get deploy -n atlas | grep -q api || fail 'api missing'\n\
             kubectl get svc -n atlas | grep -q store || fail 'store missing'\n\
             exec atlasctl ops e2e smoke\n",
        )
        .git_commit_all();
    let findings = lay(&repo);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(
        findings[0].starts_with("LAY005 Error ops/e2e/k8s/tests/smoke.sh"),
        "{findings:#?}"
    );
    assert!(findings[0].contains("grep -q"), "{findings:#?}");
}
