//! The README shows real output: every ```text block of README.md that starts with a
//! `$ ops-check ...` line is that command's stdout, run from the workspace root.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use support::{bin, run, workspace};

/// (command line, expected stdout) of every such block.
fn samples(readme: &str) -> Vec<(String, String)> {
    let mut samples = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```text" {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        if let Some(command) = block.first().and_then(|l| l.strip_prefix("$ ops-check ")) {
            let mut expected = block[1..].join("\n");
            expected.push('\n');
            samples.push((command.to_string(), expected));
        }
    }
    samples
}

#[test]
fn readme_sample_output_is_the_real_output() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let samples = samples(&readme);
    assert!(
        !samples.is_empty(),
        "README.md shows no `$ ops-check` sample"
    );
    for (command, expected) in samples {
        let (_, out, err) = run(bin()
            .current_dir(workspace())
            .args(command.split_whitespace()));
        assert_eq!(
            out, expected,
            "README.md's sample of `ops-check {command}` is stale (stderr: {err}); paste the real output"
        );
    }
}
