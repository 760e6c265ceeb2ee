//! Issue 10 ("One syntax layer"): the six inputs the former private readers got wrong, each
//! on a copy of the conforming fixture, under the SUR and DEP rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

use ops_model::testing::TestRepo;
use ops_model::{Finding, Rule};
use ops_rules_surface::RULES;

fn conforming() -> TestRepo {
    TestRepo::fixture("conforming")
}

fn findings(repo: &TestRepo) -> Vec<String> {
    let cx = repo.context();
    let found: Vec<Finding> = RULES.iter().flat_map(|r: &&dyn Rule| cx.run(*r)).collect();
    found
        .iter()
        .map(|f| {
            let line = f.span.map_or(0, |s| s.line);
            format!("{} {}:{}: {}", f.code, f.path, line, f.message)
        })
        .collect()
}

/// Input 1: `.RECIPEPREFIX = >` and every recipe written `>$(ATLASCTL) ops ...`.
#[test]
fn recipe_prefix() {
    let repo = conforming();
    repo.edit("makefiles/ops.mk", |t| {
        format!(".RECIPEPREFIX = >\n{}", t.replace("\n\t", "\n>"))
    });
    assert_eq!(findings(&repo), Vec::<String>::new());
}

/// Input 2: `ops-down&:`, a grouped target rule of one target.
#[test]
fn grouped_target() {
    let repo = conforming();
    repo.edit("makefiles/ops.mk", |t| {
        t.replace("ops-down:\n", "ops-down&:\n")
    });
    assert_eq!(findings(&repo), Vec::<String>::new());
}

/// Input 3: `$(if ...)` and `$(or ...)` arguments of one CLI call.
#[test]
fn if_and_or_arguments() {
    let repo = conforming();
    repo.edit("makefiles/ops.mk", |t| {
        t.replace(
            "$(ATLASCTL) ops k8s deploy --profile local",
            "$(ATLASCTL) ops k8s deploy $(if $(PROFILE),--profile $(PROFILE),--profile local)",
        )
        .replace(
            "$(ATLASCTL) ops load run --suite smoke",
            "$(ATLASCTL) ops load run --suite $(or $(SUITE),smoke)",
        )
    });
    assert_eq!(findings(&repo), Vec::<String>::new());
}

/// Input 4: `ops-obs-drill` provided only by the pattern rule `ops-%:`; when it is also
/// `.PHONY`, make does nothing for it, and SUR002 says so.
#[test]
fn pattern_rule() {
    let repo = conforming();
    repo.edit("makefiles/ops.mk", |t| {
        t.replace("ops-obs-drill:\n\t$(ATLASCTL) ops obs drill\n\n", "")
            .replace(" ops-obs-drill ", " ")
            + "\nops-%:\n\t$(ATLASCTL) ops $(subst -, ,$*)\n"
    });
    assert_eq!(findings(&repo), Vec::<String>::new());

    repo.edit("makefiles/ops.mk", |t| {
        format!(".PHONY: ops-obs-drill\n{t}")
    });
    let found = findings(&repo);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("SUR002 ops/_meta/surface.json:")
            && found[0].contains("`ops-obs-drill`")
            && found[0].contains("only listed in `.PHONY` at makefiles/ops.mk:1"),
        "{found:#?}"
    );
}

/// Input 5: a fence inside a `> [!TIP]` callout, and an indented code block.
#[test]
fn callout_and_indented_blocks() {
    let repo = conforming();
    fs::write(
        repo.path().join("docs/runbook.md"),
        "# Runbook\n\n> [!TIP]\n> Bring it up by hand:\n>\n> ```sh\n> bash ops/stack/scripts/stack-up.sh\n> ```\n\nTear it down:\n\n    bash ops/stack/scripts/stack-down.sh\n",
    )
    .unwrap();
    assert_eq!(
        findings(&repo),
        [
            "SUR004 docs/runbook.md:7: runs the ops script `ops/stack/scripts/stack-up.sh` directly: `bash ops/stack/scripts/stack-up.sh`",
            "SUR004 docs/runbook.md:12: runs the ops script `ops/stack/scripts/stack-down.sh` directly: `bash ops/stack/scripts/stack-down.sh`",
        ]
    );
}

/// Input 6: a step's `working-directory`, and a job's `defaults.run.working-directory`.
#[test]
fn working_directories() {
    let repo = conforming();
    fs::write(
        repo.path().join(".github/workflows/stack.yml"),
        "name: stack\non: [workflow_dispatch]\njobs:\n  up:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Start\n        working-directory: ops/stack/scripts\n        run: ./stack-up.sh\n  down:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        working-directory: ops/stack/scripts\n    steps:\n      - run: ./stack-down.sh\n",
    )
    .unwrap();
    assert_eq!(
        findings(&repo),
        [
            "SUR004 .github/workflows/stack.yml:9: runs the ops script `ops/stack/scripts/stack-up.sh` directly: `./stack-up.sh`",
            "SUR004 .github/workflows/stack.yml:16: runs the ops script `ops/stack/scripts/stack-down.sh` directly: `./stack-down.sh`",
        ]
    );
}
