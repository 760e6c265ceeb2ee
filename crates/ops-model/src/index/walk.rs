//! Building the index: one parallel `ignore` walk, entries batched per thread, symlinks
//! described without being followed.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use super::{
    Entry, EntryKind, LinkInfo, LinkTarget, RepoIndex, WalkIssue, WalkOptions, is_excluded,
};
use crate::{ModelError, RepoPath};

impl RepoIndex {
    /// Walks `root` once. Hidden files are included; `.git` is skipped; symlinks are recorded,
    /// never followed.
    pub fn build(root: &Path, options: &WalkOptions) -> Result<RepoIndex, ModelError> {
        let meta = fs::metadata(root).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => ModelError::RootNotFound {
                path: root.to_path_buf(),
            },
            _ => ModelError::RootUnreadable {
                path: root.to_path_buf(),
                source,
            },
        })?;
        if !meta.is_dir() {
            return Err(ModelError::RootNotADirectory {
                path: root.to_path_buf(),
            });
        }
        let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());

        let mut builder = WalkBuilder::new(root);
        builder
            .hidden(false)
            .follow_links(false)
            .parents(options.respect_ignore)
            .ignore(options.respect_ignore)
            .git_ignore(options.respect_ignore)
            .git_exclude(options.respect_ignore)
            // The user's global gitignore differs between machines; results must not.
            .git_global(false)
            .require_git(false)
            .threads(options.threads);
        let exclude = options.exclude.clone();
        let walk_root = root.to_path_buf();
        builder.filter_entry(move |e| {
            if e.file_name() == ".git" {
                return false;
            }
            if exclude.is_empty() || e.depth() == 0 {
                return true;
            }
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            // The path as `relative` makes it, without a `RepoPath` of its own: `entry_for`
            // makes the entry's (two per entry cost 27 M at 20,000 files, callgrind).
            match strip_root(&walk_root, e.path()).to_str() {
                Some(text) => !is_excluded(&exclude, &RepoPath::normal_text(text), is_dir),
                None => !is_excluded(&exclude, relative(&walk_root, e.path()).0.as_str(), is_dir),
            }
        });

        let sink = Sink {
            root,
            canonical_root: &canonical_root,
            entries: Mutex::new(Vec::new()),
            issues: Mutex::new(Vec::new()),
        };
        builder.build_parallel().visit(&mut SinkBuilder(&sink));
        let Sink {
            entries: found,
            issues,
            ..
        } = sink;

        let mut entries = found.into_inner().unwrap_or_else(|p| p.into_inner());
        entries.sort_by(|a, b| {
            a.path
                .cmp(&b.path)
                .then_with(|| a.raw_path().cmp(b.raw_path()))
        });
        let mut issues = issues.into_inner().unwrap_or_else(|p| p.into_inner());
        issues.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        issues.dedup();
        Ok(RepoIndex {
            root: root.to_path_buf(),
            entries,
            issues,
            by_path: std::sync::OnceLock::new(),
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn relative(root: &Path, path: &Path) -> (RepoPath, bool) {
    let rel = strip_root(root, path);
    match rel.to_str() {
        Some(text) => (RepoPath::new(text), false),
        None => (RepoPath::new(rel.to_string_lossy()), true),
    }
}

/// `path` below `root`, as `Path::strip_prefix` gives it (or `path` itself). The walk
/// joins names to the root, so the root is a byte prefix of every path it gives: cut it,
/// rather than compare the two component by component (with the lossy copy after it,
/// 5,000 instructions per entry, twice per entry: callgrind, 20,000 files, 2% of the run).
/// Anything else, or the root itself, takes `strip_prefix`. Only a `//` after the root
/// gives another result (`/x` for `x`), which `RepoPath::new` makes the same path.
fn strip_root<'p>(root: &Path, path: &'p Path) -> &'p Path {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let (r, p) = (root.as_os_str().as_bytes(), path.as_os_str().as_bytes());
        if let Some(rest) = p.strip_prefix(r) {
            let rest = match rest.split_first() {
                Some((b'/', rest)) => Some(rest),
                Some(_) if r.ends_with(b"/") => Some(rest),
                _ => None,
            };
            if let Some(rest) = rest.filter(|r| !r.is_empty()) {
                return Path::new(std::ffi::OsStr::from_bytes(rest));
            }
        }
    }
    path.strip_prefix(root).unwrap_or(path)
}

fn entry_for(root: &Path, canonical_root: &Path, dent: &ignore::DirEntry) -> Entry {
    let (path, lossy) = relative(root, dent.path());
    let abs = dent.path();
    let raw = lossy.then(|| {
        abs.strip_prefix(root)
            .unwrap_or(abs)
            .to_path_buf()
            .into_boxed_path()
    });
    let file_type = dent.file_type();
    let kind = match file_type {
        Some(t) if t.is_symlink() => EntryKind::Symlink,
        Some(t) if t.is_dir() => EntryKind::Dir,
        Some(t) if t.is_file() => EntryKind::File,
        _ => EntryKind::Other,
    };
    let link = (kind == EntryKind::Symlink).then(|| link_info(canonical_root, abs));
    Entry {
        path,
        raw,
        kind,
        link,
        lossy,
    }
}

/// Resolves a symlink without walking through it: `stat` tells what it points at (or that it
/// dangles or loops), `canonicalize` or a lexical join tells whether it leaves the root.
pub(super) fn link_info(canonical_root: &Path, abs: &Path) -> LinkInfo {
    let target = fs::read_link(abs).unwrap_or_default();
    let points_to = match fs::metadata(abs) {
        Ok(m) if m.is_dir() => LinkTarget::Dir,
        Ok(m) if m.is_file() => LinkTarget::File,
        Ok(_) => LinkTarget::Other,
        Err(err) if is_loop(&err) => LinkTarget::Loop,
        Err(_) => LinkTarget::Dangling,
    };
    let escapes_root = match fs::canonicalize(abs) {
        Ok(real) => !real.starts_with(canonical_root),
        Err(_) => {
            // Dangling or looping: judge the link text lexically from the link's real parent.
            let parent = abs
                .parent()
                .and_then(|p| fs::canonicalize(p).ok())
                .unwrap_or_else(|| canonical_root.to_path_buf());
            !lexical_join(&parent, &target).starts_with(canonical_root)
        }
    };
    LinkInfo {
        target_text: target.to_string_lossy().into_owned(),
        points_to,
        escapes_root,
    }
}

fn is_loop(err: &std::io::Error) -> bool {
    // ELOOP is 40 on Linux and 62 on the BSDs and macOS.
    matches!(err.raw_os_error(), Some(40) | Some(62))
}

fn lexical_join(base: &Path, rel: &Path) -> PathBuf {
    let mut out = if rel.is_absolute() {
        PathBuf::new()
    } else {
        base.to_path_buf()
    };
    for c in rel.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn issue_for(root: &Path, err: &ignore::Error) -> WalkIssue {
    let path = error_path(err)
        .map(|p| relative(root, p).0)
        .unwrap_or_default();
    let message = match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    };
    WalkIssue { path, message }
}

fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.first().and_then(error_path),
        _ => None,
    }
}

/// Collects entries from all walker threads. Each thread batches into its own [`Visitor`]
/// and hands the batch over once, when the walker drops it, so threads do not contend on a
/// lock for every entry.
struct Sink<'a> {
    root: &'a Path,
    canonical_root: &'a Path,
    entries: Mutex<Vec<Entry>>,
    issues: Mutex<Vec<WalkIssue>>,
}

struct SinkBuilder<'s, 'a>(&'s Sink<'a>);

impl<'s, 'a: 's> ignore::ParallelVisitorBuilder<'s> for SinkBuilder<'s, 'a> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Visitor {
            sink: self.0,
            entries: Vec::new(),
            issues: Vec::new(),
        })
    }
}

struct Visitor<'s, 'a> {
    sink: &'s Sink<'a>,
    entries: Vec<Entry>,
    issues: Vec<WalkIssue>,
}

impl ignore::ParallelVisitor for Visitor<'_, '_> {
    fn visit(&mut self, result: Result<ignore::DirEntry, ignore::Error>) -> WalkState {
        match result {
            Ok(dent) if dent.depth() == 0 => {}
            Ok(dent) => {
                self.entries
                    .push(entry_for(self.sink.root, self.sink.canonical_root, &dent))
            }
            Err(err) => self.issues.push(issue_for(self.sink.root, &err)),
        }
        WalkState::Continue
    }
}

impl Drop for Visitor<'_, '_> {
    fn drop(&mut self) {
        lock(&self.sink.entries).append(&mut self.entries);
        lock(&self.sink.issues).append(&mut self.issues);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte cut gives the path `strip_prefix` gives, once made a repository path.
    #[test]
    fn strip_root_agrees_with_strip_prefix() {
        let roots = ["repo", "repo/", ".", "./", "/abs/repo", "a/./b", "re"];
        let rests = ["", "ops", "ops/x.sh", "/ops", "./ops", "po/x", "o"];
        for root in roots {
            for rest in rests {
                for sep in ["", "/", "//"] {
                    let path = format!("{root}{sep}{rest}");
                    let (root, path) = (Path::new(root), Path::new(&path));
                    let want = path.strip_prefix(root).unwrap_or(path);
                    let got = strip_root(root, path);
                    assert_eq!(
                        RepoPath::new(got.to_string_lossy()),
                        RepoPath::new(want.to_string_lossy()),
                        "{root:?} {path:?}"
                    );
                }
            }
        }
    }
}
