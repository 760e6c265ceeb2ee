use super::*;
use ops_model::testing::TestRepo;

fn located(repo: &TestRepo) -> Vec<String> {
    repo.context()
        .run(&DirectScriptCall)
        .iter()
        .map(|f| {
            let s = f.span.unwrap_or(Span::line(0));
            format!("{}:{}:{}: {}", f.path, s.line, s.column, f.message)
        })
        .collect()
}

/// A tree with these scripts (a call must name an existing file).
fn scripts(paths: &[&str]) -> TestRepo {
    paths
        .iter()
        .fold(TestRepo::new(), |r, p| r.script(p, "#!/bin/sh\n"))
}

#[test]
fn mentions_are_not_calls() {
    let repo = scripts(&["ops/a.sh", "ops/x.sh", "ops/stack/scripts/up.sh"])
        .dir("ops/k8s/charts/atlas")
        .file(
            "docs/operations.md",
            "# Ops\n\nThe scripts under `ops/stack/scripts/` are adapters; ops/x.sh is one.\n\n```sh\nmake ops-up\nhelm template ops/k8s/charts/atlas\n```\n\n```json\n{\"run\": \"bash ops/a.sh\"}\n```\n",
        )
        .file(".github/workflows/ci.yml", "jobs:\n  a:\n    steps:\n      - run: make ops-contracts-check\n")
        .file("docs/_generated/ops-surface.md", "`bash ops/a.sh`\n")
        .file(
            "Makefile",
            "lint:\n\tshellcheck ops/stack/scripts/up.sh\n\truff check ops/stack/scripts tests\nhelp:\n\t@echo \"the stack one is ops/stack/scripts/up.sh\"\n",
        )
        .file("docs/gone.md", "```sh\nbash ops/gone.sh\n./ops/k8s/charts/atlas\n```\n");
    assert_eq!(located(&repo), Vec::<String>::new());
}

#[test]
fn forbidding_a_call_is_not_an_instruction() {
    let repo = scripts(&[
        "ops/stack/scripts/stack-up.sh",
        "ops/a.sh",
        "ops/b.sh",
        "ops/c.sh",
        "ops/d.sh",
        "ops/e.sh",
        "ops/f.sh",
        "ops/g.sh",
    ])
    .file(
        "docs/runbook.md",
        "Do **not** run `bash ops/stack/scripts/stack-up.sh` directly; use `make ops-up`.\n\
         Never call `./ops/a.sh`. Don\u{2019}t, ever, `bash ops/b.sh`.\n\
         Use `make ops-up` instead of `bash ops/c.sh` or rather than `ops/d.sh --x`.\n\
         Do not guess. Run `bash ops/e.sh` now; do not run `bash ops/f.sh`.\n\
         Run `bash ops/g.sh` instead of `make ops-up`.\n",
    );
    assert_eq!(
        located(&repo),
        [
            "docs/runbook.md:4:20: runs the ops script `ops/e.sh` directly: `bash ops/e.sh`",
            "docs/runbook.md:5:6: runs the ops script `ops/g.sh` directly: `bash ops/g.sh`",
        ]
    );
}

#[test]
fn a_cd_on_the_same_line_places_the_script() {
    let repo = scripts(&["ops/stack/scripts/stack-up.sh", "ops/k8s/scripts/deploy.sh"])
        .file(
            "docs/runbook.md",
            "```sh\ncd ops/stack/scripts && ./stack-up.sh\ncd /tmp && ./stack-up.sh\n```\n",
        )
        .file(
            ".github/workflows/ci.yml",
            "jobs:\n  a:\n    steps:\n      - run: cd ops/k8s; bash scripts/deploy.sh; cd - && ./x.sh\n",
        );
    assert_eq!(
        located(&repo),
        [
            ".github/workflows/ci.yml:4:26: runs the ops script `ops/k8s/scripts/deploy.sh` directly: `bash scripts/deploy.sh`",
            "docs/runbook.md:2:25: runs the ops script `ops/stack/scripts/stack-up.sh` directly: `./stack-up.sh`",
        ]
    );
}

#[test]
fn calls_in_docs_workflows_and_recipes() {
    let repo = scripts(&[
        "ops/k8s/scripts/deploy.sh",
        "ops/k8s/scripts/x.sh",
        "ops/a.sh",
        "ops/stack/scripts/up.sh",
    ])
        .file("ops/_meta/surface.json", "{\"entrypoints\": [\"ops-up\"]}")
        .file(
            "ops/k8s/README.md",
            "Run `./ops/k8s/scripts/deploy.sh --profile ci` or:\n\n```console\n$ bash ops/k8s/scripts/deploy.sh\nops/k8s/scripts/deploy.sh: done\n```\n- **Runner:** `ops/k8s/scripts/deploy.sh`\n",
        )
        .file(
            ".github/workflows/ops.yml",
            "jobs:\n  a:\n    steps:\n      - run: |\n          make ops-up\n          bash ops/k8s/scripts/x.sh\n",
        )
        .file("Makefile", "ops-up:\n\tbash ops/a.sh\nhelper:\n\tcd $(CURDIR) && ops/stack/scripts/up.sh\nother:\n\tcd sub && ops/stack/scripts/up.sh\n");
    assert_eq!(
        located(&repo),
        [
            ".github/workflows/ops.yml:6:11: runs the ops script `ops/k8s/scripts/x.sh` directly: `bash ops/k8s/scripts/x.sh`",
            "Makefile:4:1: runs the ops script `ops/stack/scripts/up.sh` directly: `ops/stack/scripts/up.sh`",
            "ops/k8s/README.md:1:6: runs the ops script `ops/k8s/scripts/deploy.sh` directly: `./ops/k8s/scripts/deploy.sh --profile ci`",
            "ops/k8s/README.md:4:3: runs the ops script `ops/k8s/scripts/deploy.sh` directly: `bash ops/k8s/scripts/deploy.sh`",
            "ops/k8s/README.md:7:16: runs the ops script `ops/k8s/scripts/deploy.sh` directly: `ops/k8s/scripts/deploy.sh`",
        ]
    );
}

/// Issue 10 input 6: a step's or a job's default `working-directory` places `./x.sh`.
#[test]
fn working_directories_place_relative_scripts() {
    let repo = scripts(&[
        "ops/stack/scripts/stack-up.sh",
        "ops/stack/scripts/stack-down.sh",
    ])
    .file(
        ".github/workflows/stack.yml",
        "jobs:\n  up:\n    steps:\n      - working-directory: ops/stack/scripts\n        run: ./stack-up.sh\n  down:\n    defaults: {run: {working-directory: ops/stack/scripts}}\n    steps:\n      - run: ./stack-down.sh\n      - shell: python\n        run: ./stack-down.sh\n  dyn:\n    steps:\n      - working-directory: ${{ inputs.dir }}\n        run: ./stack-up.sh\n",
    );
    assert_eq!(
        located(&repo),
        [
            ".github/workflows/stack.yml:5:14: runs the ops script `ops/stack/scripts/stack-up.sh` directly: `./stack-up.sh`",
            ".github/workflows/stack.yml:9:14: runs the ops script `ops/stack/scripts/stack-down.sh` directly: `./stack-down.sh`",
        ]
    );
}

/// Issue 10 input 5: a fence in a callout and an indented code block.
#[test]
fn code_blocks_in_callouts_and_indented_blocks() {
    let repo = scripts(&[
        "ops/stack/scripts/stack-up.sh",
        "ops/stack/scripts/stack-down.sh",
    ])
    .file(
        "docs/runbook.md",
        "# Runbook\n\n> [!TIP]\n> ```sh\n> bash ops/stack/scripts/stack-up.sh\n> ```\n\nTear down:\n\n    bash ops/stack/scripts/stack-down.sh\n",
    );
    assert_eq!(
        located(&repo),
        [
            "docs/runbook.md:5:3: runs the ops script `ops/stack/scripts/stack-up.sh` directly: `bash ops/stack/scripts/stack-up.sh`",
            "docs/runbook.md:10:5: runs the ops script `ops/stack/scripts/stack-down.sh` directly: `bash ops/stack/scripts/stack-down.sh`",
        ]
    );
}

proptest::proptest! {
    /// The byte scan of `may_reach` says what the searches it replaced said.
    #[test]
    fn may_reach_is_the_plain_searches(
        pieces in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("ops"), proptest::strategy::Just("/"),
                proptest::strategy::Just("c"), proptest::strategy::Just("d"),
                proptest::strategy::Just("$"), proptest::strategy::Just("pushd"),
                proptest::strategy::Just("push"), proptest::strategy::Just("make ops-up"),
                proptest::strategy::Just("é"), proptest::strategy::Just(" "),
                proptest::strategy::Just("op"), proptest::strategy::Just("x"),
            ],
            0..12,
        ),
        root in proptest::prop_oneof![
            proptest::strategy::Just("ops"), proptest::strategy::Just("platform/ops"),
            proptest::strategy::Just("c"), proptest::strategy::Just("$"),
        ],
    ) {
        let text = pieces.concat();
        let plain = text.contains('$')
            || text.contains("cd")
            || text.contains("pushd")
            || text
                .match_indices(root)
                .any(|(at, m)| text[at + m.len()..].starts_with('/'));
        proptest::prop_assert_eq!(may_reach(&text, root), plain, "{:?}", text);
    }
}
