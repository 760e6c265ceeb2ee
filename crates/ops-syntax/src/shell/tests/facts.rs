use crate::shell::facts::{
    first_command, is_function_library, is_shell_script, library_violation, shebang, sources,
};
use crate::shell::{Command, EvalOptions, Script};

#[test]
fn shebangs() {
    let s = shebang("#!/usr/bin/env -S bash -e\n").unwrap_or_else(|| panic!());
    assert_eq!(
        (s.name.as_str(), s.args.as_slice()),
        ("bash", ["-e".to_string()].as_slice())
    );
    assert_eq!(shebang("#!/bin/sh\n").map(|s| s.name), Some("sh".into()));
    assert_eq!(
        shebang("#!/usr/bin/python3\n").map(|s| s.name),
        Some("python3".into())
    );
    assert_eq!(shebang("echo\n#!/bin/sh"), None);
    assert!(is_shell_script("x.sh", ""));
    assert!(is_shell_script("run", "#!/usr/bin/env bash\n"));
    assert!(is_shell_script("run", "#!/bin/bash5.2\n"));
    assert!(!is_shell_script("run", "#!/usr/bin/env python3\n"));
    assert!(!is_shell_script("x.py", "#!/bin/sh\n"));
}

#[test]
fn function_only_libraries() {
    // ops/stack/tests/cluster.sh: a helper library sourced by test scripts.
    let lib = "#!/usr/bin/env bash\n# Cluster helpers.\nset -euo pipefail\n[[ -n \"${CLUSTER_LIB:-}\" ]] && return 0\nCLUSTER_LIB=1\nreadonly NS=\"${NS:-atlas}\"\nsource \"$(dirname \"${BASH_SOURCE[0]}\")/../../_lib/common.sh\"\nif [ -z \"${KUBECONFIG:-}\" ]; then export KUBECONFIG=x; fi\ncluster_up() {\n  kind create cluster\n}\nfunction cluster_down {\n  kind delete cluster\n}\n";
    assert!(is_function_library(&Script::parse(lib)));
    assert!(is_function_library(&Script::parse("")));
    for entry in [
        "f() { :; }\nmain \"$@\"\n",
        "kubectl get pods\n",
        "exit 0\n",
        "if x; then deploy; fi\n",
    ] {
        let script = Script::parse(entry);
        assert!(!is_function_library(&script), "{entry}");
        assert!(matches!(
            library_violation(&script),
            Some(Command::Simple(_))
        ));
    }
}

#[test]
fn sources_are_resolved() {
    let test_store = "#!/usr/bin/env bash\nset -euo pipefail\nSCRIPT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\nsource \"$SCRIPT_DIR/../../stack/tests/cluster.sh\"\n. \"$REPO_ROOT/ops/_lib/common.sh\"\nsource lib.sh\nload() { source \"$1\"; }\n";
    let opts = EvalOptions {
        root_vars: vec!["REPO_ROOT".into()].into(),
        ..EvalOptions::default()
    };
    let found: Vec<(u32, String)> = sources(&Script::parse(test_store), &opts)
        .into_iter()
        .map(|s| (s.line, s.value.to_string()))
        .collect();
    assert_eq!(
        found,
        [
            (4, "$SCRIPT_DIR/../../stack/tests/cluster.sh".to_string()),
            (5, "$ROOT/ops/_lib/common.sh".to_string()),
            (6, "lib.sh".to_string()),
            (7, "…".to_string()),
        ]
    );
    let noise = "# source a.sh\necho source b.sh\ncat <<EOF\nsource c.sh\nEOF\n";
    assert!(sources(&Script::parse(noise), &opts).is_empty());
}

#[test]
fn first_commands() {
    let script = Script::parse("#!/bin/sh\n# comment\n\nexec make x\n");
    let Some(Command::Simple(c)) = first_command(&script) else {
        panic!()
    };
    assert_eq!(script.line_of(c.start), 4);
}
