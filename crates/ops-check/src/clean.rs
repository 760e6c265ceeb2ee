//! `ops-check clean`: removes ephemeral outputs, safely.
//!
//! Ephemeral outputs are the untracked and ignored files under the runtime artifacts root
//! (`ops/_artifacts/`) and the generated outputs that are not on the committed-generated
//! list (`ops/_examples/*`, `docs/_generated/ops-*`). Cleaning is split in two: [`plan`]
//! decides what would go (pure reading), [`execute`] removes it. Both hold the same
//! promises:
//!
//! - a file git tracks is never removed;
//! - a symlink is never followed: a stray symlink is unlinked itself, and nothing is removed
//!   through a symlinked directory;
//! - nothing outside the repository root is touched;
//! - every removal is printed; a dry run prints the same list and removes nothing.
//!
//! Outside a git work tree nothing says what is tracked, so cleaning refuses unless told to
//! treat every candidate as untracked (`--force-untracked`).

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use ops_model::{
    Contract, EntryKind, GitFacts, GitUnavailable, GlobList, RepoIndex, RepoPath, WalkOptions,
};
use thiserror::Error;

/// Why cleaning could not run (exit 2).
#[derive(Debug, Error)]
pub enum CleanError {
    #[error(
        "{0}: cannot tell tracked files from ephemeral ones; run inside the git work tree, or pass --force-untracked to remove every candidate"
    )]
    NoGit(GitUnavailable),
    #[error(transparent)]
    Model(#[from] ops_model::ModelError),
    #[error("config: {0}")]
    Config(String),
    #[error("cannot remove {}: {source}", path.display())]
    Remove {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("cannot write the list of removals: {0}")]
    Output(#[source] io::Error),
}

/// Why a path is ephemeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Untracked or ignored, under the runtime artifacts root.
    RuntimeArtifact,
    /// A generated output that is not on the committed-generated list.
    UnlistedGenerated,
}

/// One path to remove.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    pub path: RepoPath,
    pub reason: Reason,
}

/// What a clean would remove, in path order.
#[derive(Debug)]
pub struct CleanPlan {
    root: PathBuf,
    pub removals: Vec<Removal>,
    /// Directories below which emptied directories are removed too (never these roots).
    prune_roots: Vec<RepoPath>,
}

/// Files that document or keep a directory; never removed when git cannot say they are
/// tracked.
const KEEPERS: &[&str] = &["INDEX.md", "README.md", ".gitignore", ".gitkeep", ".keep"];

/// Decides what to remove below `root`.
pub fn plan(
    root: &Path,
    contract: &Contract,
    force_untracked: bool,
) -> Result<CleanPlan, CleanError> {
    let a = &contract.artifacts;
    let artifacts_root = RepoPath::new(&a.artifacts_root);
    let listed: Vec<RepoPath> = a.committed_generated.iter().map(RepoPath::new).collect();
    let mut gen_dirs = Vec::new();
    for entry in &a.committed_generated_dirs {
        let (dir, glob) = entry.split_once(':').unwrap_or((entry.as_str(), "*"));
        let names = GlobList::names(&[glob.to_string()]).map_err(CleanError::Config)?;
        gen_dirs.push((RepoPath::new(dir), names));
    }
    let unlisted_generated = |p: &RepoPath| {
        !listed.contains(p)
            && !KEEPERS.contains(&p.file_name())
            && gen_dirs.iter().any(|(dir, names)| {
                !dir.is_root()
                    && p.strip_prefix(dir.as_str())
                        .is_some_and(|rest| !rest.is_empty() && names.is_match(rest))
            })
    };
    let below =
        |p: &RepoPath, dir: &RepoPath| !dir.is_root() && p != dir && p.starts_with(dir.as_str());

    // Candidates: what git calls untracked or ignored, or (forced, without git) everything
    // the walk sees, ignored files included; symlinks are listed, never followed.
    let (candidates, tracked): (Vec<RepoPath>, Option<GitFacts>) = match GitFacts::load(root, true)
    {
        Ok(git) => (
            git.untracked()
                .iter()
                .chain(git.ignored())
                .cloned()
                .collect(),
            Some(git),
        ),
        Err(why) if !force_untracked => return Err(CleanError::NoGit(why)),
        Err(_) => {
            let walk = WalkOptions {
                respect_ignore: false,
                threads: 0,
            };
            let index = RepoIndex::build(root, &walk)?;
            let found = index
                .entries()
                .iter()
                .filter(|e| matches!(e.kind, EntryKind::File | EntryKind::Symlink))
                .filter(|e| !e.lossy && !KEEPERS.contains(&e.path.file_name()))
                .map(|e| e.path.clone())
                .collect();
            (found, None)
        }
    };

    let mut removals: Vec<Removal> = candidates
        .into_iter()
        .filter(|p| tracked.as_ref().is_none_or(|g| !g.is_tracked(p)))
        .filter_map(|p| {
            let reason = if below(&p, &artifacts_root) {
                Reason::RuntimeArtifact
            } else if unlisted_generated(&p) {
                Reason::UnlistedGenerated
            } else {
                return None;
            };
            Some(Removal { path: p, reason })
        })
        .collect();
    removals.sort_by(|a, b| a.path.cmp(&b.path));
    removals.dedup_by(|a, b| a.path == b.path);

    let mut prune_roots = vec![artifacts_root];
    prune_roots.extend(gen_dirs.into_iter().map(|(d, _)| d));
    prune_roots.retain(|d| !d.is_root());
    Ok(CleanPlan {
        root: root.to_path_buf(),
        removals,
        prune_roots,
    })
}

/// What a clean did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CleanSummary {
    pub removed: usize,
    /// Paths not removed because removing them would break a promise (a directory where a
    /// file was expected, a path through a symlink), with why.
    pub skipped: Vec<(RepoPath, String)>,
}

/// Removes what `plan` lists (or, with `dry_run`, only lists it), printing one line per
/// removal to `out`: `removed <path>` or `would remove <path>`.
pub fn execute(
    plan: &CleanPlan,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<CleanSummary, CleanError> {
    let mut summary = CleanSummary::default();
    for removal in &plan.removals {
        let path = &removal.path;
        let abs = match safe_target(&plan.root, path) {
            Ok(abs) => abs,
            Err(why) => {
                summary.skipped.push((path.clone(), why));
                continue;
            }
        };
        // `symlink_metadata` never follows: a symlink is removed as the link itself.
        let meta = match fs::symlink_metadata(&abs) {
            Ok(m) => m,
            // Gone already (removed by someone else): nothing to do.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(CleanError::Remove { path: abs, source }),
        };
        if meta.is_dir() {
            summary
                .skipped
                .push((path.clone(), "is a directory (a nested repository?)".into()));
            continue;
        }
        if dry_run {
            writeln!(out, "would remove {path}").map_err(CleanError::Output)?;
        } else {
            fs::remove_file(&abs).map_err(|source| CleanError::Remove {
                path: abs.clone(),
                source,
            })?;
            writeln!(out, "removed {path}").map_err(CleanError::Output)?;
            prune_empty_parents(plan, path);
        }
        summary.removed += 1;
    }
    Ok(summary)
}

/// The absolute path of `path` below `root`, after checking that reaching it goes through
/// real directories only (no symlinked directory, no `..`).
fn safe_target(root: &Path, path: &RepoPath) -> Result<PathBuf, String> {
    if path.is_root() {
        return Err("is the repository root".into());
    }
    let rel = Path::new(path.as_str());
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err("is not a plain path below the root".into());
    }
    let mut dir = root.to_path_buf();
    let parts: Vec<_> = rel.components().collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        dir.push(part);
        match fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!(
                    "lies below the symlink {}, which is never followed",
                    dir.strip_prefix(root).unwrap_or(&dir).display()
                ));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err("a parent is not a directory".into()),
            Err(e) => return Err(format!("a parent cannot be read: {e}")),
        }
    }
    Ok(root.join(rel))
}

/// Removes directories emptied by the clean, up to (not including) the prune root they lie
/// in. `remove_dir` only removes empty directories, and a symlink is never one.
fn prune_empty_parents(plan: &CleanPlan, path: &RepoPath) {
    let Some(top) = plan
        .prune_roots
        .iter()
        .find(|r| path.starts_with(r.as_str()))
    else {
        return;
    };
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == *top || !d.starts_with(top.as_str()) {
            break;
        }
        let abs = plan.root.join(d.as_str());
        let is_real_dir = fs::symlink_metadata(&abs).is_ok_and(|m| m.is_dir());
        if !is_real_dir || fs::remove_dir(&abs).is_err() {
            break;
        }
        dir = d.parent();
    }
}
