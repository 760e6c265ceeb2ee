use super::*;
use ops_model::testing::{TestRepo, finding_lines};

const LIB: &str = "#!/usr/bin/env bash\n# Helpers: source me.\nset -euo pipefail\n_X=1\nlog() {\n  printf '%s\\n' \"$*\" >&2\n}\nfunction die {\n  log \"$@\"; exit 1\n}\n";

fn user(source: &str) -> String {
    format!("#!/usr/bin/env bash\nset -euo pipefail\n{source}\nlog start\n")
}

fn base() -> TestRepo {
    TestRepo::new()
        .file("ops/_lib/common.sh", LIB)
        .file(
            "ops/k8s/scripts/render.sh",
            &user("source \"$(dirname \"$0\")/../../_lib/common.sh\""),
        )
        .file(
            "ops/stack/scripts/up.sh",
            &user(". \"${BASH_SOURCE%/*}/../../_lib/common.sh\""),
        )
        .file("ops/stack/scripts/lib-stack.sh", LIB)
        .file(
            "ops/stack/scripts/down.sh",
            &user("source \"$(dirname \"$0\")/lib-stack.sh\""),
        )
}

#[test]
fn helpers_in_lib_and_domain_scripts_are_fine() {
    assert!(base().context().run(&HelperLocation).is_empty());
}

#[test]
fn cross_domain_helper_outside_lib_is_an_error() {
    let repo = base()
        .file("ops/k8s/lib/kube.sh", LIB)
        .file(
            "ops/k8s/scripts/deploy.sh",
            &user("source \"$REPO_ROOT/ops/k8s/lib/kube.sh\""),
        )
        .file(
            "ops/stack/scripts/kind.sh",
            &user("source ops/k8s/lib/kube.sh"),
        );
    let findings = repo.context().run(&HelperLocation);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.message,
        "`ops/k8s/lib/kube.sh` is a helper shared across domains (k8s, stack): sourced by `ops/k8s/scripts/deploy.sh:3`, `ops/stack/scripts/kind.sh:3`"
    );
    assert_eq!(
        f.help.as_deref(),
        Some("move it to `ops/_lib/kube.sh` and update the `source` lines that use it")
    );
}

#[test]
fn domain_scripts_helper_used_elsewhere_is_an_error() {
    let repo = base().file(
        "ops/obs/scripts/drill.sh",
        &user("source ops/stack/scripts/lib-stack.sh"),
    );
    let lines = repo.context().run_lines(&HelperLocation);
    assert_eq!(
        lines,
        [
            "ops/stack/scripts/lib-stack.sh: `ops/stack/scripts/lib-stack.sh` is a helper shared across domains (obs, stack): sourced by `ops/obs/scripts/drill.sh:3`, `ops/stack/scripts/down.sh:3`"
        ]
    );
}

#[test]
fn helper_of_another_domain_is_an_error_with_both_fixes() {
    let repo = base().file("ops/k8s/helpers/net.sh", LIB).file(
        "ops/obs/scripts/drill.sh",
        &user("source ops/k8s/helpers/net.sh"),
    );
    let findings = repo.context().run(&HelperLocation);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].message,
        "`ops/k8s/helpers/net.sh` is a helper of `obs`, but it lives in `k8s`: sourced by `ops/obs/scripts/drill.sh:3`"
    );
    assert_eq!(
        findings[0].help.as_deref(),
        Some(
            "move it to `ops/_lib/net.sh` (or `ops/obs/scripts/net.sh` if only `obs` uses it) and update the `source` lines that use it"
        )
    );
}

#[test]
fn domain_local_helper_outside_scripts_is_a_warning() {
    let repo = base()
        .file("ops/load/helpers.py", "def run():\n    pass\n")
        .file("ops/load/k6/run.py", "import sys\nfrom ops.load.helpers import run\n\nif __name__ == \"__main__\":\n    run()\n")
        .file("ops/e2e/k8s/scripts/lib.sh", LIB)
        .file("ops/e2e/k8s/tests/smoke.sh", &user("source \"$(dirname \"$0\")/../scripts/lib.sh\""));
    let findings = repo.context().run(&HelperLocation);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].severity, Severity::Warning);
    assert_eq!(
        findings[0].message,
        "`ops/load/helpers.py` is a helper used only inside `load`, but it lives outside `ops/load/scripts/` and `ops/_lib/`: imported by `ops/load/k6/run.py:2`"
    );
    assert_eq!(
        findings[0].help.as_deref(),
        Some(
            "move it to `ops/load/scripts/helpers.py` (or `ops/_lib/helpers.py` if other domains will use it) and update the imports that use it"
        )
    );
}

#[test]
fn modules_used_only_inside_their_own_package_are_not_helpers() {
    let repo = base()
        .file("ops/datasets/tools/pkg/__init__.py", "")
        .file("ops/datasets/tools/pkg/hashing.py", "X = 1\n")
        .file("ops/datasets/tools/pkg/cli.py", "from .hashing import X\n")
        .file("ops/datasets/tools/pkg/sub/__init__.py", "")
        .file(
            "ops/datasets/tools/pkg/sub/io.py",
            "def read():\n    pass\n",
        )
        .file(
            "ops/datasets/tools/pkg/sub/walk.py",
            "from ops.datasets.tools.pkg.sub.io import read\nfrom ..hashing import X\n",
        );
    assert_eq!(
        repo.context().run_lines(&HelperLocation),
        Vec::<String>::new()
    );
    // A file outside the package that imports one of its modules is a real use.
    let repo = repo.file(
        "ops/datasets/tools/report.py",
        "from pkg.hashing import X\n",
    );
    assert_eq!(
        repo.context().run_lines(&HelperLocation),
        [
            "ops/datasets/tools/pkg/hashing.py: `ops/datasets/tools/pkg/hashing.py` is a helper used only inside `datasets`, but it lives outside `ops/datasets/scripts/` and `ops/_lib/`: imported by `ops/datasets/tools/report.py:1`"
        ]
    );
}

#[test]
fn entry_scripts_and_tests_are_never_helpers() {
    let mut repo = base()
        .file("ops/k8s/deploy.sh", &user("source ops/_lib/common.sh"))
        .file("ops/stack/bootstrap.sh", &user("source ops/k8s/deploy.sh"))
        .file(
            "ops/obs/tools/report.py",
            "def main():\n    pass\n\nif __name__ == '__main__':\n    main()\n",
        )
        .file("ops/k8s/tools/use.py", "from ops.obs.tools import report\n")
        .file("ops/k8s/tests/lib.sh", LIB)
        .file("ops/stack/test_helpers.sh", LIB);
    for i in 0..200 {
        repo = repo
            .file(
                &format!("ops/k8s/tests/case_{i}.sh"),
                &user("source \"$(dirname \"$0\")/lib.sh\""),
            )
            .file(
                &format!("ops/stack/tests/case_{i}.sh"),
                &user("source ops/stack/test_helpers.sh"),
            );
    }
    assert_eq!(
        repo.context().run_lines(&HelperLocation),
        Vec::<String>::new()
    );
}

/// Issue item 10 (legacy P01): a function-only library under `ops/stack/tests/` that
/// the k8s tests source is a shared helper; the tests directory exempts it only for
/// use inside `stack`.
#[test]
fn test_support_used_across_domains_is_a_shared_helper() {
    let cluster = "#!/usr/bin/env bash\n# Cluster helpers.\nSTACK_CLUSTER=\"${STACK_CLUSTER:-atlas}\"\ncluster_ready() {\n  kubectl get nodes >/dev/null 2>&1\n}\n";
    let lib = "#!/usr/bin/env bash\nset -euo pipefail\nTESTS_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\nsource \"$TESTS_DIR/cluster.sh\"\nfail() { exit 1; }\n";
    let repo = TestRepo::new()
        .file("ops/stack/tests/cluster.sh", cluster)
        .file("ops/stack/tests/lib.sh", lib)
        .file(
            "ops/stack/tests/test_up.sh",
            &user("source \"$(dirname \"$0\")/lib.sh\""),
        );
    // Used inside its own domain only: test code, no finding.
    assert_eq!(
        repo.context().run_lines(&HelperLocation),
        Vec::<String>::new()
    );
    let repo = repo.file(
        "ops/k8s/tests/test_store.sh",
        "#!/usr/bin/env bash\nsource \"$(dirname \"$0\")/lib.sh\"\nsource \"$(dirname \"$0\")/../../stack/tests/cluster.sh\"\nwait_for_cluster 60\n",
    );
    let findings = repo.context().run(&HelperLocation);
    assert_eq!(
        finding_lines(&findings),
        [
            "ops/stack/tests/cluster.sh: `ops/stack/tests/cluster.sh` is a helper shared across domains (k8s, stack): sourced by `ops/k8s/tests/test_store.sh:3`, `ops/stack/tests/lib.sh:4`"
        ]
    );
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(
        findings[0].help.as_deref(),
        Some("move it to `ops/_lib/cluster.sh` and update the `source` lines that use it")
    );
    // A test-named file of one domain sourced from another is judged the same way.
    let repo = TestRepo::new().file("ops/stack/test_helpers.sh", LIB).file(
        "ops/obs/tests/case.sh",
        &user("source ops/stack/test_helpers.sh"),
    );
    assert_eq!(
        repo.context().run_lines(&HelperLocation),
        [
            "ops/stack/test_helpers.sh: `ops/stack/test_helpers.sh` is a helper of `obs`, but it lives in `stack`: sourced by `ops/obs/tests/case.sh:3`"
        ]
    );
}

#[test]
fn many_users_are_capped_in_the_message() {
    let mut repo = base().file("ops/k8s/lib/kube.sh", LIB);
    for d in ["k8s", "stack", "obs", "load", "datasets", "e2e"] {
        repo = repo.file(
            &format!("ops/{d}/scripts/use.sh"),
            &user("source ops/k8s/lib/kube.sh"),
        );
    }
    let findings = repo.context().run(&HelperLocation);
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0]
            .message
            .ends_with("`ops/obs/scripts/use.sh:3` and 1 more"),
        "{}",
        findings[0].message
    );
    assert!(
        findings[0]
            .message
            .contains("(datasets, e2e, k8s, load, obs, stack)")
    );
}

#[test]
fn a_file_the_reader_stops_reading_is_a_warning() {
    let big = format!("import helpers\n{}", "X = 1\n".repeat(100_000));
    let repo = base().file("ops/k8s/scripts/huge.py", &big);
    let findings = repo.context().run(&HelperLocation);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].severity, Severity::Warning);
    assert!(
        findings[0]
            .message
            .starts_with("`ops/k8s/scripts/huge.py` was not read to the end (file of 600015 bytes not read: over python.max_input_bytes"),
        "{}",
        findings[0].message
    );
}
