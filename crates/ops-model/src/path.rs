//! Repository-relative paths.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// A path relative to the checked root, always `/`-separated, never starting with `/` or `./`.
///
/// Non-UTF-8 names are kept lossily (U+FFFD for the undecodable bytes): findings must be
/// printable, and the index keeps the raw [`std::path::PathBuf`] next to it for reading.
/// The empty path is the root itself.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, schemars::JsonSchema)]
#[serde(transparent)]
// The text is shared: paths are cloned into findings, make positions and per-file facts
// far more often than they are built, and a clone then allocates nothing. (A plain
// comment: a doc comment here would change the report's JSON Schema.)
pub struct RepoPath(Arc<str>);

/// Serialized as its text, like the `String` it wraps.
impl Serialize for RepoPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl RepoPath {
    /// Builds a path from `/`-separated text, dropping empty and `.` components.
    pub fn new(text: impl AsRef<str>) -> Self {
        let text = text.as_ref();
        // Nearly every path given is already in this form (the walk's, git's, the index's):
        // one copy, where rebuilding it cost three allocations and about 1,900 instructions
        // a call (callgrind, 20,000 files: 130,000 calls, 4% of the run).
        if is_normal(text) {
            return RepoPath(Arc::from(text));
        }
        let text = text.replace('\\', "/");
        let parts: Vec<&str> = text
            .split('/')
            .filter(|part| !part.is_empty() && *part != ".")
            .collect();
        RepoPath(Arc::from(parts.join("/")))
    }

    /// `text` as [`RepoPath::new`] would hold it, borrowed when it already is: for
    /// lookups, which need no path of their own.
    pub fn normal_text(text: &str) -> std::borrow::Cow<'_, str> {
        if is_normal(text) {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(RepoPath::new(text).0.to_string())
        }
    }

    /// The root of the repository (the empty path).
    pub fn root() -> Self {
        RepoPath(Arc::from(""))
    }

    /// The path, `/`-separated, empty for the root.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the root itself.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The last component (`"x.json"` for `ops/a/x.json`), empty for the root.
    pub fn file_name(&self) -> &str {
        file_name(&self.0)
    }

    /// The extension of the file name, without the dot.
    pub fn extension(&self) -> Option<&str> {
        let name = self.file_name();
        let dot = last_byte(name, b'.')?;
        (dot > 0).then(|| &name[dot + 1..])
    }

    /// The parent directory; `None` for the root.
    pub fn parent(&self) -> Option<RepoPath> {
        if self.0.is_empty() {
            return None;
        }
        Some(match last_byte(&self.0, b'/') {
            Some(i) => RepoPath(Arc::from(&self.0[..i])),
            None => RepoPath::root(),
        })
    }

    /// The strict ancestors, nearest first, without the root, borrowed from the path:
    /// `a/b/c` gives `a/b`, then `a`. (A [`RepoPath::parent`] chain allocates a string per
    /// ancestor; rules ask this of every file of the tree.)
    pub fn ancestors(&self) -> impl Iterator<Item = &str> {
        // A byte scan from the end, like `last_byte`: `rmatch_indices` set up a searcher and
        // cost about 180 instructions a step (callgrind, 20,000 files: 434,000 steps, 1.5%
        // of the run).
        let s: &str = &self.0;
        let mut end = s.len();
        std::iter::from_fn(move || {
            end = last_byte(&s[..end], b'/')?;
            Some(&s[..end])
        })
    }

    /// The path itself, then [`RepoPath::ancestors`]: what a pattern that covers a
    /// directory's whole tree is tried on. Nothing for the root.
    pub fn with_ancestors(&self) -> impl Iterator<Item = &str> {
        (!self.is_root())
            .then_some(&*self.0)
            .into_iter()
            .chain(self.ancestors())
    }

    /// The names of the directories the path lies in, innermost first: its components
    /// before the last (`a/b/c.txt` gives `b`, then `a`).
    pub fn dir_names(&self) -> impl Iterator<Item = &str> {
        // The last component of each ancestor: byte scans, for the same reason as there.
        self.ancestors()
            .map(|a| &a[last_byte(a, b'/').map_or(0, |i| i + 1)..])
    }

    /// Appends a relative component or components.
    pub fn join(&self, rest: &str) -> RepoPath {
        if self.0.is_empty() {
            RepoPath::new(rest)
        } else {
            RepoPath::new(format!("{}/{}", self.0, rest))
        }
    }

    /// Resolves `rel` against the directory `self`, lexically (no file system): `.` is
    /// dropped, `..` removes the previous component, `\\` counts as `/`. A `rel` starting with
    /// `/` is taken from the repository root. Returns `None` when a `..` would leave the
    /// root: a path outside the checked tree is never a repository path.
    ///
    /// This is the one path normaliser of ops-check: shell `source` targets, make includes,
    /// Python imports, symlink targets and `$ref`s all resolve through it.
    ///
    /// ```
    /// use ops_model::RepoPath;
    /// let dir = RepoPath::new("ops/k8s/scripts");
    /// assert_eq!(dir.resolve("../../_lib/x.sh").unwrap().as_str(), "ops/_lib/x.sh");
    /// assert_eq!(dir.resolve("/Makefile").unwrap().as_str(), "Makefile");
    /// assert!(dir.resolve("../../../../etc/passwd").is_none());
    /// ```
    pub fn resolve(&self, rel: &str) -> Option<RepoPath> {
        // Most texts resolved are plain relative paths (`lib.sh`, `k8s/scripts/x.sh`): one
        // join, where splitting and rejoining cost four allocations and about 870
        // instructions a call (callgrind, 20,000 files: 57,000 calls, 1.3% of the run).
        if !rel.is_empty() && is_normal(rel) && !rel.contains("..") {
            if self.is_root() {
                return Some(RepoPath(Arc::from(rel)));
            }
            let mut joined = String::with_capacity(self.0.len() + 1 + rel.len());
            joined.push_str(&self.0);
            joined.push('/');
            joined.push_str(rel);
            return Some(RepoPath(Arc::from(joined)));
        }
        let rel = rel.replace('\\', "/");
        let mut parts: Vec<&str> = if rel.starts_with('/') {
            Vec::new()
        } else {
            self.components().collect()
        };
        for part in rel.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                other => parts.push(other),
            }
        }
        Some(RepoPath(Arc::from(parts.join("/"))))
    }

    /// Normalises a repository-relative path lexically (see [`RepoPath::resolve`]): `None`
    /// when a `..` leaves the root.
    pub fn normalize(text: &str) -> Option<RepoPath> {
        RepoPath::root().resolve(text)
    }

    /// The components of the path.
    pub fn components(&self) -> impl Iterator<Item = &str> {
        self.0.split('/').filter(|c| !c.is_empty())
    }

    /// Number of components (0 for the root).
    pub fn depth(&self) -> usize {
        self.components().count()
    }

    /// True when `self` is `dir` or lies below it (component-wise: `ops/k8s` is not under `ops/k`).
    pub fn starts_with(&self, dir: &str) -> bool {
        is_within(&self.0, dir)
    }

    /// The path relative to `dir`, when it lies below it.
    pub fn strip_prefix(&self, dir: &str) -> Option<&str> {
        strip_dir(&self.0, dir)
    }
}

impl fmt::Display for RepoPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str(".")
        } else {
            f.write_str(&self.0)
        }
    }
}

impl fmt::Debug for RepoPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

/// [`RepoPath::file_name`] for a path held as text: what follows the last `/` (`make` for
/// `/usr/bin/make`, the whole text without one, empty after a trailing `/`), as
/// `rsplit('/').next()` gives it, without its per-call character searcher.
pub fn file_name(path: &str) -> &str {
    match last_byte(path, b'/') {
        Some(i) => &path[i + 1..],
        None => path,
    }
}

/// `path` relative to `dir` when it is `dir` (`""`) or lies below it, component-wise
/// ([`RepoPath::strip_prefix`] of a path's text).
pub fn strip_dir<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    let dir = trim_slashes(dir);
    if dir.is_empty() {
        return Some(path);
    }
    if path == dir {
        return Some("");
    }
    is_within(path, dir).then(|| &path[dir.len() + 1..])
}

/// [`RepoPath::starts_with`] for a path held as text (already normalised, as a
/// `RepoPath`'s suffix is), without building a `RepoPath`.
pub fn is_within(path: &str, dir: &str) -> bool {
    let dir = trim_slashes(dir);
    if dir.is_empty() {
        return true;
    }
    path == dir
        || (path.len() > dir.len() && path.starts_with(dir) && path.as_bytes()[dir.len()] == b'/')
}

/// A path hashes and orders as its text, so sets and maps of paths are searched by `&str`.
impl std::borrow::Borrow<str> for RepoPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for RepoPath {
    fn from(value: &str) -> Self {
        RepoPath::new(value)
    }
}

impl From<String> for RepoPath {
    fn from(value: String) -> Self {
        RepoPath::new(value)
    }
}

/// True when [`RepoPath::new`] keeps `text` as it is: no `\\`, and every `/`-separated
/// component is neither empty nor `.` (so no leading, trailing or doubled `/`).
fn is_normal(text: &str) -> bool {
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match b {
            b'\\' => return false,
            b'/' => {
                if !normal_component(&text.as_bytes()[start..i]) {
                    return false;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    text.is_empty() || normal_component(&text.as_bytes()[start..])
}

fn normal_component(part: &[u8]) -> bool {
    !part.is_empty() && part != b"."
}

/// `dir.trim_matches('/')`, without its char searcher when there is no `/` to trim (a
/// directory from the config or the tree never has one): asked for every path question of
/// every file, about 900,000 times on a 20,000-file tree.
pub(crate) fn trim_slashes(dir: &str) -> &str {
    let bytes = dir.as_bytes();
    if bytes.first() == Some(&b'/') || bytes.last() == Some(&b'/') {
        dir.trim_matches('/')
    } else {
        dir
    }
}

/// The position of the last `byte` (ASCII) in `s`, by memchr's `memrchr`: `rsplit('/')`/
/// `rfind` set up a char searcher per call (callgrind, 20,000 files: `file_name` and
/// `extension` were 250,000 and 147,000 calls at about 275 instructions each, 2% of the
/// run), and a plain byte loop from the end still cost about 5 instructions a byte over
/// every ancestor of every path (ART001/ART002's output-directory scan, 36 M).
fn last_byte(s: &str, byte: u8) -> Option<usize> {
    memchr::memrchr(byte, s.as_bytes())
}

#[cfg(test)]
#[path = "path_tests.rs"]
mod tests;
