//! Issue 11, the SCH inputs (items 5, 8, 15, 16, 17, 18): each is a small change to a copy of
//! `ops-fixtures/conforming`, checked with every SCH rule, and must give exactly the findings
//! listed (as `severity code path:line: message` lines).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use ops_model::testing::TestRepo;
use ops_rules_schema::RULES;

fn conforming() -> TestRepo {
    TestRepo::copy_of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ops-fixtures/conforming"))
}

/// Every SCH finding as `Severity CODE path:line: message`.
fn sch(repo: &TestRepo) -> Vec<String> {
    let run = repo.context();
    let mut lines: Vec<String> = run
        .check_rules(RULES)
        .into_iter()
        .flat_map(|o| o.result.expect("no rule panics"))
        .map(|f| {
            format!(
                "{:?} {} {}:{}: {}",
                f.severity,
                f.code,
                f.path,
                f.span.map_or(0, |s| s.line),
                f.message
            )
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn conforming_is_clean() {
    assert_eq!(sch(&conforming()), Vec::<String>::new());
}

/// Item 5: a JSON type key next to a version, an action's owner and ref, a compose volume are
/// not pins; the known shapes are.
#[test]
fn item_05_pins_by_known_shapes_only() {
    let repo = conforming()
        .file(
            "ops/datasets/promotion/release-metadata.json",
            "{\n  \"kind\": \"release_metadata\",\n  \"version\": \"0.2.0\"\n}\n",
        )
        .file(
            ".github/workflows/kind.yml",
            "on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: helm/kind-action@v1.10.0\n      - uses: azure/setup-helm@v4\n        with:\n          version: v3.14.0\n",
        )
        .file(
            "ops/stack/compose/docker-compose.yaml",
            "services:\n  k6:\n    image: grafana/k6:0.50.0\n    volumes:\n      - ./k6:/scripts:ro\n",
        )
        .file("ops/stack/versions.env", "KIND_VERSION=v0.21.0\n")
        .file(
            "ops/stack/scripts/tools.sh",
            "#!/bin/sh\ninstall_tool kubectl --version 1.29.2\n",
        );
    assert_eq!(
        sch(&repo),
        [
            "Error SCH007 .github/workflows/kind.yml:9: pins `helm` at `v3.14.0`, but configs/ops/tool-versions.json:2 pins `v3.14.4`",
            "Error SCH007 ops/stack/scripts/tools.sh:2: pins `kubectl` at `1.29.2`, but configs/ops/tool-versions.json:5 pins `v1.29.4`",
            "Error SCH007 ops/stack/versions.env:1: pins `kind` at `v0.21.0`, but configs/ops/tool-versions.json:4 pins `v0.22.0`",
            "Warning SCH007 ops/stack/compose/docker-compose.yaml:3: repeats the pin of `k6` at `0.50.0`: it is pinned in configs/ops/tool-versions.json:3; a second copy drifts on the next bump",
        ]
    );
}

/// Item 15: `.python-version` pins `python` under its alias table; the config extends it.
#[test]
fn item_15_tool_aliases() {
    let repo = conforming()
        .file(
            "configs/ops/tool-versions.json",
            "{\n  \"helm\": \"v3.14.4\",\n  \"k6\": \"v0.50.0\",\n  \"kind\": \"v0.22.0\",\n  \"kubectl\": \"v1.29.4\",\n  \"python\": \"3.11.4\"\n}\n",
        )
        .file(".python-version", "3.12.1\n")
        .file("ops/stack/compose/py.yaml", "services:\n  py:\n    image: python3:3.11.4\n  kc:\n    image: kind-cli:0.21.0\n");
    assert_eq!(
        sch(&repo),
        [
            "Error SCH007 .python-version:1: pins `python` at `3.12.1`, but configs/ops/tool-versions.json:6 pins `3.11.4`",
            "Warning SCH007 ops/stack/compose/py.yaml:3: repeats the pin of `python` at `3.11.4`: it is pinned in configs/ops/tool-versions.json:6; a second copy drifts on the next bump",
        ]
    );
    let mut contract = ops_model::Contract::default();
    contract
        .schema
        .tool_aliases
        .insert("kind".into(), vec!["kind-cli".into()]);
    let run = repo.context_with(contract);
    let found: Vec<String> = run
        .check_rules(&[&ops_rules_schema::ToolPins])
        .into_iter()
        .flat_map(|o| o.result.unwrap())
        .map(|f| format!("{}:{}", f.path, f.span.unwrap().line))
        .collect();
    assert!(
        found.contains(&"ops/stack/compose/py.yaml:5".to_string()),
        "{found:?}"
    );
}
