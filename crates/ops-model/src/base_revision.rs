//! Files as they were at a git revision (`check --base REV`, `schema diff REV:path`), read
//! with `git ls-tree` and `git cat-file`: no checkout, the work tree is never touched.
//! Loaded once by the driver, before rules run; rules read it through
//! [`crate::CheckContext::base`].

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use thiserror::Error;

use crate::RepoPath;

/// Why a revision could not be read (the run stops: exit 2).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum BaseError {
    /// git cannot be run (why).
    #[error("git is not available ({0})")]
    NoGit(String),
    /// The root is not inside a git work tree (the root).
    #[error("{0} is not inside a git work tree")]
    NotAWorkTree(String),
    #[error("`{rev}` is not a revision of this repository: {message}")]
    /// The revision is not known to the repository.
    UnknownRevision {
        /// The revision as given.
        rev: String,
        /// What git says.
        message: String,
    },
    #[error("`{spec}` does not name a file in git: {message}")]
    /// `REV:path` names no file.
    NoSuchFile {
        /// `REV:path` as given.
        spec: String,
        /// What git says.
        message: String,
    },
    #[error("`git {command}` failed: {message}")]
    /// A git command failed.
    Failed {
        /// The command, without `git`.
        command: String,
        /// What git says.
        message: String,
    },
}

/// The files below some directories of the checked root, as they were at one revision.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BaseRevision {
    rev: String,
    commit: String,
    /// Root-relative path -> content. Files over the size limit are absent.
    files: BTreeMap<RepoPath, Vec<u8>>,
}

impl BaseRevision {
    /// Reads the files under `dirs` (root-relative) at `rev`. Files larger than `max_size`
    /// bytes are left out.
    pub fn load(
        root: &Path,
        rev: &str,
        dirs: &[&str],
        max_size: u64,
    ) -> Result<BaseRevision, BaseError> {
        let inside = git(root, &["rev-parse", "--is-inside-work-tree"], None)
            .map_err(|_| BaseError::NotAWorkTree(root.display().to_string()))?;
        if String::from_utf8_lossy(&inside).trim() != "true" {
            return Err(BaseError::NotAWorkTree(root.display().to_string()));
        }
        let spec = format!("{rev}^{{commit}}");
        let commit =
            git(root, &["rev-parse", "--verify", "--quiet", &spec], None).map_err(|e| {
                BaseError::UnknownRevision {
                    rev: rev.to_string(),
                    message: match e {
                        BaseError::Failed { message, .. } if !message.is_empty() => message,
                        _ => "no such commit".to_string(),
                    },
                }
            })?;
        let commit = String::from_utf8_lossy(&commit).trim().to_string();
        let prefix = git(root, &["rev-parse", "--show-prefix"], None)?;
        let prefix = String::from_utf8_lossy(&prefix).trim().to_string();

        let mut args = vec![
            "ls-tree",
            "-r",
            "-z",
            "-l",
            "--full-name",
            commit.as_str(),
            "--",
        ];
        let dirs: Vec<String> = dirs
            .iter()
            .map(|d| d.trim_matches('/'))
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect();
        if dirs.is_empty() {
            args.push(".");
        }
        args.extend(dirs.iter().map(String::as_str));
        let listing = git(root, &args, None)?;
        let mut wanted = Vec::new();
        for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            let record = String::from_utf8_lossy(record);
            // `<mode> SP <type> SP <object> SP+ <size> TAB <path>`
            let Some((meta, path)) = record.split_once('\t') else {
                continue;
            };
            let fields: Vec<&str> = meta.split_whitespace().collect();
            let (Some(&"blob"), Some(oid), Some(size)) =
                (fields.get(1), fields.get(2), fields.get(3))
            else {
                continue;
            };
            if size.parse::<u64>().is_ok_and(|s| s > max_size) {
                continue;
            }
            if let Some(rel) = RepoPath::new(path).strip_prefix(&prefix) {
                wanted.push((RepoPath::new(rel), oid.to_string()));
            }
        }
        let blobs = cat_blobs(root, &wanted)?;
        Ok(BaseRevision {
            rev: rev.to_string(),
            commit,
            files: wanted.into_iter().map(|(p, _)| p).zip(blobs).collect(),
        })
    }

    /// A revision from in-memory files (for tests).
    pub fn from_files(rev: &str, files: &[(&str, &str)]) -> BaseRevision {
        BaseRevision {
            rev: rev.to_string(),
            commit: rev.to_string(),
            files: files
                .iter()
                .map(|(p, c)| (RepoPath::new(p), c.as_bytes().to_vec()))
                .collect(),
        }
    }

    /// The revision as given (`HEAD`, `origin/main`).
    pub fn rev(&self) -> &str {
        &self.rev
    }

    /// The commit it resolved to.
    pub fn commit(&self) -> &str {
        &self.commit
    }

    /// A file's content at the revision.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(&RepoPath::new(path)).map(Vec::as_slice)
    }

    /// Every file read, in path order.
    pub fn files(&self) -> impl Iterator<Item = (&RepoPath, &[u8])> {
        self.files.iter().map(|(p, c)| (p, c.as_slice()))
    }
}

/// One file from git: `spec` is git's `REV:path` (path from the top of the work tree, or
/// `REV:./path` relative to `dir`), read with `git cat-file blob`.
pub fn show_file(dir: &Path, spec: &str) -> Result<Vec<u8>, BaseError> {
    git(dir, &["cat-file", "blob", spec], None).map_err(|e| match e {
        BaseError::Failed { message, .. } => BaseError::NoSuchFile {
            spec: spec.to_string(),
            message,
        },
        other => other,
    })
}

/// Reads blobs with one `git cat-file --batch`.
fn cat_blobs(root: &Path, wanted: &[(RepoPath, String)]) -> Result<Vec<Vec<u8>>, BaseError> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let input: String = wanted.iter().map(|(_, oid)| format!("{oid}\n")).collect();
    let out = git(root, &["cat-file", "--batch"], Some(input.into_bytes()))?;
    let mut blobs = Vec::with_capacity(wanted.len());
    let mut rest = out.as_slice();
    for (path, _) in wanted {
        let failed = || BaseError::Failed {
            command: "cat-file --batch".to_string(),
            message: format!("unexpected output for {path}"),
        };
        let eol = rest.iter().position(|b| *b == b'\n').ok_or_else(failed)?;
        let header = String::from_utf8_lossy(&rest[..eol]).into_owned();
        let size: usize = header
            .split(' ')
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(failed)?;
        let body = rest.get(eol + 1..eol + 1 + size).ok_or_else(failed)?;
        blobs.push(body.to_vec());
        rest = rest.get(eol + 2 + size..).unwrap_or_default();
    }
    Ok(blobs)
}

fn git(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> Result<Vec<u8>, BaseError> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| BaseError::NoGit(e.to_string()))?;
    // Feed stdin from a thread: git may fill its stdout pipe before reading all input.
    let writer = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => Some(std::thread::spawn(move || pipe.write_all(&bytes))),
        _ => None,
    };
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_end(&mut stdout)
            .map_err(|e| BaseError::NoGit(e.to_string()))?;
    }
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_end(&mut stderr);
    }
    let status = child.wait().map_err(|e| BaseError::NoGit(e.to_string()))?;
    if let Some(w) = writer {
        let _ = w.join();
    }
    if !status.success() {
        return Err(BaseError::Failed {
            command: args.join(" "),
            message: String::from_utf8_lossy(&stderr).trim().to_string(),
        });
    }
    Ok(stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_revision() {
        let base = BaseRevision::from_files("HEAD", &[("ops/_schemas/a.json", "{}")]);
        assert_eq!(base.get("ops/_schemas/a.json"), Some(&b"{}"[..]));
        assert_eq!(base.get("ops/_schemas/b.json"), None);
        assert_eq!(base.files().count(), 1);
    }
}
