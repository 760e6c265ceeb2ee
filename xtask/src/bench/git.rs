//! Committing a generated tree like a real repository, the same way on every machine.

use std::path::Path;
use std::process::{Command, Stdio};

/// `git init`, add every file (forced: the fixture tracks files its own `.gitignore`
/// ignores, as a repository where someone ran `git add -f` does), one commit.
///
/// Identity, dates and branch are fixed and no user or system config is read
/// (`GIT_CONFIG_GLOBAL=/dev/null`, `GIT_CONFIG_NOSYSTEM=1`), so the same tree gives the same
/// commit everywhere. Errors carry git's stderr.
pub fn commit_all(root: &Path) -> Result<(), String> {
    git(root, &["init", "-q", "-b", "main"])?;
    git(root, &["add", "-A", "-f", "."])?;
    git(root, &["commit", "-q", "--no-verify", "-m", "bench tree"])
}

fn git(root: &Path, args: &[&str]) -> Result<(), String> {
    let out = Command::new("git")
        .current_dir(root)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.invalid")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.invalid")
        .env("GIT_AUTHOR_DATE", "2024-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2024-01-01T00:00:00Z")
        .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}
