//! `cargo xtask man [DIR]` writes a man page for ops-check and for each subcommand.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::process::Command;

#[test]
fn man_pages_for_the_command_and_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("man")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    for page in [
        "ops-check.1",
        "ops-check-check.1",
        "ops-check-completions.1",
        "ops-check-explain.1",
        "ops-check-rules.1",
    ] {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
    let check = std::fs::read_to_string(dir.path().join("ops-check-check.1")).unwrap();
    assert!(
        check.starts_with(".ie \\n(.g .ds Aq \\(aq") || check.contains(".TH"),
        "roff: {check}"
    );
    assert!(check.contains("changed\\-since"), "{check}");
    let top = std::fs::read_to_string(dir.path().join("ops-check.1")).unwrap();
    assert!(top.contains("Ops Contract"), "{top}");

    // Usage errors exit 2.
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["man", "a", "b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
