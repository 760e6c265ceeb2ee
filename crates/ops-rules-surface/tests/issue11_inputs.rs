//! Issue 11 ("Findings a platform team can trust"), the SUR and DEP inputs: items 6, 7, 18,
//! 19 (the lock part) and 20, each on a copy of the conforming fixture. Item 19's page
//! facts are SUR005's and are tested in `ops-gen`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;

use ops_model::testing::TestRepo;
use ops_model::{Finding, Rule, Severity};
use ops_rules_surface::RULES;

fn conforming() -> TestRepo {
    TestRepo::fixture("conforming")
}

fn run(repo: &TestRepo) -> Vec<Finding> {
    let cx = repo.context();
    RULES.iter().flat_map(|r: &&dyn Rule| cx.run(*r)).collect()
}

fn findings(repo: &TestRepo) -> Vec<String> {
    run(repo)
        .iter()
        .map(|f| {
            let line = f.span.map_or(0, |s| s.line);
            format!("{} {}:{}: {}", f.code, f.path, line, f.message)
        })
        .collect()
}

fn write(repo: &TestRepo, path: &str, text: &str) {
    let path = repo.path().join(path);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    fs::write(path, text).unwrap();
}

fn edit(repo: &TestRepo, path: &str, edit: impl FnOnce(String) -> String) {
    let full = repo.path().join(path);
    let text = fs::read_to_string(&full).unwrap();
    let edited = edit(text.clone());
    assert_ne!(
        text, edited,
        "the fixture's {path} changed; update this test"
    );
    fs::write(full, edited).unwrap();
}

#[test]
fn the_conforming_fixture_is_clean() {
    assert_eq!(findings(&conforming()), Vec::<String>::new());
}

/// Item 6: a directory argument (`ruff check ops/stack/scripts tests`), a glob, a module,
/// and a help target that echoes a script's path are not calls of a script. Written in a
/// root makefile recipe, a workflow step and a doc's code block.
#[test]
fn item_06_directory_arguments_and_echoed_paths_are_not_calls() {
    let repo = conforming();
    edit(&repo, "Makefile", |t| {
        t + "\n.PHONY: lint\nlint:\n\truff check ops/stack/scripts tests\n\tshellcheck -x ops/stack/scripts/*.sh\n\tpython3 -m pytest ops/datasets\n\nhelp-scripts:\n\t@echo \"the adapter behind ops-up is ops/stack/scripts/stack-up.sh\"\n\t@printf '%s\\n' ops/k8s/scripts/render-chart.sh\n"
    });
    edit(&repo, ".github/workflows/ops.yml", |t| {
        t + "      - run: ruff check ops/stack/scripts tests\n      - run: echo ops/stack/scripts/stack-up.sh\n"
    });
    write(
        &repo,
        "docs/lint.md",
        "# Lint\n\n```sh\nruff check ops/stack/scripts tests\nshellcheck ops/stack/scripts/stack-up.sh\n```\n",
    );
    assert_eq!(findings(&repo), Vec::<String>::new());

    // The same tree still reports a real call, in program and interpreter-script position.
    edit(&repo, "Makefile", |t| {
        t + "\nrun-up:\n\tops/stack/scripts/stack-up.sh\n\tbash ops/stack/scripts/stack-down.sh\n"
    });
    let found = findings(&repo);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found.iter().all(|f| f.starts_with("SUR004 Makefile:")),
        "{found:#?}"
    );
}

/// Item 7: a `CONTRACT.md` whose version line is not semver is LAY008's finding; DEP002 adds
/// only an `info` that it could not compare releases (and never says "declares no Contract
/// version").
#[test]
fn item_07_a_non_semver_contract_version_is_an_info() {
    let repo = conforming();
    edit(&repo, "ops/CONTRACT.md", |t| {
        t.replace("- Contract version: `1.0.0`", "- Contract version: `1.0`")
    });
    let found = run(&repo);
    assert_eq!(found.len(), 1, "{:#?}", findings(&repo));
    let f = &found[0];
    assert_eq!((f.code, f.severity), ("DEP002", Severity::Info));
    assert_eq!(f.path.as_str(), "ops/CONTRACT.md");
    assert!(
        f.message.starts_with("cannot compare releases: "),
        "{}",
        f.message
    );
    assert!(!f.message.contains("declares no"), "{}", f.message);
}

/// Item 18: `surface.json` as real repositories write it: entrypoints as strings or objects
/// with a `name` and more keys, `schema_version` 2, extra top-level keys. The surface is the
/// same, so nothing changes; a finding still points at the entry's line.
#[test]
fn item_18_surface_json_shapes() {
    let repo = conforming();
    let surface = r#"{
  "schema_version": 2,
  "owner": "bijux-atlas-operations",
  "description": "Stable operator entrypoints (see ops/INDEX.md).",
  "docs": {"index": "ops/INDEX.md"},
  "entrypoints": [
    {"name": "ops-contracts-check", "domain": "contracts", "description": "validate manifests"},
    "ops-datasets-pin",
    {
      "domain": "stack",
      "name": "ops-down",
      "env": [{"name": "PROFILE", "default": "local"}]
    },
    {"name": "ops-e2e-smoke", "since": "0.3.0"},
    "ops-k8s-deploy",
    {"name": "ops-load-smoke", "tags": ["load", "smoke"]},
    "ops-obs-drill",
    {"name": "ops-up", "owner": "stack-team"}
  ],
  "deprecated": []
}
"#;
    write(&repo, "ops/_meta/surface.json", surface);
    assert_eq!(findings(&repo), Vec::<String>::new());

    // Schema version 1 with the same objects reads the same.
    write(
        &repo,
        "ops/_meta/surface.json",
        &surface.replace("\"schema_version\": 2", "\"schema_version\": 1"),
    );
    assert_eq!(findings(&repo), Vec::<String>::new());

    // An object entry that is not listed in the index is reported at its `name` line.
    edit(&repo, "ops/INDEX.md", |t| {
        t.replace("| `ops-down` | tear the local stack down |\n", "")
    });
    assert_eq!(
        findings(&repo),
        ["SUR001 ops/_meta/surface.json:11: entrypoint `ops-down` is not listed in `ops/INDEX.md`"]
    );
}

/// Item 19, the lock: `ops/_meta/surface.lock.json` is required only once the repository has
/// one; until then DEP002 says once, as an `info`, that removals cannot be checked.
#[test]
fn item_19_no_lock_yet_is_one_info() {
    let repo = conforming();
    fs::remove_file(repo.path().join("ops/_meta/surface.lock.json")).unwrap();
    let found = run(&repo);
    assert_eq!(found.len(), 1, "{:#?}", findings(&repo));
    assert_eq!(
        (found[0].code, found[0].severity),
        ("DEP002", Severity::Info)
    );
    assert_eq!(found[0].path.as_str(), "ops/_meta/surface.lock.json");
}

/// Item 20: an `ops/INDEX.md` that lists none of the entrypoints (a map of directories) is
/// one finding at the index saying how many are missing; one that lists some gets one
/// finding per missing entrypoint.
#[test]
fn item_20_an_index_listing_none_is_one_finding() {
    let repo = conforming();
    write(
        &repo,
        "ops/INDEX.md",
        "# ops index\n\n| directory | what it holds |\n|---|---|\n| [stack/](stack/) | the local stack |\n| [k8s/](k8s/) | the chart |\n",
    );
    assert_eq!(
        findings(&repo),
        [
            "SUR001 ops/INDEX.md:0: `ops/INDEX.md` lists none of the 8 entrypoints of `ops/_meta/surface.json`"
        ]
    );

    edit(&repo, "ops/INDEX.md", |t| {
        t + "\nStart with `make ops-up`.\n"
    });
    let found = findings(&repo);
    assert_eq!(found.len(), 7, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|f| f.starts_with("SUR001 ops/_meta/surface.json:") && f.contains("is not listed")),
        "{found:#?}"
    );
}
