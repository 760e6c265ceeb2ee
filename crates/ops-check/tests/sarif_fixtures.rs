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
