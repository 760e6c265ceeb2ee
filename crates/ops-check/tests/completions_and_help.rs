//! `ops-check completions SHELL`, and `--help` texts that describe the tool and every value.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

#[path = "support/bin.rs"]
mod support;

use support::{bin, run};

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef ops-check"),
        ("fish", "complete -c ops-check"),
        ("elvish", "edit:completion:arg-completer[ops-check]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, out, err) = run(bin().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(marker), "{shell}: {out}");
        // Completions know the subcommands and the new flags.
        assert!(out.contains("changed-since"), "{shell}");
    }
    let (code, _, _) = run(bin().args(["completions", "tcsh"]));
    assert_eq!(code, 2);
}

#[test]
fn help_describes_the_tool_not_the_crate() {
    let (code, out, _) = run(bin().arg("--help"));
    assert_eq!(code, 0);
    assert!(
        out.starts_with("Check a repository's ops/ tree against its Ops Contract"),
        "{out}"
    );
    assert!(!out.contains("library (Engine)"), "{out}");
    assert!(out.contains("completions"), "{out}");
    assert!(out.contains("Exit codes"), "{out}");
}

#[test]
fn check_help_lists_every_format_with_its_meaning() {
    let (_, out, _) = run(bin().args(["check", "--help"]));
    for value in [
        "human:",
        "concise:",
        "json:",
        "sarif:",
        "junit:",
        "github:",
        "gitlab:",
        "markdown:",
    ] {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("- {value}")))
            .unwrap_or_else(|| panic!("no `{value}` line in:\n{out}"));
        assert!(line.len() > value.len() + 12, "{line}");
    }
    for flag in [
        "--statistics",
        "--quiet",
        "--exit-zero",
        "--changed-since <REV>",
        "--docs-url <URL>",
    ] {
        assert!(out.contains(flag), "{flag}");
    }
    assert!(
        out.contains("- auto:"),
        "--color values are described: {out}"
    );
}

/// Every subcommand, at every level, and every argument says what it is for: `--help` never
/// shows a bare name.
#[test]
fn every_subcommand_and_argument_is_described() {
    use clap::CommandFactory;

    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            let path = format!("{path} {}", sub.get_name());
            if sub
                .get_about()
                .is_none_or(|a| a.to_string().trim().is_empty())
            {
                missing.push(path.clone());
            }
            walk(sub, &path, missing);
        }
    }
    let mut missing = Vec::new();
    walk(&ops_check::cli::Cli::command(), "ops-check", &mut missing);
    assert!(missing.is_empty(), "no help text: {missing:?}");

    // A subcommand that takes a kind names every kind in its one-line description, which is
    // what `ops-check --help` shows.
    let (_, out, _) = run(bin().arg("--help"));
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with("schema "))
        .unwrap();
    for kind in ["config", "report", "surface", "diff-report", "diff"] {
        assert!(line.contains(kind), "{kind}: {line}");
    }
}
