//! The rule pages under docs/rules/ are generated from rule metadata and must not drift.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::Path;

#[test]
fn generated_docs_match_metadata() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut stale = Vec::new();
    for (rel, content) in ops_check::docs::generated_pages() {
        let on_disk = std::fs::read_to_string(root.join(&rel)).unwrap_or_default();
        if on_disk != content {
            stale.push(rel);
        }
    }
    assert!(
        stale.is_empty(),
        "out of date (run `cargo xtask docs`): {stale:?}"
    );
}
