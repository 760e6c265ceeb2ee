//! LAY005: `ops/e2e/k8s/tests/` holds only thin wrapper entry scripts.

use ops_model::text::numbered_lines;
use ops_model::{
    CheckContext, Entry, EntryKind, FileInfo, Finding, ReadError, Rule, RuleMeta, ScanOutput,
    Severity, SourceFile, declare_rule,
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
        budgets: ["shell"],
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
  the program is compared by file name after prefix words such as `sudo`, so
  `"$ROOT/bin/atlasctl" ops` counts, and `exec` with only redirections, `exec >log 2>&1`,
  does not);
- a script with more than `layout.wrapper_line_budget` (default 30) lines that are neither
  blank nor comments;
- a script that runs assertion logic, one finding per file at the first assertion:
  - a command named by `layout.wrapper_assertion_commands` (command-name globs, default
    `assert*` and `expect_*`), wherever it runs;
  - a test whose outcome decides a failure: `test`, `[ ]`, `[[ ]]`, `(( ))`, `grep -q`,
    `jq -e`, `cmp` or `diff`, followed by `||` or `&&` and a failure (`kubectl get svc |
    grep -q atlas || fail "missing"`), or as the condition of an `if` whose branch fails
    (`if ! ...; then exit 1; fi`). A failure is `exit` or `return` (not with status 0),
    `false`, a group that holds one, or a function of the script that exits.

Placeholders (`.gitkeep`) and an `INDEX.md` documenting the directory are allowed.

## What it reads, and what it infers

The script is read by the shell reader: commands, quoting, here-documents and redirections
are what the shell says they are, so `echo "a | assert_eq"`, a quoted `|` or a `2>&1` are
never commands. Delegation is recognised in shell syntax only, so a Python file here is
reported as not delegating.

A test that only chooses what to run (`if [ -n "$CI" ]; then make ...; fi`), sets a default
(`[ -n "$NS" ] || NS=atlas`), waits (`until ... | grep -q Running; do sleep 2; done`) or
exits with status 0 is not an assertion. The severity is `error` when an assertion is
certain; when every failure is known only by its name (`|| fail`, `|| die` with `fail`
coming from a sourced file the rule does not follow), the finding is a `warning`.

The line budget catches assertion logic neither list knows: a wrapper that grew a page of
`kubectl get ... | grep` pipelines is over budget. Before the assertion check read the
command structure, `cmd | grep -q ... || fail` passed whenever the script ended with an
`exec` and stayed under the budget (legacy P03).

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
        cx.contract
            .within_ops(file.path().as_str(), &cx.contract.layout.e2e_wrapper_dir)
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
    let Ok(script) = ops_syntax::parsed::shell(file) else {
        return findings;
    };
    let facts = wrapper::read(
        &script,
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
            n => format!(" (and {} more)", n - 1),
        };
        // Certain when one assertion is: a named assertion command, or a test guarding a
        // failure the script defines; a failure known only by its name is a guess.
        let severity = if facts.assertions.iter().any(|a| a.certain) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let shown_first = facts.assertions.iter().find(|a| a.certain).unwrap_or(first);
        findings.push(
            finding(
                entry,
                format!(
                    "{shown} runs assertion logic: {} at line {}{more}",
                    shown_first.what, shown_first.line
                ),
                MAKE_THIN,
            )
            .severity(severity)
            .at_line(shown_first.line),
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
                "ops/e2e/k8s/tests/pods.sh: `ops/e2e/k8s/tests/pods.sh` runs assertion logic: `assert_eq` at line 4 (and 1 more)",
            ]
        );
        assert_eq!(findings[1].span.map(|s| s.line), Some(4));
    }

    /// Issue item 11 (legacy P03): three `kubectl get ... | grep -q ... || fail` checks
    /// before `exec atlasctl ops e2e smoke`: the script delegates and is under budget, but
    /// the checks are assertion logic. One finding, at the first check.
    #[test]
    fn checks_before_a_delegation_are_assertion_logic() {
        let smoke = "#!/usr/bin/env bash\n# Wrapper entry for the smoke scenario on kind.\nset -euo pipefail\n\nfail() { echo \"smoke: $*\" >&2; exit 1; }\n\n# Quick sanity checks.\nkubectl get deployment atlas -n atlas -o jsonpath='{.status.readyReplicas}' | grep -q '^[1-9]' || fail \"atlas deployment not ready\"\nkubectl get svc atlas -n atlas -o name | grep -q 'service/atlas' || fail \"atlas service missing\"\nkubectl get secret atlas-db -n atlas -o name | grep -q 'secret/atlas-db' || fail \"database secret missing\"\n\nexec atlasctl ops e2e smoke --target k8s \"$@\"\n";
        let repo = base().script("ops/e2e/k8s/tests/smoke.sh", smoke);
        let findings = repo.context().run(&E2eK8sWrappersOnly);
        assert_eq!(
            finding_lines(&findings),
            [
                "ops/e2e/k8s/tests/smoke.sh: `ops/e2e/k8s/tests/smoke.sh` runs assertion logic: `grep -q` guarding `fail` at line 8 (and 2 more)"
            ]
        );
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[0].span.map(|s| s.line), Some(8));
        // The same checks guarding a `fail` that comes from a sourced file: inferred.
        let sourced = "#!/usr/bin/env bash\nsource \"$(dirname \"$0\")/../lib.sh\"\nkubectl get ns | grep -q atlas || fail \"no namespace\"\nexec make ops-e2e-smoke\n";
        let repo = base().script("ops/e2e/k8s/tests/smoke.sh", sourced);
        let findings = repo.context().run(&E2eK8sWrappersOnly);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].severity, Severity::Warning);
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
