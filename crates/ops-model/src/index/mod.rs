//! The repository index: one parallel walk of the tree, sorted by path.
//!
//! The walk itself is in `walk.rs`, tracked files the walk left out are added in
//! `tracked.rs`.

use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::RepoPath;
use crate::contract::PathGlobs;

/// What a directory entry is. Symlinks are never followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link (see [`LinkInfo`]).
    Symlink,
    /// FIFOs, sockets, devices: listed, never opened.
    Other,
}

/// What a symlink points at, found without following it during the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// A directory.
    Dir,
    /// A regular file.
    File,
    /// Anything else.
    Other,
    /// The target does not exist.
    Dangling,
    /// Resolving the target loops (`a -> b -> a`).
    Loop,
}

/// Facts about a symlink.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkInfo {
    /// The link's text as written (`../x`), shown lossily.
    pub target_text: String,
    /// What the target is.
    pub points_to: LinkTarget,
    /// The target resolves (or would resolve) outside the checked root.
    pub escapes_root: bool,
}

/// One file, directory, symlink or other node below the root (never the root itself).
#[derive(Clone, Debug)]
pub struct Entry {
    /// The path, relative to the root.
    pub path: RepoPath,
    /// The real relative path when the name is not valid UTF-8 (`path` shows it lossily);
    /// `None` when `path` is the name exactly. Kept apart so that an entry holds one path,
    /// not two: at 100,000 files a second, absolute path per entry was about 10 MiB of the
    /// run's peak memory.
    raw: Option<Box<Path>>,
    /// What the entry is. The walk takes it from the directory listing (`d_type`) and
    /// does not `lstat` a file for its size: that was a third of the walk's CPU (perf, a
    /// 20,000-file tree). A file's size is known when it is read ([`crate::FileCache`]).
    pub kind: EntryKind,
    /// For a symlink, what it points at.
    pub link: Option<LinkInfo>,
    /// The name is not valid UTF-8; `path` shows it lossily.
    pub lossy: bool,
}

impl Entry {
    /// An entry whose name is `path` exactly (valid UTF-8), for indexes built by hand.
    pub fn new(path: RepoPath, kind: EntryKind, link: Option<LinkInfo>) -> Entry {
        Entry {
            path,
            raw: None,
            kind,
            link,
            lossy: false,
        }
    }

    /// The real path below `root` (the index's [`RepoIndex::root`]), for reading: the
    /// exact bytes of a non-UTF-8 name.
    pub fn abs(&self, root: &Path) -> PathBuf {
        let rel = self.raw_path();
        // Sized once: `root.join(rel)` copies `root` into a buffer of its exact length and
        // then grows it, a reallocation per file read (callgrind: 1,100 instructions a join).
        let mut abs = PathBuf::with_capacity(root.as_os_str().len() + 1 + rel.as_os_str().len());
        abs.push(root);
        abs.push(rel);
        abs
    }

    /// The entry's path relative to the root, exact (see [`Entry::abs`]).
    fn raw_path(&self) -> &Path {
        self.raw
            .as_deref()
            .unwrap_or_else(|| Path::new(self.path.as_str()))
    }
    /// Whether it is a regular file.
    pub fn is_file(&self) -> bool {
        self.kind == EntryKind::File
    }

    /// Whether it is a directory.
    pub fn is_dir(&self) -> bool {
        self.kind == EntryKind::Dir
    }
}

/// Something the walk could not read; reported as a finding by the driver.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkIssue {
    /// The path, relative to the root.
    pub path: RepoPath,
    /// Why.
    pub message: String,
}

/// How to walk.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    /// Honour `.gitignore`, `.ignore` and `.git/info/exclude` (the default).
    pub respect_ignore: bool,
    /// Walker threads; 0 picks the number of cores.
    pub threads: usize,
    /// Trees that are not part of the checked repository (the config's `exclude`): never
    /// walked, never listed, whatever git says.
    pub exclude: PathGlobs,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            respect_ignore: true,
            threads: 0,
            exclude: PathGlobs::default(),
        }
    }
}

/// Whether `path` (a directory when `is_dir`) is excluded by `exclude`. A directory is
/// excluded when everything below it would be (`**/fixtures/**` excludes `a/fixtures`
/// itself), so an excluded tree leaves no empty directory behind.
pub fn is_excluded(exclude: &PathGlobs, path: &str, is_dir: bool) -> bool {
    if exclude.is_empty() || path.is_empty() {
        return false;
    }
    // NUL never occurs in a path, so it stands for "any entry below".
    exclude.is_match(path) || (is_dir && exclude.is_match(&format!("{path}/\u{0}")))
}

/// Every entry below a root, sorted by path, built by one parallel walk.
#[derive(Debug, Default)]
pub struct RepoIndex {
    root: PathBuf,
    entries: Vec<Entry>,
    issues: Vec<WalkIssue>,
    /// The position of each path in `entries` (the first, for a path walked twice), hashed
    /// on its text: built by the first lookup, once the entries are final (adding tracked
    /// files resets it). A binary search of 100,000 paths that share long prefixes compared
    /// them at each of 17 steps, most of them cache misses, for every lookup of every rule.
    by_path: OnceLock<PathTable>,
}

/// Positions in [`RepoIndex::entries`] hashed on the path (a table of indices rather than a
/// map keyed by a second copy of every path).
#[derive(Debug, Default)]
struct PathTable {
    hasher: DefaultHashBuilder,
    table: HashTable<usize>,
}

impl RepoIndex {
    /// The checked root as given.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// All entries, sorted by path.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// What the walk could not read.
    pub fn issues(&self) -> &[WalkIssue] {
        &self.issues
    }

    /// Position of `path` in [`entries`](Self::entries).
    pub fn position(&self, path: &RepoPath) -> Option<usize> {
        self.position_of(path.as_str())
    }

    /// [`RepoIndex::position`] of a path's text in normal form ([`RepoPath::normal_text`]).
    fn position_of(&self, path: &str) -> Option<usize> {
        let by_path = self.by_path.get_or_init(|| {
            let hasher = DefaultHashBuilder::default();
            let mut table = HashTable::with_capacity(self.entries.len());
            let entries = &self.entries;
            for (i, e) in entries.iter().enumerate() {
                let hash = hasher.hash_one(e.path.as_str());
                if let hashbrown::hash_table::Entry::Vacant(slot) = table.entry(
                    hash,
                    |&j: &usize| entries[j].path == e.path,
                    |&j: &usize| hasher.hash_one(entries[j].path.as_str()),
                ) {
                    slot.insert(i);
                }
            }
            PathTable { hasher, table }
        });
        by_path
            .table
            .find(by_path.hasher.hash_one(path), |&i| {
                self.entries[i].path.as_str() == path
            })
            .copied()
    }

    /// The entry at `path` (relative to the root), if walked.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.position_of(&RepoPath::normal_text(path))
            .map(|i| &self.entries[i])
    }

    /// Whether `path` was walked.
    pub fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Whether `path` was walked and is a regular file.
    pub fn is_file(&self, path: &str) -> bool {
        self.get(path).is_some_and(Entry::is_file)
    }

    /// Whether `path` was walked and is a directory.
    pub fn is_dir(&self, path: &str) -> bool {
        self.get(path).is_some_and(Entry::is_dir)
    }

    /// Every entry strictly below `dir` (all depths), in path order. `""` is the root.
    pub fn descendants(&self, dir: &str) -> &[Entry] {
        let dir = RepoPath::new(dir);
        if dir.is_root() {
            return &self.entries;
        }
        let prefix = format!("{}/", dir.as_str());
        let start = self
            .entries
            .partition_point(|e| e.path.as_str() < prefix.as_str());
        let len = self.entries[start..]
            .iter()
            .take_while(|e| e.path.as_str().starts_with(&prefix))
            .count();
        &self.entries[start..start + len]
    }

    /// The direct children of `dir`.
    pub fn children<'a>(&'a self, dir: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let depth = RepoPath::new(dir).depth() + 1;
        self.descendants(dir)
            .iter()
            .filter(move |e| e.path.depth() == depth)
    }

    /// Every regular file, in path order.
    pub fn files(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.is_file())
    }

    /// Every regular file strictly below `dir`.
    pub fn files_under<'a>(&'a self, dir: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.descendants(dir).iter().filter(|e| e.is_file())
    }

    /// Adds walk issues, as an unreadable directory leaves them (for tests of rules that must
    /// not mistake a directory the walk could not read for an empty one).
    pub fn with_issues(mut self, issues: Vec<WalkIssue>) -> RepoIndex {
        self.issues.extend(issues);
        self.issues
            .sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        self
    }

    /// Builds an index from entries (for tests of rules that need odd trees).
    pub fn from_entries(root: PathBuf, mut entries: Vec<Entry>) -> RepoIndex {
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        RepoIndex {
            root,
            entries,
            issues: Vec::new(),
            by_path: OnceLock::new(),
        }
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests;
mod tracked;
mod walk;
