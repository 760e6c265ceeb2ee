//! LAY005: `ops/e2e/k8s/tests/` holds only thin wrapper entry scripts.

use ops_model::text::numbered_lines;
use ops_model::{
    CheckContext, Entry, EntryKind, FileInfo, Finding, ReadError, Rule, RuleMeta, ScanOutput,
    SourceFile, declare_rule,
};

use crate::ops_tree::join_names;
use crate::wrapper;

declare_rule! {
    /// `ops/e2e/k8s/tests/` holds only wrapper entry scripts that delegate, within a line
    /// budget.
    pub E2eK8sWrappersOnly {
        code: "LAY005",
        slug: "e2e-k8s-wrappers-only",
        clause: "`ops/e2e/k8s/tests/` only wrapper entry scripts, not invariant test ownership.",
        severity: Error,
        summary: "ops/e2e/k8s/tests/ holds only thin wrapper entry scripts that delegate to the operator CLI or make",
        explanation: r#"## What

Every file in `ops/e2e/k8s/tests/` (`layout.e2e_wrapper_dir`, below `ops/`, at any depth)
must be a wrapper entry script. A finding is reported for:

- a file that is not a script: test data, expected outputs, manifests, fixtures
  (`expected.json`, `pods.yaml`). A script is a file ending in `.sh`/`.bash` or starting
  with `#!`;
- a symlink or special file;
- a script without a `#!` line (a wrapper is an entry point, run directly);
- a script that does not delegate: none of its commands starts with one of
  `layout.wrapper_delegates` (default `exec`, `make`, `atlasctl ops`, `./bin/atlasctl ops`;
  the command's first word is compared by file name, so `"$ROOT/bin/atlasctl" ops` counts,
  and `exec` with only redirections, `exec >log 2>&1`, does not);
- a script with more than `layout.wrapper_line_budget` (default 30) lines that are neither
  blank nor comments;
- a script that runs assertion commands (`layout.wrapper_assertion_commands`, command-name
  globs, default `assert*` and `expect_*`); the first one is quoted with its line.

Placeholders (`.gitkeep`) and an `INDEX.md` documenting the directory are allowed.

## Heuristics

The checks are textual and honest about it: commands are found by splitting lines on `;`,
`&&`, `||` and `|` and skipping `if`/`then`/`do`/`!` and `VAR=value` prefixes; heredocs and
quoting are not parsed. Delegation is recognised in shell syntax only, so a Python file here
is reported as not delegating. The line budget is what stops assertion logic the command list
does not know: a wrapper that grew a page of `kubectl get ... | grep` checks is over budget.

## Why

The e2e domain composes scenarios across domains; it does not own the invariants those
scenarios exercise. Test logic kept in `ops/e2e/k8s/tests/` duplicates what the k8s domain
and the operator CLI test, drifts from it, and cannot be run the supported way. A thin
wrapper keeps one entry point per scenario and one owner per invariant.

## Fix

Reduce the script to a call into the operator CLI, e.g.
`exec ./bin/atlasctl ops e2e run --scenario smoke --target k8s "$@"`. Move assertions into
the operator CLI's scenario code, and test data into the domain that owns the invariant.

## Configuration

`layout.e2e_wrapper_dir`, `layout.wrapper_line_budget`, `layout.wrapper_delegates`,
`layout.wrapper_assertion_commands`.
"#,
    }
}

impl Rule for E2eK8sWrappersOnly {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Every file below the wrapper directory: read once in the scan.
    fn wants(&self, cx: &CheckContext<'_>, file: &FileInfo<'_>) -> bool {
        file.path()
            .starts_with(&cx.contract.ops_path(&cx.contract.layout.e2e_wrapper_dir))
    }

    fn scan_file(&self, cx: &CheckContext<'_>, file: &SourceFile<'_>, out: &mut ScanOutput) {
        let dir = cx.contract.ops_path(&cx.contract.layout.e2e_wrapper_dir);
        for finding in judge_file(cx, &dir, file) {
            out.push(finding);
        }
    }

    /// Symlinks and special files, which the scan does not offer.
    fn check(&self, cx: &CheckContext<'_>) -> Vec<Finding> {
        let dir = cx.contract.ops_path(&cx.contract.layout.e2e_wrapper_dir);
        cx.index
            .descendants(&dir)
            .iter()
            .filter(|e| matches!(e.kind, EntryKind::Symlink | EntryKind::Other))
            .map(|entry| {
                finding(
                    entry,
                    format!(
                        "`{}` is not a wrapper entry script (a symlink or special file in `{dir}/`)",
                        entry.path
                    ),
                    MOVE_DATA,
                )
            })
            .collect()
    }
}

fn finding(entry: &Entry, message: String, help: &str) -> Finding {
    Finding::new(&E2eK8sWrappersOnly::META, entry.path.clone(), message).help(help)
}

const MOVE_DATA: &str = "move test data and fixtures into the domain that owns the invariant (e.g. `ops/k8s/tests/`) or into the operator CLI's scenario code";
const MAKE_THIN: &str = "reduce it to a call into the operator CLI, e.g. `exec ./bin/atlasctl ops e2e run --scenario <name> --target k8s \"$@\"`, and move the logic there";

fn judge_file(cx: &CheckContext<'_>, dir: &str, file: &SourceFile<'_>) -> Vec<Finding> {
    let layout = &cx.contract.layout;
    let entry = file.entry();
    let name = entry.path.file_name();
    let shown = format!("`{}`", entry.path);
    if name == layout.empty_dir_exemption || layout.placeholder_files.iter().any(|p| p == name) {
        return Vec::new();
    }
    let by_extension = matches!(entry.path.extension(), Some("sh" | "bash"));
    let has_shebang = match file.bytes() {
        Ok(bytes) => bytes.starts_with(b"#!"),
        Err(err) => return vec![unreadable(entry, &err)],
    };
    if !by_extension && !has_shebang {
        return vec![finding(
            entry,
            format!(
                "{shown} is not a wrapper entry script: data, fixtures and expected outputs do not belong in `{dir}/`"
            ),
            MOVE_DATA,
        )];
    }
    let text = match file.text() {
        Ok(text) => text,
        Err(err) => return vec![unreadable(entry, &err)],
    };
    let mut findings = Vec::new();
    if !has_shebang {
        findings.push(
            finding(
                entry,
                format!("{shown} has no `#!` line; a wrapper entry script is run directly"),
                "start it with `#!/usr/bin/env bash` and make it executable",
            )
            .at_line(1),
        );
    }
    let code_lines = numbered_lines(text)
        .filter(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .count();
    let facts = wrapper::read(
        text,
        &layout.wrapper_delegates,
        &layout.wrapper_assertion_commands,
    );
    if !facts.delegates {
        let names: Vec<String> = layout
            .wrapper_delegates
            .iter()
            .map(|d| format!("`{d}`"))
            .collect();
        findings.push(finding(
            entry,
            format!(
                "{shown} does not delegate: no command starts with {}",
                join_names(&names)
            ),
            MAKE_THIN,
        ));
    }
    if code_lines > layout.wrapper_line_budget {
        findings.push(finding(
            entry,
            format!(
                "{shown} has {code_lines} code lines, over the wrapper budget of {} (`layout.wrapper_line_budget`)",
                layout.wrapper_line_budget
            ),
            MAKE_THIN,
        ));
    }
    if let Some(first) = facts.assertions.first() {
        let more = match facts.assertions.len() {
            1 => String::new(),
            n => format!(" (and {} more assertion lines)", n - 1),
        };
        findings.push(
            finding(
                entry,
                format!(
                    "{shown} runs assertion logic: {} at line {}{more}",
                    first.what, first.line
                ),
                MAKE_THIN,
            )
            .at_line(first.line),
        );
    }
    findings
}

fn unreadable(entry: &Entry, err: &ReadError) -> Finding {
    finding(
        entry,
        format!("`{}` cannot be read as a wrapper script: {err}", entry.path),
        "a wrapper entry script is a few lines of UTF-8 shell; move anything else out",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ops_model::Contract;
    use ops_model::testing::{TestRepo, finding_lines};

    const SMOKE: &str = "#!/usr/bin/env bash\n# Wrapper entry.\nset -euo pipefail\nexec ./bin/atlasctl ops e2e run --scenario smoke --target k8s \"$@\"\n";

    fn base() -> TestRepo {
        TestRepo::new()
            .script("ops/e2e/k8s/tests/smoke.sh", SMOKE)
            .script("ops/e2e/k8s/tests/upgrade", "#!/bin/sh\nROOT=\"$(git rev-parse --show-toplevel)\"\n\"$ROOT/bin/atlasctl\" ops e2e run --scenario upgrade\n")
            .script("ops/e2e/k8s/tests/nightly/all.sh", "#!/usr/bin/env bash\nif [ -n \"${CI:-}\" ]; then make ops-e2e-smoke; fi\n")
            .file("ops/e2e/k8s/tests/INDEX.md", "# wrappers\n")
            .file("ops/e2e/k8s/tests/.gitkeep", "")
            .file("ops/k8s/tests/expected.json", "{}")
    }

    #[test]
    fn thin_wrappers_are_fine() {
        let lines = base().context().run_lines(&E2eK8sWrappersOnly);
        assert_eq!(lines, Vec::<String>::new());
    }

    #[test]
    fn data_files_and_scripts_that_do_not_delegate_are_reported() {
        let repo = base()
            .file("ops/e2e/k8s/tests/expected-pods.json", "{}")
            .script(
                "ops/e2e/k8s/tests/check.sh",
                "#!/usr/bin/env bash\nexec >/tmp/log 2>&1\nkubectl get pods | grep Running\n",
            )
            .file("ops/e2e/k8s/tests/noshebang.sh", "make ops-e2e-smoke\n");
        let lines = repo.context().run_lines(&E2eK8sWrappersOnly);
        assert_eq!(
            lines,
            [
                "ops/e2e/k8s/tests/check.sh: `ops/e2e/k8s/tests/check.sh` does not delegate: no command starts with `exec`, `make`, `atlasctl ops`, `./bin/atlasctl ops`",
                "ops/e2e/k8s/tests/expected-pods.json: `ops/e2e/k8s/tests/expected-pods.json` is not a wrapper entry script: data, fixtures and expected outputs do not belong in `ops/e2e/k8s/tests/`",
                "ops/e2e/k8s/tests/noshebang.sh: `ops/e2e/k8s/tests/noshebang.sh` has no `#!` line; a wrapper entry script is run directly",
            ]
        );
    }

    #[test]
    fn long_scripts_and_assertions_are_reported() {
        let mut long = String::from("#!/usr/bin/env bash\n# comment\n\n");
        for i in 0..31 {
            long.push_str(&format!("echo step {i}\n"));
        }
        long.push_str("exec make ops-e2e-smoke\n");
        let asserting = "#!/usr/bin/env bash\nsource ./lib.sh\nmake ops-e2e-smoke\nassert_eq \"$(kubectl get pods -o name | wc -l)\" 3\nkubectl get svc && assert_contains x y\n";
        let repo = base()
            .script("ops/e2e/k8s/tests/long.sh", &long)
            .script("ops/e2e/k8s/tests/pods.sh", asserting);
        let findings = repo.context().run(&E2eK8sWrappersOnly);
        assert_eq!(
            finding_lines(&findings),
            [
                "ops/e2e/k8s/tests/long.sh: `ops/e2e/k8s/tests/long.sh` has 32 code lines, over the wrapper budget of 30 (`layout.wrapper_line_budget`)",
                "ops/e2e/k8s/tests/pods.sh: `ops/e2e/k8s/tests/pods.sh` runs assertion logic: `assert_eq` at line 4 (and 1 more assertion lines)",
            ]
        );
        assert_eq!(findings[1].span.map(|s| s.line), Some(4));
    }

    #[test]
    fn budget_is_configurable() {
        let mut contract = Contract::default();
        contract.layout.wrapper_line_budget = 1;
        let lines = base().context_with(contract).run_lines(&E2eK8sWrappersOnly);
        assert_eq!(lines.len(), 2, "{lines:#?}");
    }

    #[test]
    fn unreadable_scripts_are_findings() {
        let repo = base().bytes("ops/e2e/k8s/tests/bad.sh", b"#!/bin/sh\n\xff\xfe\n");
        assert_eq!(
            repo.context().run_lines(&E2eK8sWrappersOnly),
            [
                "ops/e2e/k8s/tests/bad.sh: `ops/e2e/k8s/tests/bad.sh` cannot be read as a wrapper script: not valid UTF-8 text"
            ]
        );
    }
}
