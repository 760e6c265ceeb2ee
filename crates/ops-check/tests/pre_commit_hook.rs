//! `.pre-commit-hooks.yaml`: the hook checks the whole tree, and runs when a commit touches
//! a path the default contract reads, the config or the baseline.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

#[test]
fn the_hook_runs_on_ops_paths_the_config_and_the_baseline() {
    let hooks =
        std::fs::read_to_string(support::workspace().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |name: &str| {
        hooks
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no `{name}:` in .pre-commit-hooks.yaml"))
            .to_string()
    };
    assert_eq!(field("pass_filenames"), "false");
    assert_eq!(field("entry"), "ops-check check");
    // pre-commit matches `files` with Python's re.search; this pattern means the same in
    // the regex crate (no look-around, no backreferences).
    let files = regex::Regex::new(&field("files")).unwrap();
    for path in [
        "ops/stack/scripts/up.sh",
        "ops/_schemas/x.v1.schema.json",
        "Makefile",
        "makefiles/ops.mk",
        "configs/ops/tool-versions.json",
        "docs/_generated/ops-surface.md",
        ".github/workflows/ci.yml",
        "ops-check.toml",
        "ops-check-baseline.json",
        ".gitignore",
    ] {
        assert!(files.is_match(path), "{path} should run the hook");
    }
    for path in [
        "src/main.rs",
        "README.md",
        "Makefile.bak",
        "web/ops-check.toml.orig",
    ] {
        assert!(!files.is_match(path), "{path} should not run the hook");
    }
}
