//! The artifacts allowlist reader (`configs/ops/artifacts-allowlist.txt`): entries, their
//! glob matchers, and the questions rules ask of them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ops_model::RepoPath;
use ops_rules_artifacts::Allowlist;

fuzz_target!(|text: &str| {
    let list = Allowlist::parse(text);
    for path in ["artifacts/ops/run/x.log", "ops/_artifacts/a", "a", "ops"] {
        let path = RepoPath::new(path);
        let _ = list.covering(&path);
        for entry in list.entries.iter().take(64) {
            let _ = entry.may_lie_below(&path);
        }
    }
    // The entries as paths of their own (what ART003/ART002 see in a tree).
    for raw in list.raw.iter().take(64) {
        let _ = list.covering(&RepoPath::new(&raw.text));
    }
});
