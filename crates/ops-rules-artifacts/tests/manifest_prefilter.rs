//! ART009 reads a manifest only when it may name an output: a JSON manifest when one of its
//! keys is an output key (found by a byte scan), a YAML manifest when its text holds an
//! output word. These trees check that the shortcut skips no manifest the reader reports.

#![allow(clippy::unwrap_used)] // test code: a failure to set up a tree is a test failure

use ops_model::testing::TestRepo;
use ops_rules_artifacts::RULES;

fn art(repo: &TestRepo) -> Vec<String> {
    repo.rule_lines(RULES)
}

/// A large JSON file whose output words are only in values is not a manifest that names an
/// output; an output key in a JSON file is found wherever it is, escaped or not.
#[test]
fn json_manifests_are_judged_by_their_keys() {
    let mut rows = String::from("{\n  \"runs\": [\n");
    for i in 0..2000 {
        rows.push_str(&format!(
            "    {{\"name\": \"run-{i}\", \"target\": \"artifacts/out/{i}\"}},\n"
        ));
    }
    rows.push_str("    {\"name\": \"last\"}\n  ]\n}\n");
    let repo = TestRepo::fixture("conforming")
        .file("ops/load/suites/runs.json", &rows)
        .file(
            "ops/load/suites/nested.json",
            "{\"suites\": [{\"name\": \"smoke\", \"out\\u005fdir\": \"artifacts/load/smoke\"}]}\n",
        )
        .git_commit_all();
    assert_eq!(
        art(&repo),
        [
            "ART009 Error ops/load/suites/nested.json:1: manifest key `out_dir` names the output `artifacts/load/smoke`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist"
        ]
    );
}

/// A configured output key that holds no output word is still read, in JSON and in YAML.
#[test]
fn a_configured_output_key_without_an_output_word_is_read() {
    let repo = TestRepo::fixture("conforming")
        .file("ops-check.toml", "[artifacts]\noutput_keys = [\"dest\"]\n")
        .file("ops/datasets/sync.json", "{\"dest\": \"ops/_site/sync\"}\n")
        .file("ops/datasets/sync.yaml", "dest: ops/_site/mirror\n")
        .git_commit_all();
    assert_eq!(
        art(&repo),
        [
            "ART009 Error ops/datasets/sync.json:1: manifest key `dest` names the output `ops/_site/sync`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
            "ART009 Error ops/datasets/sync.yaml:1: manifest key `dest` names the output `ops/_site/mirror`, outside ops/_artifacts/, artifacts/evidence/ and the allowlist",
        ]
    );
}
