//! Never-panic properties of what this crate does with the readers' answers: LAY004's
//! resolution of sourced and imported files, LAY005's delegation and assertion search.
//! The readers themselves have their own properties in ops-syntax.

use proptest::prelude::*;

use ops_model::testing::TestRepo;
use ops_model::{Contract, RepoPath};

use ops_syntax::python::{Budget, PythonModule};
use ops_syntax::shell::Script;

use crate::{uses, wrapper};

fn read_all(repo: &ops_model::testing::TestContext, text: &str) {
    let cx = repo.cx();
    for path in ["ops/k8s/scripts/a.sh", "ops/k8s/pkg/a.py", "ops/x"] {
        let path = RepoPath::new(path);
        let _ = uses::shell(&cx, &path, &Script::parse(text));
        let _ = uses::python(&cx, &path, &PythonModule::parse(text, &Budget::default()));
    }
    let layout = Contract::default().layout;
    let _ = wrapper::read(
        &Script::parse(text),
        &layout.wrapper_delegates,
        &layout.wrapper_assertion_commands,
    );
}

fn tree() -> ops_model::testing::TestContext {
    TestRepo::new()
        .file("ops/_lib/common.sh", "f() { :; }\n")
        .file("ops/k8s/scripts/lib.sh", "f() { :; }\n")
        .file("ops/k8s/pkg/__init__.py", "")
        .file("ops/k8s/pkg/m.py", "X = 1\n")
        .context()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        read_all(&tree(), &text);
    }

    #[test]
    fn never_panics_on_script_like_text(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("source "), Just(". "), Just("\"$(dirname \"$0\")\""), Just("/../"),
                Just("_lib/common.sh"), Just("lib.sh"), Just("$REPO_ROOT/ops"), Just("cd "),
                Just("exec "), Just("atlasctl ops "), Just("make "), Just("grep -q x"),
                Just(" || "), Just(" && "), Just("fail"), Just("exit 1"), Just("exit 0"),
                Just("fail() { exit 1; }\n"), Just("if "), Just("; then "), Just("; else "),
                Just("; fi"), Just("[ "), Just(" ]"), Just("(( "), Just(" ))"), Just("{ "),
                Just(" }"), Just("|"), Just("\n"), Just("'"), Just("\""), Just("2>&1"),
                Just("import "), Just("from . import "), Just("from .. import m"),
                Just("pkg.m"), Just("if __name__ == '__main__':\n"), Just("    "), Just("é"),
            ],
            0..60,
        )
    ) {
        read_all(&tree(), &pieces.concat());
    }
}
