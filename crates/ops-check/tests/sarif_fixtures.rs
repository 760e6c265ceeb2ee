//! The SARIF of every bundled fixture validates against the official SARIF 2.1.0 schema with
//! its formats checked, and has no empty URI, also with rule links.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "../../ops-report/tests/support/sarif_validator.rs"]
mod sarif_validator;
#[path = "support/bin.rs"]
mod support;

use sarif_validator::sarif_errors;
use support::{bin, fixtures, run};

#[test]
fn every_fixture_gives_valid_sarif() {
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures().join("violations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs.push(fixtures().join("conforming"));
    let mut problems = Vec::new();
    for dir in &dirs {
        for docs in [None, Some("https://example.com/ops-check/docs/rules")] {
            let mut cmd = bin();
            cmd.arg("check").arg(dir).args(["--format", "sarif"]);
            if let Some(url) = docs {
                cmd.args(["--docs-url", url]);
            }
            let (code, out, err) = run(&mut cmd);
            if code == 2 {
                problems.push(format!("{}: exit 2: {err}", dir.display()));
                continue;
            }
            let log: serde_json::Value = serde_json::from_str(&out).unwrap();
            for e in sarif_errors(&log) {
                problems.push(format!("{} (docs url {docs:?}): {e}", dir.display()));
            }
            let rules = log["runs"][0]["tool"]["driver"]["rules"]
                .as_array()
                .unwrap();
            assert!(!rules.is_empty(), "the rules that ran are described");
            for r in rules {
                assert!(r["shortDescription"]["text"].is_string(), "{r}");
                assert!(r["help"]["markdown"].is_string(), "{r}");
                assert_eq!(r["helpUri"].is_string(), docs.is_some(), "{r}");
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn findings_about_the_whole_repository_become_notifications() {
    // Outside a git work tree, rules that need git say so once, about the root.
    let copy = ops_model::testing::TestRepo::copy_of(&fixtures().join("conforming"));
    let (_, out, _) = run(bin()
        .arg("check")
        .arg(copy.path())
        .args(["--format", "sarif"]));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors = sarif_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("root findings are notifications");
    assert!(!notes.is_empty());
    for n in notes {
        let id = n["associatedRule"]["id"].as_str().unwrap();
        let index = n["associatedRule"]["index"].as_u64().unwrap() as usize;
        assert_eq!(log["runs"][0]["tool"]["driver"]["rules"][index]["id"], id);
    }
}

/// Code scanning and the baseline agree on what "the same finding" is: every baseline entry's
/// fingerprint (rule code, path, normalised message) is the `partialFingerprints` of a SARIF
/// result, and of the JSON report's finding.
#[test]
fn sarif_partial_fingerprints_are_the_baseline_fingerprints() {
    use std::collections::BTreeSet;

    let repo = ops_model::testing::TestRepo::copy_of(&fixtures().join("legacy"));
    let (code, _, err) = run(bin().args(["baseline", "write", "--root"]).arg(repo.path()));
    assert_eq!(code, 0, "{err}");
    let baseline = ops_report::Baseline::parse(
        &std::fs::read_to_string(repo.path().join("ops-check-baseline.json")).unwrap(),
    )
    .unwrap();
    // Findings about the repository as a whole (no path) are SARIF notifications, not
    // results (see above).
    let recorded: BTreeSet<String> = baseline
        .entries
        .iter()
        .filter(|e| !e.path.is_empty())
        .map(|e| ops_report::fingerprint::fingerprint(&e.code, &e.path, &e.message))
        .collect();
    assert!(recorded.len() > 20, "{}", recorded.len());

    let report = |format: &str| -> serde_json::Value {
        let (_, out, err) =
            run(bin()
                .arg("check")
                .arg(repo.path())
                .args(["--no-baseline", "--format", format]));
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"))
    };
    let sarif: BTreeSet<String> = report("sarif")["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["opsCheck/v1"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let json: BTreeSet<String> = report("json")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_string())
        .collect();
    let missing: Vec<_> = recorded.difference(&sarif).collect();
    assert!(
        missing.is_empty(),
        "baseline entries without a SARIF result: {missing:?}"
    );
    let missing: Vec<_> = recorded.difference(&json).collect();
    assert!(
        missing.is_empty(),
        "baseline entries without a JSON finding: {missing:?}"
    );
}
