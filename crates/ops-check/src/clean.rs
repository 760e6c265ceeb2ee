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
//! - `INDEX.md`, `README.md`, `.gitignore` and placeholder files are never removed;
//! - every removal is printed; a dry run prints the same list and removes nothing;
//! - an untracked (not ignored) file in a generated-output directory that carries no
//!   generated-file marker is kept and listed as kept: it may be hand-written work not yet
//!   `git add`ed. Ignored files there, marked files, and everything under the artifacts root
//!   go.
//!
//! Outside a git work tree nothing says what is tracked, so cleaning refuses unless told to
//! treat every candidate as untracked (`--force-untracked`); a dry run (which deletes
//! nothing) lists what such a forced run would remove.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use ops_model::{Contract, EntryKind, GitFacts, GitUnavailable, RepoIndex, RepoPath, WalkOptions};
use ops_rules_artifacts::generated_marker;
use thiserror::Error;

/// Why cleaning could not run (exit 2).
#[derive(Debug, Error)]
pub enum CleanError {
    /// Outside a git work tree, without `--force-untracked`.
    #[error(
        "{0}: cannot tell tracked files from ephemeral ones; run inside the git work tree, or pass --force-untracked to remove every candidate"
    )]
    NoGit(GitUnavailable),
    /// The root cannot be walked.
    #[error(transparent)]
    Model(#[from] ops_model::ModelError),
    /// A path could not be removed.
    #[error("cannot remove {}: {source}", path.display())]
    Remove {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// The list of removals could not be written.
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
    /// The path, relative to the root.
    pub path: RepoPath,
    /// Why it is ephemeral.
    pub reason: Reason,
}

/// What a clean would remove, in path order.
#[derive(Debug)]
pub struct CleanPlan {
    root: PathBuf,
    /// What would be removed.
    pub removals: Vec<Removal>,
    /// Candidates kept on purpose, with why (an untracked file not marked generated).
    pub kept: Vec<(RepoPath, String)>,
    /// Set when the root is not a git work tree and every candidate was taken as untracked
    /// (`--force-untracked`, or a dry run previewing it): why git could not be used.
    pub without_git: Option<String>,
    /// Directories below which emptied directories are removed too (never these roots).
    prune_roots: Vec<RepoPath>,
}

/// Why an untracked file in a generated-output directory is kept.
pub const NOT_MARKED: &str = "not marked generated";

/// How many bytes of a candidate are read to look for a generated-file marker.
const MARKER_BYTES: u64 = 64 * 1024;

/// Files that document or keep a directory; never removed, tracked or not (an untracked one
/// is most likely a new document not yet added).
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
    let unlisted_generated = |p: &RepoPath| {
        !listed.contains(p)
            && a.committed_generated_dirs
                .iter()
                .any(|d| !d.dir.is_root() && d.matches(p))
    };
    let below =
        |p: &RepoPath, dir: &RepoPath| !dir.is_root() && p != dir && p.starts_with(dir.as_str());

    // Candidates: what git calls untracked or ignored, or (forced, without git) everything
    // the walk sees, ignored files included; symlinks are listed, never followed. Each comes
    // with whether it is ignored.
    let (candidates, tracked, without_git) = match GitFacts::load(root, true) {
        Ok(mut git) => {
            git.retain(|p| !ops_model::index::is_excluded(&contract.exclude, p.as_str(), false));
            let found: Vec<(RepoPath, bool)> = git
                .untracked()
                .iter()
                .map(|p| (p.clone(), false))
                .chain(git.ignored().iter().map(|p| (p.clone(), true)))
                .collect();
            (found, Some(git), None)
        }
        Err(why) if !force_untracked => return Err(CleanError::NoGit(why)),
        Err(why) => (
            walk_candidates(root, &contract.exclude)?,
            None,
            Some(why.to_string()),
        ),
    };

    let mut kept = Vec::new();
    let mut removals: Vec<Removal> = candidates
        .into_iter()
        .filter(|(p, _)| tracked.as_ref().is_none_or(|g| !g.is_tracked(p)))
        .filter(|(p, _)| !KEEPERS.contains(&p.file_name()))
        .filter_map(|(p, ignored)| {
            let reason = if below(&p, &artifacts_root) {
                Reason::RuntimeArtifact
            } else if unlisted_generated(&p) {
                if !ignored && !is_marked(root, &p, a) {
                    kept.push((p, NOT_MARKED.to_string()));
                    return None;
                }
                Reason::UnlistedGenerated
            } else {
                return None;
            };
            Some(Removal { path: p, reason })
        })
        .collect();
    removals.sort_by(|a, b| a.path.cmp(&b.path));
    removals.dedup_by(|a, b| a.path == b.path);
    kept.sort();
    kept.dedup();

    let mut prune_roots = vec![artifacts_root];
    prune_roots.extend(a.committed_generated_dirs.iter().map(|d| d.dir.clone()));
    prune_roots.retain(|d| !d.is_root());
    Ok(CleanPlan {
        root: root.to_path_buf(),
        removals,
        kept,
        without_git,
        prune_roots,
    })
}

/// Without git: every file and symlink the walk sees, ignored ones included, each with
/// whether an ignore file (`.gitignore`, `.ignore`) matches it.
fn walk_candidates(
    root: &Path,
    exclude: &ops_model::contract::PathGlobs,
) -> Result<Vec<(RepoPath, bool)>, CleanError> {
    let walk = |respect_ignore| {
        RepoIndex::build(
            root,
            &WalkOptions {
                respect_ignore,
                threads: 0,
                exclude: exclude.clone(),
            },
        )
    };
    let visible = walk(true)?;
    let all = walk(false)?;
    Ok(all
        .entries()
        .iter()
        .filter(|e| matches!(e.kind, EntryKind::File | EntryKind::Symlink))
        .filter(|e| !e.lossy)
        .map(|e| (e.path.clone(), !visible.contains(e.path.as_str())))
        .collect())
}

/// Whether the file at `path` carries a generated-file marker in its first lines. A symlink,
/// a path through a symlinked directory, or anything unreadable carries none: the file is
/// then kept, which is the safe side.
fn is_marked(root: &Path, path: &RepoPath, a: &ops_model::contract::ArtifactsConfig) -> bool {
    let Ok(abs) = safe_target(root, path) else {
        return false;
    };
    if !fs::symlink_metadata(&abs).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = Vec::new();
    let read = fs::File::open(&abs).and_then(|f| f.take(MARKER_BYTES).read_to_end(&mut head));
    read.is_ok() && generated_marker(&String::from_utf8_lossy(&head), a).is_some()
}

/// What a clean did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CleanSummary {
    /// Paths removed.
    pub removed: usize,
    /// Paths not removed because removing them would break a promise (a directory where a
    /// file was expected, a path through a symlink), with why.
    pub skipped: Vec<(RepoPath, String)>,
}

/// Removes what `plan` lists (or, with `dry_run`, only lists it), printing one line per
/// removal to `out`: `removed <path>` or `would remove <path>`, then one line per file kept
/// on purpose: `kept <path>: not marked generated`.
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
    for (path, why) in &plan.kept {
        writeln!(out, "kept {path}: {why}").map_err(CleanError::Output)?;
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
