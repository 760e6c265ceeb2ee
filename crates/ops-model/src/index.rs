//! The repository index: one parallel walk of the tree, sorted by path.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::contract::PathGlobs;
use crate::{ModelError, RepoPath};

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
    /// What the entry is.
    pub kind: EntryKind,
    /// Size in bytes for files (0 otherwise).
    pub size: u64,
    /// For a symlink, what it points at.
    pub link: Option<LinkInfo>,
    /// The name is not valid UTF-8; `path` shows it lossily.
    pub lossy: bool,
}

impl Entry {
    /// An entry whose name is `path` exactly (valid UTF-8), for indexes built by hand.
    pub fn new(path: RepoPath, kind: EntryKind, size: u64, link: Option<LinkInfo>) -> Entry {
        Entry {
            path,
            raw: None,
            kind,
            size,
            link,
            lossy: false,
        }
    }

    /// The real path below `root` (the index's [`RepoIndex::root`]), for reading: the
    /// exact bytes of a non-UTF-8 name.
    pub fn abs(&self, root: &Path) -> PathBuf {
        match &self.raw {
            Some(raw) => root.join(raw),
            None => root.join(self.path.as_str()),
        }
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
}

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
            let (rel, _) = relative(&walk_root, e.path());
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            !is_excluded(&exclude, rel.as_str(), is_dir)
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
        })
    }

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
        let start = self.entries.partition_point(|e| e.path < *path);
        (self.entries.get(start)?.path == *path).then_some(start)
    }

    /// The entry at `path` (relative to the root), if walked.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.position(&RepoPath::new(path))
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

    /// Adds the tracked files that the walk left out because an ignore file matches them:
    /// a file git tracks is part of the repository whatever `.gitignore` says (a force-added
    /// log, a committed run result). Each gets an entry from `lstat` (never followed), and
    /// so do the directories on its way that the walk skipped. Excluded paths and paths that
    /// no longer exist in the work tree are left out.
    pub fn add_tracked<'p>(
        &mut self,
        tracked: impl IntoIterator<Item = &'p RepoPath>,
        exclude: &PathGlobs,
    ) {
        let canonical_root =
            fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.to_path_buf());
        let mut added: Vec<Entry> = Vec::new();
        let mut new_dirs: std::collections::BTreeSet<RepoPath> = Default::default();
        for path in tracked {
            if path.is_root()
                || self.position(path).is_some()
                || is_excluded(exclude, path.as_str(), false)
            {
                continue;
            }
            let abs = self.root.join(path.as_str());
            let Ok(meta) = fs::symlink_metadata(&abs) else {
                continue; // deleted in the work tree: git knows it, the tree does not hold it
            };
            let kind = if meta.file_type().is_symlink() {
                EntryKind::Symlink
            } else if meta.is_file() {
                EntryKind::File
            } else {
                continue; // a directory is never tracked itself; others are never opened
            };
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| !d.is_root()) {
                if self.position(&d).is_some() || !new_dirs.insert(d.clone()) {
                    break;
                }
                dir = d.parent();
            }
            let link = (kind == EntryKind::Symlink).then(|| link_info(&canonical_root, &abs));
            added.push(Entry {
                path: path.clone(),
                raw: None,
                kind,
                size: if kind == EntryKind::File {
                    meta.len()
                } else {
                    0
                },
                link,
                lossy: false,
            });
        }
        if added.is_empty() {
            return;
        }
        for dir in new_dirs {
            added.push(Entry {
                raw: None,
                path: dir,
                kind: EntryKind::Dir,
                size: 0,
                link: None,
                lossy: false,
            });
        }
        // Exactly the room needed: `extend` would double a full vector, and at 100,000
        // files the index's spare half was 19 MiB of the run's peak (heaptrack).
        self.entries.reserve_exact(added.len());
        self.entries.extend(added);
        self.entries.sort_by(|a, b| {
            a.path
                .cmp(&b.path)
                .then_with(|| a.raw_path().cmp(b.raw_path()))
        });
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
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn relative(root: &Path, path: &Path) -> (RepoPath, bool) {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let lossy = rel.to_str().is_none();
    (RepoPath::new(rel.to_string_lossy()), lossy)
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
    let size = if kind == EntryKind::File {
        dent.metadata().map(|m| m.len()).unwrap_or(0)
    } else {
        0
    };
    let link = (kind == EntryKind::Symlink).then(|| link_info(canonical_root, abs));
    Entry {
        path,
        raw,
        kind,
        size,
        link,
        lossy,
    }
}

/// Resolves a symlink without walking through it: `stat` tells what it points at (or that it
/// dangles or loops), `canonicalize` or a lexical join tells whether it leaves the root.
fn link_info(canonical_root: &Path, abs: &Path) -> LinkInfo {
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
#[cfg(unix)]
mod tests {
    use super::*;
    use crate::testing::TestRepo;

    fn build(repo: &TestRepo) -> RepoIndex {
        RepoIndex::build(repo.path(), &WalkOptions::default()).unwrap()
    }

    fn paths(index: &RepoIndex) -> Vec<&str> {
        index.entries().iter().map(|e| e.path.as_str()).collect()
    }

    #[test]
    fn walks_hidden_files_sorted_and_skips_git() {
        let repo = TestRepo::new()
            .file("b/x.txt", "x")
            .file("a/.hidden", "h")
            .file(".git/config", "")
            .file("a-b", "");
        let index = build(&repo);
        // Plain string order: `-` sorts before `/`.
        assert_eq!(paths(&index), ["a", "a-b", "a/.hidden", "b", "b/x.txt"]);
        assert_eq!(
            index
                .descendants("a")
                .iter()
                .map(|e| e.path.as_str())
                .collect::<Vec<_>>(),
            ["a/.hidden"]
        );
        assert_eq!(index.children("").count(), 3);
        assert_eq!(index.get("b/x.txt").unwrap().size, 1);
    }

    #[test]
    fn honours_gitignore_unless_told_not_to() {
        let repo = TestRepo::new()
            .file(".gitignore", "out/\n")
            .file("out/a.log", "")
            .file("keep.txt", "");
        assert!(!build(&repo).contains("out/a.log"));
        let all = RepoIndex::build(
            repo.path(),
            &WalkOptions {
                respect_ignore: false,
                threads: 2,
                ..WalkOptions::default()
            },
        )
        .unwrap();
        assert!(all.contains("out/a.log"));
    }

    #[test]
    fn excluded_trees_leave_nothing_behind() {
        let repo = TestRepo::new()
            .file("ops/k8s/tests/fixtures/bad/x.json", "{}")
            .file("ops/k8s/tests/test_a.sh", "")
            .file("a/testdata/b", "");
        let exclude = PathGlobs::new(&["**/fixtures/**".into(), "**/testdata/**".into()]).unwrap();
        let index = RepoIndex::build(
            repo.path(),
            &WalkOptions {
                exclude: exclude.clone(),
                ..WalkOptions::default()
            },
        )
        .unwrap();
        assert_eq!(
            paths(&index),
            [
                "a",
                "ops",
                "ops/k8s",
                "ops/k8s/tests",
                "ops/k8s/tests/test_a.sh"
            ]
        );
        assert!(is_excluded(&exclude, "x/fixtures", true));
        assert!(!is_excluded(&exclude, "x/fixtures", false));
        assert!(!is_excluded(&exclude, "ops-fixtures/x", false));
    }

    #[test]
    fn tracked_files_are_in_whatever_gitignore_says() {
        let repo = TestRepo::new()
            .file(".gitignore", "*.log\nevidence/\n")
            .file("ops/_generated/render.log", "log")
            .file("ops/load/evidence/run-1.json", "{}")
            .file("ops/load/evidence/untracked.json", "{}");
        let mut index = build(&repo);
        assert!(!index.contains("ops/_generated/render.log"));
        let tracked = [
            RepoPath::new("ops/_generated/render.log"),
            RepoPath::new("ops/load/evidence/run-1.json"),
            RepoPath::new("ops/gone.txt"),
        ];
        index.add_tracked(tracked.iter(), &PathGlobs::default());
        assert!(index.is_file("ops/_generated/render.log"));
        assert!(index.is_file("ops/load/evidence/run-1.json"));
        assert!(index.is_dir("ops/load/evidence"));
        assert!(!index.contains("ops/load/evidence/untracked.json"));
        assert!(!index.contains("ops/gone.txt"));
        let sorted = paths(&index);
        let mut expected = sorted.clone();
        expected.sort();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn records_symlinks_without_following_them() {
        let outside = TestRepo::new().file("secret/x", "");
        let repo = TestRepo::new()
            .file("real/f.txt", "")
            .symlink("link-dir", "real")
            .symlink("loop-a", "loop-b")
            .symlink("loop-b", "loop-a")
            .symlink("dangling", "nowhere")
            .symlink("out", outside.path().join("secret").to_str().unwrap())
            .symlink("up", "../..");
        let index = build(&repo);
        let link = |p: &str| index.get(p).unwrap().link.clone().unwrap();
        assert_eq!(link("link-dir").points_to, LinkTarget::Dir);
        assert!(!link("link-dir").escapes_root);
        assert_eq!(link("loop-a").points_to, LinkTarget::Loop);
        assert_eq!(link("dangling").points_to, LinkTarget::Dangling);
        assert!(link("out").escapes_root);
        assert!(link("up").escapes_root);
        // Nothing below a symlinked directory is walked.
        assert!(!index.contains("link-dir/f.txt"));
    }

    #[test]
    fn fifo_is_listed_not_opened() {
        let repo = TestRepo::new().dir("ops");
        let fifo = repo.path().join("ops/pipe");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this machine
        }
        let index = build(&repo);
        assert_eq!(index.get("ops/pipe").unwrap().kind, EntryKind::Other);
    }

    #[test]
    fn non_utf8_names_are_kept_lossily() {
        use std::os::unix::ffi::OsStrExt;
        let repo = TestRepo::new().dir("ops");
        let name = std::ffi::OsStr::from_bytes(b"bad-\xff.sh");
        std::fs::write(repo.path().join("ops").join(name), "").unwrap();
        let index = build(&repo);
        let entry = index.files_under("ops").next().unwrap();
        assert!(entry.lossy);
        assert_eq!(entry.path.as_str(), "ops/bad-\u{fffd}.sh");
        assert!(entry.abs(index.root()).exists());
    }

    #[test]
    fn missing_root_is_an_error() {
        let err = RepoIndex::build(Path::new("/no/such/dir"), &WalkOptions::default());
        assert!(matches!(err, Err(ModelError::RootNotFound { .. })));
    }
}
