//! The resolution answers of the old line-based readers (`shell_source.rs`,
//! `python_import.rs`), kept on the ops-syntax readers.

use ops_model::RepoPath;
use ops_model::testing::TestRepo;

use ops_syntax::python::{Budget, PythonModule};
use ops_syntax::shell::Script;

use super::FileUses;

fn shell(cx: &ops_model::CheckContext<'_>, path: &RepoPath, text: &str) -> FileUses {
    super::shell(cx, path, &Script::parse(text))
}

fn python(cx: &ops_model::CheckContext<'_>, path: &RepoPath, text: &str) -> FileUses {
    super::python(cx, path, &PythonModule::parse(text, &Budget::default()))
}

const LIB: &str = "ops/_lib/common.sh";

/// `(line, target)` of the uses of `text` read as `file` in a tree holding `files`.
fn run(file: &str, text: &str, files: &[&str]) -> Vec<(u32, String)> {
    let mut repo = TestRepo::new();
    for f in files {
        repo = repo.file(f, "f() { :; }\n");
    }
    let run = repo.context();
    let cx = run.cx();
    let path = RepoPath::new(file);
    let facts: FileUses = if file.ends_with(".py") {
        python(&cx, &path, text)
    } else {
        shell(&cx, &path, text)
    };
    facts
        .uses
        .into_iter()
        .map(|u| (u.line, u.target.as_str().to_string()))
        .collect()
}

#[test]
fn dirname_idioms() {
    for line in [
        "source \"$(dirname \"$0\")/../../_lib/common.sh\"",
        ". \"$(dirname \"${BASH_SOURCE[0]}\")/../../_lib/common.sh\"",
        "source \"${BASH_SOURCE%/*}/../../_lib/common.sh\"",
        ". ${0%/*}/../../_lib/common.sh",
        "source `dirname $0`/../../_lib/common.sh",
        "source \"$(cd \"$(dirname \"$0\")/../..\" >/dev/null 2>&1 && pwd)/_lib/common.sh\"",
        "source -- \"$(dirname -- \"$(readlink -f -- \"$0\")\")/../../_lib/common.sh\"",
    ] {
        assert_eq!(
            run("ops/k8s/scripts/a.sh", line, &[LIB]),
            [(1, LIB.to_string())],
            "{line}"
        );
    }
}

#[test]
fn variables_and_root_vars() {
    let text = "#!/usr/bin/env bash\nSCRIPT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\nreadonly ROOT=\"$(cd \"$SCRIPT_DIR/../..\" && pwd)\"\nsource \"$ROOT/_lib/common.sh\"\nsource \"$REPO_ROOT/ops/_lib/common.sh\"\nsource \"${TOP:-$(git rev-parse --show-toplevel)}/ops/_lib/common.sh\"\n";
    // Each line sources the same file: one use, at its first line.
    assert_eq!(
        run("ops/k8s/scripts/a.sh", text, &[LIB]),
        [(4, LIB.to_string())]
    );
    for line in [
        "source \"$REPO_ROOT/ops/_lib/common.sh\"",
        "source \"${TOP:-$(git rev-parse --show-toplevel)}/ops/_lib/common.sh\"",
    ] {
        assert_eq!(
            run("ops/k8s/scripts/a.sh", line, &[LIB]),
            [(1, LIB.to_string())],
            "{line}"
        );
    }
    // A root variable the script assigns from something unknown is unknown.
    let text = "REPO_ROOT=$1\nsource \"$REPO_ROOT/ops/_lib/common.sh\"\n";
    assert!(run("ops/k8s/scripts/a.sh", text, &[LIB]).is_empty());
}

#[test]
fn relative_paths() {
    let files = [LIB, "ops/k8s/scripts/lib.sh"];
    assert_eq!(
        run("ops/k8s/scripts/a.sh", "source ops/_lib/common.sh", &files),
        [(1, LIB.to_string())]
    );
    assert_eq!(
        run(
            "ops/k8s/scripts/a.sh",
            "if true; then . ./lib.sh; fi",
            &files
        ),
        [(1, "ops/k8s/scripts/lib.sh".to_string())]
    );
    assert_eq!(
        run(
            "ops/k8s/scripts/a.sh",
            "cd \"$(dirname \"$0\")/../../_lib\"\nsource common.sh",
            &files
        ),
        [(2, LIB.to_string())]
    );
}

#[test]
fn unknowns_and_noise_are_not_uses() {
    for text in [
        "source \"$1\"",
        "source \"$(mktemp)\"",
        "source /etc/profile",
        "source ~/.bashrc",
        "# source ops/_lib/common.sh",
        "echo source ops/_lib/common.sh",
        "echo 'a | source ops/_lib/common.sh'",
        "cat <<EOF\nsource ops/_lib/common.sh\nEOF",
        "source \"$(dirname \"$0\")/../../../../../_lib/common.sh\"",
        "source ops/_lib/missing.sh",
        "source ops/k8s/values.env",
    ] {
        assert!(
            run("ops/k8s/scripts/a.sh", text, &[LIB, "ops/k8s/values.env"]).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn python_absolute_imports_use_the_search_roots() {
    let files = [
        "ops/_lib/opslib/__init__.py",
        "ops/_lib/opslib/io.py",
        "ops/k8s/scripts/helpers.py",
        "ops/_lib/common.py",
    ];
    let text = "import os, sys\nimport helpers\nfrom opslib import io\nfrom ops._lib.common import log\nimport yaml\n";
    assert_eq!(
        run("ops/k8s/scripts/deploy.py", text, &files),
        [
            (2, "ops/k8s/scripts/helpers.py".to_string()),
            (3, "ops/_lib/opslib/__init__.py".to_string()),
            (3, "ops/_lib/opslib/io.py".to_string()),
            (4, "ops/_lib/common.py".to_string()),
        ]
    );
}

#[test]
fn python_relative_imports_use_the_package() {
    let files = [
        "ops/obs/tools/__init__.py",
        "ops/obs/tools/render.py",
        "ops/obs/shared.py",
    ];
    let text =
        "from . import render\nfrom .. import shared\nfrom .render import (\n    a,\n    b,\n)\n";
    assert_eq!(
        run("ops/obs/tools/cli.py", text, &files),
        [
            (1, "ops/obs/tools/render.py".to_string()),
            (2, "ops/obs/shared.py".to_string())
        ]
    );
}

#[test]
fn python_strings_and_comments_are_not_imports() {
    let files = ["ops/k8s/scripts/helpers.py"];
    let text = "\"\"\"Usage:\nimport helpers\n\"\"\"\n# import helpers\nx = 'import helpers'\n";
    assert!(run("ops/k8s/scripts/deploy.py", text, &files).is_empty());
}

#[test]
fn programs_and_libraries() {
    let run = TestRepo::new().context();
    let cx = run.cx();
    let sh = RepoPath::new("ops/k8s/scripts/a.sh");
    assert!(!shell(&cx, &sh, "f() { :; }\nset -e\n").program);
    assert!(shell(&cx, &sh, "f() { :; }\nmain \"$@\"\n").program);
    let py = RepoPath::new("ops/k8s/scripts/a.py");
    assert!(python(&cx, &py, "if __name__ == '__main__':\n    pass\n").program);
    assert!(!python(&cx, &py, "X = 1\n").program);
    assert!(python(&cx, &RepoPath::new("ops/k8s/pkg/__main__.py"), "X = 1\n").program);
}
